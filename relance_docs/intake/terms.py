"""Payment terms: days after the invoice date, or to the end of that month, for sources
that carry no due date (the FEC); per debtor in a ``--terms`` file."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from ..errors import MappingError
from ..yamlio import load_yaml

__all__ = ["Terms", "load_terms"]

_TERMS_RE = re.compile(
    r"^(\d{1,3})\s*(?:j(?:ours)?|d(?:ays)?)?\s*(fin de mois|end of month|fdm|eom)?$", re.I
)


@dataclass(frozen=True)
class Terms:
    """Payment terms: days after the invoice date, then to the month's end if said."""

    days: int
    end_of_month: bool = False
    source: str = ""

    def due(self, issued: date) -> date:
        due = issued + timedelta(days=self.days)
        if self.end_of_month:
            due = due.replace(day=calendar.monthrange(due.year, due.month)[1])
        return due

    def __str__(self) -> str:
        return f"{self.days} days" + (" end of month" if self.end_of_month else "")


def _parse_terms(value: object) -> Terms | None:
    m = _TERMS_RE.match(str(value).strip())
    if not m or int(m.group(1)) > 365:
        return None
    return Terms(int(m.group(1)), bool(m.group(2)))


def load_terms(path: Path | str) -> dict[str, Terms]:
    """Per-debtor payment terms: ``C002: 60`` or ``C001: 45 fin de mois``."""
    doc = load_yaml(Path(path), MappingError)
    out: dict[str, Terms] = {}
    for key, value in doc.data.items():
        terms = _parse_terms(value)
        if terms is None:
            raise MappingError(
                f"'{key}': \"{value}\" is not payment terms (write 30, 60 or 45 fin de mois)",
                location=doc.where(key),
            )
        out[str(key)] = Terms(terms.days, terms.end_of_month, doc.where(key))
    return out
