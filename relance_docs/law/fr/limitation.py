"""France: limitation (prescription) of a claim for unpaid invoices: 2 years for a
professional against a consumer (C. consom. L218-2), 5 years otherwise (C. com. L110-4,
C. civ. 2224); the periods are read from the pack."""

from __future__ import annotations

from ...model import PartyKind
from ..calendars import calendar
from ..limitation import LimitationRule
from ..packs import load_pack
from ..reasons import Reason

__all__ = ["rule"]


def rule(claim) -> LimitationRule:
    fr = load_pack("FR")
    c, d = claim.creditor.kind, claim.debtor.kind
    consumer = fr.period_en("limitation_consumer")
    commercial = fr.period_en("limitation_commercial")
    civil = fr.period_en("limitation_civil")
    notes = [
        Reason(
            "A formal notice does not interrupt limitation; an acknowledgment by the "
            "debtor or a court claim does",
            "C. civ. 2240, 2241, 2244",
        ),
        Reason(
            "Whether the period is extended when it ends on a non-working day is not "
            "confirmed: the nominal date is given",
            "C. civ. 2228-2229; CPC 642",
            unconfirmed=True,
        ),
    ]
    if c is None or d is None:
        return LimitationRule(
            periods=(consumer, commercial),
            notes=tuple(notes),
            doubtful_roll=calendar("FR"),
            unknown=Reason(
                f"A party's type is not known: {consumer[0]} (a professional against a "
                f"consumer) or {commercial[0]}",
                f"{consumer[1]}; {commercial[1]}; {civil[1]}",
            ),
        )
    if d is PartyKind.CONSUMER and c is not PartyKind.CONSUMER:
        period = consumer
        notes.insert(
            0,
            Reason(
                "The starting point under L218-2 may be the date of performance rather "
                "than the due date; the due date was used",
                consumer[1],
                unconfirmed=True,
            ),
        )
    elif PartyKind.TRADER in (c, d) or PartyKind.COMPANY in (c, d):
        period = commercial
    else:
        period = civil
    return LimitationRule(periods=(period,), notes=tuple(notes), doubtful_roll=calendar("FR"))
