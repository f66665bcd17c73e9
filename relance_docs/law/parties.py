"""The parties as the law sees them: their type, and the groups statutes name."""

from __future__ import annotations

from ..errors import BadValue
from ..model import PartyKind

__all__ = ["COMMERCIAL", "CONSUMER", "INDIVIDUALS", "jurisdiction_for", "party_kind"]

CONSUMER = PartyKind.CONSUMER
COMMERCIAL = frozenset({PartyKind.COMPANY, PartyKind.TRADER})
INDIVIDUALS = frozenset({PartyKind.CONSUMER, PartyKind.TRADER})


def party_kind(value: str | PartyKind | None) -> PartyKind | None:
    """``"company"`` -> PartyKind.COMPANY; None stays None; anything else is refused."""
    if value is None or isinstance(value, PartyKind):
        return value
    try:
        return PartyKind(str(value).strip().lower())
    except ValueError:
        kinds = ", ".join(k.value for k in PartyKind)
        raise BadValue(f"unknown party kind '{value}' (use one of: {kinds})") from None


def jurisdiction_for(country: str | None) -> str | None:
    """The interest regime for a creditor established in ``country``: its own when the
    registry has it, else the EU floor for a Member State (rules/EU/pack.yaml)."""
    from .packs import load_pack
    from .registry import CODES

    if country in CODES and country != "EU":
        return country
    if country in load_pack("EU").data["member_states"]:
        return "EU"
    return None
