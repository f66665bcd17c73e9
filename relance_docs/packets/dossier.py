"""The lawyer's escalation dossier for one debtor: one bookmarked PDF (cover, summary,
chronology, recovery routes, interest line by line, statement, documents sent, exhibits),
a ZIP of the separate parts and an index.json.

Everything it prints is in the creditor's language: labels, not ids; dates as a letter
writes them; amounts formatted. With a store (:mod:`relance_docs.packets.chronology`),
the chronology holds the store's real events, the documents sent are listed with their
full sha256 and attached as exhibits when their file is unchanged.
"""

from __future__ import annotations

import io
import json
import zipfile
from datetime import date
from decimal import Decimal
from pathlib import Path

from ..errors import RelanceError
from ..law.claims import DebtorClaim
from ..law.procedures import Outcome, ProcedureAssessment
from ..model import CreditorProfile, Ledger
from ..render.formatting import money, percent, short_date
from ..render.warnings import WarningsStand, claim_warnings
from .build import (
    Packet,
    _exhibit_refs,
    _safe,
    _write_folder,
    find_claim,
    render_part,
    sha256,
)
from .chronology import StoreHistory, ledger_chronology
from .data import PACKET_PROCEDURES, ExhibitRef, packet_data
from .exhibits import Part, check_exhibits, combine, page_count, stamp

__all__ = ["build_dossier"]

_NAMES = {
    "fr": {
        "fr.petites_creances": "Procédure simplifiée de recouvrement des petites créances",
        "fr.injonction_de_payer": "Injonction de payer",
        "fr.refere_provision": "Référé-provision",
        "eu.order_for_payment": "Injonction de payer européenne",
        "eu.small_claims": "Procédure européenne de règlement des petits litiges",
        "gb.money_claim_online": "Money Claim Online (County Court)",
        "gb.small_claims_track": "Petits litiges du County Court (small claims track)",
        "de.mahnverfahren": "Injonction de payer allemande (gerichtliches Mahnverfahren)",
        "gb.pre_action_protocol_debt": "Protocole préalable (Pre-Action Protocol for Debt Claims)",
        "fr.tentative_amiable": "Tentative préalable de règlement amiable",
    },
    "en": {
        "fr.petites_creances": "French simplified procedure for small debts (petites créances)",
        "fr.injonction_de_payer": "French order for payment (injonction de payer)",
        "fr.refere_provision": "French interim payment in summary proceedings (référé-provision)",
        "eu.order_for_payment": "European order for payment",
        "eu.small_claims": "European Small Claims Procedure",
        "gb.money_claim_online": "Money Claim Online (County Court)",
        "gb.small_claims_track": "County Court small claims track",
        "de.mahnverfahren": "German order for payment (gerichtliches Mahnverfahren)",
        "gb.pre_action_protocol_debt": "Pre-Action Protocol for Debt Claims",
        "fr.tentative_amiable": "French prior attempt at amicable settlement",
    },
}  # fmt: skip
_OUTCOME = {
    "fr": {"eligible": "ouverte", "needs_review": "à vérifier", "ineligible": "fermée"},
    "en": {"eligible": "open", "needs_review": "to be reviewed", "ineligible": "closed"},
}
_REQUIRED = {
    "fr": {"required": "requis", "not_required": "non requis", "needs_review": "à vérifier"},
    "en": {"required": "required", "not_required": "not required", "needs_review": "to review"},
}
_LIMITATION = {
    "fr": {"running": "en cours", "soon": "bientôt acquise", "time_barred": "acquise",
           "needs_review": "à vérifier"},
    "en": {"running": "running", "soon": "soon", "time_barred": "time-barred",
           "needs_review": "to be reviewed"},
}  # fmt: skip


