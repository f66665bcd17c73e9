"""France: the procédure simplifiée de recouvrement des petites créances (CPCE L125-1),
the injonction de payer (CPC 1405 ff.), the référé-provision (CPC 835, 873) and the prior
amicable attempt before the tribunal judiciaire (CPC 750-1)."""

from __future__ import annotations

from datetime import date

from ...model import PartyKind
from ...money import ZERO
from ..assessment import (
    NO,
    OK,
    REVIEW,
    Ctx,
    ProcedureAssessment,
    both_commercial,
    decide,
    money,
)
from ..packs import load_pack
from ..reasons import Reason
from ..thresholds import Ceiling, against_ceiling
from .courts import ip_court
from .deadlines import OVERSEAS

__all__ = ["injonction", "petites_creances", "refere"]


def _location(claim) -> list:
    country = claim.debtor.country
    if country is None:
        return [
            (
                REVIEW,
                Reason(
                    "The debtor's country is not known: French courts are those of the "
                    "place where the debtor lives",
                    "CPC 1406",
                ),
            )
        ]
    if country != "FR" and claim.creditor.country not in {None, "FR"}:
        return [
            (
                NO,
                Reason(
                    f"Neither party is in France (creditor {claim.creditor.country}, debtor "
                    f"{country})",
                    "CPC 1406",
                ),
            )
        ]
    if country != "FR":
        return [
            (
                REVIEW,
                Reason(
                    f"The debtor lives outside France ({country}): a French court must first "
                    "have international jurisdiction; for a debtor in the EU, consider the "
                    "European order for payment",
                    "CPC 1406",
                ),
            )
        ]
    return []


def _currency(claim) -> list:
    if claim.currency != "EUR":
        return [
            (
                REVIEW,
                Reason(
                    f"The claim is in {claim.currency}: its value must be stated in euros",
                    "CPC 1407",
                ),
            )
        ]
    return []


def fixed_that_may_count(claim):
    """The fixed indemnity, which may count towards a ceiling: a consumer owes none."""
    if claim.debtor.kind is PartyKind.CONSUMER:
        return ZERO
    return claim.fixed_compensation


def petites_creances(ctx: Ctx) -> ProcedureAssessment:
    claim = ctx.claim
    fr = load_pack("FR")
    reasons = _location(claim)
    row = ctx.row_or_none(fr, "petites_creances_threshold")
    if row is None:
        since = fr.series["petites_creances_threshold"].first_date.isoformat()
        return ProcedureAssessment(
            "fr.petites_creances",
            NO,
            (Reason(f"The procedure exists only since {since}", "loi 2015-990; décret 2016-285"),),
        )
    # L125-1 says "below" a decree's amount, R125-1 (secondary sources) "not more than".
    ceiling = Ceiling(
        row.decimal("amount"),
        fr.currency,
        inclusive=None,
        basis="CPCE L125-1, R125-1",
        unconfirmed=row.value_unconfirmed,
    )
    reasons.append(
        against_ceiling(
            claim.principal + claim.interest,
            claim.currency,
            ceiling,
            what="Principal and interest",
            extra=fixed_that_may_count(claim),
            extra_what="fixed indemnities",
            plural=True,
        )
    )
    reasons.append(
        (OK, Reason("The claim has a contractual cause (unpaid invoices)", "CPCE L125-1"))
    )
    if claim.disputed:
        reasons.append(
            (
                REVIEW,
                Reason(
                    "The debtor disputes the claim: the procedure needs the debtor's agreement "
                    "on the amount, and silence counts as refusal",
                    "CPCE R125-1 s.",
                ),
            )
        )
    outcome, why = decide(reasons)
    reply, reply_basis = fr.period_en("petites_creances_reply")
    city = claim.debtor.city or "du débiteur"
    return ProcedureAssessment(
        "fr.petites_creances",
        outcome,
        why,
        court=(
            "Commissaire de justice du ressort de la cour d'appel du domicile du débiteur "
            f"({city})"
            if claim.debtor.country == "FR"
            else None
        ),
        form=None,
        deadlines=(
            Reason(
                f"The debtor has {reply} from the sending of the commissaire de justice's "
                "letter to accept; silence is refusal. An agreement recorded by the "
                "commissaire is an enforceable title",
                reply_basis,
            ),
        ),
    )


