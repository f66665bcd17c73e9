"""Import: upload a ledger (and the creditor profile), see every problem next to its row,
import only when no error stands."""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime

from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for

from ...intake import load_creditor, read_ledger
from ...store import import_ledger
from ..i18n import gettext as _
from ..store import open_store, stored_profile
from ..uploads import BadUpload, Upload, keep_profile_file, save_upload

bp = Blueprint("imports", __name__, url_prefix="/import")


@bp.get("/")
def form():
    return render_template("web/import.html", has_profile=stored_profile() is not None)


@bp.post("/")
def upload():
    files_dir = current_app.config["RELANCE_FILES"]
    saved = save_upload(
        files_dir,
        request.files.getlist("ledger"),
        request.files.get("creditor"),
        request.files.getlist("bank"),
    )
    return redirect(url_for("imports.review", upload_id=saved.id))


@bp.get("/<upload_id>")
def review(upload_id: str):
    upload = Upload.open(current_app.config["RELANCE_FILES"], upload_id)
    profile = _profile(upload)
    result = _read(upload, profile)
    return render_template(
        "web/import_review.html",
        upload=upload,
        profile=profile,
        result=result,
        rows=_rows(result),
        files=[problem for problem in result.problems if not problem.line],
    )


@bp.post("/<upload_id>/confirm")
def confirm(upload_id: str):
    files_dir = current_app.config["RELANCE_FILES"]
    upload = Upload.open(files_dir, upload_id)
    profile = _profile(upload)
    if profile is None:
        raise BadUpload("give the creditor profile (YAML) with the first ledger")
    ledger = _read(upload, profile).raise_for_errors()
    with open_store(create=True) as conn:
        report = import_ledger(conn, ledger, profile, datetime.now().astimezone())
    if upload.creditor is not None:
        keep_profile_file(upload.creditor, files_dir)
    flash(
        _(
            "Imported %(file)s: %(new)s new invoices, %(changed)s changed, %(stopped)s no "
            "longer chased, %(payments)s payments.",
            file=upload.ledger_name,
            new=len(report.new),
            changed=len(report.changed),
            stopped=len(report.stopped),
            payments=report.payments,
        )
    )
    return redirect(url_for("today.page"))


def _read(upload: Upload, profile):
    """The upload read as ``relance check`` reads it: the profile's defaults (currency,
    country, debtor kind, payment terms) and the bank statements' payments."""
    return read_ledger(upload.ledger, creditor=profile, bank=upload.bank)


def _profile(upload: Upload):
    """The profile given with this upload, else the one the page already signs with."""
    if upload.creditor is not None:
        return load_creditor(upload.creditor)
    return stored_profile()


def _rows(result) -> list[dict]:
    """One row per ledger line that holds a document or a problem, in file order, with
    its problems beside it."""
    problems = defaultdict(list)
    for problem in result.problems:
        if problem.line:
            problems[(problem.file, problem.line)].append(problem)
    rows: dict[tuple[str, int], dict] = {}
    for inv in result.ledger.invoices:
        key = (inv.source_file or "", inv.source_line or 0)
        rows[key] = {"file": key[0], "line": key[1], "invoice": inv, "problems": []}
    for key, found in problems.items():
        rows.setdefault(key, {"file": key[0], "line": key[1], "invoice": None, "problems": []})
        rows[key]["problems"] = found
    return [rows[key] for key in sorted(rows)]
