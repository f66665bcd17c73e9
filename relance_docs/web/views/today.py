"""Today: who gets what on a chosen day and why, the held debtors, the warnings; preview a
letter, write the batch, download it."""

from __future__ import annotations

import os
import re
import zipfile
from datetime import date

from flask import (
    Blueprint,
    abort,
    current_app,
    redirect,
    render_template,
    request,
    send_from_directory,
    url_for,
)

from ...errors import BadDate
from ...intake.cells import parse_date
from ...store.importer import creditor_key
from ...store.state import resolve_creditor
from ...workflow import run_day
from ...workflow.overview import preview_document
from ..store import open_store, require_profile
from ..wording import decision_rows

bp = Blueprint("today", __name__, url_prefix="/today")

_RUN = re.compile(r"\d{4}-\d{2}-\d{2}(-\d{1,4})?")


def home():
    if current_app.config["RELANCE_DB"].is_file():
        return redirect(url_for("today.page"))
    return redirect(url_for("imports.form"))


def chosen_day() -> date:
    """The day asked for (``?date=`` or the form's ``date``), else today."""
    text = request.values.get("date")
    if not text:
        return date.today()
    try:
        return parse_date(text)
    except BadDate as exc:
        abort(400, description=str(exc))


def runs_dir():
    return current_app.config["RELANCE_FILES"] / "runs"


@bp.get("/")
def page():
    profile = require_profile()
    as_of = chosen_day()
    with open_store():
        pass  # a missing store is one line: import first
    result = run_day(
        current_app.config["RELANCE_DB"], profile, as_of, out=runs_dir(), dry_run=True
    )
    rows = decision_rows(result.decisions)
    return render_template(
        "web/today.html",
        as_of=as_of,
        due=[r for r in rows if r["due"]],
        held=[r for r in rows if r["held"]],
        waiting=[r for r in rows if not r["due"] and not r["held"]],
        warnings=_warnings(result.decisions),
    )


def _warnings(decisions) -> list[dict]:
    """Each warning of the rules layer once, with the debtors it concerns."""
    found: dict[str, list[str]] = {}
    for d in decisions:
        for w in d.claim.warnings:
            found.setdefault(str(w), []).append(d.claim.debtor.id)
    return [{"text": text, "debtors": debtors} for text, debtors in found.items()]


@bp.get("/preview")
def preview():
    """The panel that shows a letter (htmx fragment): the PDF inline and its warnings."""
    profile = require_profile()
    as_of = chosen_day()
    debtor = request.args.get("debtor", "")
    with open_store() as conn:
        key = resolve_creditor(conn, creditor_key(profile))
        shown = preview_document(conn, key, profile, debtor, as_of)
    return render_template(
        "web/_preview.html",
        debtor=debtor,
        as_of=as_of,
        preview=shown,
        src=url_for("today.preview_pdf", debtor=debtor, date=as_of.isoformat()),
    )


@bp.get("/preview.pdf")
def preview_pdf():
    profile = require_profile()
    as_of = chosen_day()
    with open_store() as conn:
        key = resolve_creditor(conn, creditor_key(profile))
        shown = preview_document(conn, key, profile, request.args.get("debtor", ""), as_of)
    response = current_app.response_class(shown.pdf, mimetype="application/pdf")
    response.headers["Content-Disposition"] = f'inline; filename="{shown.name}"'
    return response


@bp.post("/write")
def write():
    """Write the day's batch: the same run as ``relance run`` (lock, at most once)."""
    profile = require_profile()
    as_of = chosen_day()
    result = run_day(current_app.config["RELANCE_DB"], profile, as_of, out=runs_dir())
    name = result.folder.name if result.folder else None
    return render_template(
        "web/written.html",
        as_of=as_of,
        result=result,
        run=name,
        rows=decision_rows(result.due),
        warnings=[
            {"text": text, "debtors": debtors} for text, debtors in result.warnings().items()
        ],
    )


def _run_folder(name: str):
    if not _RUN.fullmatch(name):
        abort(404)
    folder = runs_dir() / name
    if not folder.is_dir():
        abort(404)
    return folder


@bp.get("/runs/<name>/print.pdf")
def print_pdf(name: str):
    folder = _run_folder(name)
    return send_from_directory(
        folder, "print.pdf", as_attachment=True, download_name=f"print-{name}.pdf"
    )


@bp.get("/runs/<name>.zip")
def run_zip(name: str):
    """The run's folder as one ZIP (made once, atomically)."""
    folder = _run_folder(name)
    target = runs_dir() / f"{name}.zip"
    if not target.is_file():
        partial = target.with_name(f".{target.name}.{os.getpid()}.partial")
        with zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED) as archive:
            for path in sorted(folder.rglob("*")):
                if path.is_file() and not path.is_symlink():
                    archive.write(path, f"{name}/{path.relative_to(folder)}")
        os.replace(partial, target)
    return send_from_directory(runs_dir(), target.name, as_attachment=True)
