"""France: the prior amicable attempt before the tribunal judiciaire (CPC 750-1), a
prerequisite for claims up to the pack's threshold between non-commercial parties."""

from __future__ import annotations

from ..assessment import NO, OK, Ctx, Prerequisite, Requirement, both_commercial
from ..packs import load_pack
from ..reasons import Reason
from ..thresholds import Ceiling, against_ceiling
from .procedures import fixed_that_may_count

__all__ = ["amicable_attempt"]


def amicable_attempt(ctx: Ctx) -> Prerequisite:
    claim = ctx.claim
    fr = load_pack("FR")
    pid = "fr.tentative_amiable"
    if claim.debtor.country and claim.debtor.country != "FR":
        return Prerequisite(
            pid,
            Requirement.NOT_REQUIRED,
            (Reason("The debtor lives outside France", "CPC 750-1"),),
        )
    commercial = both_commercial(claim)
    if commercial is None:
        why = (
            "A party's type is not known: the prior amicable attempt applies before the "
            "tribunal judiciaire, not the tribunal de commerce"
        )
        return Prerequisite(pid, Requirement.NEEDS_REVIEW, (Reason(why, "CPC 750-1"),))
    if commercial:
        why = (
            "Both parties are commercial: the claim goes to the tribunal de commerce, where "
            "the prior amicable attempt does not apply"
        )
        return Prerequisite(pid, Requirement.NOT_REQUIRED, (Reason(why, "CPC 750-1"),))
    series = fr.series["amicable_attempt_threshold"]
    row = ctx.row_or_none(fr, "amicable_attempt_threshold")
    if row is None or row.decimal("amount") == 0:
        why = (
            f"CPC 750-1 applies to claims brought from {series.first_date.isoformat()}"
            if row is None
            else f"CPC 750-1 did not apply on this date: {row.source}"
        )
        return Prerequisite(pid, Requirement.NOT_REQUIRED, (Reason(why, "CPC 750-1"),))
    later = fr.data["amicable_attempt_review"]
    common = (
        Reason(
            "Not for the injonction de payer request, which is decided without hearing the "
            "debtor; a failed petites créances procedure also exempts the creditor",
            "CPC 750-1",
        ),
        Reason(later["text"], later["basis"], unconfirmed=True),
    )
    ceiling = Ceiling(
        row.decimal("amount"),
        fr.currency,
        inclusive=True,
        basis="CPC 750-1",
        unconfirmed=row.value_unconfirmed,
    )
    outcome, reason = against_ceiling(
        claim.principal + claim.interest,
        claim.currency,
        ceiling,
        what="Principal and interest",
        extra=fixed_that_may_count(claim),
        extra_what="fixed indemnities",
        plural=True,
    )
    if outcome is OK:
        required = Reason(
            f"{reason.text}: before the tribunal judiciaire it must first go to a conciliateur "
            "de justice, mediation or a procédure participative, on pain of inadmissibility",
            row.basis,
            unconfirmed=reason.unconfirmed,
        )
        return Prerequisite(pid, Requirement.REQUIRED, (required, *common))
    if outcome is NO:
        return Prerequisite(pid, Requirement.NOT_REQUIRED, (reason, common[1]))
    return Prerequisite(pid, Requirement.NEEDS_REVIEW, (reason, *common))
