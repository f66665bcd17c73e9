"""The debtor page: the facts, the actions recorded through the workflow, escalation."""

from __future__ import annotations

import io
import re

from pypdf import PdfReader

from .conftest import _TOKEN, import_sample

DAY = "2026-11-16"  # the samples' reference date


def _token(client, debtor="C002"):
    page = client.get(f"/debtors/show?id={debtor}&date={DAY}")
    return _TOKEN.search(page.data).group(1).decode()


def test_the_page_shows_balance_procedures_and_chronology(client):
    import_sample(client)
    html = client.get(f"/debtors/show?id=C002&date={DAY}", headers={"Accept-Language": "en"})
    text = html.data.decode()
    # C002 (samples/ledger-fr.csv): FA-2026-0043 12,480.00 + FA-2026-0088 4,095.00 overdue
    assert "€16,575.00" in text
    assert 'data-procedure="fr.injonction_de_payer"' in text
    assert "Invoice FA-2026-0043" in text or "FA-2026-0043" in text


def test_a_dispute_is_recorded_and_holds_the_invoice(client):
    import_sample(client)
    response = client.post(
        "/debtors/dispute",
        data={"csrf_token": _token(client), "id": "C002", "date": DAY,
              "invoice": "FA-2026-0088", "reason": "Livraison incomplète"},
        headers={"HX-Request": "true", "Accept-Language": "fr"},
    )  # fmt: skip
    assert response.status_code == 200
    assert "Contestation ouverte sur FA-2026-0088" in response.data.decode()
    # the same dispute twice is one plain line
    again = client.post(
        "/debtors/dispute",
        data={"csrf_token": _token(client), "id": "C002", "date": DAY,
              "invoice": "FA-2026-0088", "reason": "encore"},
        headers={"Accept-Language": "en"},
    )  # fmt: skip
    assert again.status_code == 422 and b"already disputed" in again.data


def test_a_call_with_its_recap_letter(client):
    import_sample(client)
    response = client.post(
        "/debtors/call",
        data={"csrf_token": _token(client), "id": "C002", "date": DAY, "outcome": "reached",
              "note": "Règlement fin de mois", "recap": "1", "amount": "4 095,00",
              "by": "2026-11-30"},
        headers={"HX-Request": "true"},
    )  # fmt: skip
    assert response.status_code == 200
    link = re.search(r'href="([^"]+)" id="recap-link"', response.data.decode()).group(1)
    pdf = client.get(link)
    assert pdf.status_code == 200
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.data)).pages)
    assert "4 095,00" in text.replace("\u202f", " ").replace("\xa0", " ")


def test_bad_amounts_and_dates_are_one_line(client):
    import_sample(client)
    bad = client.post(
        "/debtors/promise",
        data={"csrf_token": _token(client), "id": "C002", "date": DAY, "amount": "12,345",
              "by": "2026-11-30"},
        headers={"Accept-Language": "en"},
    )  # fmt: skip
    assert bad.status_code == 422 and b"ambiguous" in bad.data
    past = client.post(
        "/debtors/promise",
        data={"csrf_token": _token(client), "id": "C002", "date": DAY, "amount": "100",
              "by": "2026-11-01"},
        headers={"Accept-Language": "en"},
    )  # fmt: skip
    assert past.status_code == 422 and b"before the day of the promise" in past.data


def test_the_dossier_and_a_draft_request_from_the_store(client):
    import_sample(client)
    token = _token(client)
    dossier = client.post(
        "/debtors/escalate",
        data={"csrf_token": token, "id": "C002", "date": DAY, "what": "dossier"},
    )
    assert dossier.status_code == 200, dossier.data[:400]
    link = re.search(r'id="escalation-download" href="([^"]+)"', dossier.data.decode()).group(1)
    pdf = client.get(link)
    assert pdf.status_code == 200 and pdf.data.startswith(b"%PDF")
    packet = client.post(
        "/debtors/escalate",
        data={"csrf_token": token, "id": "C002", "date": DAY, "what": "packet",
              "procedure": "fr.injonction_de_payer"},
    )  # fmt: skip
    assert packet.status_code == 200, packet.data[:400]
    link = re.search(r'id="escalation-download" href="([^"]+)"', packet.data.decode()).group(1)
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(client.get(link).data)).pages)
    assert "PROJET" in text  # no exhibits in a CSV ledger: a draft, every page marked
