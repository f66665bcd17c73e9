"""Sources: turn a ledger file (CSV, XLSX, JSON) into raw tables of cells with line numbers.

Nothing here knows what an invoice is; :mod:`relance_docs.intake.ledger` does. A reader
never raises on bad content: it returns the tables it could read and the problems it
met (an empty file, binary data, a damaged workbook, invalid JSON).
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..model import Problem
from .columns import known_header_count, normalise
from .limits import DEFAULT_LIMITS, Limits, number, too_big, too_many_rows

__all__ = ["RawTable", "ReadOptions", "read_tables"]

TABLE_KINDS = ("invoices", "debtors", "payments")

# Sheet names (XLSX) and keys (JSON) that say what a table holds.
_TABLE_NAMES = {
    "invoices": {
        "factures",
        "facture",
        "invoices",
        "invoice",
        "ledger",
        "grand livre",
        "releve",
        "echeancier",
        "balance agee",
        "encours",
        "creances",
        "sales ledger",
        "aged debt",
    },
    "debtors": {"clients", "client", "debiteurs", "debtors", "customers", "tiers"},
    "payments": {
        "reglements",
        "paiements",
        "payments",
        "encaissements",
        "receipts",
        "remittances",
    },
}

_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_DELIMITERS = (";", ",", "\t")
_DELIMITER_NAMES = {";": "semicolon", ",": "comma", "\t": "tab", "|": "pipe"}


@dataclass(frozen=True)
class ReadOptions:
    """What the user's mapping file may force (otherwise detected)."""

    encoding: str | None = None
    delimiter: str | None = None
    sheet: str | None = None
    limits: Limits = DEFAULT_LIMITS


@dataclass
class RawTable:
    """A table as read: headers, and rows of cells each with the line it came from."""

    label: str
    kind: str
    fmt: str
    headers: list[str]
    header_line: int
    rows: list[tuple[int, list[object]]] = field(default_factory=list)
    encoding: str | None = None
    delimiter: str | None = None
    base_dir: Path | None = None
    rejected_rows: int = 0
    """Rows that could not even be split into cells (already reported)."""

    def describe(self) -> str:
        bits = [self.fmt]
        if self.encoding:
            bits.append(self.encoding)
        if self.delimiter:
            bits.append(f"{_DELIMITER_NAMES.get(self.delimiter, self.delimiter)}-separated")
        return ", ".join(bits)


def _problem(label: str, line: int | None, message: str) -> Problem:
    return Problem(file=label, line=line, message=message)


def read_tables(
    path: Path, kind: str, label: str, options: ReadOptions
) -> tuple[list[RawTable], list[Problem]]:
    """Read ``path``; ``kind`` is the table a single-table file (CSV) holds."""
    suffix = path.suffix.lower()
    try:
        size = path.stat().st_size
        with path.open("rb") as fh:
            head = fh.read(65536)
    except FileNotFoundError:
        return [], [_problem(label, None, "file not found")]
    except IsADirectoryError:
        return [], [_problem(label, None, "is a folder, not a ledger file")]
    except OSError as exc:
        return [], [_problem(label, None, f"cannot be read ({exc.strerror})")]
    if not head.strip() and size <= len(head):
        return [], [_problem(label, None, "the file is empty")]
    if suffix in {".xls", ".ods", ".numbers"}:
        return [], [
            _problem(label, None, f"{suffix} files are not read: save the sheet as .xlsx or CSV")
        ]
    if (suffix in {".xlsx", ".xlsm", ".json"}) and size > options.limits.max_unpacked_bytes:
        return [], [_problem(label, None, too_big(size, options.limits, "the file is"))]
    if suffix in {".xlsx", ".xlsm"}:
        from .workbook import read_xlsx

        return read_xlsx(path, path.read_bytes(), kind, label, options)
    if suffix == ".json":
        from .jsonfile import read_json

        return read_json(path, path.read_bytes(), kind, label, options.limits.max_rows)
    if head.startswith(b"PK\x03\x04"):
        return [], [_problem(label, None, "is a zip or Excel workbook, not CSV: name it .xlsx")]
    return _read_csv(path, head, kind, label, options)


# ---------------------------------------------------------------- CSV

_CHUNK = 1 << 20


def _decodes(path: Path, encoding: str) -> bool:
    """Whether the whole file decodes, read in chunks (memory stays flat)."""
    decoder = codecs.getincrementaldecoder(encoding)()
    try:
        with path.open("rb") as fh:
            while chunk := fh.read(_CHUNK):
                decoder.decode(chunk)
            decoder.decode(b"", final=True)
    except (UnicodeDecodeError, LookupError):
        return False
    return True


def _encoding(path: Path, head: bytes, forced: str | None) -> tuple[str, str] | str:
    """(codec, name shown) or an error message; the file is streamed, never loaded."""
    if forced:
        if _decodes(path, forced):
            return forced, forced
        return f"cannot be decoded as {forced}"
    if head.startswith(codecs.BOM_UTF8):
        if _decodes(path, "utf-8"):
            return "utf-8-sig", "UTF-8 with BOM"
        return "starts with a UTF-8 mark but is not UTF-8"
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        if _decodes(path, "utf-16"):
            return "utf-16", "UTF-16"
        return "starts with a UTF-16 mark but is not UTF-16"
    if b"\x00" in head:
        return "is not a text file (it contains binary data)"
    if _decodes(path, "utf-8"):
        return "utf-8", "UTF-8"
    if _decodes(path, "cp1252"):
        return "cp1252", "Windows-1252"
    return (
        "is neither UTF-8 nor Windows-1252 text "
        "(save it as CSV UTF-8, or name its encoding in --mapping)"
    )


