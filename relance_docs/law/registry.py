"""The jurisdictions, behind one registry.

Each jurisdiction is a package of its own (``law/fr``, ``law/gb``, ``law/de``,
``law/eu``) that builds one :class:`Jurisdiction`: its interest regime, deadline rules,
procedures, prerequisites and limitation, each a function the engines call without
knowing which country they serve. A new jurisdiction is a new folder here and a new pack
under ``rules/``, listed in ``_PACKAGES``; the engines do not change.

Packages are imported on first use: ``jurisdiction("FR")`` loads ``law/fr`` only then.

>>> jurisdiction("uk").code
'GB'
>>> [j.code for j in jurisdictions()]
['FR', 'EU', 'GB', 'DE']
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import Any

from ..errors import BadValue

__all__ = ["CODES", "Jurisdiction", "ProcedureRule", "jurisdiction", "jurisdictions"]

# Code -> package, in the order procedures are assessed and listed.
_PACKAGES = {"FR": "fr", "EU": "eu", "GB": "gb", "DE": "de"}
_ALIASES = {"UK": "GB"}

CODES = ("FR", "GB", "DE", "EU")
"""The jurisdictions whose late-payment interest is computed."""


@dataclass(frozen=True)
class ProcedureRule:
    """One recovery route (or prerequisite) of a jurisdiction: ``assess(ctx)`` answers."""

    id: str
    name: str
    assess: Callable[[Any], Any]


@dataclass(frozen=True)
class Jurisdiction:
    """What the engines ask of a jurisdiction. ``None`` means: not covered here.

    - ``regime(creditor, debtor, contract_rate)``: the interest regime for a pair of
      parties (a :class:`~relance_docs.law.rates.Regime`), or warnings saying why none.
    - ``judgment(regime, judgment_day, principal, warnings)``: the regime once a judgment
      is enforceable (None: the judgment date is ignored, with a warning).
    - ``deadline(start, period, subdivision=, distance=)``: a :class:`Deadline`.
    - ``procedures`` / ``prerequisites``: rules run by :func:`assess`.
    - ``limitation(claim)``: a :class:`~relance_docs.law.limitation.LimitationRule`.
    """

    code: str
    name: str
    regime: Callable | None = None
    judgment: Callable | None = None
    deadline: Callable | None = None
    procedures: tuple[ProcedureRule, ...] = ()
    prerequisites: tuple[ProcedureRule, ...] = ()
    limitation: Callable | None = None
    distance: bool = False
    """True when periods may be extended for distance (France, CPC 643)."""
    contract_rate: bool = False
    """True when a contractual penalty rate can be checked (France, L441-10 II)."""
    check_terms: Callable | None = None
    """``check_terms(invoice, creditor_kind, debtor_kind)``: warnings on an invoice's
    payment term (France: the caps of L441-10 I between professionals)."""


def canonical(code: str) -> str:
    """``"uk"`` -> ``"GB"``; an unknown code raises BadValue."""
    if not isinstance(code, str):
        raise BadValue(f"unknown jurisdiction {code!r}: use FR, GB, DE or EU")
    key = code.strip().upper()
    key = _ALIASES.get(key, key)
    if key not in _PACKAGES:
        raise BadValue(f"unknown jurisdiction '{code}': use FR, GB, DE or EU")
    return key


@cache
def jurisdiction(code: str) -> Jurisdiction:
    """The jurisdiction ``code`` names (any case; ``UK`` is ``GB``)."""
    key = canonical(code)
    module = importlib.import_module(f"{__package__}.{_PACKAGES[key]}")
    return module.JURISDICTION


def jurisdictions() -> tuple[Jurisdiction, ...]:
    """Every jurisdiction, in the order procedures are listed."""
    return tuple(jurisdiction(code) for code in _PACKAGES)
