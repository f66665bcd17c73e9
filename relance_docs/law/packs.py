"""Jurisdiction packs: the law as effective-dated data under ``rules/``.

A pack is ``rules/<CODE>/pack.yaml`` (``FR``, ``GB``, ``DE``, ``EU``). It lists its
*series*: rate tables, thresholds and fixed sums, each a list of rows that take effect on
their ``from`` date (and, for tables by period such as the taux légal, end on their
``to`` date), each with its ``source``. A series is either inline in ``pack.yaml`` or in a
file of its own (``{file: EU/ecb_mro.yaml}``), which packs may share.

Every series declares ``verified_until``: the last date its values are known to hold.
:meth:`Series.lookup` of a later date still answers with the last known row, together
with a :class:`~relance_docs.law.reasons.LawWarning` that names the series and the file
to update. Nothing is ever invented: a date before the first row is an error.

>>> fr = load_pack("FR")
>>> row, warning = fr.series["ecb_mro"].lookup(date(2025, 7, 1))
>>> row.decimal("rate"), warning
(Decimal('2.15'), None)
>>> row, warning = fr.series["ecb_mro"].lookup(date(2026, 7, 1))
>>> row.decimal("rate"), warning.file
(Decimal('2.15'), 'EU/ecb_mro.yaml')
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal, InvalidOperation
from functools import cache
from pathlib import Path
from typing import Any

from ..errors import RulesDataError
from ..resources import rules_dir
from ..yamlio import YamlDoc, load_yaml
from .periods import parse_period
from .reasons import LawWarning

__all__ = ["Pack", "Row", "Series", "available_packs", "load_pack"]


@dataclass(frozen=True, slots=True)
class Row:
    """One effective-dated row: values in force from ``start`` (to ``end`` if given)."""

    start: date
    end: date | None
    values: dict[str, Any]
    source: str
    line: int | None = None
    doubts: tuple[str, ...] = ()
    """What the research could not confirm: ``value``, ``start`` (the date it applies
    from), ``article`` (the article number), from the row's ``unconfirmed:`` key."""

    def decimal(self, key: str) -> Decimal:
        return Decimal(self.values[key])

    @property
    def unconfirmed(self) -> bool:
        """True when the value or the article it rests on is not confirmed."""
        return "value" in self.doubts or "article" in self.doubts

    @property
    def value_unconfirmed(self) -> bool:
        """True when the value itself (not its date or article number) is not confirmed."""
        return "value" in self.doubts

    @property
    def unconfirmed_start(self) -> bool:
        """True when the date the row applies from is not confirmed."""
        return "start" in self.doubts

    @property
    def basis(self) -> str:
        """The row's legal basis, for a reason: its own ``basis`` or its source's head."""
        return str(self.values.get("basis") or self.source.split(" (")[0].split(";")[0])


@dataclass(frozen=True)
class Series:
    name: str
    title: str
    file: str
    verified_until: date
    rows: tuple[Row, ...]
    _starts: list[date] = field(default_factory=list, repr=False, compare=False)

    def __post_init__(self) -> None:
        self._starts.extend(row.start for row in self.rows)

    @property
    def first_date(self) -> date:
        return self.rows[0].start

    def row_at(self, day: date) -> Row:
        """The row in force on ``day`` (the last known one past the table's end)."""
        i = bisect.bisect_right(self._starts, day) - 1
        if i < 0:
            raise RulesDataError(
                f"{self.title}: no value before {self.first_date.isoformat()} (rules/{self.file})"
            )
        row = self.rows[i]
        if row.end is not None and day > row.end and i < len(self.rows) - 1:
            raise RulesDataError(  # pragma: no cover - load() refuses gaps
                f"{self.title}: no value for {day.isoformat()} (rules/{self.file})"
            )
        return row

    def warning_for(self, day: date, row: Row) -> LawWarning | None:
        if day <= self.verified_until:
            return None
        return LawWarning(
            f"'{self.title}' is known only up to {self.verified_until.isoformat()}: for "
            f"{day.isoformat()} the last known value ({_describe(row)}, in force from "
            f"{row.start.isoformat()}) was used. Check it, then update rules/{self.file}",
            series=self.name,
            file=self.file,
            kind="stale_rate",
        )

    def lookup(self, day: date) -> tuple[Row, LawWarning | None]:
        row = self.row_at(day)
        return row, self.warning_for(day, row)


def _describe(row: Row) -> str:
    parts = [f"{k} {v}" for k, v in row.values.items() if isinstance(v, str)]
    return ", ".join(parts) or "see the file"


@dataclass(frozen=True)
class Pack:
    """A jurisdiction's data: its series and its other tables (periods, courts, forms)."""

    code: str
    name: str
    currency: str
    file: str
    series: dict[str, Series]
    data: dict[str, Any]

    def period(self, key: str) -> tuple[str, str]:
        """A fixed period of the pack, as (text, basis): ``("1 mois", "CPC 1416 al. 1")``."""
        entry = self.data["periods"][key]
        return entry["period"], entry["basis"]

    def period_unconfirmed(self, key: str) -> bool:
        """True when the period's basis marks it unconfirmed."""
        return "[UNCONFIRMED" in self.data["periods"][key]["basis"]

    def value(self, key: str, day: date | None = None) -> Row:
        """The row of series ``key`` in force on ``day`` (the last one if None or past)."""
        series = self.series[key]
        if day is None:
            return series.rows[-1]
        return series.row_at(max(day, series.first_date))

    def period_en(self, key: str) -> tuple[str, str]:
        """The same, the period in English: ``("1 month", "CPC 1416 al. 1")``."""
        text, basis = self.period(key)
        return parse_period(text).text("en"), basis


