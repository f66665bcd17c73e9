"""Regions from addresses: the calendar subdivision a debtor's postcode points to.

Public holidays (and so deadlines) differ inside a country: Alsace-Moselle and the
overseas departments in France, the four nations in the United Kingdom. The codes are
those of the ``holidays`` package (FR ``57``, ``6AE``, ``971``...; GB ``ENG``, ``SCT``,
``WLS``, ``NIR``). Where a postcode area straddles a border (TD, SY, LD, CH...), nothing
is guessed: the subdivision stays unknown.
"""

from __future__ import annotations

import re

__all__ = ["subdivision_of"]

_FR_PREFIXES = {
    "57": "57",  # Moselle
    "67": "6AE",  # Bas-Rhin
    "68": "6AE",  # Haut-Rhin
    "971": "971",
    "972": "972",
    "973": "973",
    "974": "974",
    "976": "976",
    "975": "PM",
    "986": "WF",
    "987": "PF",
    "988": "NC",
}
_FR_EXACT = {"97133": "BL", "97150": "MF"}  # Saint-Barthélemy, Saint-Martin

_GB_AREAS = {
    **dict.fromkeys(
        ["AB", "DD", "DG", "EH", "FK", "G", "HS", "IV", "KA", "KW", "KY", "ML", "PA", "PH", "ZE"],
        "SCT",
    ),
    **dict.fromkeys(["CF", "LL", "NP", "SA"], "WLS"),
    "BT": "NIR",
}
# Areas that cross a border between nations: no guess.
_GB_MIXED = frozenset({"TD", "SY", "LD", "CH", "HR", "GL", "CA", "NE"})
_GB_AREA_RE = re.compile(r"^([A-Z]{1,2})\d")


def subdivision_of(country: str | None, postcode: str | None) -> str | None:
    """The calendar subdivision of an address, when its postcode says it clearly.

    >>> [subdivision_of("FR", p) for p in ("57000", "67100", "69002")]
    ['57', '6AE', None]
    >>> [subdivision_of("GB", p) for p in ("EH6 7BD", "BS1 4DJ", "TD15 1AA")]
    ['SCT', 'ENG', None]
    """
    if not postcode:
        return None
    code = postcode.replace(" ", "").upper()
    if country in (None, "FR"):
        if not code.isdigit() or len(code) != 5:
            return None
        return _FR_EXACT.get(code) or _FR_PREFIXES.get(code[:3]) or _FR_PREFIXES.get(code[:2])
    if country == "GB":
        m = _GB_AREA_RE.match(code)
        if not m:
            return None
        area = m.group(1)
        if area in _GB_MIXED:
            return None
        return _GB_AREAS.get(area, "ENG")
    return None
