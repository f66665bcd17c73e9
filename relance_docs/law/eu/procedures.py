"""The European order for payment (Reg. (EC) 1896/2006) and the European Small Claims
Procedure (Reg. (EC) 861/2007 as amended by Reg. (EU) 2015/2421): cross-border civil and
commercial claims; the court of the EOP where the pack names it."""

from __future__ import annotations

from babel import Locale

from ...model import PartyKind
from ..assessment import NO, OK, REVIEW, Ctx, ProcedureAssessment, decide
from ..packs import Pack, load_pack
from ..reasons import Reason
from ..thresholds import Ceiling, against_ceiling

__all__ = ["order_for_payment", "small_claims"]


def cross_border(claim, eu: Pack, basis: str) -> list:
    c, d = claim.creditor.country, claim.debtor.country
    members = set(eu.data["member_states"])
    if c is None or d is None:
        who = "creditor" if c is None else "debtor"
        return [(REVIEW, Reason(f"The {who}'s country is not known", basis))]
    if d in eu.data["excluded_member_states"]:
        return [(NO, Reason(f"The debtor is in {d}, where the Regulation does not apply", basis))]
    if d not in members:
        return [
            (
                NO,
                Reason(
                    f"The debtor is in {d}, outside the Member States bound by the Regulation",
                    basis,
                ),
            )
        ]
    if c == d:
        return [
            (
                NO,
                Reason(
                    f"Not cross-border: both parties are in {d} (the court would be there)", basis
                ),
            )
        ]
    if c not in members:
        return [
            (
                REVIEW,
                Reason(
                    f"The creditor is in {c}, outside the Member States: on the wording of "
                    "art. 3 the case is not cross-border when the only foreign party is "
                    "outside the EU",
                    basis,
                    unconfirmed=True,
                ),
            )
        ]
    return [
        (
            OK,
            Reason(
                f"Cross-border: the creditor is in {c}, the debtor in {d} (the court seised)",
                basis,
            ),
        )
    ]


def _civil_matter(claim, basis: str) -> list:
    """EU procedures cover civil and commercial matters, not acts of State authority."""
    kind = claim.debtor.kind
    if kind is None or kind is PartyKind.PUBLIC:
        what = "not known" if kind is None else "a public body"
        return [
            (
                REVIEW,
                Reason(
                    f"The debtor's type is {what}: claims against a public body acting in the "
                    "exercise of State authority are outside civil and commercial matters",
                    basis,
                ),
            )
        ]
    return []


def country_name(code: str | None) -> str:
    """``DE`` -> ``Germany``; the debtor's Member State when unknown."""
    if not code:
        return "the debtor's Member State"
    return Locale("en").territories.get(code, code)


def _eop_court(claim, eu: Pack) -> tuple[str, Reason]:
    """The court of the debtor's Member State, when the pack names it."""
    courts = eu.data.get("eop_courts") or {}
    entry = courts.get(claim.debtor.country or "")
    where = country_name(claim.debtor.country)
    if entry:
        return entry["court"], Reason(
            f"The competent court in {where} is the {entry['court']}", entry["basis"]
        )
    return f"Competent court in {where} (to be confirmed)", Reason(
        f"The rules data does not name the competent court in {where}: to be confirmed "
        "before filing",
        "Reg. (EC) 1896/2006 art. 6, 29",
        unconfirmed=True,
    )


def order_for_payment(ctx: Ctx) -> ProcedureAssessment:
    claim = ctx.claim
    eu = load_pack("EU")
    reasons = cross_border(claim, eu, "Reg. (EC) 1896/2006 art. 3")
    reasons += _civil_matter(claim, "Reg. (EC) 1896/2006 art. 2(1)")
    reasons.append((OK, Reason("No ceiling on the amount", "Reg. (EC) 1896/2006 art. 2, 4")))
    if claim.disputed:
        reasons.append(
            (
                REVIEW,
                Reason(
                    "The procedure is for uncontested claims: the debtor disputes, and an "
                    "opposition would send the case to ordinary proceedings",
                    "Reg. (EC) 1896/2006 art. 16",
                ),
            )
        )
    court, court_reason = _eop_court(claim, eu)
    reasons.append((OK, court_reason))
    outcome, why = decide(reasons)
    period, basis = eu.period_en("eop_opposition")
    return ProcedureAssessment(
        "eu.order_for_payment",
        outcome,
        why,
        court=court,
        form=eu.data["forms"]["order_for_payment"]["name"],
        deadlines=(
            Reason(
                f"The defendant may oppose within {period} of service",
                basis,
                unconfirmed=eu.period_unconfirmed("eop_opposition"),
            ),
        ),
    )


def small_claims(ctx: Ctx) -> ProcedureAssessment:
    claim = ctx.claim
    eu = load_pack("EU")
    basis = "Reg. (EC) 861/2007 art. 2(1), as amended by Reg. (EU) 2015/2421"
    reasons = cross_border(claim, eu, "Reg. (EC) 861/2007 art. 3")
    reasons += _civil_matter(claim, "Reg. (EC) 861/2007 art. 2(1)")
    row = ctx.row(eu, "small_claims_ceiling")
    # "does not exceed EUR 5,000 ... excluding all interest, expenses and disbursements"
    ceiling = Ceiling(
        row.decimal("amount"),
        eu.currency,
        inclusive=True,
        basis=basis,
        unconfirmed=row.value_unconfirmed,
    )
    reasons.append(
        against_ceiling(
            claim.principal,
            claim.currency,
            ceiling,
            what="The principal",
            excluded=", interest and costs excluded",
            extra=claim.fixed_compensation,
            extra_what="fixed compensation",
            conversion="at the exchange rate of the day the claim form is received",
        )
    )
    outcome, why = decide(reasons)
    return ProcedureAssessment(
        "eu.small_claims",
        outcome,
        why,
        court=f"Competent court in {country_name(claim.debtor.country)}",
        form=eu.data["forms"]["small_claims"]["name"],
    )
