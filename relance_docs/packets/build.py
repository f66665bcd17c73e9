"""Build a court-request packet or a lawyer's dossier for one debtor.

Everything is checked before anything is written (the procedure's eligibility, every
exhibit, the blank form and its mapping); the folder appears only when complete.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import zipfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from ..errors import RelanceError
from ..law.claims import DebtorClaim, debtor_claims, find_debtor_claim
from ..law.gb.deadlines import protocol_wait
from ..law.procedures import Outcome, ProcedureAssessment
from ..model import CreditorProfile, Ledger, PartyKind
from ..render.documents import folders_for, wrap_fragments
from ..render.env import get_template
from ..render.pdf import render_pdf
from ..resources import rules_dir
from ..text import fold
from .data import PACKET_PROCEDURES, ExhibitRef, packet_data
from .exhibits import Part, check_exhibits, combine, page_count, stamp
from .sheets import form_sheet

__all__ = ["MCOL_LIMIT", "Packet", "build_dossier", "build_packet", "find_claim"]

# Money Claim Online's particulars field: 24 lines of 45 characters, i.e. 1,080
# characters. From memory, not from the research notes: flagged on the packet.
MCOL_LIMIT = 1080


class IneligibleProcedure(RelanceError):
    """The claim is not eligible for the procedure asked for."""


@dataclass(frozen=True)
class Packet:
    folder: Path
    combined: Path
    files: tuple[Path, ...]
    review: tuple[str, ...]
    warnings: tuple[str, ...]
    outline: tuple[str, ...]


def find_claim(ledger: Ledger, creditor: CreditorProfile, key: str, as_of: date) -> DebtorClaim:
    dc = find_debtor_claim(debtor_claims(ledger, creditor, as_of), key, as_of)
    if dc.assessment is None:
        raise RelanceError(f"{dc.debtor.name} has nothing overdue on {as_of.isoformat()}")
    return dc


def _language(pid: str, creditor: CreditorProfile) -> str:
    return PACKET_PROCEDURES[pid] or ("fr" if creditor.language == "fr" else "en")


def _exhibit_refs(dc: DebtorClaim, extra: list[Path], language: str) -> list[ExhibitRef]:
    fr = language == "fr"
    refs: list[ExhibitRef] = []
    for item in dc.invoices:
        inv = item.invoice
        if inv.pdf_path is None:
            continue
        title = (
            f"Facture {inv.number} du {inv.issue_date:%d/%m/%Y}"
            if fr
            else f"Invoice {inv.number} of {inv.issue_date:%d/%m/%Y}"
        )
        refs.append(ExhibitRef(len(refs) + 1, title, inv.pdf_path, "invoice"))
    for path in extra:
        refs.append(ExhibitRef(len(refs) + 1, path.stem.replace("_", " "), path, "user"))
    return refs


def _render(template: str, ctx: dict, creditor: CreditorProfile, as_of: date, lang: str, user_dir):
    html = get_template(template, lang, user_dir).render(ctx)
    page = wrap_fragments([html], lang, template, creditor.name, as_of.isoformat(), user_dir)
    # The fetcher reads the template folders (and the logo) only, as for letters.
    roots, css, base = folders_for(lang, creditor.logo, user_dir)
    return render_pdf(page, base_dir=base, roots=roots, stylesheets=css, as_of=as_of)


def _mcol(data: dict, dc: DebtorClaim, letter_of_claim: date | None, as_of: date) -> dict:
    """The particulars of claim and the debt protocol check for Money Claim Online."""
    invoices = ", ".join(
        f"{i['number']} dated {i['issue_date']} ({i['outstanding']} outstanding)"
        for i in data["invoices"]
    )
    text = (
        f"The Claimant supplied goods and services to the Defendant at the Defendant's "
        f"request under invoices {invoices}. The invoices were due for payment and remain "
        f"unpaid. The Claimant claims {data['totals']['principal']}"
    )
    if data["penalties"]["lines"]:
        text += (
            f" and statutory interest under the Late Payment of Commercial Debts (Interest) Act "
            f"1998 at {data['penalties']['rate']} a year, {data['totals']['interest']} to "
            f"{data['signature']['date']} and continuing at {data['penalties']['daily']} a day"
        )
    if data["penalties"]["fixed_count"]:
        text += f", and fixed sums of {data['totals']['fixed']} under section 5A of that Act"
    text += "."
    protocol = None
    if dc.debtor.kind in {PartyKind.CONSUMER, PartyKind.TRADER}:
        if letter_of_claim is None:
            protocol = {
                "problem": True,
                "text": "The defendant is an individual: the Pre-Action Protocol for Debt "
                "Claims requires a letter of claim and 30 days to reply before issuing. No "
                "letter of claim is recorded (--letter-of-claim DATE): do not issue yet.",
            }
        else:
            # The day after the last day of the reply period (law/gb/deadlines.py): a
            # letter dated 30 October allows a claim from 30 November, not on the 29th.
            nation = dc.debtor.subdivision if dc.debtor.subdivision in {"ENG", "WLS"} else "ENG"
            ready, sentence = protocol_wait(letter_of_claim, as_of, nation=nation)
            protocol = {"problem": not ready, "text": sentence}
    return {
        "particulars": text,
        "length": len(text),
        "limit": MCOL_LIMIT,
        "limit_unconfirmed": True,
        "protocol": protocol,
    }


_REQUEST = {
    "fr.injonction_de_payer": "packet-injonction.html",
    "fr.petites_creances": "packet-petites-creances.html",
    "eu.order_for_payment": "packet-eu.html",
    "eu.small_claims": "packet-eu.html",
    "gb.money_claim_online": "packet-mcol.html",
}


def build_packet(
    ledger: Ledger,
    creditor: CreditorProfile,
    debtor_key: str,
    procedure_id: str,
    as_of: date,
    out: Path,
    *,
    exhibits: list[Path] = (),  # type: ignore[assignment]
    blank_form: Path | None = None,
    form_mapping: Path | None = None,
    letter_of_claim: date | None = None,
    user_dir: Path | None = None,
) -> Packet:
    """Check everything, then write the packet into ``out`` (created, must not exist)."""
    if procedure_id not in PACKET_PROCEDURES:
        raise RelanceError(
            f"no packet for '{procedure_id}' (use one of: {', '.join(PACKET_PROCEDURES)})"
        )
    dc = find_claim(ledger, creditor, debtor_key, as_of)
    assert dc.assessment is not None
    proc: ProcedureAssessment = dc.assessment.procedure(procedure_id)
    if proc.outcome is Outcome.INELIGIBLE:
        why = "; ".join(f"{r.text} ({r.basis})" for r in proc.reasons if r)
        raise IneligibleProcedure(f"{dc.debtor.name} is not eligible for {proc.name}: {why}")
    review = tuple(
        f"{r.text} ({r.basis})" for r in proc.reasons if proc.outcome is Outcome.NEEDS_REVIEW
    )[:1] + tuple(f"{r.text} ({r.basis})" for r in proc.reasons if r.unconfirmed)
    if out.exists():
        raise RelanceError(f"{out} already exists: choose another --out folder")

    lang = _language(procedure_id, creditor)
    refs = _exhibit_refs(dc, list(exhibits), lang)
    if not refs:
        review += (
            "No exhibit: the request must come with the invoices and the formal notice "
            "with its proof of sending (CPC 1407); give the invoices' PDFs in the ledger "
            "('PDF facture' column) or add them with --exhibit"
            if procedure_id.startswith("fr.")
            else "No exhibit: add the invoices and the letters sent with --exhibit (or the "
            "invoices' PDFs in the ledger)",
        )
    exhibit_pdfs = check_exhibits([r.source for r in refs])  # fails before any writing
    filled = None
    warnings: list[str] = [str(w) for w in dc.warnings]
    data = packet_data(dc, creditor, proc, as_of, refs, lang)
    if procedure_id == "gb.money_claim_online":
        data["mcol"] = _mcol(data, dc, letter_of_claim, as_of)
        if data["mcol"]["length"] > MCOL_LIMIT:
            warnings.append(
                f"the particulars of claim are {data['mcol']['length']} characters, over the "
                f"{MCOL_LIMIT} the online form takes: shorten them there"
            )
        if data["mcol"]["protocol"] and data["mcol"]["protocol"]["problem"]:
            review += (data["mcol"]["protocol"]["text"],)
    sheet = form_sheet(data)
    if blank_form is not None:
        from .forms import fill_form, load_form_mapping

        mapping = load_form_mapping(form_mapping or _default_mapping(proc))
        filled, form_warnings = fill_form(blank_form, mapping, _flat(data))
        warnings += form_warnings

    fr = lang == "fr"
    request_pdf = _render(_REQUEST[procedure_id], data, creditor, as_of, lang, user_dir)
    sheet_pdf = _render(
        "packet-sheet.html", {**data, "sheet": sheet, "part_id": "sheet"}, creditor, as_of, lang,
        user_dir,
    )  # fmt: skip
    bordereau_pdf = _render("packet-bordereau.html", data, creditor, as_of, lang, user_dir)
    label = "Pièce n° {n} - page {i}/{total}" if fr else "Exhibit {n} - page {i}/{total}"
    stamped = [
        stamp(pdf, lambda i, total, n=ref.number: label.format(n=n, i=i, total=total))
        for ref, pdf in zip(refs, exhibit_pdfs, strict=True)
    ]
    titles = {
        "request": {
            "fr.injonction_de_payer": "Requête en injonction de payer",
            "fr.petites_creances": "Demande au commissaire de justice",
        }.get(procedure_id, "Statement of claim" if not fr else "Exposé de la demande"),
        "sheet": "Fiche de saisie du formulaire" if fr else "Form data sheet",
        "form": "Formulaire officiel rempli" if fr else "Official form, filled",
        "bordereau": "Bordereau des pièces" if fr else "List of exhibits",
        "exhibits": "Pièces" if fr else "Exhibits",
    }
    parts = [Part(titles["request"], request_pdf), Part(titles["sheet"], sheet_pdf)]
    if filled is not None:
        parts.append(Part(titles["form"], filled))
    parts.append(Part(titles["bordereau"], bordereau_pdf))
    children = [
        Part(f"{'Pièce n°' if fr else 'Exhibit'} {r.number} - {r.title}", pdf)
        for r, pdf in zip(refs, stamped, strict=True)
    ]
    if children:
        parts.append(Part(titles["exhibits"], children[0].pdf, children))
    combined = combine(parts)

    files = {
        "01-request.pdf": request_pdf,
        "02-form-data-sheet.pdf": sheet_pdf,
        "03-bordereau.pdf": bordereau_pdf,
        "packet.pdf": combined,
    }
    if filled is not None:
        files["02b-official-form-filled.pdf"] = filled
    for ref, pdf in zip(refs, stamped, strict=True):
        files[f"exhibits/{ref.number:02d}-{_safe(ref.title)}.pdf"] = pdf
    files["data.json"] = json.dumps(
        {
            "procedure": data["procedure"],
            "claim": dc.claim.as_dict() if dc.claim else None,
            "sheet": sheet,
            "exhibits": data["exhibits"],
            "review": list(review),
            "warnings": warnings,
        },
        indent=2,
        ensure_ascii=False,
    ).encode("utf-8")
    written = _write_folder(out, files)
    outline = tuple(p.title for p in parts) + tuple(c.title for c in children)
    return Packet(out, out / "packet.pdf", written, review, tuple(warnings), outline)


def _default_mapping(proc: ProcedureAssessment) -> Path:
    version = (proc.form or "").removeprefix("CERFA ").replace("*", "-")
    path = rules_dir() / "forms" / f"{version}.yaml"
    if not path.is_file():
        raise RelanceError(
            f"no field mapping for {proc.form} in rules/forms/: write one (see "
            "rules/forms/README.md and 'relance form-fields') and pass --form-mapping"
        )
    return path


def _flat(data: dict, prefix: str = "") -> dict:
    """``{"creditor": {"name": x}}`` -> ``{"creditor.name": x}`` for the form mapping."""
    out: dict = {}
    for key, value in data.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            out.update(_flat(value, f"{name}."))
        else:
            out[name] = value
    return out


def _safe(text: str) -> str:
    return "".join(c if c.isalnum() or c in "-_" else "-" for c in fold(text))[:50].strip("-")


def _write_folder(out: Path, files: dict[str, bytes]) -> tuple[Path, ...]:
    """Write every file into a hidden sibling, then rename it to ``out`` in one step."""
    out.parent.mkdir(parents=True, exist_ok=True)
    partial = out.parent / f".{out.name}.partial"
    shutil.rmtree(partial, ignore_errors=True)
    try:
        for name, data in files.items():
            path = partial / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
        partial.rename(out)
    except BaseException:
        shutil.rmtree(partial, ignore_errors=True)
        raise
    return tuple(out / name for name in files)


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def build_dossier(
    ledger: Ledger,
    creditor: CreditorProfile,
    debtor_key: str,
    as_of: date,
    out: Path,
    *,
    exhibits: list[Path] = (),  # type: ignore[assignment]
    user_dir: Path | None = None,
    history: list[dict] | None = None,
    documents_sent: list[dict] | None = None,
) -> Packet:
    """The lawyer's dossier: one bookmarked PDF, a ZIP of the parts and an index.json.

    ``history`` (the store's chronology, when there is a store) replaces the chronology
    built from the ledger alone; ``documents_sent`` lists the documents the store
    recorded (date, document, file)."""
    dc = find_claim(ledger, creditor, debtor_key, as_of)
    assert dc.assessment is not None
    if out.exists():
        raise RelanceError(f"{out} already exists: choose another --out folder")
    lang = "fr" if creditor.language == "fr" else "en"
    refs = _exhibit_refs(dc, list(exhibits), lang)
    exhibit_pdfs = check_exhibits([r.source for r in refs])
    # The best open route frames the summary; every route is in the assessment part.
    proc = _best(dc)
    data = packet_data(dc, creditor, proc, as_of, refs, lang)
    data["assessment"] = dc.assessment.as_dict()
    data["chronology"] = history if history is not None else _chronology(dc, lang)
    data["documents_sent"] = documents_sent or []
    data["interest_items"] = [
        {
            "invoice": item.invoice.number,
            "lines": [line.as_dict() for line in item.result.lines],
            "basis": item.result.lines[0].basis if item.result.lines else None,
            "reference": item.result.lines[0].reference if item.result.lines else None,
        }
        for item in dc.invoices
    ]
    data["law_warnings"] = [str(w) for w in (*dc.warnings, *dc.assessment.warnings)]
    fr = lang == "fr"
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
        pdf = _render(
            "dossier.html", {**data, "part": key, "part_title": title}, creditor, as_of, lang,
            user_dir,
        )  # fmt: skip
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
        "parts": [{"title": p.title, "pages": page_count(p.pdf)} for p in parts[: len(sections)]],
        "exhibits": data["exhibits"],
        "files": {name: sha256(blob) for name, blob in sorted(files.items())},
    }
    zipped = _zip(files, as_of)
    files = {
        "dossier.pdf": combined,
        "dossier.zip": zipped,
        "index.json": json.dumps(index, indent=2, ensure_ascii=False).encode("utf-8"),
    }
    written = _write_folder(out, files)
    outline = tuple(p.title for p in parts) + tuple(c.title for c in children)
    return Packet(out, out / "dossier.pdf", written, (), tuple(data["law_warnings"]), outline)


def _best(dc: DebtorClaim) -> ProcedureAssessment:
    order = [*list(PACKET_PROCEDURES), "fr.refere_provision", "de.mahnverfahren"]
    for outcome in (Outcome.ELIGIBLE, Outcome.NEEDS_REVIEW, Outcome.INELIGIBLE):
        for pid in order:
            p = dc.assessment.procedure(pid)
            if p.outcome is outcome:
                return p
    return dc.assessment.procedures[0]  # pragma: no cover


def _chronology(dc: DebtorClaim, lang: str) -> list[dict]:
    """Every dated event known for the claim, oldest first (the ledger's, until the
    dunning history records reminders, calls and promises)."""
    fr = lang == "fr"
    events: list[tuple[date, str]] = []
    for item in dc.invoices:
        inv = item.invoice
        events.append((inv.issue_date, f"{'Facture' if fr else 'Invoice'} {inv.number}"))
        events.append((inv.due_date, f"{'Échéance de' if fr else 'Due date of'} {inv.number}"))
        for r in item.reductions:
            what = {
                "payment": "Règlement reçu" if fr else "Payment received",
                "credit_note": f"{'Avoir' if fr else 'Credit note'} {r.reference}",
                "undated": "Règlement (date inconnue)" if fr else "Payment (date unknown)",
            }[r.kind]
            events.append((r.date, f"{what} ({inv.number}): {r.amount}"))
    for inv in dc.disputed:
        reason = f": {inv.dispute_reason}" if inv.dispute_reason else ""
        events.append(
            (inv.due_date, f"{'Litige sur' if fr else 'Dispute on'} {inv.number}{reason}")
        )
    events.sort(key=lambda e: e[0])
    return [{"date": d.strftime("%d/%m/%Y"), "event": text} for d, text in events]


def _zip(files: dict[str, bytes], as_of: date) -> bytes:
    import io

    buf = io.BytesIO()
    stamp_time = (as_of.year, as_of.month, as_of.day, 12, 0, 0)
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, blob in sorted(files.items()):
            z.writestr(zipfile.ZipInfo(name, date_time=stamp_time), blob)
    return buf.getvalue()
