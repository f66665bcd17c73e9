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
        return _read_xlsx(path, path.read_bytes(), kind, label, options)
    if suffix == ".json":
        return _read_json(path, path.read_bytes(), kind, label, options.limits.max_rows)
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
                for i, cell in enumerate(cells):
                    if len(cell) > limits.max_cell_chars:
                        problems.append(
                            _problem(
                                label,
                                line,
                                f"column {i + 1} holds {number(len(cell))} characters, over "
                                f"the limit of {number(limits.max_cell_chars)} for a cell",
                            )
                        )
                        cells[i] = ""
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


# ---------------------------------------------------------------- XLSX


def _xlsx_cell(value: object) -> object:
    if value is None or isinstance(value, str | bool | Decimal | NoSavedValue):
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


class NoSavedValue:
    """A formula cell saved without its value (a file written by a program, never opened
    in a spreadsheet): reported when its column is used, never read as blank."""

    __slots__ = ("coordinate", "formula")

    def __init__(self, coordinate: str, formula: str) -> None:
        self.coordinate, self.formula = coordinate, formula


def _unpacked_size(data: bytes, label: str, limits: Limits) -> Problem | None:
    """Refuse a workbook whose parts unpack past the limit, before anything is unpacked
    (an 820 KB file can hold an 800 MB cell)."""
    import zipfile

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            infos = zf.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return None  # openpyxl reports the damage in its own words below
    if len(infos) > 10_000:
        return _problem(label, None, f"holds {len(infos)} parts: not a workbook")
    total = sum(i.file_size for i in infos)
    if total > limits.max_unpacked_bytes:
        return _problem(label, None, too_big(total, limits, "the workbook unpacks to"))
    return None


def _sheet_rows(workbook, name: str, label: str, limits: Limits, problems: list[Problem]):
    """(row number, cells) of one sheet, streamed: the sheet's declared size (A1:XFD1048576)
    is never trusted, columns and rows past the limits stop the reading."""
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet._reader import FORMULA_TAG, WorkSheetParser

    class Parser(WorkSheetParser):
        def parse_cell(self, element):
            cell = super().parse_cell(element)
            if cell["value"] is None and element.find(FORMULA_TAG) is not None:
                coordinate = element.get("r") or (
                    f"{get_column_letter(cell['column'])}{cell['row']}"
                )
                cell["value"] = NoSavedValue(coordinate, element.findtext(FORMULA_TAG) or "")
            return cell

    sheet = workbook[name]
    rows: list[tuple[int, list[object]]] = []
    with sheet._get_source() as src:
        parser = Parser(
            src,
            sheet._shared_strings,
            data_only=True,
            epoch=workbook.epoch,
            date_formats=workbook._date_formats,
            timedelta_formats=workbook._timedelta_formats,
        )
        for index, cells in parser.parse():
            if index > limits.max_rows + 100:
                problems.append(_problem(label, index, too_many_rows(limits)))
                return None
            values: dict[int, object] = {}
            for cell in cells:
                column, value = cell["column"], cell["value"]
                if value is None or value == "":
                    continue
                if column > limits.max_columns:
                    problems.append(
                        _problem(
                            label,
                            index,
                            f"cell {get_column_letter(column)}{index} is past column "
                            f"{get_column_letter(limits.max_columns)}, the limit",
                        )
                    )
                    return None
                if isinstance(value, str) and len(value) > limits.max_cell_chars:
                    problems.append(
                        _problem(
                            label,
                            index,
                            f"cell {get_column_letter(column)}{index} holds "
                            f"{number(len(value))} characters, over the limit of "
                            f"{number(limits.max_cell_chars)}",
                        )
                    )
                    value = ""
                values[column] = value
            if values:
                width = max(values)
                rows.append((index, [_xlsx_cell(values.get(c)) for c in range(1, width + 1)]))
    return rows


def _read_xlsx(
    path: Path, data: bytes, kind: str, label: str, options: ReadOptions
) -> tuple[list[RawTable], list[Problem]]:
    import openpyxl  # imported here: only XLSX ledgers pay for it

    too_large = _unpacked_size(data, label, options.limits)
    if too_large is not None:
        return [], [too_large]
    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:
        return [], [
            _problem(label, None, "is not a readable .xlsx workbook (damaged or truncated?)")
        ]
    try:
        names = list(workbook.sheetnames)
        if not names:
            return [], [_problem(label, None, "the workbook has no sheet")]
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
                rows = _sheet_rows(workbook, name, sheet_label, options.limits, problems)
            except Exception:
                problems.append(
                    _problem(sheet_label, None, "the sheet cannot be read (damaged workbook?)")
                )
                continue
            if rows is None:
                continue
            rows = [(i, cells) for i, cells in rows if any(_filled(c) for c in cells)]
            if not rows:
                problems.append(_problem(sheet_label, None, "the sheet is empty"))
                continue
            h = _pick_header([(i, [_header_text(c) for c in cells]) for i, cells in rows])
            header_line, header_cells = rows[h]
            headers = [_header_text(c).strip() for c in header_cells]
            for c in header_cells:
                if isinstance(c, NoSavedValue):
                    problems.append(
                        _problem(
                            sheet_label,
                            header_line,
                            f"cell {c.coordinate} is a header written as a formula with no "
                            "saved value: type the header",
                        )
                    )
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


def _header_text(cell: object) -> str:
    if cell is None or isinstance(cell, NoSavedValue):
        return ""
    return str(cell)


def _filled(value: object) -> bool:
    if isinstance(value, NoSavedValue):
        return True
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
    text: str, pos: int, decoder: json.JSONDecoder, max_rows: int = DEFAULT_LIMITS.max_rows
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
        if len(items) > max_rows:
            raise _JSONScanError(f"the list {too_many_rows(Limits(max_rows=max_rows))}", start)
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
    path: Path, data: bytes, kind: str, label: str, max_rows: int = DEFAULT_LIMITS.max_rows
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
            found[kind], pos = _scan_array(text, pos, decoder, max_rows)
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
                    found[table_kind], pos = _scan_array(text, pos, decoder, max_rows)
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
    except RecursionError:
        return [], [_problem(label, None, "invalid JSON: nested too deep for a ledger")]
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
