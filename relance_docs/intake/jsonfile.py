"""JSON ledgers: a list of invoice objects, or an object of invoices, debtors and payments
lists, each item with the line where it starts."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

from ..model import Problem, Severity
from .limits import DEFAULT_LIMITS, Limits, too_many_rows
from .sources import RawTable, _problem, _table_kind_of_name

__all__ = ["read_json"]


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


def read_json(
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
