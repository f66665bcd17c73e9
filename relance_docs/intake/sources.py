"""Sources: turn a ledger file (CSV, XLSX, JSON) into raw tables of cells with line numbers.

Nothing here knows what an invoice is; :mod:`relance_docs.intake.ledger` does. A reader
never raises on bad content: it returns the tables it could read and the problems it
met (an empty file, binary data, a damaged workbook, invalid JSON).
"""

from __future__ import annotations

import codecs
import csv
import io
import json
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

from ..model import Problem, Severity
from .columns import known_header_count, normalise

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
_DELIMITER_NAMES = {";": "semicolon", ",": "comma", "\t": "tab"}


@dataclass(frozen=True)
class ReadOptions:
    """What the user's mapping file may force (otherwise detected)."""

    encoding: str | None = None
    delimiter: str | None = None
    sheet: str | None = None


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
            bits.append(f"{_DELIMITER_NAMES[self.delimiter]}-separated")
        return ", ".join(bits)


def _problem(label: str, line: int | None, message: str) -> Problem:
    return Problem(file=label, line=line, message=message)


def read_tables(
    path: Path, kind: str, label: str, options: ReadOptions
) -> tuple[list[RawTable], list[Problem]]:
    """Read ``path``; ``kind`` is the table a single-table file (CSV) holds."""
    suffix = path.suffix.lower()
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return [], [_problem(label, None, "file not found")]
    except IsADirectoryError:
        return [], [_problem(label, None, "is a folder, not a ledger file")]
    except OSError as exc:
        return [], [_problem(label, None, f"cannot be read ({exc.strerror})")]
    if not data.strip():
        return [], [_problem(label, None, "the file is empty")]
    if suffix in {".xls", ".ods", ".numbers"}:
        return [], [
            _problem(label, None, f"{suffix} files are not read: save the sheet as .xlsx or CSV")
        ]
    if suffix in {".xlsx", ".xlsm"}:
        return _read_xlsx(path, data, kind, label, options)
    if suffix == ".json":
        return _read_json(path, data, kind, label)
    if data.startswith(b"PK\x03\x04"):
        return [], [_problem(label, None, "is a zip or Excel workbook, not CSV: name it .xlsx")]
    return _read_csv(path, data, kind, label, options)


# ---------------------------------------------------------------- CSV


def _decode(data: bytes, forced: str | None) -> tuple[str, str] | str:
    """(text, encoding) or an error message."""
    if forced:
        try:
            return data.decode(forced), forced
        except (UnicodeDecodeError, LookupError) as exc:
            return f"cannot be decoded as {forced} ({exc.__class__.__name__})"
    if data.startswith(codecs.BOM_UTF8):
        try:
            return data[3:].decode("utf-8"), "UTF-8 with BOM"
        except UnicodeDecodeError:
            return "starts with a UTF-8 mark but is not UTF-8"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16"), "UTF-16"
        except UnicodeDecodeError:
            return "starts with a UTF-16 mark but is not UTF-16"
    if b"\x00" in data[:65536]:
        return "is not a text file (it contains binary data)"
    try:
        return data.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "Windows-1252"
    except UnicodeDecodeError:
        return (
            "is neither UTF-8 nor Windows-1252 text "
            "(save it as CSV UTF-8, or name its encoding in --mapping)"
        )


def _pick_header(rows: list[tuple[int, list[str]]]) -> int:
    """Index of the header among the first non-blank rows (title lines may precede it)."""
    best, best_score = 0, 0
    for i, (_, cells) in enumerate(rows[:10]):
        score = known_header_count(cells)
        if score > best_score:
            best, best_score = i, score
    return best


def _sample_rows(text: str, delimiter: str) -> list[tuple[int, list[str]]]:
    sample = "\n".join(text.splitlines()[:60])
    reader = csv.reader(io.StringIO(sample), delimiter=delimiter)
    out: list[tuple[int, list[str]]] = []
    try:
        for cells in reader:
            if any(c.strip() for c in cells):
                out.append((reader.line_num, cells))
    except csv.Error:
        pass
    return out


def _detect_delimiter(text: str) -> str:
    def score(delimiter: str) -> tuple[int, int, int]:
        rows = _sample_rows(text, delimiter)
        if not rows:
            return (0, 0, 0)
        header = rows[_pick_header(rows)][1]
        width = len(header)
        consistent = sum(1 for _, cells in rows if len(cells) == width)
        return (known_header_count(header), consistent if width > 1 else 0, width)

    return max(_DELIMITERS, key=score)


