"""What an assessment is made of: the claim and its parties, the outcome of each route,
prerequisites, limitation, and the helpers every jurisdiction's rules share (the
context that gathers warnings, the rule that the worst outcome wins).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from enum import StrEnum

from ..model import PartyKind
from ..money import ZERO, to_money
from .packs import Pack
from .parties import COMMERCIAL, party_kind
from .reasons import LawWarning, Reason

__all__ = [
    "NO",
    "OK",
    "REVIEW",
    "Assessment",
    "Claim",
    "ClaimParty",
    "Ctx",
    "Limitation",
    "Outcome",
    "Prerequisite",
    "ProcedureAssessment",
    "Requirement",
    "both_commercial",
    "decide",
    "money",
]


class Outcome(StrEnum):
    ELIGIBLE = "eligible"
    INELIGIBLE = "ineligible"
    NEEDS_REVIEW = "needs_review"


class Requirement(StrEnum):
    REQUIRED = "required"
    NOT_REQUIRED = "not_required"
    NEEDS_REVIEW = "needs_review"


@dataclass(frozen=True)
class ClaimParty:
    """What the law needs to know of a creditor or debtor."""

    kind: PartyKind | str | None
    country: str | None
    subdivision: str | None = None
    city: str | None = None
    name: str | None = None
    postcode: str | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "kind", party_kind(self.kind))
        if self.country:
            object.__setattr__(self, "country", self.country.upper())


@dataclass(frozen=True)
class Claim:
    """A debt as of a date: the principal outstanding (after credit notes and payments),
    the interest and fixed compensation accrued to ``as_of``, and whether it is disputed.

    ``oldest_due`` is the due date of the oldest invoice (it starts the limitation period);
    ``jurisdiction`` is the law the interest was computed under (the creditor's).
    """

    creditor: ClaimParty
    debtor: ClaimParty
    currency: str
    principal: Decimal
    interest: Decimal
    fixed_compensation: Decimal
    as_of: date
    oldest_due: date
    disputed: bool = False
    jurisdiction: str = "FR"
    invoices: int = 1
    daily_interest: Decimal = ZERO
    newest_due: date | None = None
    """The due date of the most recent invoice (None: ``oldest_due``): whether the whole
    claim or only its oldest part is time-barred."""
    interest_regime: str | None = None
    """The regime the interest was computed under (``gb.late_payment_act``...), or
    ``other`` for interest computed elsewhere (e.g. s.69 County Courts Act 1984)."""

    @property
    def total(self) -> Decimal:
        return self.principal + self.interest + self.fixed_compensation

    def as_dict(self) -> dict:
        return {
            "currency": self.currency,
            "principal": to_money(self.principal),
            "interest": to_money(self.interest),
            "fixed_compensation": to_money(self.fixed_compensation),
            "total": to_money(self.total),
            "daily_interest": to_money(self.daily_interest),
            "as_of": self.as_of.isoformat(),
            "oldest_due": self.oldest_due.isoformat(),
            "disputed": self.disputed,
            "invoices": self.invoices,
        }


@dataclass(frozen=True)
class ProcedureAssessment:
    """One route's outcome; its first reason is the one that decided the outcome."""

    id: str
    outcome: Outcome
    reasons: tuple[Reason, ...]
    court: str | None = None
    form: str | None = None
    deadlines: tuple[Reason, ...] = ()
    fee: Decimal | None = None

    @property
    def name(self) -> str:
        from .procedures import PROCEDURES

        return PROCEDURES[self.id]

    def as_dict(self) -> dict:
        return {
            "id": self.id,
            "name": self.name,
            "outcome": self.outcome.value,
            "reasons": [r.as_dict() for r in self.reasons],
            "court": self.court,
            "form": self.form,
            "deadlines": [r.as_dict() for r in self.deadlines],
            "fee": to_money(self.fee) if self.fee is not None else None,
        }


@dataclass(frozen=True)
class Prerequisite:
    id: str
    required: Requirement
    reasons: tuple[Reason, ...]

    def as_dict(self) -> dict:
        return {
            "id": self.id,
            "required": self.required.value,
            "reasons": [r.as_dict() for r in self.reasons],
        }


@dataclass(frozen=True)
class Limitation:
    """When the oldest invoice becomes time-barred: ``status`` is ``running``, ``soon``
    (within 90 days), ``time_barred`` or ``needs_review``. ``barred`` is True when it is
    time-barred on the claim's date whatever the open points, False when it is not
    whatever they are, None when an open point decides it."""

    status: str
    period: str | None
    start: date
    end: date | None
    reasons: tuple[Reason, ...]
    barred: bool | None = False

    def as_dict(self) -> dict:
        return {
            "status": self.status,
            "period": self.period,
            "start": self.start.isoformat(),
            "end": self.end.isoformat() if self.end else None,
            "reasons": [r.as_dict() for r in self.reasons],
            "barred": self.barred,
        }


@dataclass(frozen=True)
class Assessment:
    claim: Claim
    procedures: tuple[ProcedureAssessment, ...]
    prerequisites: tuple[Prerequisite, ...]
    limitation: Limitation
    warnings: tuple[LawWarning, ...] = ()

    def procedure(self, procedure_id: str) -> ProcedureAssessment:
        for p in self.procedures:
            if p.id == procedure_id:
                return p
        raise KeyError(procedure_id)

    def prerequisite(self, prerequisite_id: str) -> Prerequisite:
        for p in self.prerequisites:
            if p.id == prerequisite_id:
                return p
        raise KeyError(prerequisite_id)

    def as_dict(self) -> dict:
        return {
            "claim": self.claim.as_dict(),
            "procedures": [p.as_dict() for p in self.procedures],
            "prerequisites": [p.as_dict() for p in self.prerequisites],
            "limitation": self.limitation.as_dict(),
            "warnings": [str(w) for w in self.warnings],
        }


# --------------------------------------------------------------------------- helpers


@dataclass
class Ctx:
    claim: Claim
    warnings: dict[str, LawWarning] = field(default_factory=dict)

    def value(self, pack: Pack, series: str, key: str, day: date | None = None) -> Decimal:
        row, warning = pack.series[series].lookup(day or self.claim.as_of)
        if warning:
            self.warnings.setdefault(warning.message, warning)
        return row.decimal(key)

    def row(self, pack: Pack, series: str):
        row, warning = pack.series[series].lookup(self.claim.as_of)
        if warning:
            self.warnings.setdefault(warning.message, warning)
        return row

    def warn(self, warning: LawWarning | None) -> None:
        if warning is not None:
            self.warnings.setdefault(warning.message, warning)

    def row_or_none(self, pack: Pack, series: str):
        """The row in force on the claim's date, or None before the series begins."""
        if self.claim.as_of < pack.series[series].first_date:
            return None
        return self.row(pack, series)


def money(amount: Decimal, currency: str) -> str:
    return f"{to_money(amount)} {currency}"


def decide(reasons: list[tuple[Outcome, Reason]]) -> tuple[Outcome, tuple[Reason, ...]]:
    """The worst outcome wins: ineligible over needs_review over eligible. The reasons
    that decided it come first."""
    outcomes = {o for o, _ in reasons}
    if Outcome.INELIGIBLE in outcomes:
        outcome = Outcome.INELIGIBLE
    elif Outcome.NEEDS_REVIEW in outcomes:
        outcome = Outcome.NEEDS_REVIEW
    else:
        outcome = Outcome.ELIGIBLE
    decisive = [r for o, r in reasons if o is outcome]
    return outcome, tuple(decisive + [r for o, r in reasons if o is not outcome])


OK, NO, REVIEW = Outcome.ELIGIBLE, Outcome.INELIGIBLE, Outcome.NEEDS_REVIEW


def both_commercial(claim: Claim) -> bool | None:
    c, d = claim.creditor.kind, claim.debtor.kind
    if c is None or d is None:
        return None
    return c in COMMERCIAL and d in COMMERCIAL
