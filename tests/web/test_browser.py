"""End to end in a real browser (Debian's Chromium driven by Playwright): a credit
controller imports the French sample, opens Today, previews a letter, writes the batch,
records a promise and sees it in the chronology; in French, then in English."""

from __future__ import annotations

import re

import pytest

from ..conftest import SAMPLES

pytestmark = pytest.mark.browser

DAY = "2026-11-16"  # the samples' reference date


def _import_french_sample(page, base: str) -> None:
    page.goto(f"{base}/")
    assert page.url.endswith("/import/")
    page.set_input_files("#ledger", str(SAMPLES / "ledger-fr.csv"))
    page.set_input_files("#creditor", str(SAMPLES / "creditor-fr.yaml"))
    page.click("#read")
    page.wait_for_selector("#rows")
    assert page.locator("#rows tbody tr").count() == 31  # 30 invoices and 1 credit note
    page.click("#confirm")
    page.wait_for_url(re.compile(r"/today/"))


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_import_today_preview_write_promise(page, live_server, lang):
    base = live_server
    _import_french_sample(page, base)
    if lang == "en":
        page.click("#lang-en")
    page.goto(f"{base}/today/?date={DAY}")
    heading = page.locator("h1").inner_text()
    assert heading == (
        "Letters of 16 November 2026" if lang == "en" else "Courriers du 16 novembre 2026"
    )

    # Preview the first letter: the panel appears (htmx) and the PDF is the debtor's
    due = page.locator("#due tbody tr")
    assert due.count() >= 1
    first = due.first
    debtor = first.get_attribute("data-debtor")
    first.locator(".preview-button").click()
    page.wait_for_selector("#preview-panel")
    src = page.locator("#preview-panel iframe").get_attribute("src")
    pdf = page.request.get(f"{base}{src}")
    assert pdf.status == 200 and pdf.headers["content-type"] == "application/pdf"
    assert pdf.body().startswith(b"%PDF")

    # Write the batch, download print.pdf
    count = due.count()
    page.click("#write")
    page.wait_for_selector("#written")
    with page.expect_download() as download:
        page.click("#download-print")
    assert download.value.suggested_filename == f"print-{DAY}.pdf"
    # Written once: the day now has nothing left to write
    page.goto(f"{base}/today/?date={DAY}")
    assert page.locator("#due tbody tr").count() == 0, f"{count} written, then again"

    # Record a promise on the debtor's page; it shows in the chronology (htmx swap)
    page.goto(f"{base}/debtors/show?id={debtor}&date={DAY}")
    page.fill("#promise-amount", "1 000,00" if lang == "fr" else "1,000.00")
    page.fill("#promise-by", "2026-11-30")
    page.click("#promise-submit")
    page.wait_for_selector("#action-result")
    chronology = page.locator("#chronology").inner_text()
    assert "30/11/2026" in chronology
    assert ("Promesse" if lang == "fr" else "Promise") in chronology