def _read_csv(
    path: Path, data: bytes, kind: str, label: str, options: ReadOptions
) -> tuple[list[RawTable], list[Problem]]:
    decoded = _decode(data, options.encoding)
    if isinstance(decoded, str):
        return [], [_problem(label, None, decoded)]
    text, encoding = decoded
    if len(_CONTROL_RE.findall(text[:65536])) > 8:
        return [], [_problem(label, None, "is not a text file (it contains binary data)")]
    delimiter = options.delimiter or _detect_delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows: list[tuple[int, list[str]]] = []
    problems: list[Problem] = []
    line = 1
    try:
        for cells in reader:
            if "".join(cells).strip():
                rows.append((line, cells))
            line = reader.line_num + 1
    except csv.Error as exc:
        problems.append(_problem(label, line, f"malformed CSV ({exc}); is a quote unclosed?"))
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
                        f"(an unquoted {_DELIMITER_NAMES[delimiter]} inside a value?)",
                    )
                )
                table.rejected_rows += 1
                continue
            cells = cells[:width]
        elif len(cells) < width:
            cells = cells + [""] * (width - len(cells))
        table.rows.append((line_no, list(cells)))
    return [table], problems


# ---------------------------------------------------------------- XLSX


def _xlsx_cell(value: object) -> object:
    if value is None or isinstance(value, str | bool | Decimal):
        return value
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        if value.is_integer():
            return Decimal(int(value))
        # Spreadsheet floats carry binary noise (1234.5600000000002): 9 decimals is far
        # below a cent and far above that noise.
        return Decimal(repr(round(value, 9)))
    return str(value)


def _table_kind_of_name(name: str) -> str | None:
    folded = normalise(name)
    for table_kind, names in _TABLE_NAMES.items():
        if folded in names:
            return table_kind
    return None


def _read_xlsx(
    path: Path, data: bytes, kind: str, label: str, options: ReadOptions
) -> tuple[list[RawTable], list[Problem]]:
    import openpyxl  # imported here: only XLSX ledgers pay for it

    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:
        return [], [
            _problem(label, None, "is not a readable .xlsx workbook (damaged or truncated?)")
        ]
    try:
        names = list(workbook.sheetnames)
        chosen: dict[str, str] = {}
        if options.sheet:
            if options.sheet not in names:
                return [], [
                    _problem(
                        label,
                        None,
                        f'has no sheet "{options.sheet}" (sheets: {", ".join(names)})',
                    )
                ]
            chosen[kind] = options.sheet
        for name in names:
            table_kind = _table_kind_of_name(name)
            if table_kind and table_kind not in chosen and name not in chosen.values():
                chosen[table_kind] = name
        if kind not in chosen:
            free = [n for n in names if n not in chosen.values()]
            chosen[kind] = free[0] if free else names[0]
        tables, problems = [], []
        for table_kind, name in chosen.items():
            sheet_label = label if len(chosen) == 1 else f"{label}[{name}]"
            try:
                raw = [
                    (i, [_xlsx_cell(v) for v in values])
                    for i, values in enumerate(
                        workbook[name].iter_rows(min_row=1, values_only=True), start=1
                    )
                ]
            except Exception:
                problems.append(
                    _problem(sheet_label, None, "the sheet cannot be read (damaged workbook?)")
                )
                continue
            rows = [(i, cells) for i, cells in raw if any(_filled(c) for c in cells)]
            if not rows:
                problems.append(_problem(sheet_label, None, "the sheet is empty"))
                continue
            h = _pick_header([(i, [str(c or "") for c in cells]) for i, cells in rows])
            header_line, header_cells = rows[h]
            headers = [str(c).strip() if c is not None else "" for c in header_cells]
            while headers and not headers[-1]:
                headers.pop()
            width = len(headers)
            table = RawTable(
                label=sheet_label,
                kind=table_kind,
                fmt=f"XLSX sheet {name}",
                headers=headers,
                header_line=header_line,
                base_dir=path.parent,
            )
            for line_no, cells in rows[h + 1 :]:
                if len(cells) < width:
                    cells = cells + [None] * (width - len(cells))
                elif any(_filled(c) for c in cells[width:]):
                    problems.append(
                        _problem(sheet_label, line_no, "has values in columns with no header")
                    )
                table.rows.append((line_no, cells[:width]))
            tables.append(table)
        return tables, problems
    finally:
        workbook.close()


def _filled(value: object) -> bool:
    return value is not None and (not isinstance(value, str) or bool(value.strip()))


# ---------------------------------------------------------------- JSON

_WS = " \t\n\r"


