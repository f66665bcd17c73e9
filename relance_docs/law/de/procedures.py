"""Germany: the gerichtliches Mahnverfahren (ZPO 688 ff.)."""

from __future__ import annotations

from ...model import PartyKind
from ..assessment import NO, OK, REVIEW, Ctx, Outcome, ProcedureAssessment, decide
from ..packs import load_pack
from ..reasons import Reason

__all__ = ["mahnverfahren"]


def mahnverfahren(ctx: Ctx) -> ProcedureAssessment:
    claim = ctx.claim
    de, eu = load_pack("DE"), load_pack("EU")
    c, d = claim.creditor.country, claim.debtor.country
    reasons: list[tuple[Outcome, Reason]] = []
    if claim.currency != "EUR":
        reasons.append(
            (NO, Reason(f"The claim is in {claim.currency}, not a sum in euro", "ZPO 688(1)"))
        )
    if d is None:
        reasons.append((REVIEW, Reason("The debtor's country is not known", "ZPO 688")))
    elif d == "DE":
        reasons.append((OK, Reason("The debtor lives in Germany", "ZPO 688(1)")))
    elif c == "DE" and d in {*eu.data["member_states"], *eu.data["excluded_member_states"]}:
        reasons.append(
            (
                REVIEW,
                Reason(
                    f"The debtor lives in {d}: service abroad is possible in an EU Member "
                    "State, but the European order for payment is the usual route",
                    "ZPO 688(3), (4)",
                ),
            )
        )
    elif c == "DE":
        reasons.append(
            (
                NO,
                Reason(
                    f"The debtor lives in {d}, outside the EU: service abroad only where the "
                    "AVAG or AUG allows it",
                    "ZPO 688(3)",
                ),
            )
        )
    else:
        reasons.append(
            (NO, Reason("Neither a German debtor nor a German creditor", "ZPO 688, 689"))
        )
    reasons.append((OK, Reason("No ceiling on the amount", "ZPO 688(1)")))
    if claim.debtor.kind is PartyKind.CONSUMER:
        excluded = de.value("mahnverfahren_consumer_credit", claim.as_of)
        reasons.append(
            (
                OK,
                Reason(
                    "Excluded for consumer credit at an annual rate more than "
                    f"{excluded.values['points']} points above the Basiszinssatz",
                    excluded.basis,
                    unconfirmed=excluded.unconfirmed,
                ),
            )
        )
    if claim.disputed:
        reasons.append(
            (
                REVIEW,
                Reason(
                    "The debtor disputes the claim: a Widerspruch would lead to ordinary "
                    "proceedings",
                    "ZPO 688 ff.",
                ),
            )
        )
    outcome, why = decide(reasons)
    courts = de.data["mahngericht"]
    court = courts["applicant_in_germany"] if c == "DE" else courts["applicant_abroad"]
    objection, objection_basis = de.period_en("mahnbescheid_objection")
    vb, vb_basis = de.period_en("vollstreckungsbescheid")
    return ProcedureAssessment(
        "de.mahnverfahren",
        outcome,
        why,
        court=court,
        form="Antrag auf Erlass eines Mahnbescheids (machine-readable form)",
        deadlines=(
            Reason(
                f"The debtor may object (Widerspruch) within {objection} of service",
                objection_basis,
            ),
            Reason(
                f"Apply for the Vollstreckungsbescheid within {vb} of service, or the "
                "Mahnbescheid lapses",
                vb_basis,
            ),
        ),
    )
