"""Which recovery procedure a claim qualifies for, and what must come first.

:func:`assess` takes a :class:`Claim` (the parties, the amounts as of a date, whether the
debt is disputed) and answers, for each procedure of every jurisdiction in the registry,
``eligible``, ``ineligible`` or ``needs_review``, each with reasons that cite their legal
basis, the court, the form and the deadlines that follow. It also says which
prerequisites apply (the UK Pre-Action Protocol for Debt Claims, the French prior
amicable attempt) and when the claim becomes time-barred.

An unknown fact that the answer depends on (the debtor's type or country) never gives
``eligible``: it gives ``needs_review`` and says what is missing. A point the fact sheets
could not confirm is a reason marked ``unconfirmed``, and makes the outcome
``needs_review`` when it decides it. A claim time-barred on its date is never eligible
for a court route: the reason cites the limitation article and date.

>>> from datetime import date
>>> from decimal import Decimal
>>> claim = Claim(
...     creditor=ClaimParty(kind="company", country="FR"),
...     debtor=ClaimParty(kind="company", country="FR", city="Saint-Étienne"),
...     currency="EUR", principal=Decimal("4800.00"), interest=Decimal("121.43"),
...     fixed_compensation=Decimal("40.00"), as_of=date(2025, 12, 15),
...     oldest_due=date(2025, 9, 30))
>>> result = assess(claim)
>>> result.procedure("fr.petites_creances").outcome
<Outcome.ELIGIBLE: 'eligible'>
>>> result.procedure("fr.injonction_de_payer").form
'CERFA 12946*02'
"""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from ..errors import RulesDataError
from .assessment import (
    NO,
    REVIEW,
    Assessment,
    Claim,
    ClaimParty,
    Ctx,
    Limitation,
    Outcome,
    Prerequisite,
    ProcedureAssessment,
    Requirement,
)
from .gb.procedures import gb_issue_fee
from .limitation import limitation, limitation_on
from .reasons import Reason
from .registry import jurisdiction, jurisdictions

__all__ = [
    "PROCEDURES",
    "Assessment",
    "Claim",
    "ClaimParty",
    "Limitation",
    "Outcome",
    "Prerequisite",
    "ProcedureAssessment",
    "Requirement",
    "assess",
    "gb_issue_fee",
]

PROCEDURES = {rule.id: rule.name for j in jurisdictions() for rule in j.procedures}
"""Every procedure id of the registry -> its name."""


def _guard(claim: Claim, pid: str, func, ctx: Ctx, *, procedure: bool):
    """Run one assessment; a date the rules data has no value for gives needs_review.

    The packs hold values from a start date (a procedure's creation, the first fee table);
    for an earlier date relance neither guesses nor stops the other answers.
    """
    try:
        return func(ctx)
    except RulesDataError as exc:
        reason = Reason(
            f"The rules data has no value for {claim.as_of.isoformat()}: {exc}", "rules data"
        )
        if procedure:
            return ProcedureAssessment(pid, Outcome.NEEDS_REVIEW, (reason,))
        return Prerequisite(pid, Requirement.NEEDS_REVIEW, (reason,))


def _time_bar(claim: Claim, oldest: Limitation) -> tuple[Outcome, Reason] | None:
    """What limitation does to every court route: None when it leaves them open."""
    if oldest.barred is None:
        if jurisdiction(claim.jurisdiction).limitation is None:
            return None  # no limitation rules for this law: said in the limitation itself
        return REVIEW, next((r for r in oldest.reasons if r.unconfirmed), oldest.reasons[0])
    if oldest.barred is not True:
        return None
    newest = claim.newest_due or claim.oldest_due
    whole = newest == claim.oldest_due or limitation_on(claim, newest).barred is True
    basis = oldest.reasons[0].basis
    since = (oldest.end + timedelta(days=1)).isoformat() if oldest.end else "?"
    if whole:
        text = (
            f"The claim is time-barred since {since} ({oldest.period} from the due date, "
            f"{oldest.start.isoformat()}): no court can order payment unless limitation was "
            "interrupted (an acknowledgment by the debtor, a court claim)"
        )
        return NO, Reason(text, basis)
    text = (
        f"The oldest invoice (due {oldest.start.isoformat()}) is time-barred since {since} "
        f"({oldest.period}): leave the time-barred invoices out of the claim, unless "
        "limitation was interrupted"
    )
    return REVIEW, Reason(text, basis)


def _apply_time_bar(p: ProcedureAssessment, bar) -> ProcedureAssessment:
    if bar is None or p.outcome is Outcome.INELIGIBLE:
        return p
    outcome, reason = bar
    if outcome is REVIEW and p.outcome is Outcome.NEEDS_REVIEW:
        return replace(p, reasons=(*p.reasons, reason))
    return replace(p, outcome=outcome, reasons=(reason, *p.reasons))


def assess(claim: Claim) -> Assessment:
    """Every procedure of the registry for ``claim``, the prerequisites and limitation."""
    ctx = Ctx(claim)
    oldest = limitation(claim)
    bar = _time_bar(claim, oldest)
    procedures = tuple(
        _apply_time_bar(_guard(claim, rule.id, rule.assess, ctx, procedure=True), bar)
        for j in jurisdictions()
        for rule in j.procedures
    )
    prerequisites = tuple(
        _guard(claim, rule.id, rule.assess, ctx, procedure=False)
        for j in jurisdictions()
        for rule in j.prerequisites
    )
    return Assessment(
        claim=claim,
        procedures=procedures,
        prerequisites=prerequisites,
        limitation=oldest,
        warnings=tuple(ctx.warnings.values()),
    )
