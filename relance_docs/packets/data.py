"""The canonical data of a court request: one claim, for one procedure, as plain values.

It extends the letters' context (:func:`relance_docs.render.context.build_context`: the
parties, the invoices, the amounts, the statement) with what a request needs: the
procedure and its assessment, the identification of the parties (CPC 54, 57), the
breakdown of the amount and its legal basis (CPC 1407), the exhibits, and the
section-by-section data of the official form. The same dict feeds the plain-paper request,
the form data sheet, the filled AcroForm and the dossier: a figure is computed once.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from babel import Locale

from ..law.claims import DebtorClaim
from ..law.procedures import PROCEDURES, Outcome, ProcedureAssessment
from ..model import CreditorProfile, HistoryEntry, PartyKind
from ..render.context import DocumentRequest, build_context
from ..render.formatting import LOCALES, long_date, money, short_date

__all__ = ["PACKET_PROCEDURES", "ExhibitRef", "packet_data"]

# The procedures a packet is made for, and the language of their documents.
PACKET_PROCEDURES = {
    "fr.injonction_de_payer": "fr",
    "fr.petites_creances": "fr",
    "eu.order_for_payment": None,  # the creditor's language
    "eu.small_claims": None,
    "gb.money_claim_online": "en",
}

_KIND_FR = {
    PartyKind.COMPANY: "société commerciale",
    PartyKind.TRADER: "entrepreneur individuel (commerçant ou artisan)",
    PartyKind.PROFESSIONAL: "professionnel (profession libérale, association)",
    PartyKind.CONSUMER: "particulier",
    PartyKind.PUBLIC: "personne morale de droit public",
}
_KIND_EN = {
    PartyKind.COMPANY: "company",
    PartyKind.TRADER: "sole trader",
    PartyKind.PROFESSIONAL: "professional",
    PartyKind.CONSUMER: "individual (consumer)",
    PartyKind.PUBLIC: "public body",
}


@dataclass(frozen=True)
class ExhibitRef:
    """One exhibit of the bordereau: its number, its title and where it comes from."""

    number: int
    title: str
    source: Path | None
    kind: str  # invoice, formal-notice, proof, user

    def as_dict(self) -> dict:
        return {
            "number": self.number,
            "title": self.title,
            "file": self.source.name if self.source else None,
            "kind": self.kind,
        }


def packet_data(
    claim: DebtorClaim,
    creditor: CreditorProfile,
    procedure: ProcedureAssessment,
    as_of: date,
    exhibits: list[ExhibitRef],
    language: str,
    history: tuple[HistoryEntry, ...] = (),
) -> dict:
    """Everything the documents of a packet print, formatted for ``language``.

    ``history`` (the store's, or stated by the user) is the only ground for what the
    request says happened before it (reminders, the formal notice)."""
    request = DocumentRequest("packet", claim, creditor, as_of, language, history=history)
    ctx = build_context(request)
    fr = language == "fr"
    debtor = claim.debtor
    rep = creditor.legal_representative
    names = _country_names(language)
    lines = ctx["penalties"]["lines"]
    ctx["procedure"] = {
        "id": procedure.id,
        "name": PROCEDURES[procedure.id],
        "outcome": procedure.outcome.value,
        "needs_review": procedure.outcome is Outcome.NEEDS_REVIEW,
        "reasons": [r.as_dict() for r in procedure.reasons],
        "court": procedure.court,
        # "du tribunal de commerce dont relève X", to follow "Président" in a request.
        "tribunal": (procedure.court or "").removeprefix("Président ")
        or ("de la juridiction compétente" if fr else "the competent court"),
        "form": procedure.form,
        "deadlines": [r.as_dict() for r in procedure.deadlines],
        "fee": None if procedure.fee is None else _fee(procedure, claim, language),
    }
    ctx["identity"] = {
        "creditor": {
            "name": creditor.name,
            "legal_form": creditor.legal_form,
            "share_capital": creditor.share_capital,
            "registration": _siren(creditor.registration_number)
            if creditor.country == "FR"
            else creditor.registration_number,
            "registry": creditor.registry,
            "vat": creditor.vat_number,
            "seat": ", ".join([*creditor.address_lines, f"{creditor.postcode} {creditor.city}"]),
            "country": names.get(creditor.country, creditor.country),
            # The company's legal representative (président, gérant, director), never the
            # contact person who signs the reminders; None when the profile does not say.
            "representative": rep.name if rep else None,
            "representative_title": rep.title if rep else None,
            "signatory": creditor.signatory.name,
            "signatory_title": creditor.signatory.title,
            "email": creditor.email,
            "phone": creditor.phone,
        },
        "debtor": {
            "name": debtor.name,
            "kind": (_KIND_FR if fr else _KIND_EN).get(debtor.kind, "?") if debtor.kind else "?",
            "registration": _siren(debtor.registration_number)
            if debtor.country == "FR" and debtor.registration_number
            else debtor.registration_number,
            "vat": debtor.vat_number,
            "contact": debtor.contact,
            "seat": ", ".join(
                [*debtor.address_lines, " ".join(x for x in (debtor.postcode, debtor.city) if x)]
            ),
            "country": names.get(debtor.country or "", debtor.country or ""),
            "email": debtor.email,
            "phone": debtor.phone,
        },
    }
    first_start = min((line["start"] for line in lines), default=None, key=_day_key)
    ctx["claim_basis"] = _basis(ctx["penalties"]["regime"], language, ctx["law"])
    ctx["interest_from"] = first_start
    ctx["exhibits"] = [e.as_dict() for e in exhibits]
    ctx["signature"] = {
        "place": creditor.city,
        "date": long_date(as_of, language),
        "date_short": short_date(as_of, language),
    }
    return ctx


def _day_key(text: str) -> tuple[int, int, int]:
    d, m, y = (int(x) for x in text.split("/"))
    return y, m, d


def _siren(number: str | None) -> str | None:
    if not number:
        return None
    digits = number.replace(" ", "")
    return " ".join(digits[i : i + 3] for i in range(0, len(digits), 3))


def _country_names(language: str) -> dict[str, str]:
    return dict(Locale.parse(LOCALES[language]).territories)


def _fee(procedure: ProcedureAssessment, claim: DebtorClaim, language: str) -> str:
    return money(procedure.fee, claim.currency, language)


def _basis(regime: str | None, language: str, law: dict) -> dict:
    """The legal basis of each part of the claim, in the language of the request; the
    texts cited come from the packs (``law``, see relance_docs/render/legal.py)."""
    fr = language == "fr"
    cite_fr, cite_gb = law["fr"], law["gb"]
    principal = (
        "Factures impayées émises en exécution des commandes du débiteur (créance de "
        f"cause contractuelle, {cite_fr['ip_claim']})"
        if fr
        else "Unpaid invoices for goods and services ordered by the debtor (contract)"
    )
    interest = {
        "fr.l441_10": (
            f"Pénalités de retard de plein droit au {cite_fr['penalty_rate']} "
            f"({cite_fr['penalties']})",
            f"Late-payment penalties due by law, at the {cite_fr['penalty_rate']} "
            f"({cite_fr['penalties']})",
        ),
        "fr.taux_legal": (
            "Intérêts au taux légal à compter de la mise en demeure "
            f"({cite_fr['legal_interest']})",
            f"Interest at the legal rate from the formal notice ({cite_fr['legal_interest']})",
        ),
        "gb.late_payment_act": (
            f"Intérêts légaux ({cite_gb['act']})",
            f"Statutory interest under {cite_gb['act']}",
        ),
        "de.bgb_288": (
            f"Intérêts de retard ({law['de']['default_interest']})",
            f"Default interest ({law['de']['default_interest']})",
        ),
        "eu.directive_2011_7": (
            f"Intérêts de retard ({law['eu']['directive']})",
            f"Late-payment interest ({law['eu']['directive']})",
        ),
    }.get(regime or "", ("", ""))[0 if fr else 1]
    fixed = {
        "fr.l441_10": (
            "Indemnité forfaitaire pour frais de recouvrement "
            f"({cite_fr['penalties_and_indemnity']})",
            f"Fixed recovery indemnity ({cite_fr['penalties_and_indemnity']})",
        ),
        "gb.late_payment_act": (
            f"Somme forfaitaire ({cite_gb['act']}, {cite_gb['fixed_sum_short']})",
            f"Fixed sum ({cite_gb['act']}, {cite_gb['fixed_sum_short']})",
        ),
        "de.bgb_288": (
            f"Forfait ({law['de']['flat_fee']})",
            f"Flat fee ({law['de']['flat_fee']})",
        ),
        "eu.directive_2011_7": (
            f"Indemnité forfaitaire ({law['eu']['directive_fixed']})",
            f"Fixed compensation ({law['eu']['directive_fixed']})",
        ),
    }.get(regime or "", ("", ""))[0 if fr else 1]
    return {"principal": principal, "interest": interest, "fixed": fixed}