def injonction(ctx: Ctx) -> ProcedureAssessment:
    claim = ctx.claim
    fr = load_pack("FR")
    reasons = _location(claim) + _currency(claim)
    court, form, notes = ip_court(claim, fr)
    if claim.debtor.country == "FR":
        reasons += notes
    if claim.debtor.country != "FR" or court is None:
        court = form = None
    else:
        court = "Président " + court
    reasons.append(
        (
            OK,
            Reason(
                "Contractual claim of a determined amount (unpaid invoices), certain, liquid "
                "and due",
                "CPC 1405 1°",
            ),
        )
    )
    if claim.debtor.kind is PartyKind.PUBLIC:
        reasons.append(
            (
                REVIEW,
                Reason(
                    "The debtor is a public body: claims against it may belong to the "
                    "administrative courts",
                    "CPC 1405; administrative courts (not in the rules data)",
                ),
            )
        )
    if claim.disputed:
        reasons.append(
            (
                REVIEW,
                Reason(
                    "The debtor disputes the claim: an opposition is likely, which turns the "
                    "request into an ordinary case",
                    "CPC 1416",
                ),
            )
        )
    lawyer = fr.value("lawyer_threshold", claim.as_of)
    above = money(lawyer.decimal("amount"), fr.currency)
    reasons.append(
        (
            OK,
            Reason(
                "No lawyer is needed for the request (requête), whatever the amount; after "
                f"an opposition, a lawyer is required above {above}",
                f"CPC 1407; {lawyer.basis}",
                unconfirmed=lawyer.unconfirmed,
            ),
        )
    )
    outcome, why = decide(reasons)
    return ProcedureAssessment(
        "fr.injonction_de_payer",
        outcome,
        why,
        court=court,
        form=form,
        deadlines=_ip_deadlines(ctx, fr),
    )


def _ip_deadlines(ctx: Ctx, fr) -> tuple[Reason, ...]:
    claim = ctx.claim
    months = int(ctx.value(fr, "ip_service_months", "months"))
    service_row = fr.series["ip_service_months"].row_at(claim.as_of)
    opposition, opposition_basis = fr.period_en("opposition")
    deadlines = [
        Reason(
            f"An ordonnance made from {service_row.start.isoformat()} must be served within "
            f"{months} months of its date, or it lapses"
            + (
                " (the date this period applies from is not confirmed)"
                if service_row.unconfirmed_start
                else ""
            ),
            service_row.basis,
            unconfirmed=service_row.unconfirmed or service_row.unconfirmed_start,
        ),
        Reason(
            "Whether CPC 642 extends this service deadline when it ends on a non-working "
            "day is not confirmed",
            "CPC 642",
            unconfirmed=True,
        ),
        Reason(
            f"The debtor may oppose within {opposition} of service",
            opposition_basis,
            unconfirmed=fr.period_unconfirmed("opposition"),
        ),
    ]
    if claim.debtor.country and claim.debtor.country != "FR":
        distance, basis = fr.period_en("distance_abroad")
        deadlines.append(Reason(f"+ {distance} for a debtor living abroad", basis))
    elif claim.debtor.subdivision in OVERSEAS:
        deadlines.append(
            Reason(
                "The court sits where the debtor lives, so no distance extension applies "
                "to an overseas debtor before a local court",
                "CPC 643, 644",
            )
        )
    enforce = fr.data["periods"]["ip_enforce_without_opposition"]
    if service_row.start >= date.fromisoformat(str(enforce["from"])):
        period, basis = fr.period_en("ip_enforce_without_opposition")
        deadlines.append(
            Reason(
                f"Without notice of an opposition within {period} of service, the creditor "
                "may have the ordonnance enforced",
                basis,
            )
        )
    return tuple(deadlines)


def refere(ctx: Ctx) -> ProcedureAssessment:
    claim = ctx.claim
    fr = load_pack("FR")
    reasons = _location(claim) + _currency(claim)
    commercial = both_commercial(claim)
    basis = "CPC 873 al. 2" if commercial else "CPC 835 al. 2"
    if commercial is None:
        reasons.append(
            (
                REVIEW,
                Reason(
                    "A party's type is not known: the judge (tribunal de commerce or "
                    "tribunal judiciaire) depends on it",
                    "CPC 835, 873",
                ),
            )
        )
    if claim.disputed:
        reasons.append(
            (
                REVIEW,
                Reason(
                    "The debtor disputes the claim: a provision is granted only where the "
                    "obligation is not seriously disputable; the judge will weigh the dispute",
                    basis,
                ),
            )
        )
    else:
        reasons.append(
            (
                OK,
                Reason(
                    "Obligation non sérieusement contestable: invoices not disputed by the debtor",
                    basis,
                ),
            )
        )
    if claim.debtor.kind is PartyKind.PUBLIC:
        reasons.append(
            (
                REVIEW,
                Reason(
                    "The debtor is a public body: the référé-provision may belong to the "
                    "administrative judge",
                    "CPC 835; administrative courts (not in the rules data)",
                ),
            )
        )
    court = None
    if claim.debtor.country == "FR" and commercial is not None:
        name, _form, notes = ip_court(claim, fr)
        reasons += [n for n in notes if n[0] is REVIEW]
        court = "Juge des référés " + name
    outcome, why = decide(reasons)
    return ProcedureAssessment("fr.refere_provision", outcome, why, court=court)