class _JSONScanError(ValueError):
    def __init__(self, message: str, pos: int) -> None:
        super().__init__(message)
        self.pos = pos


def _skip_ws(text: str, pos: int) -> int:
    while pos < len(text) and text[pos] in _WS:
        pos += 1
    return pos


def _scan_array(
    text: str, pos: int, decoder: json.JSONDecoder
) -> tuple[list[tuple[int, object]], int]:
    """Items of the JSON array starting at ``pos``, each with its starting offset."""
    items: list[tuple[int, object]] = []
    pos = _skip_ws(text, pos + 1)
    if pos < len(text) and text[pos] == "]":
        return items, pos + 1
    while True:
        start = pos
        value, pos = decoder.raw_decode(text, pos)
        items.append((start, value))
        pos = _skip_ws(text, pos)
        if pos < len(text) and text[pos] == ",":
            pos = _skip_ws(text, pos + 1)
            continue
        if pos < len(text) and text[pos] == "]":
            return items, pos + 1
        raise _JSONScanError("expected ',' or ']'", pos)


def _line_of(text: str, pos: int) -> int:
    return text.count("\n", 0, pos) + 1


def _read_json(
    path: Path, data: bytes, kind: str, label: str
) -> tuple[list[RawTable], list[Problem]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return [], [_problem(label, None, "is not UTF-8 text (JSON must be UTF-8)")]
    decoder = json.JSONDecoder(parse_float=Decimal, parse_int=Decimal)
    found: dict[str, list[tuple[int, object]]] = {}
    problems: list[Problem] = []
    try:
        pos = _skip_ws(text, 0)
        if pos < len(text) and text[pos] == "[":
            found[kind], pos = _scan_array(text, pos, decoder)
        elif pos < len(text) and text[pos] == "{":
            pos = _skip_ws(text, pos + 1)
            while pos < len(text) and text[pos] != "}":
                key_pos = pos
                key, pos = decoder.raw_decode(text, pos)
                pos = _skip_ws(text, pos)
                if not isinstance(key, str) or text[pos : pos + 1] != ":":
                    raise _JSONScanError("expected a key and ':'", pos)
                pos = _skip_ws(text, pos + 1)
                table_kind = _table_kind_of_name(key) if isinstance(key, str) else None
                if table_kind and text[pos : pos + 1] == "[":
                    found[table_kind], pos = _scan_array(text, pos, decoder)
                else:
                    _, pos = decoder.raw_decode(text, pos)
                    problems.append(
                        Problem(
                            label,
                            _line_of(text, key_pos),
                            f'key "{key}" is not used (expected invoices, debtors, payments)',
                            severity=Severity.WARNING,
                        )
                    )
                pos = _skip_ws(text, pos)
                if text[pos : pos + 1] == ",":
                    pos = _skip_ws(text, pos + 1)
            pos += 1
        else:
            raise _JSONScanError("expected a list of invoices or an object", pos)
        if _skip_ws(text, pos) < len(text):
            raise _JSONScanError("unexpected text after the JSON value", _skip_ws(text, pos))
    except json.JSONDecodeError as exc:
        return [], [_problem(label, exc.lineno, f"invalid JSON: {exc.msg}")]
    except _JSONScanError as exc:
        return [], [_problem(label, _line_of(text, exc.pos), f"invalid JSON: {exc}")]
    if not found:
        return [], [*problems, _problem(label, None, "holds no invoices")]
    tables: list[RawTable] = []
    for table_kind, items in found.items():
        headers: list[str] = []
        seen: set[str] = set()
        for _, item in items:
            if isinstance(item, dict):
                for k in item:
                    if k not in seen:
                        seen.add(k)
                        headers.append(k)
        table = RawTable(
            label=label,
            kind=table_kind,
            fmt="JSON",
            headers=headers,
            header_line=1,
            encoding="UTF-8",
            base_dir=path.parent,
        )
        last_pos, last_line = 0, 1
        for start, item in items:
            last_line += text.count("\n", last_pos, start)
            last_pos = start
            if not isinstance(item, dict):
                problems.append(_problem(label, last_line, f"{table_kind} item is not an object"))
                continue
            cells: list[object] = []
            for k in headers:
                value = item.get(k)
                if isinstance(value, list) and all(isinstance(v, str) for v in value):
                    value = "\n".join(value)
                elif isinstance(value, dict | list):
                    problems.append(
                        _problem(label, last_line, f'"{k}" holds a nested value, not text')
                    )
                    value = None
                cells.append(value)
            table.rows.append((last_line, cells))
        tables.append(table)
    return tables, problems
