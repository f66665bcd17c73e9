"""A debtor: balance, invoices, chronology, procedures; record a dispute, a promise, a
call; produce a formal notice, a packet or a dossier."""

from __future__ import annotations

from flask import Blueprint, render_template

bp = Blueprint("debtor", __name__, url_prefix="/debtors")


@bp.get("/")
def index():
    return render_template("web/debtors.html")
