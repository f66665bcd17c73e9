"""A debtor: balance, invoices, chronology, procedures; record a dispute, a promise, a
call (with its recap letter); produce a document.

Every action calls :mod:`relance_docs.workflow.interactions`, the same functions as
``relance dispute``, ``promise`` and ``call``; with htmx, the action answers with the
debtor's chronology, which replaces the one on the page.
"""

from __future__ import annotations

import re
from datetime import date, datetime

from flask import Blueprint, current_app, render_template, request, url_for

from ...errors import BadAmount, RelanceError
from ...money import parse_amount
from ...packets.data import PACKET_PROCEDURES
from ...store.events import CALL_OUTCOMES
from ...store.importer import creditor_key
from ...store.state import resolve_creditor
from ...workflow import run_day
from ...workflow.escalation import dossier_from_store, packet_from_store
from ...workflow.interactions import (
    call_recap,
    event_time,
    log_call,
    make_promise,
    open_dispute,
)
from ...workflow.overview import debtor_file, preview_document
from ..i18n import gettext as _
from ..i18n import language
from ..store import open_store, require_profile
from ..wording import decision_rows, document_label, reason_text
from .today import chosen_day, runs_dir

bp = Blueprint("debtor", __name__, url_prefix="/debtors")

DOCUMENTS = ("reminder-1", "reminder-2", "reminder-3", "formal-notice", "statement",
             "call-sheet")  # fmt: skip


def _at(day: date) -> datetime:
    """When an action happens: now on today's page, noon of the chosen day otherwise."""
    return event_time(day, datetime.now().astimezone().replace(microsecond=0))


@bp.get("/")
def index():
    profile = require_profile()
    as_of = chosen_day()
    with open_store():
        pass
    result = run_day(
        current_app.config["RELANCE_DB"], profile, as_of, out=runs_dir(), dry_run=True
    )
    return render_template("web/debtors.html", as_of=as_of, rows=decision_rows(result.decisions))


def _file(debtor_key: str, as_of: date):
    profile = require_profile()
    with open_store() as conn:
        key = resolve_creditor(conn, creditor_key(profile))
        return profile, debtor_file(conn, key, profile, debtor_key, as_of, lang=language())


@bp.get("/show")
def show():
    as_of = chosen_day()
    _profile, file = _file(request.args.get("id", ""), as_of)
    decision = file.decision
    return render_template(
        "web/debtor.html",
        as_of=as_of,
        file=file,
        decision=decision,
        decision_reason=reason_text(decision.reason, decision.plan) if decision else "",
        decision_step=document_label(decision.step.template) if decision and decision.due else "",
        outcomes=CALL_OUTCOMES,
        documents=[(t, document_label(t)) for t in DOCUMENTS],
        packets=PACKET_PROCEDURES,
    )


def _chronology(debtor_id: str, as_of: date, message: str, recap_url: str | None = None):
    """After an action: the refreshed chronology (htmx), or the whole page."""
    _profile, file = _file(debtor_id, as_of)
    if request.headers.get("HX-Request"):
        return render_template(
            "web/_chronology.html", file=file, message=message, recap_url=recap_url
        )
    return show_with(message, file, as_of)


def show_with(message: str, file, as_of: date):
    from flask import flash, redirect

    flash(message)
    return redirect(url_for("debtor.show", id=file.debtor.id, date=as_of.isoformat()))


def _amount(field: str):
    text = request.form.get(field, "").strip()
    if not text:
        return None
    try:
        amount, _currency = parse_amount(text)
    except BadAmount as exc:
        raise RelanceError(_("Amount: %(error)s", error=str(exc))) from None
    if amount <= 0:
        raise RelanceError(_("Amount: must be more than zero"))
    return amount


def _day_field(field: str) -> date | None:
    from ...intake.cells import parse_date

    text = request.form.get(field, "").strip()
    return parse_date(text) if text else None


@bp.post("/dispute")
def dispute():
    profile = require_profile()
    as_of = chosen_day()
    invoice = request.form.get("invoice", "")
    reason = request.form.get("reason", "").strip()
    if not reason:
        raise RelanceError(_("Say why the invoice is disputed."))
    with open_store() as conn:
        key = resolve_creditor(conn, creditor_key(profile))
        inv, _name = open_dispute(conn, key, invoice, reason, _at(as_of))
    return _chronology(
        inv.debtor_id, as_of, _("Dispute opened on %(invoice)s.", invoice=inv.number)
    )


@bp.post("/promise")
def promise():
    profile = require_profile()
    as_of = chosen_day()
    amount = _amount("amount")
    by = _day_field("by")
    if amount is None or by is None:
        raise RelanceError(_("A promise needs an amount and a date."))
    with open_store() as conn:
        key = resolve_creditor(conn, creditor_key(profile))
        made = make_promise(conn, key, request.form.get("id", ""), amount, None, by, _at(as_of))
    return _chronology(
        made.debtor_id,
        as_of,
        _(
            "Promise recorded: reminders paused until %(day)s.",
            day=made.resume_on.strftime("%d/%m/%Y"),
        ),
    )


