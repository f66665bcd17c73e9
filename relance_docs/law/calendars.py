"""Public-holiday calendars for France, the United Kingdom and Germany.

A calendar is a :class:`holidays.HolidayBase` from the ``holidays`` package, made once per
(country, subdivision) and shared: treat it as read-only. It covers every year lazily
(``expand=True``): asking about a day in any year fills that year in. Holiday names are in
English so that reasons read the same in every jurisdiction.

Saturdays, Sundays and the public holidays of the calendar are the non-working days.

>>> from datetime import date
>>> strasbourg = calendar("FR", "67")  # Bas-Rhin is part of the Alsace calendar, 6AE
>>> holiday_name(date(2026, 4, 3), strasbourg)
'Good Friday'
>>> is_working_day(date(2026, 4, 3), calendar("FR"))  # a working day in Paris
True
>>> next_working_day(date(2026, 4, 2), strasbourg)  # Good Friday, weekend, Easter Monday
datetime.date(2026, 4, 7)
>>> calendar_label("GB", None)
'England and Wales'
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import cache

import holidays

from ..errors import BadValue

__all__ = [
    "COUNTRIES",
    "SUBDIVISIONS",
    "calendar",
    "calendar_key",
    "calendar_label",
    "holiday_name",
    "is_working_day",
    "next_working_day",
    "working_day_on_or_after",
]

COUNTRIES = {"FR": "France", "GB": "United Kingdom", "DE": "Germany"}
"""The countries with a calendar, by ISO 3166 code."""

_COUNTRY_ALIASES = {"UK": "GB"}

SUBDIVISIONS: dict[str, dict[str, str]] = {
    "FR": {
        "57": "Moselle",
        "6AE": "Alsace: Bas-Rhin, Haut-Rhin",
        "971": "Guadeloupe",
        "972": "Martinique",
        "973": "Guyane",
        "974": "La Réunion",
        "976": "Mayotte",
        "BL": "Saint-Barthélemy",
        "MF": "Saint-Martin",
        "NC": "Nouvelle-Calédonie",
        "PF": "Polynésie française",
        "PM": "Saint-Pierre-et-Miquelon",
        "TF": "Terres australes et antarctiques françaises",
        "WF": "Wallis-et-Futuna",
    },
    "GB": {
        "ENG": "England and Wales",
        "WLS": "England and Wales",
        "SCT": "Scotland",
        "NIR": "Northern Ireland",
    },
    "DE": {
        "BB": "Brandenburg",
        "BE": "Berlin",
        "BW": "Baden-Württemberg",
        "BY": "Bayern",
        "HB": "Bremen",
        "HE": "Hessen",
        "HH": "Hamburg",
        "MV": "Mecklenburg-Vorpommern",
        "NI": "Niedersachsen",
        "NW": "Nordrhein-Westfalen",
        "RP": "Rheinland-Pfalz",
        "SH": "Schleswig-Holstein",
        "SL": "Saarland",
        "SN": "Sachsen",
        "ST": "Sachsen-Anhalt",
        "TH": "Thüringen",
        "Augsburg": "Bayern, Augsburg",
    },
}
"""Subdivision code -> the place it names, as ``calendar_label`` shows it.

