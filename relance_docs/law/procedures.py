"""Which recovery procedure a claim qualifies for, and what must come first.

:func:`assess` takes a :class:`Claim` (the parties, the amounts as of a date, whether the
debt is disputed) and answers, for each procedure of the packs, ``eligible``,
``ineligible`` or ``needs_review``, each with reasons that cite their legal basis, the
court, the form and the deadlines that follow. It also says which prerequisites apply
(the UK Pre-Action Protocol for Debt Claims, the French prior amicable attempt) and when
the claim becomes time-barred.

An unknown fact that the answer depends on (the debtor's type or country) never gives
``eligible``: it gives ``needs_review`` and says what is missing. A point the fact sheets
could not confirm is a reason marked ``unconfirmed``, and makes the outcome
``needs_review`` when it decides it.

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

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import ROUND_DOWN, Decimal
from enum import StrEnum

from babel import Locale

from ..errors import RulesDataError
from ..model import PartyKind
from ..money import ZERO, to_money
from ..text import fold
from .calendars import SUBDIVISIONS, calendar, next_working_day
from .deadlines import add_period, parse_period
from .interest import party_kind
from .packs import Pack, load_pack
from .reasons import LawWarning, Reason

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


class Outcome(StrEnum):
    ELIGIBLE = "eligible"
    INELIGIBLE = "ineligible"
    NEEDS_REVIEW = "needs_review"


class Requirement(StrEnum):
    REQUIRED = "required"
    NOT_REQUIRED = "not_required"
    NEEDS_REVIEW = "needs_review"


PROCEDURES = {
    "fr.petites_creances": "Procédure simplifiée de recouvrement des petites créances",
    "fr.injonction_de_payer": "Injonction de payer",
    "fr.refere_provision": "Référé-provision",
    "eu.order_for_payment": "European order for payment",
    "eu.small_claims": "European Small Claims Procedure",
    "gb.money_claim_online": "Money Claim Online (County Court)",
    "gb.small_claims_track": "County Court small claims track",
    "de.mahnverfahren": "Gerichtliches Mahnverfahren",
}

_COMMERCIAL = {PartyKind.COMPANY, PartyKind.TRADER}
_INDIVIDUALS = {PartyKind.CONSUMER, PartyKind.TRADER}
_OVERSEAS = {code for code in SUBDIVISIONS["FR"] if code not in {"57", "6AE"}}
_SOON = timedelta(days=90)


@dataclass(frozen=True)
class ClaimParty:
    """What the law needs to know of a creditor or debtor."""

    kind: PartyKind | str | None
    country: str | None
    subdivision: str | None = None
    city: str | None = None
    name: str | None = None

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
    (within 90 days), ``time_barred`` or ``needs_review``."""

    status: str
    period: str | None
    start: date
    end: date | None
    reasons: tuple[Reason, ...]

    def as_dict(self) -> dict:
        return {
            "status": self.status,
            "period": self.period,
            "start": self.start.isoformat(),
            "end": self.end.isoformat() if self.end else None,
            "reasons": [r.as_dict() for r in self.reasons],
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
class _Ctx:
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

    def row_or_none(self, pack: Pack, series: str):
        """The row in force on the claim's date, or None before the series begins."""
        if self.claim.as_of < pack.series[series].first_date:
            return None
        return self.row(pack, series)


def _money(amount: Decimal, currency: str) -> str:
    return f"{to_money(amount)} {currency}"


def _decide(reasons: list[tuple[Outcome, Reason]]) -> tuple[Outcome, tuple[Reason, ...]]:
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


_OK, _NO, _REVIEW = Outcome.ELIGIBLE, Outcome.INELIGIBLE, Outcome.NEEDS_REVIEW


def _both_commercial(claim: Claim) -> bool | None:
    c, d = claim.creditor.kind, claim.debtor.kind
    if c is None or d is None:
        return None
    return c in _COMMERCIAL and d in _COMMERCIAL


# --------------------------------------------------------------------------- France


def _fr_court(claim: Claim, fr: Pack) -> tuple[str | None, str | None, list]:
    """The court (as "du tribunal ..." to follow "Président" or "Juge des référés") and
    the CERFA form for a French injonction de payer (CPC 1406)."""
    forms = fr.data["forms"]
    debtor = claim.debtor
    city = debtor.city or "la commune du débiteur"
    commercial = _both_commercial(claim)
    notes: list[tuple[Outcome, Reason]] = []
    if commercial is None:
        who = "debtor" if debtor.kind is None else "creditor"
        notes.append(
            (
                _REVIEW,
                Reason(
                    f"The {who}'s type is not known: the court (tribunal de commerce or "
                    "tribunal judiciaire) depends on whether both parties are commercial",
                    "CPC 1406",
                ),
            )
        )
        return None, None, notes
    if commercial:
        form = forms["tribunal_de_commerce"]["version"]
        if debtor.subdivision in fr.data["alsace_moselle"]:
            notes.append(
                (
                    _OK,
                    Reason(
                        "Alsace-Moselle has no tribunal de commerce: the chambre commerciale "
                        "of the tribunal judiciaire hears commercial claims",
                        "CPC 1406; local law of Alsace-Moselle (heropay.eu) [SECONDARY]",
                    ),
                )
            )
            notes.append(
                (
                    _OK,
                    Reason(
                        "Whether the chambre commerciale uses CERFA 12946 or 12948 is not "
                        "confirmed",
                        "fr_rules.md 4b",
                        unconfirmed=True,
                    ),
                )
            )
            return (
                f"de la chambre commerciale du tribunal judiciaire dont relève {city}",
                f"CERFA {form}",
                notes,
            )
        tae = fr.data["tae"]
        in_tae_period = (
            date.fromisoformat(tae["from"]) <= claim.as_of <= date.fromisoformat(tae["to"])
        )
        tae_cities = {fold(c): c for c in tae["cities"]}
        if in_tae_period and debtor.city and fold(debtor.city) in tae_cities:
            notes.append(
                (
                    _OK,
                    Reason(
                        f"{tae_cities[fold(debtor.city)]} is one of the 12 tribunaux des "
                        "activités économiques (2025-2028), which keep the commercial courts' "
                        "powers",
                        "arrêté du 5 juillet 2024",
                    ),
                )
            )
            return (
                f"du tribunal des activités économiques de {tae_cities[fold(debtor.city)]}",
                f"CERFA {form}",
                notes,
            )
        if in_tae_period:
            notes.append(
                (
                    _OK,
                    Reason(
                        "If the commune is in the area of one of the 12 tribunaux des "
                        f"activités économiques ({', '.join(tae['cities'])}), that court "
                        "replaces the tribunal de commerce",
                        "arrêté du 5 juillet 2024",
                    ),
                )
            )
        return f"du tribunal de commerce dont relève {city}", f"CERFA {form}", notes
    if debtor.kind is PartyKind.CONSUMER:
        notes.append(
            (
                _OK,
                Reason(
                    "For consumer credit or a residential lease the juge des contentieux de "
                    "la protection is competent (CERFA "
                    + forms["juge_des_contentieux_de_la_protection"]["version"]
                    + ")",
                    "CPC 1406",
                ),
            )
        )
    return (
        f"du tribunal judiciaire dont relève {city}",
        f"CERFA {forms['tribunal_judiciaire']['version']}",
        notes,
    )


def _fr_location(claim: Claim) -> list[tuple[Outcome, Reason]]:
    country = claim.debtor.country
    if country is None:
        return [
            (
                _REVIEW,
                Reason(
                    "The debtor's country is not known: French courts are those of the "
                    "place where the debtor lives",
                    "CPC 1406 (injonction de payer); CPC 42",
                ),
            )
        ]
    if country != "FR" and claim.creditor.country not in {None, "FR"}:
        return [
            (
                _NO,
                Reason(
                    f"Neither party is in France (creditor {claim.creditor.country}, debtor "
                    f"{country})",
                    "CPC 42, 1406",
                ),
            )
        ]
    if country != "FR":
        return [
            (
                _REVIEW,
                Reason(
                    f"The debtor lives outside France ({country}): a French court must first "
                    "have international jurisdiction; for a debtor in the EU, consider the "
                    "European order for payment",
                    "CPC 1406; Reg. (EU) 1215/2012",
                ),
            )
        ]
    return []


def _fr_currency(claim: Claim) -> list[tuple[Outcome, Reason]]:
    if claim.currency != "EUR":
        return [
            (
                _REVIEW,
                Reason(
                    f"The claim is in {claim.currency}: its value must be stated in euros",
                    "CPC 1407",
                ),
            )
        ]
    return []


def _petites_creances(ctx: _Ctx, fr: Pack) -> ProcedureAssessment:
    claim = ctx.claim
    reasons = _fr_location(claim) + _fr_currency(claim)
    basis = "CPCE L125-1, R125-1"
    first = ctx.row_or_none(fr, "petites_creances_threshold")
    if first is None:
        since = fr.series["petites_creances_threshold"].first_date.isoformat()
        return ProcedureAssessment(
            "fr.petites_creances",
            Outcome.INELIGIBLE,
            (Reason(f"The procedure exists only since {since}", "loi 2015-990; décret 2016-285"),),
        )
    threshold = first.decimal("amount")
    pi = claim.principal + claim.interest
    cur = claim.currency
    margin = Decimal(40)
    if pi > threshold + margin:
        reasons.append(
            (
                _NO,
                Reason(
                    f"Principal and interest ({_money(pi, cur)}) exceed {_money(threshold, cur)}",
                    basis,
                ),
            )
        )
    elif pi > threshold - margin:
        reasons.append(
            (
                _REVIEW,
                Reason(
                    f"Principal and interest ({_money(pi, cur)}) are within 40 EUR of the "
                    f"{_money(threshold, cur)} threshold: whether the threshold itself is "
                    "included, and whether the fixed indemnity counts, is not confirmed",
                    basis,
                    unconfirmed=True,
                ),
            )
        )
    elif pi + claim.fixed_compensation > threshold:
        reasons.append(
            (
                _REVIEW,
                Reason(
                    f"Principal and interest ({_money(pi, cur)}) are within the "
                    f"{_money(threshold, cur)} threshold, but not with the fixed indemnities "
                    f"({_money(claim.fixed_compensation, cur)}); whether they count is not "
                    "confirmed",
                    basis,
                    unconfirmed=True,
                ),
            )
        )
    else:
        reasons.append(
            (
                _OK,
                Reason(
                    f"Principal and interest ({_money(pi, cur)}) do not exceed "
                    f"{_money(threshold, cur)}"
                    + (
                        ", nor with the fixed indemnities "
                        f"({_money(pi + claim.fixed_compensation, cur)})"
                        if claim.fixed_compensation
                        else ""
                    ),
                    basis,
                ),
            )
        )
    reasons.append(
        (_OK, Reason("The claim has a contractual cause (unpaid invoices)", "CPCE L125-1"))
    )
    if claim.disputed:
        reasons.append(
            (
                _REVIEW,
                Reason(
                    "The debtor disputes the claim: the procedure needs the debtor's agreement "
                    "on the amount, and silence counts as refusal",
                    "CPCE R125-1 s.",
                ),
            )
        )
    outcome, why = _decide(reasons)
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


def _injonction(ctx: _Ctx, fr: Pack) -> ProcedureAssessment:
    claim = ctx.claim
    reasons = _fr_location(claim) + _fr_currency(claim)
    court, form, notes = _fr_court(claim, fr)
    if claim.debtor.country == "FR":
        reasons += notes
    if claim.debtor.country != "FR" or court is None:
        court = form = None
    else:
        court = "Président " + court
    reasons.append(
        (
            _OK,
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
                _REVIEW,
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
                _REVIEW,
                Reason(
                    "The debtor disputes the claim: an opposition is likely, which turns the "
                    "request into an ordinary case",
                    "CPC 1416",
                ),
            )
        )
    reasons.append(
        (
            _OK,
            Reason(
                "No lawyer is needed for the request (requête), whatever the amount; after "
                "an opposition, a lawyer is required above 10,000 EUR",
                "CPC 1407; CPC 760-761, 853",
            ),
        )
    )
    outcome, why = _decide(reasons)
    months = int(ctx.value(fr, "ip_service_months", "months"))
    service_row = fr.series["ip_service_months"].row_at(claim.as_of)
    opposition, opposition_basis = fr.period_en("opposition")
    deadlines = [
        Reason(
            f"An ordonnance made from {service_row.start.isoformat()} must be served within "
            f"{months} months of its date, or it lapses",
            service_row.source.split(" (")[0],
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
        ),
    ]
    if claim.debtor.country and claim.debtor.country != "FR":
        distance, basis = fr.period_en("distance_abroad")
        deadlines.append(
            Reason(f"+ {distance} for a debtor living abroad", basis),
        )
    elif claim.debtor.subdivision in _OVERSEAS:
        deadlines.append(
            Reason(
                "The court sits where the debtor lives, so no distance extension applies "
                "to an overseas debtor before a local court",
                "CPC 643, 644",
            )
        )
    if service_row.start >= date(2026, 9, 1):
        enforce, enforce_basis = fr.period_en("ip_enforce_without_opposition")
        deadlines.append(
            Reason(
                f"Without notice of an opposition within {enforce} of service, the creditor "
                "may have the ordonnance enforced",
                enforce_basis,
            )
        )
    return ProcedureAssessment(
        "fr.injonction_de_payer", outcome, why, court=court, form=form, deadlines=tuple(deadlines)
    )


def _refere(ctx: _Ctx, fr: Pack) -> ProcedureAssessment:
    claim = ctx.claim
    reasons = _fr_location(claim) + _fr_currency(claim)
    commercial = _both_commercial(claim)
    basis = "CPC 873 al. 2" if commercial else "CPC 835 al. 2"
    if commercial is None:
        reasons.append(
            (
                _REVIEW,
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
                _REVIEW,
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
                _OK,
                Reason(
                    "Obligation non sérieusement contestable: invoices not disputed by the debtor",
                    basis,
                ),
            )
        )
    if claim.debtor.kind is PartyKind.PUBLIC:
        reasons.append(
            (
                _REVIEW,
                Reason(
                    "The debtor is a public body: the référé-provision may belong to the "
                    "administrative judge",
                    "CPC 835; administrative courts (not in the rules data)",
                ),
            )
        )
    outcome, why = _decide(reasons)
    court = None
    if claim.debtor.country == "FR" and commercial is not None:
        court = "Juge des référés " + _fr_court(claim, fr)[0]
    return ProcedureAssessment("fr.refere_provision", outcome, why, court=court)


def _amicable_attempt(ctx: _Ctx, fr: Pack) -> Prerequisite:
    claim = ctx.claim
    pid = "fr.tentative_amiable"
    if claim.debtor.country and claim.debtor.country != "FR":
        return Prerequisite(
            pid,
            Requirement.NOT_REQUIRED,
            (Reason("The debtor lives outside France", "CPC 750-1"),),
        )
    commercial = _both_commercial(claim)
    if commercial is None:
        return Prerequisite(
            pid,
            Requirement.NEEDS_REVIEW,
            (
                Reason(
                    "A party's type is not known: the prior amicable attempt applies before "
                    "the tribunal judiciaire, not the tribunal de commerce",
                    "CPC 750-1",
                ),
            ),
        )
    if commercial:
        return Prerequisite(
            pid,
            Requirement.NOT_REQUIRED,
            (
                Reason(
                    "Both parties are commercial: the claim goes to the tribunal de commerce, "
                    "where the prior amicable attempt does not apply",
                    "CPC 750-1",
                ),
            ),
        )
    row = ctx.row_or_none(fr, "amicable_attempt_threshold")
    if row is None or row.decimal("amount") == 0:
        why = (
            "CPC 750-1 applies to claims brought from 1 January 2020"
            if row is None
            else f"CPC 750-1 did not apply on this date: {row.source}"
        )
        return Prerequisite(pid, Requirement.NOT_REQUIRED, (Reason(why, "CPC 750-1"),))
    threshold = row.decimal("amount")
    amount = claim.principal + claim.interest
    common = (
        Reason(
            "Not for the injonction de payer request, which is decided without hearing the "
            "debtor; a failed petites créances procedure also exempts the creditor",
            "CPC 750-1",
        ),
        Reason(
            "Whether CPC 750-1 was kept unchanged by décret 2025-660 (from 1 September "
            "2025) is not confirmed",
            "décret 2025-660",
            unconfirmed=True,
        ),
    )
    if amount <= threshold:
        return Prerequisite(
            pid,
            Requirement.REQUIRED,
            (
                Reason(
                    f"A claim of {_money(amount, claim.currency)} (not more than "
                    f"{_money(threshold, claim.currency)}) before the tribunal judiciaire "
                    "must first go to a conciliateur de justice, mediation or a procédure "
                    "participative, on pain of inadmissibility",
                    "CPC 750-1 (décret 2023-357)",
                ),
                *common,
            ),
        )
    return Prerequisite(
        pid,
        Requirement.NOT_REQUIRED,
        (
            Reason(
                f"The claim ({_money(amount, claim.currency)}) exceeds "
                f"{_money(threshold, claim.currency)}",
                "CPC 750-1",
            ),
            common[1],
        ),
    )


# --------------------------------------------------------------------------- EU


def _cross_border(claim: Claim, eu: Pack, basis: str) -> list[tuple[Outcome, Reason]]:
    c, d = claim.creditor.country, claim.debtor.country
    members = set(eu.data["member_states"])
    if c is None or d is None:
        who = "creditor" if c is None else "debtor"
        return [(_REVIEW, Reason(f"The {who}'s country is not known", basis))]
    if d in eu.data["excluded_member_states"]:
        return [(_NO, Reason(f"The debtor is in {d}, where the Regulation does not apply", basis))]
    if d not in members:
        return [
            (
                _NO,
                Reason(
                    f"The debtor is in {d}, outside the Member States bound by the Regulation",
                    basis,
                ),
            )
        ]
    if c == d:
        return [
            (
                _NO,
                Reason(
                    f"Not cross-border: both parties are in {d} (the court would be there)",
                    basis,
                ),
            )
        ]
    if c not in members:
        return [
            (
                _REVIEW,
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
            _OK,
            Reason(
                f"Cross-border: the creditor is in {c}, the debtor in {d} (the court seised)",
                basis,
            ),
        )
    ]


def _civil_matter(claim: Claim, basis: str) -> list[tuple[Outcome, Reason]]:
    """EU procedures cover civil and commercial matters, not acts of State authority."""
    kind = claim.debtor.kind
    if kind is None or kind is PartyKind.PUBLIC:
        what = "not known" if kind is None else "a public body"
        return [
            (
                _REVIEW,
                Reason(
                    f"The debtor's type is {what}: claims against a public body acting in the "
                    "exercise of State authority are outside civil and commercial matters",
                    basis,
                ),
            )
        ]
    return []


def _country(code: str | None) -> str:
    """``DE`` -> ``Germany``; the debtor's Member State when unknown."""
    if not code:
        return "the debtor's Member State"
    return Locale("en").territories.get(code, code)


def _order_for_payment(ctx: _Ctx, eu: Pack) -> ProcedureAssessment:
    claim = ctx.claim
    reasons = _cross_border(claim, eu, "Reg. (EC) 1896/2006 art. 3")
    reasons += _civil_matter(claim, "Reg. (EC) 1896/2006 art. 2(1)")
    reasons.append((_OK, Reason("No ceiling on the amount", "Reg. (EC) 1896/2006 art. 2, 4")))
    if claim.disputed:
        reasons.append(
            (
                _REVIEW,
                Reason(
                    "The procedure is for uncontested claims: the debtor disputes, and an "
                    "opposition would send the case to ordinary proceedings",
                    "Reg. (EC) 1896/2006 art. 16",
                ),
            )
        )
    outcome, why = _decide(reasons)
    period, basis = eu.period_en("eop_opposition")
    where = _country(claim.debtor.country)
    return ProcedureAssessment(
        "eu.order_for_payment",
        outcome,
        why,
        court=f"Competent court in {where}",
        form="Form A (Annex I, Reg. (EU) 2017/1260)",
        deadlines=(
            Reason(
                f"The defendant may oppose within {period} of service", basis, unconfirmed=True
            ),
        ),
    )


def _small_claims_eu(ctx: _Ctx, eu: Pack) -> ProcedureAssessment:
    claim = ctx.claim
    basis = "Reg. (EC) 861/2007 art. 2(1), as amended by Reg. (EU) 2015/2421"
    reasons = _cross_border(claim, eu, "Reg. (EC) 861/2007 art. 3")
    reasons += _civil_matter(claim, "Reg. (EC) 861/2007 art. 2(1)")
    ceiling = ctx.value(eu, "small_claims_ceiling", "amount")
    p, cur = claim.principal, claim.currency
    if cur != "EUR":
        reasons.append(
            (
                _REVIEW,
                Reason(
                    f"The claim is in {cur}: its value must be compared with "
                    f"{_money(ceiling, 'EUR')} at the exchange rate of the day the claim form "
                    "is received",
                    basis,
                ),
            )
        )
    elif p > ceiling:
        reasons.append(
            (
                _NO,
                Reason(
                    f"The principal ({_money(p, cur)}) exceeds {_money(ceiling, cur)} "
                    "(interest and costs excluded)",
                    basis,
                ),
            )
        )
    elif claim.fixed_compensation and p + claim.fixed_compensation > ceiling:
        reasons.append(
            (
                _REVIEW,
                Reason(
                    f"The principal ({_money(p, cur)}) is within {_money(ceiling, cur)}, but "
                    f"not with the fixed compensation ({_money(claim.fixed_compensation, cur)}): "
                    "whether it counts, or is excluded as costs, is not confirmed",
                    basis,
                    unconfirmed=True,
                ),
            )
        )
    else:
        reasons.append(
            (
                _OK,
                Reason(
                    f"The principal ({_money(p, cur)}) does not exceed {_money(ceiling, cur)} "
                    "(interest and costs excluded)",
                    basis,
                ),
            )
        )
    outcome, why = _decide(reasons)
    where = _country(claim.debtor.country)
    return ProcedureAssessment(
        "eu.small_claims",
        outcome,
        why,
        court=f"Competent court in {where}",
        form="Form A (Annex I, Reg. (EU) 2017/1259)",
    )


# --------------------------------------------------------------------------- England & Wales


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


def _fee(ctx: _Ctx, gb: Pack, amount: Decimal, outcome: Outcome) -> Decimal | None:
    """The issue fee, for a route that may be open (its table's warning only then)."""
    if outcome is Outcome.INELIGIBLE or ctx.claim.currency != "GBP":
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


def _gb_location(claim: Claim) -> list[tuple[Outcome, Reason]]:
    basis = "County Court (England and Wales)"
    d = claim.debtor
    if d.country is None:
        return [(_REVIEW, Reason("The debtor's country is not known", basis))]
    if d.country != "GB" and claim.creditor.country not in {None, "GB"}:
        return [
            (
                _NO,
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
                _REVIEW,
                Reason(
                    f"The debtor is outside the United Kingdom ({d.country}): jurisdiction "
                    "and service abroad are not covered by the rules data",
                    basis,
                ),
            )
        ]
    if d.subdivision in {"SCT", "NIR"}:
        where = "Scotland" if d.subdivision == "SCT" else "Northern Ireland"
        return [
            (
                _NO,
                Reason(
                    f"The debtor is in {where}, which has its own courts (in Scotland, the "
                    "Simple Procedure up to £5,000)",
                    "Courts of England and Wales",
                ),
            )
        ]
    if d.subdivision is None:
        return [
            (
                _REVIEW,
                Reason(
                    "The debtor's nation (England, Wales, Scotland, Northern Ireland) is not "
                    "known",
                    basis,
                ),
            )
        ]
    return []


def _gb_currency(claim: Claim) -> list[tuple[Outcome, Reason]]:
    if claim.currency != "GBP":
        return [
            (
                _REVIEW,
                Reason(
                    f"The claim is in {claim.currency}: a County Court claim states a sum in "
                    "pounds sterling",
                    "CPR Part 16",
                    unconfirmed=True,
                ),
            )
        ]
    return []


def _papdc_reason(claim: Claim) -> list[tuple[Outcome, Reason]]:
    if claim.debtor.kind in _INDIVIDUALS:
        return [
            (
                _OK,
                Reason(
                    "The debtor is an individual: a letter of claim must have been sent at "
                    "least 30 days before issuing (see the prerequisite)",
                    "Pre-Action Protocol for Debt Claims",
                ),
            )
        ]
    return []


def _money_claim_online(ctx: _Ctx, gb: Pack) -> ProcedureAssessment:
    claim = ctx.claim
    reasons = _gb_location(claim) + _gb_currency(claim)
    limit_row = ctx.row(gb, "money_claim_online_limit")
    limit = limit_row.decimal("below")
    total, cur = claim.total, claim.currency
    basis = "Money Claim Online (specified sums)"
    if total >= limit:
        reasons.append(
            (
                _NO,
                Reason(
                    f"The amount claimed ({_money(total, cur)}) is not below {_money(limit, cur)}",
                    basis,
                ),
            )
        )
    else:
        reasons.append(
            (
                _OK,
                Reason(
                    f"A specified sum of {_money(total, cur)}, below {_money(limit, cur)}",
                    basis,
                ),
            )
        )
    reasons += _papdc_reason(claim)
    outcome, why = _decide(reasons)
    fee = _fee(ctx, gb, total, outcome)
    return ProcedureAssessment(
        "gb.money_claim_online",
        outcome,
        why,
        court="County Court Money Claims Centre (online)",
        form="Money Claim Online (form N1 online)",
        fee=fee,
        deadlines=(
            Reason(
                "Interest under the 1998 Act continues at the daily rate until judgment",
                "Late Payment of Commercial Debts (Interest) Act 1998 s.1",
            ),
        )
        if claim.interest
        else (),
    )


def _small_claims_track(ctx: _Ctx, gb: Pack) -> ProcedureAssessment:
    claim = ctx.claim
    reasons = _gb_location(claim) + _gb_currency(claim)
    limit_row = ctx.row(gb, "small_claims_limit")
    limit = limit_row.decimal("amount")
    p, cur = claim.principal, claim.currency
    basis = "CPR r.26.6(3); PD 26 para 7.4"
    if p > limit:
        reasons.append(
            (
                _NO,
                Reason(
                    f"The value ({_money(p, cur)}, interest excluded) exceeds "
                    f"{_money(limit, cur)}: fast track or multi-track",
                    basis,
                ),
            )
        )
    elif claim.fixed_compensation and p + claim.fixed_compensation > limit:
        reasons.append(
            (
                _REVIEW,
                Reason(
                    f"The value ({_money(p, cur)}) is within {_money(limit, cur)} but not "
                    f"with the fixed sum ({_money(claim.fixed_compensation, cur)}): whether it "
                    "counts towards the track value is not confirmed",
                    basis,
                    unconfirmed=True,
                ),
            )
        )
    else:
        reasons.append(
            (
                _OK,
                Reason(
                    f"The value ({_money(p, cur)}, interest and costs excluded) does not "
                    f"exceed {_money(limit, cur)}",
                    basis,
                ),
            )
        )
    reasons.append(
        (
            _OK,
            Reason(
                "The rule number is the pre-October 2023 numbering of CPR Part 26",
                "CPR Part 26",
                unconfirmed=True,
            ),
        )
    )
    reasons += _papdc_reason(claim)
    outcome, why = _decide(reasons)
    fee = _fee(ctx, gb, claim.total, outcome)
    return ProcedureAssessment(
        "gb.small_claims_track",
        outcome,
        why,
        court="County Court (England and Wales)",
        form="Claim form N1",
        fee=fee,
    )


def _pre_action_protocol(claim: Claim, gb: Pack) -> Prerequisite:
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
    if d.kind in _INDIVIDUALS and claim.creditor.kind is None:
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
    if d.kind in _INDIVIDUALS:
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
                    f"The debtor has {reply} from the date of the letter to reply; do not "
                    "issue before it has expired",
                    reply_basis,
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


# --------------------------------------------------------------------------- Germany


def _mahnverfahren(ctx: _Ctx, de: Pack, eu: Pack) -> ProcedureAssessment:
    claim = ctx.claim
    c, d = claim.creditor.country, claim.debtor.country
    reasons: list[tuple[Outcome, Reason]] = []
    if claim.currency != "EUR":
        reasons.append(
            (_NO, Reason(f"The claim is in {claim.currency}, not a sum in euro", "ZPO 688(1)"))
        )
    if d is None:
        reasons.append((_REVIEW, Reason("The debtor's country is not known", "ZPO 688")))
    elif d == "DE":
        reasons.append((_OK, Reason("The debtor lives in Germany", "ZPO 688(1)")))
    elif c == "DE" and d in {*eu.data["member_states"], *eu.data["excluded_member_states"]}:
        reasons.append(
            (
                _REVIEW,
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
                _NO,
                Reason(
                    f"The debtor lives in {d}, outside the EU: service abroad only where the "
                    "AVAG or AUG allows it",
                    "ZPO 688(3)",
                ),
            )
        )
    else:
        reasons.append(
            (_NO, Reason("Neither a German debtor nor a German creditor", "ZPO 688, 689"))
        )
    reasons.append((_OK, Reason("No ceiling on the amount", "ZPO 688(1)")))
    if claim.debtor.kind is PartyKind.CONSUMER:
        reasons.append(
            (
                _OK,
                Reason(
                    "Excluded for consumer credit at an annual rate more than 12 points above "
                    "the Basiszinssatz",
                    "ZPO 688",
                ),
            )
        )
    if claim.disputed:
        reasons.append(
            (
                _REVIEW,
                Reason(
                    "The debtor disputes the claim: a Widerspruch would lead to ordinary "
                    "proceedings",
                    "ZPO 688 ff.",
                ),
            )
        )
    outcome, why = _decide(reasons)
    court = (
        "Amtsgericht of the applicant's general venue (central Mahngericht of the Land)"
        if c == "DE"
        else "Amtsgericht Wedding, Berlin (applicant without a general venue in Germany)"
    )
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


# --------------------------------------------------------------------------- limitation


def _limitation(ctx: _Ctx) -> Limitation:
    claim = ctx.claim
    start = claim.oldest_due
    j = claim.jurisdiction
    if j == "FR":
        fr = load_pack("FR")
        c, d = claim.creditor.kind, claim.debtor.kind
        if c is None or d is None:
            return Limitation(
                "needs_review",
                None,
                start,
                None,
                (
                    Reason(
                        "A party's type is not known: 2 years (professional against a "
                        "consumer) or 5 years",
                        "C. consom. L218-2; C. com. L110-4; C. civ. 2224",
                    ),
                ),
            )
        notes: list[Reason] = []
        if d is PartyKind.CONSUMER and c is not PartyKind.CONSUMER:
            period, basis = fr.period_en("limitation_consumer")
            notes.append(
                Reason(
                    "The starting point under L218-2 may be the date of performance rather "
                    "than the due date; the due date was used",
                    basis,
                    unconfirmed=True,
                )
            )
        elif PartyKind.TRADER in (c, d) or PartyKind.COMPANY in (c, d):
            period, basis = fr.period_en("limitation_commercial")
        else:
            period, basis = fr.period_en("limitation_civil")
        notes.append(
            Reason(
                "A formal notice does not interrupt limitation; an acknowledgment by the "
                "debtor or a court claim does",
                "C. civ. 2240, 2241, 2244",
            )
        )
        notes.append(
            Reason(
                "Whether the period is extended when it ends on a non-working day is not "
                "confirmed: the nominal date is given",
                "C. civ. 2228-2229; CPC 642",
                unconfirmed=True,
            )
        )
    elif j == "GB":
        gb = load_pack("GB")
        key = "limitation_scotland" if claim.debtor.subdivision == "SCT" else "limitation_ew"
        period, basis = gb.period(key)
        notes = [
            Reason(
                "Limitation runs from the date the cause of action accrued",
                basis,
                unconfirmed=True,
            )
        ]
    else:
        return Limitation(
            "needs_review",
            None,
            start,
            None,
            (
                Reason(
                    f"Limitation periods for {j} are not in the rules data",
                    "rules/" + j + "/pack.yaml",
                ),
            ),
        )
    end = add_period(start, parse_period(period))
    if j == "FR" and end < claim.as_of <= next_working_day(
        end - timedelta(days=1), calendar("FR")
    ):
        # The nominal end fell on a weekend or holiday and the claim's date is before the
        # next working day: time-barred or not turns on the unconfirmed point.
        head = Reason(
            f"{period} from the due date of the oldest invoice ({start.isoformat()}) ended on "
            f"{end.isoformat()}, a non-working day: the claim is time-barred unless the "
            "period runs to the next working day, which is not confirmed",
            basis,
            unconfirmed=True,
        )
        return Limitation("needs_review", period, start, end, (head, *notes))
    if claim.as_of > end:
        status = "time_barred"
        head = Reason(
            f"Time-barred since {(end + timedelta(days=1)).isoformat()}: {period} from the due "
            f"date of the oldest invoice ({start.isoformat()}), unless interrupted",
            basis,
        )
    else:
        status = "soon" if end - claim.as_of <= _SOON else "running"
        head = Reason(
            f"{period} from the due date of the oldest invoice ({start.isoformat()}): act by "
            f"{end.isoformat()}",
            basis,
        )
    return Limitation(status, period, start, end, (head, *notes))


# --------------------------------------------------------------------------- assess


def _guard(claim: Claim, pid: str, func, *args):
    """Run one assessment; a date the rules data has no value for gives needs_review.

    The packs hold values from a start date (a procedure's creation, the first fee table);
    for an earlier date relance neither guesses nor stops the other answers.
    """
    try:
        return func(*args)
    except RulesDataError as exc:
        reason = Reason(
            f"The rules data has no value for {claim.as_of.isoformat()}: {exc}",
            "rules data",
        )
        if pid in PROCEDURES:
            return ProcedureAssessment(pid, Outcome.NEEDS_REVIEW, (reason,))
        return Prerequisite(pid, Requirement.NEEDS_REVIEW, (reason,))


def assess(claim: Claim) -> Assessment:
    """Every procedure of the packs for ``claim``, the prerequisites and limitation."""
    ctx = _Ctx(claim)
    fr, eu, gb, de = (load_pack(c) for c in ("FR", "EU", "GB", "DE"))
    procedures = (
        _guard(claim, "fr.petites_creances", _petites_creances, ctx, fr),
        _guard(claim, "fr.injonction_de_payer", _injonction, ctx, fr),
        _guard(claim, "fr.refere_provision", _refere, ctx, fr),
        _guard(claim, "eu.order_for_payment", _order_for_payment, ctx, eu),
        _guard(claim, "eu.small_claims", _small_claims_eu, ctx, eu),
        _guard(claim, "gb.money_claim_online", _money_claim_online, ctx, gb),
        _guard(claim, "gb.small_claims_track", _small_claims_track, ctx, gb),
        _guard(claim, "de.mahnverfahren", _mahnverfahren, ctx, de, eu),
    )
    prerequisites = (
        _pre_action_protocol(claim, gb),
        _guard(claim, "fr.tentative_amiable", _amicable_attempt, ctx, fr),
    )
    limitation = _limitation(ctx)
    return Assessment(
        claim=claim,
        procedures=procedures,
        prerequisites=prerequisites,
        limitation=limitation,
        warnings=tuple(ctx.warnings.values()),
    )
