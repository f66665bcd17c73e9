"""Legal deadlines: one entry point, :func:`deadline`, for every jurisdiction that has
deadline rules (France CPC 640-643, England and Wales pre-action periods, Germany BGB
187-193), and the French B2B payment-term caps (C. com. L441-10 I).

The rules of each country live in its package (``law/fr/deadlines.py``...), found through
the registry; this module keeps the names other modules import.

>>> from datetime import date
>>> d = fr_deadline(date(2026, 1, 31), "1 mois")
>>> d.nominal_end, d.end  # no 31 February: last day of the month, a Saturday -> Monday
(datetime.date(2026, 2, 28), datetime.date(2026, 3, 2))
>>> gb_deadline(date(2025, 3, 19), "30 days").earliest_action  # day 30 is Good Friday
datetime.date(2025, 4, 22)
>>> de_deadline(date(2026, 9, 3), "30 days").end  # day 30 is Saturday 3 October
datetime.date(2026, 10, 5)
"""

from __future__ import annotations

from datetime import date

from ..errors import BadValue
from .counting import Deadline
from .de.deadlines import de_deadline
from .fr.deadlines import fr_deadline
from .fr.terms import PaymentTerms, check_due_date, payment_terms
from .gb.deadlines import gb_deadline
from .periods import Period, Unit, add_period, add_working_days, parse_period
from .registry import canonical, jurisdiction

__all__ = [
    "Deadline",
    "PaymentTerms",
    "Period",
    "Unit",
    "add_period",
    "add_working_days",
    "check_due_date",
    "de_deadline",
    "deadline",
    "fr_deadline",
    "gb_deadline",
    "parse_period",
    "payment_terms",
]


def deadline(
    jurisdiction_code: str,
    start: date | str,
    period: Period | str,
    *,
    subdivision: str | None = None,
    distance: str | None = None,
) -> Deadline:
    """The deadline in a jurisdiction ("FR", "GB" or "DE", any case).

    ``subdivision`` is the French department or collectivity, the UK nation or the German
    Land; ``distance`` (CPC 643) exists only where the jurisdiction has it (France).

    >>> from datetime import date
    >>> deadline("fr", date(2025, 1, 31), "1 month").end
    datetime.date(2025, 2, 28)
    >>> deadline("DE", date(2026, 1, 1), "1 month", distance="abroad")
    Traceback (most recent call last):
    ...
    relance_docs.errors.BadValue: a distance extension (CPC 643) exists only in France
    """
    try:
        rules = jurisdiction(canonical(jurisdiction_code))
    except BadValue:
        rules = None
    if rules is None or rules.deadline is None:
        raise BadValue(f"unknown jurisdiction '{jurisdiction_code}': use FR, GB or DE")
    if distance is not None and not rules.distance:
        raise BadValue("a distance extension (CPC 643) exists only in France")
    return rules.deadline(start, period, subdivision=subdivision, distance=distance)
