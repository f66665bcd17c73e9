"""Import page: every problem beside its row, nothing imported while an error stands."""

from __future__ import annotations

import sqlite3

from ..conftest import SAMPLES
from .conftest import csrf_token, import_sample, upload


def _invoice_count(app) -> int:
    db = app.config["RELANCE_DB"]
    if not db.is_file():
        return 0
    with sqlite3.connect(db) as conn:
        return conn.execute("SELECT count(*) FROM invoices").fetchone()[0]


def test_import_the_french_sample(app, client):
    response = import_sample(client)
    assert response.status_code == 302 and response.location.endswith("/today/")
    assert _invoice_count(app) == 31  # the sample: 30 invoices and 1 credit note
    assert (app.config["RELANCE_FILES"] / "creditor.yaml").is_file()
    # the profile is kept: a second import needs no profile
    review = upload(client, SAMPLES / "ledger-fr.csv")
    page = client.get(review.location, headers={"Accept-Language": "en"})
    assert b'id="confirm"' in page.data


def test_errors_are_shown_beside_their_rows_and_block_the_import(app, client, tmp_path):
    text = (SAMPLES / "ledger-fr.csv").read_bytes().decode("cp1252").splitlines()
    text[4] = text[4].replace("870,00", "870,0O")  # line 5: a letter O for a zero
    bad = tmp_path / "Relevé clients.csv"
    bad.write_bytes(("\r\n".join(text) + "\r\n").encode("cp1252"))
    review = upload(client, bad, SAMPLES / "creditor-fr.yaml", name="Relevé clients.csv")
    page = client.get(review.location, headers={"Accept-Language": "en"})
    html = page.data.decode()
    assert 'id="confirm"' not in html and 'id="blocked"' in html
    # the row of line 5 carries its problem, named by the user's file name made safe
    row = html[html.index('data-line="5"') :]
    row = row[: row.index("</tr>")]
    assert "Releve_clients.csv:5" in row and "is not an amount" in row
    # confirming by hand is refused too: nothing is imported
    upload_id = review.location.rstrip("/").rsplit("/", 1)[1]
    token = csrf_token(client)
    refused = client.post(f"/import/{upload_id}/confirm", data={"csrf_token": token})
    assert refused.status_code == 422
    assert b"nothing was written" in refused.data
    assert _invoice_count(app) == 0


def test_first_import_needs_a_profile(client):
    review = upload(client, SAMPLES / "ledger-fr.csv")
    page = client.get(review.location, headers={"Accept-Language": "en"})
    assert b"Give the creditor profile" in page.data and b'id="confirm"' not in page.data


def test_csrf_refused(client):
    with (SAMPLES / "ledger-fr.csv").open("rb") as fh:
        response = client.post("/import/", data={"ledger": (fh, "ledger-fr.csv")})
    assert response.status_code == 400
    assert b"ne vient pas de cette page" in response.data  # French by default


def test_upload_cap(tmp_path):
    from relance_docs.web import create_app

    app = create_app(tmp_path / "relance.db", upload_limit=100_000, secret_key="s")
    client = app.test_client()
    token = csrf_token(client)
    big = tmp_path / "big.csv"
    big.write_bytes(b"x" * 200_000)
    with big.open("rb") as fh:
        response = client.post(
            "/import/",
            data={"csrf_token": token, "ledger": (fh, "big.csv")},
            headers={"Accept-Language": "en"},
        )
    assert response.status_code == 413
    assert b"too large" in response.data
    assert not (tmp_path / "relance.files" / "uploads").exists() or not any(
        (tmp_path / "relance.files" / "uploads").iterdir()
    )


def test_a_path_never_reaches_the_disk(app, client):
    """The browser names an upload by its id only; a path or a bad id is refused."""
    for bad in ("..%2f..%2fetc%2fpasswd", "../../etc/passwd", "0" * 31, "g" * 32):
        response = client.get(f"/import/{bad}")
        assert response.status_code in {404, 422}, bad
    review = upload(client, SAMPLES / "ledger-fr.csv", name="../../evil.csv")
    assert review.status_code == 302
    files = list((app.config["RELANCE_FILES"] / "uploads").rglob("*.csv"))
    assert [f.name for f in files] == ["evil.csv"]
    assert all(app.config["RELANCE_FILES"] in f.parents for f in files)


def test_wrong_file_type(client):
    response = upload(client, SAMPLES / "creditor-fr.yaml")
    assert response.status_code == 422
    assert b"not a ledger file" in response.data


def test_unknown_host_refused(client):
    assert client.get("/import/", headers={"Host": "rebind.example:8000"}).status_code == 400
    assert client.get("/import/", headers={"Host": "127.0.0.1:8000"}).status_code == 200


def test_e_invoices_and_a_bank_statement(app, client):
    """The sample e-invoices (samples/einvoices-fr, mirroring ledger-fr.csv) with the
    sample CAMT.053 statement: every match shown with its reason."""
    einvoices = sorted((SAMPLES / "einvoices-fr").iterdir())
    review = upload(
        client,
        einvoices,
        SAMPLES / "creditor-fr.yaml",
        bank=[SAMPLES / "bank" / "releve-fr.camt053.xml"],
    )
    assert review.status_code == 302, review.data[:300]
    page = client.get(review.location, headers={"Accept-Language": "en"}).data.decode()
    assert f"{len(einvoices)} e-invoices" in page
    assert 'id="matches"' in page and 'class="matched"' in page
    assert page.count('class="matched"') + page.count("unmatched") >= 1


def test_mixing_a_ledger_and_e_invoices_is_refused(client):
    pdf = next((SAMPLES / "einvoices-fr").glob("*.pdf"))
    response = upload(client, [SAMPLES / "ledger-fr.csv", pdf], SAMPLES / "creditor-fr.yaml")
    assert response.status_code == 422
    assert b"not both" in response.data
