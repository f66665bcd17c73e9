"""The page meets the same hostile inputs as the CLI (tests/test_junk.py) with the same
one-line answers: problems beside the rows or one plain error, never a traceback, nothing
imported; and HTML in a customer's data is shown as text."""

from __future__ import annotations

import sqlite3

import pytest

from ..conftest import SAMPLES
from ..test_junk import JUNK
from .conftest import import_sample, upload


@pytest.mark.parametrize("name", list(JUNK))
def test_junk_ledger_gives_a_plain_answer_and_imports_nothing(app, client, tmp_path, name):
    path = tmp_path / "junk.csv"
    path.write_bytes(JUNK[name])
    review = upload(client, path, SAMPLES / "creditor-fr.yaml")
    page = client.get(review.location, headers={"Accept-Language": "en"})
    html = page.data.decode()
    assert page.status_code == 200, html[:300]
    assert "Traceback" not in html and 'id="confirm"' not in html
    assert 'class="error"' in html
    assert not app.config["RELANCE_DB"].exists()


def test_a_bad_profile_is_one_line(app, client, tmp_path):
    bad = tmp_path / "creditor.yaml"
    bad.write_text("name: [unclosed\n", encoding="utf-8")
    review = upload(client, SAMPLES / "ledger-fr.csv", bad)
    page = client.get(review.location, headers={"Accept-Language": "en"})
    assert page.status_code == 422
    text = page.data.decode()
    assert "creditor.yaml:" in text and "invalid YAML" in text and "Traceback" not in text


def test_customer_html_is_shown_as_text(app, client, tmp_path):
    text = (SAMPLES / "ledger-fr.csv").read_bytes().decode("cp1252")
    hostile = text.replace("Dupont & Fils SARL", "<script>alert(1)</script> SARL")
    path = tmp_path / "ledger.csv"
    path.write_bytes(hostile.encode("cp1252"))
    review = upload(client, path, SAMPLES / "creditor-fr.yaml")
    confirm = client.get(review.location)
    assert b"<script>alert(1)" not in confirm.data
    import_sample(client)  # the page stays usable afterwards
    with sqlite3.connect(app.config["RELANCE_DB"]) as conn:
        assert conn.execute("SELECT count(*) FROM debtors").fetchone()[0] == 12


def test_responses_forbid_outside_scripts_and_framing(client):
    response = client.get("/import/")
    csp = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "frame-ancestors 'self'" in csp
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    html = response.data.decode()
    assert "http://" not in html and "https://" not in html  # no CDN, every asset served here


def test_downloads_refuse_paths(client):
    import_sample(client)
    for bad in ("..", "2026-11-16/../../x", "..%2f..%2fetc", "passwd"):
        assert client.get(f"/today/runs/{bad}/print.pdf").status_code == 404
        assert client.get(f"/today/runs/{bad}.zip").status_code == 404
    assert client.get("/debtors/recaps/..%2frelance.db").status_code == 404


def test_a_bad_profile_given_to_serve_leaves_the_kept_one_whole(app, tmp_path):
    from relance_docs.errors import CreditorProfileError
    from relance_docs.web import keep_profile

    keep_profile(app, SAMPLES / "creditor-fr.yaml")
    kept = app.config["RELANCE_FILES"] / "creditor.yaml"
    before = kept.read_bytes()
    bad = tmp_path / "bad.yaml"
    bad.write_text("name: \n", encoding="utf-8")
    with pytest.raises(CreditorProfileError):
        keep_profile(app, bad)
    assert kept.read_bytes() == before
    assert [p.name for p in kept.parent.iterdir() if p.name.endswith(".partial")] == []
