"""England and Wales: Money Claim Online, the small claims track, the issue fee, and the
Pre-Action Protocol for Debt Claims (a prerequisite when the debtor is an individual)."""

from __future__ import annotations

from datetime import date
from decimal import ROUND_DOWN, Decimal

from ...model import PartyKind
from ..assessment import (
    NO,
    OK,
    REVIEW,
    Ctx,
    Outcome,
    Prerequisite,
    ProcedureAssessment,
    Requirement,
    both_commercial,
    decide,
)
from ..packs import Pack, load_pack
from ..parties import INDIVIDUALS
from ..reasons import LawWarning, Reason
from ..thresholds import Ceiling, against_ceiling
from .interest import consumer_interest

__all__ = ["gb_issue_fee", "money_claim_online", "pre_action_protocol", "small_claims_track"]

_ACT = "Late Payment of Commercial Debts (Interest) Act 1998"


def gb_issue_fee(amount: Decimal, gb: Pack, day: date) -> tuple[Decimal, LawWarning | None]:
    """The County Court issue fee for a claim of ``amount`` (interest included).

    >>> gb = load_pack("GB")
    >>> gb_issue_fee(Decimal("10010.00"), gb, date(2025, 1, 1))[0]  # 5 %, rounded down
    Decimal('500.50')
    """
    row, warning = gb.series["issue_fee"].lookup(day)
    for band in row.values["bands"]:
        if "up_to" not in band or amount <= Decimal(band["up_to"]):
            if "percent" in band:
                fee = (amount * Decimal(band["percent"]) / 100).quantize(
                    Decimal("0.01"),
                    rounding=ROUND_DOWN,  # "round down to 1p"
                )
                return fee, warning
            return Decimal(band["fee"]), warning
    raise AssertionError("the last band has no upper limit")  # pragma: no cover


def _fee(ctx: Ctx, gb: Pack, amount: Decimal, outcome: Outcome) -> Decimal | None:
    """The issue fee, for a route that may be open (its table's warning only then)."""
    if outcome is NO or ctx.claim.currency != "GBP":
        return None
    if ctx.claim.as_of < gb.series["issue_fee"].first_date:
        message = (
            f"no County Court fee table before {gb.series['issue_fee'].first_date} in "
            "rules/GB/pack.yaml: the issue fee is not given"
        )
        ctx.warnings.setdefault(message, LawWarning(message, "issue_fee", "GB/pack.yaml"))
        return None
    fee, warning = gb_issue_fee(amount, gb, ctx.claim.as_of)
    if warning:
        ctx.warnings.setdefault(warning.message, warning)
    return fee


def _location(claim) -> list:
    basis = "County Court (England and Wales)"
    d = claim.debtor
    if d.country is None:
        return [(REVIEW, Reason("The debtor's country is not known", basis))]
    if d.country != "GB" and claim.creditor.country not in {None, "GB"}:
        return [
            (
                NO,
                Reason(
                    f"Neither party is in the United Kingdom (creditor "
                    f"{claim.creditor.country}, debtor {d.country})",
                    basis,
                ),
            )
        ]
    if d.country != "GB":
        return [
            (
                REVIEW,
                Reason(
                    f"The debtor is outside the United Kingdom ({d.country}): jurisdiction "
                    "and service abroad are not covered by the rules data",
                    basis,
                ),
            )
        ]
    if d.subdivision in {"SCT", "NIR"}:
        gb = load_pack("GB")
        if d.subdivision == "SCT":
            row = gb.value("scotland_simple_procedure", claim.as_of)
            where = (
                "Scotland, which has its own courts (the Simple Procedure for claims up to "
                f"£{row.decimal('amount'):,.0f})"
            )
        else:
            where = "Northern Ireland, which has its own courts"
        return [(NO, Reason(f"The debtor is in {where}", "Courts of England and Wales"))]
    if d.subdivision is None:
        return [
            (
                REVIEW,
                Reason(
                    "The debtor's nation (England, Wales, Scotland, Northern Ireland) is not "
                    "known",
                    basis,
                ),
            )
        ]
    return []


def _currency(claim) -> list:
    if claim.currency != "GBP":
        return [
            (
                REVIEW,
                Reason(
                    f"The claim is in {claim.currency}: a County Court claim states a sum in "
                    "pounds sterling",
                    "CPR Part 16",
                    unconfirmed=True,
                ),
            )
        ]
    return []


def _papdc_reason(claim) -> list:
    if claim.debtor.kind in INDIVIDUALS:
        reply, _basis = load_pack("GB").period_en("letter_of_claim_reply")
        return [
            (
                OK,
                Reason(
                    "The debtor is an individual: a letter of claim must have been sent, and "
                    f"its {reply} to reply have passed, before issuing (see the prerequisite)",
                    "Pre-Action Protocol for Debt Claims",
                ),
            )
        ]
    return []


def _act_interest(claim) -> bool:
    """True when the interest claimed is the 1998 Act's (it then continues daily)."""
    if claim.interest_regime is not None:
        return claim.interest_regime == "gb.late_payment_act"
    return bool(both_commercial(claim)) or (
        claim.creditor.kind not in (None, PartyKind.CONSUMER)
        and claim.debtor.kind not in (None, PartyKind.CONSUMER)
    )