class _LineTooLong(Exception):
    def __init__(self, line: int) -> None:
        self.line = line


def capped_lines(stream: io.TextIOBase, cap: int):
    """The stream's lines, refusing one longer than ``cap`` characters without reading it
    whole (a 1 GB line costs 1 MB)."""
    n = 0
    while True:
        line = stream.readline(cap + 1)
        if not line:
            return
        n += 1
        if len(line) > cap and not line.endswith(("\n", "\r")):
            raise _LineTooLong(n)
        yield line


def _pick_header(rows: list[tuple[int, list[str]]]) -> int:
    """Index of the header among the first non-blank rows (title lines may precede it)."""
    best, best_score = 0, 0
    for i, (_, cells) in enumerate(rows[:10]):
        score = known_header_count(cells)
        if score > best_score:
            best, best_score = i, score
    return best


def _sample_rows(sample: str, delimiter: str) -> list[tuple[int, list[str]]]:
    reader = csv.reader(io.StringIO(sample), delimiter=delimiter)
    out: list[tuple[int, list[str]]] = []
    try:
        for cells in reader:
            if any(c.strip() for c in cells):
                out.append((reader.line_num, cells))
    except csv.Error:
        pass
    return out


def _detect_delimiter(sample: str) -> str:
    def score(delimiter: str) -> tuple[int, int, int]:
        rows = _sample_rows(sample, delimiter)
        if not rows:
            return (0, 0, 0)
        header = rows[_pick_header(rows)][1]
        width = len(header)
        consistent = sum(1 for _, cells in rows if len(cells) == width)
        return (known_header_count(header), consistent if width > 1 else 0, width)

    return max(_DELIMITERS, key=score)


def _read_csv(
    path: Path, head: bytes, kind: str, label: str, options: ReadOptions
) -> tuple[list[RawTable], list[Problem]]:
    found = _encoding(path, head, options.encoding)
    if isinstance(found, str):
        return [], [_problem(label, None, found)]
    codec, encoding = found
    limits = options.limits
    try:
        with path.open("rb") as raw, io.TextIOWrapper(raw, codec, newline="") as text:
            sample_lines = []
            for line in capped_lines(text, limits.max_line_chars):
                sample_lines.append(line)
                if len(sample_lines) >= 60:
                    break
            sample = "".join(sample_lines)
            if len(_CONTROL_RE.findall(sample[:65536])) > 8:
                return [], [_problem(label, None, "is not a text file (it contains binary data)")]
            delimiter = options.delimiter or _detect_delimiter(sample)
            raw.seek(0)
            text = io.TextIOWrapper(raw, codec, newline="")
            return _csv_rows(path, text, kind, label, encoding, delimiter, limits)
    except _LineTooLong as exc:
        return [], [
            _problem(
                label,
                exc.line,
                f"the line is longer than {number(limits.max_line_chars)} characters: not a "
                "ledger line (is it the right file?)",
            )
        ]


def _cap_cells(cells: list[str], line: int, label: str, limits: Limits, problems: list) -> None:
    for i, cell in enumerate(cells):
        if len(cell) > limits.max_cell_chars:
            problems.append(
                _problem(
                    label,
                    line,
                    f"column {i + 1} holds {number(len(cell))} characters, over the limit of "
                    f"{number(limits.max_cell_chars)} for a cell",
                )
            )
            cells[i] = ""


def _csv_rows(path, text, kind, label, encoding, delimiter, limits):
    reader = csv.reader(capped_lines(text, limits.max_line_chars), delimiter=delimiter)
    rows: list[tuple[int, list[str]]] = []
    problems: list[Problem] = []
    line = 1
    try:
        for cells in reader:
            if "".join(cells).strip():
                if len(rows) > limits.max_rows:
                    return [], [_problem(label, line, too_many_rows(limits))]
                if len(cells) > limits.max_columns:
                    return [], [
                        _problem(
                            label,
                            line,
                            f"has {len(cells)} cells, over the limit of {limits.max_columns} "
                            "columns",
                        )
                    ]
                if max(map(len, cells)) > limits.max_cell_chars:  # rare: the loop only then
                    _cap_cells(cells, line, label, limits, problems)
                rows.append((line, cells))
            line = reader.line_num + 1
    except csv.Error as exc:
        if "field larger than field limit" in str(exc):
            message = "a cell is larger than the field limit (is a quote unclosed?)"
        else:
            message = f"malformed CSV ({exc}); is a quote unclosed?"
        problems.append(_problem(label, line, message))
        return [], problems
    if not rows:
        return [], [_problem(label, None, "the file has no rows")]
    h = _pick_header(rows)
    header_line, headers = rows[h]
    table = RawTable(
        label=label,
        kind=kind,
        fmt="CSV",
        headers=[c.strip() for c in headers],
        header_line=header_line,
        encoding=encoding,
        delimiter=delimiter,
        base_dir=path.parent,
    )
    width = len(headers)
    for line_no, cells in rows[h + 1 :]:
        if len(cells) > width:
            extra = [c for c in cells[width:] if c.strip()]
            if extra:
                problems.append(
                    _problem(
                        label,
                        line_no,
                        f"has {len(cells)} cells but the header has {width} "
                        f"(an unquoted {_DELIMITER_NAMES.get(delimiter, delimiter)} inside a "
                        "value?)",
                    )
                )
                table.rejected_rows += 1
                continue
            cells = cells[:width]
        elif len(cells) < width:
            cells = cells + [""] * (width - len(cells))
        table.rows.append((line_no, list(cells)))
    return [table], problems


def _table_kind_of_name(name: str) -> str | None:
    folded = normalise(name)
    for table_kind, names in _TABLE_NAMES.items():
        if folded in names:
            return table_kind
    return None
