"""KPIs: the figures, the aging and the monthly charts of ``relance kpi``, in the page."""

from __future__ import annotations

from flask import Blueprint, render_template
from markupsafe import Markup

from ...reports.kpi import store_kpis
from ...reports.kpi_page import aging_chart, debtor_columns, debtor_rows, figures, trend_chart
from ...reports.kpi_words import words
from ...store.importer import creditor_key
from ...store.state import resolve_creditor
from ..i18n import language
from ..store import open_store, require_profile
from .today import chosen_day

bp = Blueprint("kpi", __name__, url_prefix="/kpi")

_LOCALES = {"fr": "fr_FR", "en": "en_GB"}


@bp.get("/")
def page():
    profile = require_profile()
    as_of = chosen_day()
    with open_store() as conn:
        report = store_kpis(conn, resolve_creditor(conn, creditor_key(profile)), as_of)
    locale = _LOCALES[language()]
    return render_template(
        "web/kpi.html",
        as_of=as_of,
        w=words(locale),
        figures=figures(report, locale),
        aging_chart=Markup(aging_chart(report, locale)),  # noqa: S704 - escaped when built
        trend_chart=Markup(trend_chart(report, locale)),  # noqa: S704 - escaped when built
        columns=debtor_columns(locale),
        debtors=debtor_rows(report, locale),
        currency=report.currency,
    )
