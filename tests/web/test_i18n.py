"""The page in French and English: every interface string translated, dates and amounts
formatted for the language."""

from __future__ import annotations

from pathlib import Path

from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

import relance_docs.web as web

from .conftest import import_sample

WEB = Path(web.__file__).resolve().parent


def test_every_interface_string_has_its_french_translation():
    method_map = [("**/templates/**.html", "jinja2"), ("**.py", "python")]
    options = {"**/templates/**.html": {"extensions": "jinja2.ext.i18n"}}
    keywords = {"_": None, "gettext": None, "ngettext": (1, 2)}
    found = set()
    for _file, _line, message, _comments, _context in extract_from_dir(
        WEB, method_map, options, keywords=keywords
    ):
        found.add(message[0] if isinstance(message, tuple) else message)
    with (WEB / "translations" / "fr.po").open("rb") as fh:
        catalog = read_po(fh, locale="fr")
    translated = {
        m.id[0] if isinstance(m.id, tuple) else m.id for m in catalog if m.id and m.string
    }
    assert len(found) > 100
    assert sorted(found - translated) == []


def test_language_from_the_browser_and_the_switch(client):
    assert "Importer un relevé" in client.get("/import/").data.decode()  # French by default
    english = client.get("/import/", headers={"Accept-Language": "en-GB,en;q=0.9"})
    assert "Import a ledger" in english.data.decode()
    switched = client.get("/lang/fr?next=/import/", headers={"Accept-Language": "en"})
    assert switched.status_code == 302 and switched.location.endswith("/import/")
    assert (
        "Importer un relevé"
        in client.get("/import/", headers={"Accept-Language": "en"}).data.decode()
    )
    # the switch never sends the user to another site
    for target in ("//evil.example/", "https://evil.example/", "/\\evil.example"):
        away = client.get(f"/lang/en?next={target}")
        assert away.location.endswith("/") and "evil" not in away.location


def test_dates_and_amounts_in_the_page_language(client):
    import_sample(client)
    fr = client.get("/debtors/show?id=C002&date=2026-11-16").data.decode()
    en = client.get(
        "/debtors/show?id=C002&date=2026-11-16", headers={"Accept-Language": "en"}
    ).data.decode()
    # FA-2026-0088: 4,095.00 EUR, due 18/09/2026 (samples/ledger-fr.csv)
    assert "4\u202f095,00\xa0€" in fr and "€4,095.00" in en
    assert "Courriers" not in fr and "Reste dû" in fr and "Outstanding" in en


def test_kpi_page_in_both_languages(client):
    import_sample(client)
    fr = client.get("/kpi/?date=2026-11-16").data.decode()
    en = client.get("/kpi/?date=2026-11-16", headers={"Accept-Language": "en"}).data.decode()
    assert fr.count("<svg") == 2 and en.count("<svg") == 2
    assert "Jours de retard" in fr and "Encours clients" in fr and "Days past due" not in fr
    assert "Days past due" in en and "Receivables" in en and "Jours de retard" not in en
    # The sample's receivables (relance kpi, README): 101 219,20 € in both languages
    assert "101\u202f219,20\xa0€" in fr and "€101,219.20" in en