def available_packs() -> tuple[str, ...]:
    """The codes of the packs shipped under ``rules/``."""
    return tuple(sorted(p.parent.name for p in rules_dir().glob("*/pack.yaml")))


@cache
def load_pack(code: str) -> Pack:
    """Load ``rules/<code>/pack.yaml`` and its series; refuse any malformed row."""
    code = code.upper()
    root = rules_dir()
    path = root / code / "pack.yaml"
    if not path.is_file():
        raise RulesDataError(
            f"no rules for jurisdiction '{code}' (available: {', '.join(available_packs())})"
        )
    doc = load_yaml(path, error=RulesDataError)
    label = f"{code}/pack.yaml"
    series: dict[str, Series] = {}
    for name, spec in (doc.data.get("series") or {}).items():
        if isinstance(spec, dict) and set(spec) == {"file"}:
            series[name] = _load_series_file(root, spec["file"])
        else:
            series[name] = _series_from(doc, ("series", name), spec, name, label)
    data = {k: v for k, v in doc.data.items() if k != "series"}
    return Pack(
        code=code,
        name=str(doc.data.get("name") or code),
        currency=str(doc.data.get("currency") or ""),
        file=label,
        series=series,
        data=data,
    )


@cache
def _load_series_file(root: Path, relative: str) -> Series:
    doc = load_yaml(root / relative, error=RulesDataError)
    name = doc.data.get("series")
    if not name:
        raise RulesDataError("missing 'series:' name", location=f"rules/{relative}")
    return _series_from(doc, (), doc.data, str(name), relative)


def _series_from(doc: YamlDoc, path: tuple[str, ...], spec: Any, name: str, label: str) -> Series:
    def fail(message: str, *keys: str) -> RulesDataError:
        line = doc.line(*path, *keys) or doc.line(*path)
        where = f"rules/{label}:{line}" if line else f"rules/{label}"
        return RulesDataError(f"series '{name}': {message}", location=where)

    if not isinstance(spec, dict):
        raise fail("must be a mapping with title, verified_until and rows")
    verified = _date(spec.get("verified_until"))
    if verified is None:
        raise fail("needs 'verified_until: YYYY-MM-DD'", "verified_until")
    raw_rows = spec.get("rows")
    if not raw_rows or not isinstance(raw_rows, list):
        raise fail("needs at least one row", "rows")
    rows: list[Row] = []
    for i, raw in enumerate(raw_rows):
        key = str(i)
        if not isinstance(raw, dict):
            raise fail(f"row {i + 1} must be a mapping", "rows", key)
        start, end = _date(raw.get("from")), _date(raw.get("to"))
        if start is None:
            raise fail(f"row {i + 1} needs 'from: YYYY-MM-DD'", "rows", key)
        if not str(raw.get("source") or "").strip():
            raise fail(f"row {i + 1} ({start}) has no source", "rows", key)
        if end is not None and end < start:
            raise fail(f"row {i + 1} ends before it starts", "rows", key)
        values = {k: v for k, v in raw.items() if k not in {"from", "to", "source", "unconfirmed"}}
        doubts = raw.get("unconfirmed") or []
        doubts = [doubts] if isinstance(doubts, str) else list(doubts)
        if set(doubts) - {"value", "start", "article"}:
            raise fail(
                f"row {i + 1}: unconfirmed lists value, start or article, not {doubts}",
                "rows",
                key,
            )
        if "[UNCONFIRMED" in str(raw.get("source")) and not doubts:
            raise fail(
                f"row {i + 1}: its source has [UNCONFIRMED]: say what with 'unconfirmed: "
                "[value | start | article]'",
                "rows",
                key,
            )
        for k, v in values.items():
            if isinstance(v, str) and k not in {"note", "basis"}:
                try:
                    Decimal(v)
                except InvalidOperation:
                    raise fail(f"row {i + 1}: {k} '{v}' is not a number", "rows", key) from None
        if rows:
            prev = rows[-1]
            if start <= prev.start:
                raise fail(f"row {i + 1} ({start}) is not after the row before", "rows", key)
            if prev.end is not None and start != prev.end + timedelta(days=1):
                gap = "overlaps" if start <= prev.end else "leaves a gap after"
                raise fail(f"row {i + 1} ({start}) {gap} the row before", "rows", key)
        rows.append(
            Row(
                start,
                end,
                values,
                str(raw["source"]).strip(),
                doc.line(*path, "rows", key),
                tuple(doubts),
            )
        )
    return Series(
        name=name,
        title=str(spec.get("title") or name),
        file=label,
        verified_until=verified,
        rows=tuple(rows),
    )


def _date(value: Any) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        return None
