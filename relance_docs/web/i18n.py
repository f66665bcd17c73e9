"""The page's language: French or English, from the browser, with a switch.

Interface strings are written in English in the templates and the views (``_("Today")``)
and translated by a gettext catalogue, ``translations/fr.po`` (a file translators know),
compiled in memory at start-up with Babel. Dates and amounts are formatted for the
language by the same functions as the letters (:mod:`relance_docs.render.formatting`).

The language is the ``lang`` cookie set by the switch, else the browser's preference
among fr and en (``Accept-Language``), else French.
"""

from __future__ import annotations

import gettext as _gettext
from datetime import date
from decimal import Decimal
from functools import cache
from io import BytesIO
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import Translations
from flask import Flask, g, has_request_context, redirect, request

from ..render.formatting import long_date, money, short_date

__all__ = ["LANGUAGES", "gettext", "init_app", "language", "ngettext", "switch"]

LANGUAGES = ("fr", "en")
_HERE = Path(__file__).resolve().parent


@cache
def _catalogue(lang: str) -> _gettext.NullTranslations:
    po = _HERE / "translations" / f"{lang}.po"
    if not po.is_file():
        return _gettext.NullTranslations()
    with po.open("rb") as fh:
        catalog = read_po(fh, locale=lang)
    buffer = BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return Translations(fp=buffer)


def language() -> str:
    """The language of the current request (``fr`` outside a request)."""
    if not has_request_context():
        return "fr"
    if "lang" not in g:
        chosen = request.cookies.get("lang")
        if chosen not in LANGUAGES:
            chosen = request.accept_languages.best_match(LANGUAGES, default="fr")
        g.lang = chosen
    return g.lang


def gettext(message: str, **values) -> str:
    text = _catalogue(language()).gettext(message)
    return text % values if values else text


def ngettext(singular: str, plural: str, n: int, **values) -> str:
    text = _catalogue(language()).ngettext(singular, plural, n)
    return text % {"num": n, **values}


def _as_date(value: date | str) -> date:
    """A date, or an ISO date as the store keeps it."""
    return value if isinstance(value, date) else date.fromisoformat(value)


def init_app(app: Flask) -> None:
    app.jinja_env.add_extension("jinja2.ext.i18n")
    app.jinja_env.install_gettext_callables(gettext, ngettext, newstyle=True)  # type: ignore[attr-defined]
    app.jinja_env.filters.update(
        money=lambda amount, currency: (
            money(Decimal(amount), currency, language()) if amount is not None else ""
        ),
        long_date=lambda day: long_date(_as_date(day), language()) if day else "",
        short_date=lambda day: short_date(_as_date(day), language()) if day else "",
    )
    app.context_processor(lambda: {"lang": language(), "languages": LANGUAGES})


def switch(code: str):
    """The language switch: remember the choice in a cookie and go back to the page.

    ``next`` must be a path of this site (``/today?date=...``), never another site.
    """
    target = request.args.get("next", "/")
    if not target.startswith("/") or target.startswith("//") or "\\" in target:
        target = "/"
    response = redirect(target)
    if code in LANGUAGES:
        response.set_cookie("lang", code, max_age=365 * 24 * 3600, samesite="Strict")
    return response