France's school-holiday zones (``Zone A``...) are left out: they are not public holidays.
"""

# Codes the holidays package lacks: Bas-Rhin (67) and Haut-Rhin (68) share the Alsace
# calendar, 6AE (Collectivité européenne d'Alsace), C. trav. L3134-13.
_EXTRA_CODES = {"FR": {"67": "6AE", "68": "6AE"}}

_DEFAULT_SUBDIVISION = {"FR": None, "GB": "ENG", "DE": None}

_NO_SUBDIVISION_LABEL = {"FR": "France", "DE": "Germany (nationwide public holidays only)"}

_LANGUAGE = {"FR": "en_US", "GB": "en_GB", "DE": "en_US"}

_MAX_DAYS_SEARCHED = 366  # no calendar has a year without a working day


def calendar_key(country: str, subdivision: str | None = None) -> tuple[str, str | None]:
    """The canonical (country, subdivision) for what a user wrote.

    Codes are matched without regard to case; the place names the ``holidays`` package
    knows (``"Moselle"``, ``"Scotland"``, ``"Bayern"``) are accepted too.

    >>> calendar_key("fr", "68")
    ('FR', '6AE')
    >>> calendar_key("UK", "scotland")
    ('GB', 'SCT')
    >>> calendar_key("GB")
    ('GB', 'ENG')
    """
    if not isinstance(country, str):
        raise BadValue(f"unknown country {country!r}: use FR, GB or DE")
    code = country.strip().upper()
    code = _COUNTRY_ALIASES.get(code, code)
    if code not in COUNTRIES:
        raise BadValue(f"unknown country '{country}' for a holiday calendar: use FR, GB or DE")
    if subdivision is None or (isinstance(subdivision, str) and not subdivision.strip()):
        return code, _DEFAULT_SUBDIVISION[code]
    if not isinstance(subdivision, str):
        subdivision = str(subdivision)
    wanted = subdivision.strip().casefold()
    known = SUBDIVISIONS[code]
    for key in known:
        if key.casefold() == wanted:
            return code, key
    for key, target in _EXTRA_CODES.get(code, {}).items():
        if key.casefold() == wanted:
            return code, target
    for alias, target in _aliases(code).items():
        if alias.casefold() == wanted and target in known:
            return code, target
    codes = sorted({*known, *_EXTRA_CODES.get(code, {})}, key=_code_order)
    raise BadValue(
        f"unknown subdivision '{subdivision}' for {COUNTRIES[code]}: use one of {', '.join(codes)}"
    )


def _code_order(code: str) -> tuple[int, str]:
    return (0 if code[:1].isdigit() else 1, code)


def _aliases(country: str) -> dict[str, str]:
    cls = holidays.country_holidays(country).__class__
    return dict(getattr(cls, "subdivisions_aliases", {}) or {})


@cache
def calendar(country: str, subdivision: str | None = None) -> holidays.HolidayBase:
    """The public-holiday calendar of a country, or of one of its subdivisions.

    ``country`` is ``"FR"``, ``"GB"`` or ``"DE"``. ``subdivision``: for France ``"57"``
    (Moselle), ``"6AE"`` (Alsace; ``"67"`` and ``"68"`` mean the same) or an overseas code
    (``"971"``...); for the UK ``"ENG"`` (the default), ``"WLS"``, ``"SCT"``, ``"NIR"``;
    for Germany a Land (``"BY"``, ``"NW"``...; the default is the nationwide holidays only).
    An unknown code raises :class:`~relance_docs.errors.BadValue`.

    >>> from datetime import date
    >>> date(2026, 12, 26) in calendar("FR", "57"), date(2026, 12, 26) in calendar("FR")
    (True, False)
    >>> calendar("FR", "67") is calendar("FR", "6AE")
    True
    """
    return _build(*calendar_key(country, subdivision))


@cache
def _build(country: str, subdivision: str | None) -> holidays.HolidayBase:
    return holidays.country_holidays(
        country, subdiv=subdivision, language=_LANGUAGE[country], expand=True
    )


def calendar_label(country: str, subdivision: str | None = None) -> str:
    """The calendar in words, for a reason or a document.

    >>> calendar_label("FR", "67")
    'France (Alsace: Bas-Rhin, Haut-Rhin)'
    >>> calendar_label("FR", "57"), calendar_label("GB", "SCT"), calendar_label("DE", "BY")
    ('France (Moselle)', 'Scotland', 'Germany (Bayern)')
    """
    code, sub = calendar_key(country, subdivision)
    if sub is None:
        return _NO_SUBDIVISION_LABEL[code]
    place = SUBDIVISIONS[code][sub]
    return place if code == "GB" else f"{COUNTRIES[code]} ({place})"


def is_working_day(day: date, cal: holidays.HolidayBase) -> bool:
    """False on a Saturday, a Sunday or a public holiday of ``cal``.

    >>> from datetime import date
    >>> is_working_day(date(2026, 4, 6), calendar("FR"))  # Easter Monday
    False
    """
    return cal.is_working_day(_as_date(day))


def next_working_day(day: date, cal: holidays.HolidayBase) -> date:
    """The first working day strictly after ``day``.

    >>> from datetime import date
    >>> next_working_day(date(2025, 4, 18), calendar("GB", "ENG"))  # Good Friday
    datetime.date(2025, 4, 22)
    """
    return working_day_on_or_after(_as_date(day) + timedelta(days=1), cal)


def working_day_on_or_after(day: date, cal: holidays.HolidayBase) -> date:
    """``day`` itself if it is a working day, else the next working day.

    >>> from datetime import date
    >>> working_day_on_or_after(date(2026, 2, 28), calendar("FR"))  # a Saturday
    datetime.date(2026, 3, 2)
    """
    current = _as_date(day)
    for _ in range(_MAX_DAYS_SEARCHED):
        if cal.is_working_day(current):
            return current
        current += timedelta(days=1)
    raise BadValue(f"no working day within a year after {day.isoformat()}")  # pragma: no cover


def holiday_name(day: date, cal: holidays.HolidayBase) -> str | None:
    """The name of the public holiday on ``day`` (names joined by "; "), or None.

    >>> from datetime import date
    >>> holiday_name(date(2026, 11, 30), calendar("GB", "SCT"))
    "Saint Andrew's Day"
    >>> holiday_name(date(2026, 11, 30), calendar("GB", "ENG")) is None
    True
    """
    return cal.get(_as_date(day))


def _as_date(day: date) -> date:
    if not isinstance(day, date):
        raise BadValue(f"{day!r} is not a date")
    return day


class WithoutDoubtfulDays:
    """A calendar less the holidays that may not apply where the act is done.

    Good Friday is a public holiday in Alsace and Moselle only in communes with a
    Protestant temple or a mixed church (C. trav. L3134-13); the overseas calendars add
    days not checked against the texts. For a deadline the user must meet, those days are
    counted as working days (the earlier end is the safe one). Offers the part of the
    ``holidays`` API the deadline rules use.
    """

    def __init__(self, full: holidays.HolidayBase, doubtful) -> None:
        self.full = full
        self.doubtful = doubtful  # (day, name) -> bool

    def get(self, day: date, default=None):
        name = self.full.get(day)
        if name is None or self.doubtful(day, name):
            return default
        return name

    def __contains__(self, day) -> bool:
        return self.get(day) is not None

    def items(self):
        return [(d, n) for d, n in self.full.items() if not self.doubtful(d, n)]

    def is_working_day(self, day: date) -> bool:
        return day.weekday() < 5 and day not in self

    def get_nth_working_day(self, day: date, n: int) -> date:
        current = day
        while n > 0:
            current += timedelta(days=1)
            if self.is_working_day(current):
                n -= 1
        return current

    def doubtful_days(self, start: date, end: date) -> list[tuple[date, str]]:
        """The doubtful holidays between ``start`` and ``end``, both included."""
        out = []
        current = start
        while current <= end:
            name = self.full.get(current)
            if name is not None and self.doubtful(current, name):
                out.append((current, name))
            current += timedelta(days=1)
        return out