def build_dossier(
    ledger: Ledger,
    creditor: CreditorProfile,
    debtor_key: str,
    as_of: date,
    out: Path,
    *,
    exhibits: list[Path] = (),  # type: ignore[assignment]
    user_dir: Path | None = None,
    store: StoreHistory | None = None,
    strict: bool = False,
) -> Packet:
    """The lawyer's dossier: one bookmarked PDF, a ZIP of the parts and an index.json.

    ``store`` (the store's events, when there is one) adds the real events to the
    chronology, the documents sent (listed, and attached when unchanged)."""
    dc = find_claim(ledger, creditor, debtor_key, as_of)
    assert dc.assessment is not None
    if out.exists():
        raise RelanceError(f"{out} already exists: choose another --out folder")
    lang = "fr" if creditor.language == "fr" else "en"
    fr = lang == "fr"
    sent = store.sent if store else []
    review = list(store.review) if store else []
    refs = _exhibit_refs(dc, list(exhibits), lang)
    for doc in sent:
        if doc["path"] is not None:
            title = f"{doc['document']} {'du' if fr else 'of'} {doc['date']}"
            refs.append(ExhibitRef(len(refs) + 1, title, doc["path"], "sent"))
    exhibit_pdfs = check_exhibits([r.source for r in refs])
    warnings = list(claim_warnings(dc))
    if strict and warnings:
        raise WarningsStand(
            f"--strict: {len(warnings)} warning(s) stand, nothing was written; first: "
            f"{warnings[0]}"
        )
    proc = _best(dc)  # the best open route frames the summary; all are in the routes part
    data = packet_data(dc, creditor, proc, as_of, refs, lang)
    data["routes"] = _routes(dc, lang)
    lines = ledger_chronology(dc, lang) + (store.lines if store else [])
    lines.sort(key=lambda item: (item[0], item[1]))
    data["chronology"] = [{"date": short_date(d, lang), "event": text} for d, _, text in lines]
    data["from_store"] = store is not None
    data["documents_sent"] = [{k: v for k, v in d.items() if k != "path"} for d in sent]
    data["interest_items"] = _interest(dc, lang)
    data["law_warnings"] = warnings
    sections = [
        ("cover", "Page de garde" if fr else "Cover"),
        ("summary", "Synthèse de la créance" if fr else "Summary of the claim"),
        ("chronology", "Chronologie" if fr else "Chronology"),
        ("assessment", "Voies de recouvrement" if fr else "Recovery routes"),
        ("interest", "Calcul des intérêts" if fr else "Interest calculation"),
        ("statement", "Relevé de compte" if fr else "Statement of account"),
        ("sent", "Documents envoyés" if fr else "Documents sent"),
    ]
    parts: list[Part] = []
    files: dict[str, bytes] = {}
    for n, (key, title) in enumerate(sections, 1):
        ctx = {**data, "part": key, "part_title": title}
        pdf = render_part("dossier.html", ctx, creditor, as_of, lang, user_dir)
        parts.append(Part(title, pdf))
        files[f"{n:02d}-{key}.pdf"] = pdf
    label = "Pièce n° {n} - page {i}/{total}" if fr else "Exhibit {n} - page {i}/{total}"
    children = []
    for ref, pdf in zip(refs, exhibit_pdfs, strict=True):
        stamped = stamp(pdf, lambda i, total, n=ref.number: label.format(n=n, i=i, total=total))
        children.append(
            Part(f"{'Pièce n°' if fr else 'Exhibit'} {ref.number} - {ref.title}", stamped)
        )
        files[f"exhibits/{ref.number:02d}-{_safe(ref.title)}.pdf"] = stamped
    if children:
        parts.append(Part("Pièces" if fr else "Exhibits", children[0].pdf, children))
    combined = combine(parts)
    index = {
        "debtor": {"id": dc.debtor.id, "name": dc.debtor.name},
        "as_of": as_of.isoformat(),
        "claim": dc.claim.as_dict() if dc.claim else None,
        "assessment": dc.assessment.as_dict(),
        "parts": [{"title": p.title, "pages": page_count(p.pdf)} for p in parts[: len(sections)]],
        "exhibits": data["exhibits"],
        "documents_sent": data["documents_sent"],
        "review": review,
        "warnings": warnings,
        "files": {name: sha256(blob) for name, blob in sorted(files.items())},
    }
    zipped = _zip(files, as_of)
    written = _write_folder(
        out,
        {
            "dossier.pdf": combined,
            "dossier.zip": zipped,
            "index.json": json.dumps(index, indent=2, ensure_ascii=False).encode("utf-8"),
        },
    )
    outline = tuple(p.title for p in parts) + tuple(c.title for c in children)
    return Packet(out, out / "dossier.pdf", written, tuple(review), tuple(warnings), outline)


def _best(dc: DebtorClaim) -> ProcedureAssessment:
    order = [*list(PACKET_PROCEDURES), "fr.refere_provision", "de.mahnverfahren"]
    for outcome in (Outcome.ELIGIBLE, Outcome.NEEDS_REVIEW, Outcome.INELIGIBLE):
        for pid in order:
            p = dc.assessment.procedure(pid)
            if p.outcome is outcome:
                return p
    return dc.assessment.procedures[0]  # pragma: no cover


def _routes(dc: DebtorClaim, lang: str) -> dict:
    """The assessment with labels in ``lang`` (names, outcomes, dates, amounts)."""
    a = dc.assessment
    names = _NAMES[lang]
    fee = lambda p: money(p.fee, dc.currency, lang) if p.fee is not None else None  # noqa: E731
    lim = a.limitation
    return {
        "procedures": [
            {
                "name": names.get(p.id, p.name),
                "outcome": _OUTCOME[lang][p.outcome.value],
                "court": p.court,
                "form": p.form,
                "fee": fee(p),
                "reasons": [r.as_dict() for r in p.reasons],
            }
            for p in a.procedures
        ],
        "prerequisites": [
            {
                "name": names.get(p.id, p.id),
                "required": _REQUIRED[lang].get(p.required.value, p.required.value),
                "reasons": [r.as_dict() for r in p.reasons],
            }
            for p in a.prerequisites
        ],
        "limitation": {
            "status": _LIMITATION[lang].get(lim.status, lim.status),
            "end": short_date(lim.end, lang) if lim.end else None,
            "reasons": [r.as_dict() for r in lim.reasons],
        },
    }


def _interest(dc: DebtorClaim, lang: str) -> list[dict]:
    """Each invoice's interest lines, formatted for ``lang``."""
    out = []
    for item in dc.invoices:
        lines = item.result.lines
        out.append(
            {
                "invoice": item.invoice.number,
                "basis": lines[0].basis if lines else None,
                "reference": lines[0].reference if lines else None,
                "lines": [
                    {
                        "start": short_date(line.start, lang),
                        "end": short_date(line.end, lang),
                        "days": line.days,
                        "base": money(Decimal(line.base), dc.currency, lang),
                        "rate": percent(Decimal(line.rate), lang),
                        "amount": money(Decimal(line.amount), dc.currency, lang),
                    }
                    for line in lines
                ],
            }
        )
    return out


def _zip(files: dict[str, bytes], as_of: date) -> bytes:
    buf = io.BytesIO()
    stamp_time = (as_of.year, as_of.month, as_of.day, 12, 0, 0)
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, blob in sorted(files.items()):
            z.writestr(zipfile.ZipInfo(name, date_time=stamp_time), blob)
    return buf.getvalue()
