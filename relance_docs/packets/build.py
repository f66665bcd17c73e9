"""Build a court-request packet for one debtor (the lawyer's dossier: dossier.py).

Everything is checked before anything is written (the procedure's eligibility, every
exhibit, the blank form and its mapping); the folder appears only when complete. A
request goes with its exhibits and a bordereau listing them: without any exhibit, the
packet is written only as a draft (``draft=True``), every page marked PROJET / DRAFT, and
no empty bordereau. What the project is not sure of goes to the review list, never onto a
page meant for the court.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from ..errors import RelanceError
from ..law.claims import DebtorClaim, debtor_claims, find_debtor_claim
from ..law.gb.deadlines import protocol_wait
from ..law.procedures import Outcome, ProcedureAssessment
from ..model import CreditorProfile, HistoryEntry, Ledger, PartyKind
from ..render.documents import folders_for, wrap_fragments
from ..render.env import get_template
from ..render.pdf import render_pdf
from ..render.warnings import WarningsStand, claim_warnings
from ..resources import rules_dir
from ..text import fold
from .data import PACKET_PROCEDURES, ExhibitRef, packet_data
from .exhibits import Part, check_exhibits, combine, stamp
from .sheets import form_sheet

__all__ = ["MCOL_LIMIT", "NoExhibit", "Packet", "build_dossier", "build_packet", "find_claim"]

# Money Claim Online's particulars field: 24 lines of 45 characters, i.e. 1,080
# characters. From memory, not from the research notes: in the packet's review list.
MCOL_LIMIT = 1080
MCOL_LIMIT_REVIEW = (
    f"The length limit of the online particulars field ({MCOL_LIMIT} characters) is from "
    "memory, not from the research notes: check it on the service"
)


class IneligibleProcedure(RelanceError):
    """The claim is not eligible for the procedure asked for."""


class NoExhibit(RelanceError):
    """A court request without any exhibit, and no draft asked for."""


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


def render_part(
    template: str, ctx: dict, creditor: CreditorProfile, as_of: date, lang: str, user_dir,
    *, draft: bool = False,
):  # fmt: skip
    """One part of a packet or dossier, as PDF bytes: "Page n / N" on each page when it
    runs over one, every page marked when a draft."""
    import io

    from pypdf import PdfReader

    from ..render.pdfsink import cut_pages

    html = get_template(template, lang, user_dir).render(ctx)
    mark = ("PROJET" if lang == "fr" else "DRAFT") if draft else None
    page = wrap_fragments(
        [html], lang, template, creditor.name, as_of.isoformat(), user_dir, draft=mark
    )
    # The fetcher reads the template folders (and the logo) only, as for letters.
    roots, css, base = folders_for(lang, creditor.logo, user_dir)
    pdf = render_pdf(page, base_dir=base, roots=roots, stylesheets=css, as_of=as_of)
    reader = PdfReader(io.BytesIO(pdf))
    stamp_day = f"D:{as_of:%Y%m%d}120000Z"
    info = {"/Title": template, "/Author": creditor.name, "/Creator": "relance-docs",
            "/Producer": "relance-docs (WeasyPrint, pypdf)", "/CreationDate": stamp_day,
            "/ModDate": stamp_day}  # fmt: skip
    return cut_pages(reader, 0, len(reader.pages), info, lang)


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
    draft: bool = False,
    history: tuple[HistoryEntry, ...] = (),
    strict: bool = False,
) -> Packet:
    """Check everything, then write the packet into ``out`` (created, must not exist).

    ``history`` (the store's or stated) is what the request may say happened before it;
    ``draft`` writes a packet without exhibits, every page marked; ``strict`` refuses to
    write while a warning stands."""
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
    if not refs and not draft:
        raise NoExhibit(
            "no exhibit: a court request goes with the invoices and the letters sent (the "
            "formal notice and its proof of sending); give the invoices' PDFs in the ledger "
            "('PDF facture' column) or add them with --exhibit, or write a draft with --draft"
        )
    if not refs:
        review += (
            "Draft without exhibits: every page is marked "
            + ("PROJET" if lang == "fr" else "DRAFT")
            + "; add the invoices and the letters sent (--exhibit) before filing",
        )
    if creditor.legal_representative is None:
        review += (
            "The creditor profile names no legal representative (legal_representative: "
            "name, capacity): the request names none",
        )
    exhibit_pdfs = check_exhibits([r.source for r in refs])  # fails before any writing
    filled = None
    warnings: list[str] = list(claim_warnings(dc))
    data = packet_data(dc, creditor, proc, as_of, refs, lang, history=tuple(history))
    data["draft"] = draft
    if procedure_id == "gb.money_claim_online":
        data["mcol"] = _mcol(data, dc, letter_of_claim, as_of)
        if data["mcol"]["length"] > MCOL_LIMIT:
            warnings.append(
                f"the particulars of claim are {data['mcol']['length']} characters, over the "
                f"{MCOL_LIMIT} the online form takes: shorten them there"
            )
        if data["mcol"]["protocol"] and data["mcol"]["protocol"]["problem"]:
            review += (data["mcol"]["protocol"]["text"],)
        review += (MCOL_LIMIT_REVIEW,)
    sheet = form_sheet(data)
    review += tuple(sheet.get("review", ()))
    if blank_form is not None:
        from .forms import fill_form, load_form_mapping

        mapping = load_form_mapping(form_mapping or _default_mapping(proc))
        filled, form_warnings = fill_form(blank_form, mapping, _flat(data))
        warnings += form_warnings
    if strict and warnings:
        raise WarningsStand(
            f"--strict: {len(warnings)} warning(s) stand, nothing was written; first: "
            f"{warnings[0]}"
        )

    fr = lang == "fr"
    request_pdf = render_part(
        _REQUEST[procedure_id], data, creditor, as_of, lang, user_dir, draft=draft
    )
    sheet_pdf = render_part(
        "packet-sheet.html", {**data, "sheet": sheet, "part_id": "sheet"}, creditor, as_of, lang,
        user_dir, draft=draft,
    )  # fmt: skip
    # Never an empty bordereau: a draft without exhibits has none.
    bordereau_pdf = (
        render_part("packet-bordereau.html", data, creditor, as_of, lang, user_dir, draft=draft)
        if refs
        else None
    )
    label = "Pièce n° {n} - page {i}/{total}" if fr else "Exhibit {n} - page {i}/{total}"
    if draft:
        label = ("PROJET - " if fr else "DRAFT - ") + label
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
    if bordereau_pdf is not None:
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
        "packet.pdf": combined,
    }
    if bordereau_pdf is not None:
        files["03-bordereau.pdf"] = bordereau_pdf
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
            "draft": draft,
            "history": [
                {"kind": e.kind, "day": e.day.isoformat(), "step": e.step, "source": e.source}
                for e in history
            ],
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


def build_dossier(*args, **kwargs):
    """The lawyer's dossier (see :mod:`relance_docs.packets.dossier`)."""
    from .dossier import build_dossier as build

    return build(*args, **kwargs)
