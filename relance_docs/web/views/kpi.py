"""KPIs: the aging and DSO charts, in the page."""

from __future__ import annotations

from flask import Blueprint, render_template

bp = Blueprint("kpi", __name__, url_prefix="/kpi")


@bp.get("/")
def page():
    return render_template("web/kpi.html")