def money_claim_online(ctx: Ctx) -> ProcedureAssessment:
    claim = ctx.claim
    gb = load_pack("GB")
    reasons = _location(claim) + _currency(claim)
    row = ctx.row(gb, "money_claim_online_limit")
    limit = Ceiling(
        row.decimal("below"),
        gb.currency,
        inclusive=False,
        basis="Money Claim Online (specified sums)",
        unconfirmed=row.value_unconfirmed,
    )
    reasons.append(against_ceiling(claim.total, claim.currency, limit, what="The amount claimed"))
    reasons += _papdc_reason(claim)
    outcome, why = decide(reasons)
    fee = _fee(ctx, gb, claim.total, outcome)
    deadlines = []
    if fee is not None:
        note = gb.data["online_fee"]
        deadlines.append(Reason(note["text"], note["basis"], unconfirmed=True))
    if claim.interest and _act_interest(claim):
        deadlines.append(
            Reason(
                "Interest under the 1998 Act continues at the daily rate until judgment",
                f"{_ACT} s.1",
            )
        )
    elif claim.debtor.kind is PartyKind.CONSUMER or claim.creditor.kind is PartyKind.CONSUMER:
        deadlines.append(Reason(consumer_interest(gb, claim.as_of), "County Courts Act 1984 s.69"))
    return ProcedureAssessment(
        "gb.money_claim_online",
        outcome,
        why,
        court="County Court Money Claims Centre (online)",
        form="Money Claim Online (form N1 online)",
        fee=fee,
        deadlines=tuple(deadlines),
    )


def small_claims_track(ctx: Ctx) -> ProcedureAssessment:
    claim = ctx.claim
    gb = load_pack("GB")
    reasons = _location(claim) + _currency(claim)
    row = ctx.row(gb, "small_claims_limit")
    basis = "CPR r.26.6(3); PD 26 para 7.4"
    limit = Ceiling(
        row.decimal("amount"),
        gb.currency,
        inclusive=True,
        basis=basis,
        unconfirmed=row.value_unconfirmed,
    )
    reasons.append(
        against_ceiling(
            claim.principal,
            claim.currency,
            limit,
            what="The value",
            excluded=", interest and costs excluded",
            extra=claim.fixed_compensation,
            extra_what="fixed sum",
            above=": fast track or multi-track",
        )
    )
    reasons.append(
        (
            OK,
            Reason(
                "The rule number is the pre-October 2023 numbering of CPR Part 26",
                "CPR Part 26",
                unconfirmed=True,
            ),
        )
    )
    reasons += _papdc_reason(claim)
    outcome, why = decide(reasons)
    fee = _fee(ctx, gb, claim.total, outcome)
    return ProcedureAssessment(
        "gb.small_claims_track",
        outcome,
        why,
        court="County Court (England and Wales)",
        form="Claim form N1",
        fee=fee,
    )


def pre_action_protocol(ctx: Ctx) -> Prerequisite:
    claim = ctx.claim
    gb = load_pack("GB")
    pid = "gb.pre_action_protocol_debt"
    basis = "Pre-Action Protocol for Debt Claims"
    d = claim.debtor
    if d.country and d.country != "GB":
        return Prerequisite(
            pid,
            Requirement.NOT_REQUIRED,
            (
                Reason(
                    "The debtor is not in the United Kingdom: no claim in England and Wales", basis
                ),
            ),
        )
    if d.subdivision in {"SCT", "NIR"}:
        return Prerequisite(
            pid,
            Requirement.NOT_REQUIRED,
            (Reason("The protocol applies in England and Wales only", basis, unconfirmed=True),),
        )
    reply, reply_basis = gb.period_en("letter_of_claim_reply")
    if claim.creditor.kind is PartyKind.CONSUMER:
        return Prerequisite(
            pid,
            Requirement.NOT_REQUIRED,
            (
                Reason(
                    "The creditor is not a business: the protocol covers a business claiming "
                    "from an individual; the Practice Direction - Pre-Action Conduct applies",
                    basis,
                ),
            ),
        )
    if d.kind in INDIVIDUALS and claim.creditor.kind is None:
        return Prerequisite(
            pid,
            Requirement.NEEDS_REVIEW,
            (
                Reason(
                    "The creditor's type is not known: the protocol applies when a business "
                    "claims from an individual",
                    basis,
                ),
            ),
        )
    if d.kind in INDIVIDUALS:
        what = "a sole trader" if d.kind is PartyKind.TRADER else "an individual"
        return Prerequisite(
            pid,
            Requirement.REQUIRED,
            (
                Reason(
                    f"The debtor is {what}: send a letter of claim with a statement of "
                    "account, the information sheet, reply form and financial statement",
                    basis,
                ),
                Reason(
                    f"The debtor has {reply} from the date of the letter to reply, that day "
                    "not counted; proceedings may be issued from the day after the last day "
                    "(a letter dated 30 October: from 30 November)",
                    reply_basis,
                    unconfirmed=gb.period_unconfirmed("letter_of_claim_reply"),
                ),
            ),
        )
    if d.kind in {PartyKind.COMPANY, PartyKind.PUBLIC}:
        period, period_basis = gb.period_en("pre_action_conduct_reply")
        return Prerequisite(
            pid,
            Requirement.NOT_REQUIRED,
            (
                Reason(
                    "The debtor is not an individual: the Practice Direction - Pre-Action "
                    f"Conduct applies instead (a reasonable period, typically {period})",
                    period_basis,
                ),
            ),
        )
    what = "not known" if d.kind is None else "a professional (a person, a partnership or an LLP?)"
    return Prerequisite(
        pid,
        Requirement.NEEDS_REVIEW,
        (
            Reason(
                f"The debtor's type is {what}: the protocol applies if the debtor is an "
                "individual, including a sole trader",
                basis,
            ),
        ),
    )
