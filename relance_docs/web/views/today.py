"""Today: who gets what on a chosen day and why, the held debtors, the warnings; preview a
letter, write the batch, download it."""

from __future__ import annotations

from flask import Blueprint, current_app, redirect, render_template, url_for

bp = Blueprint("today", __name__, url_prefix="/today")


def home():
    if current_app.config["RELANCE_DB"].is_file():
        return redirect(url_for("today.page"))
    return redirect(url_for("imports.form"))


@bp.get("/")
def page():
    return render_template("web/today.html")
