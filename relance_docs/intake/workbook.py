"""XLSX workbooks, streamed: the sheets' cells with their row numbers, and the caps that
keep a small hostile workbook from taking gigabytes (see :mod:`.limits`)."""

from __future__ import annotations

import io
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

from ..model import Problem
from .limits import Limits, number, too_big, too_many_rows
from .sources import RawTable, ReadOptions, _pick_header, _problem, _table_kind_of_name

__all__ = ["NoSavedValue", "read_xlsx"]


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


def read_xlsx(
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