@bp.post("/call")
def call():
    profile = require_profile()
    as_of = chosen_day()
    outcome = request.form.get("outcome", "")
    if outcome not in CALL_OUTCOMES:
        raise RelanceError(_("Choose the outcome of the call."))
    note = request.form.get("note", "").strip() or None
    at = _at(as_of)
    recap_url = None
    with open_store() as conn:
        key = resolve_creditor(conn, creditor_key(profile))
        debtor_id, _name = log_call(conn, key, request.form.get("id", ""), outcome, note, at)
        if request.form.get("recap"):
            details = {"day": at.date(), "note": note, "amount": _amount("amount"),
                       "by": _day_field("by")}  # fmt: skip
            folder = current_app.config["RELANCE_FILES"] / "recaps"
            path = call_recap(conn, key, profile, debtor_id, at.date(), details, folder, at)
            recap_url = url_for("debtor.recap", name=path.name)
    return _chronology(debtor_id, as_of, _("Call recorded."), recap_url)


@bp.get("/recaps/<name>")
def recap(name: str):
    from flask import abort, send_from_directory

    folder = current_app.config["RELANCE_FILES"] / "recaps"
    if "/" in name or "\\" in name or not name.endswith(".pdf"):
        abort(404)
    return send_from_directory(folder, name, as_attachment=True)


@bp.get("/document.pdf")
def document():
    """A document for the debtor, as ``relance letter`` writes it: not recorded."""
    profile = require_profile()
    as_of = chosen_day()
    template = request.args.get("template", "")
    if template not in DOCUMENTS:
        raise RelanceError(_("Unknown document."))
    with open_store() as conn:
        key = resolve_creditor(conn, creditor_key(profile))
        shown = preview_document(
            conn, key, profile, request.args.get("id", ""), as_of, template=template
        )
    response = current_app.response_class(shown.pdf, mimetype="application/pdf")
    response.headers["Content-Disposition"] = f'attachment; filename="{shown.name}"'
    return response


_ESCALATION = re.compile(r"[a-z0-9-]{1,120}")


def _escalation_dir():
    return current_app.config["RELANCE_FILES"] / "escalation"


@bp.post("/escalate")
def escalate():
    """A court-request packet or the lawyer's dossier, from the store; the page lists
    what to review and every warning before the download."""
    from ...render.batch import slug

    profile = require_profile()
    as_of = chosen_day()
    what = request.form.get("what", "")
    procedure = request.form.get("procedure", "")
    if what not in {"dossier", "packet"} or (
        what == "packet" and procedure not in PACKET_PROCEDURES
    ):
        raise RelanceError(_("Unknown document."))
    with open_store() as conn:
        key = resolve_creditor(conn, creditor_key(profile))
        file = debtor_file(conn, key, profile, request.form.get("id", ""), as_of)
        debtor = file.debtor
        stem = slug(f"{debtor.id}-{what}-{procedure.split('.')[-1] if procedure else ''}")
        out = _unique(_escalation_dir(), f"{stem}-{as_of.isoformat()}")
        if what == "dossier":
            built = dossier_from_store(
                conn, key, profile, debtor.id, as_of, out,
                documents_root=current_app.config["RELANCE_DB"].parent,
            )  # fmt: skip
            draft = False
        else:
            # Exhibits are the invoices' own PDFs (e-invoices, or the ledger's PDF column);
            # without any, the request is a draft, every page marked.
            draft = not any(i.invoice.pdf_path for c in file.claims for i in c.invoices)
            built = packet_from_store(
                conn, key, profile, debtor.id, procedure, as_of, out, draft=draft
            )
    return render_template(
        "web/escalation.html",
        as_of=as_of,
        debtor=debtor,
        what=what,
        procedure=procedure,
        draft=draft,
        built=built,
        download=url_for("debtor.escalation_file", name=out.name),
    )


def _unique(folder, stem: str):
    folder.mkdir(parents=True, exist_ok=True)
    candidate, n = folder / stem, 2
    while candidate.exists():
        candidate, n = folder / f"{stem}-{n}", n + 1
    return candidate


@bp.get("/escalation/<name>.pdf")
def escalation_file(name: str):
    from flask import abort, send_from_directory

    if not _ESCALATION.fullmatch(name):
        abort(404)
    folder = _escalation_dir() / name
    for combined in ("dossier.pdf", "packet.pdf"):
        if (folder / combined).is_file():
            return send_from_directory(
                folder, combined, as_attachment=True, download_name=f"{name}.pdf"
            )
    abort(404)
