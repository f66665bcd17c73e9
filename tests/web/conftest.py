"""The web page under test: Flask's test client for each route, and a real server in a
thread driven by Playwright in Debian's Chromium for the end-to-end tests.

The browser is the system one (``/usr/bin/chromium``, or ``$CHROMIUM``), installed by
``.ci/run``; nothing is ever downloaded at test time. Where no browser is installed the
end-to-end tests are skipped, except when ``RELANCE_REQUIRE_BROWSER=1`` (set by
``.ci/run``), where a missing browser fails them.
"""

from __future__ import annotations

import os
import re
import shutil
import threading
from pathlib import Path

import pytest

from relance_docs.web import create_app

from ..conftest import SAMPLES

CHROMIUM = os.environ.get("CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
_TOKEN = re.compile(rb'name="csrf_token" value="([^"]+)"')

# Chromium on a machine with no network: nothing but the page under test on 127.0.0.1.
# Names never reach a DNS server (every host maps to "not found" but the loopback), any
# request to another address goes to a proxy that does not exist (the loopback bypasses
# it), and the background services (DNS-over-HTTPS probes, updates, sync) are off.
# Checked with strace over the whole suite: no DNS query, no TCP connection leaves the
# loopback; what remains is Chromium's IPv6 route check, a UDP connect() to 2001:4860::8888
# that sends no datagram.
CHROMIUM_ARGS = (
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-domain-reliability",
    "--no-pings",
    "--no-first-run",
    "--dns-prefetch-disable",
    "--disable-features=DnsOverHttps,AsyncDns,NetworkTimeServiceQuerying,OptimizationHints,"
    "MediaRouter,Translate,AutofillServerCommunication,CertificateTransparencyComponentUpdater",
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
    "--proxy-server=127.0.0.1:9",
)


@pytest.fixture
def app(tmp_path: Path):
    return create_app(tmp_path / "relance.db", secret_key="test-secret", testing=True)


@pytest.fixture
def client(app):
    return app.test_client()


def csrf_token(client, url: str = "/import/") -> str:
    """The CSRF token of the form at ``url`` (the session cookie stays in the client)."""
    page = client.get(url)
    found = _TOKEN.search(page.data)
    assert found, f"no CSRF token in {url}"
    return found.group(1).decode()


def upload(
    client,
    ledger: Path | list[Path],
    creditor: Path | None = None,
    *,
    name: str | None = None,
    bank: list[Path] = (),
):
    """POST the import form as a browser would; return the review page response."""
    ledgers = ledger if isinstance(ledger, list) else [ledger]
    handles = []

    def opened(path: Path, filename: str):
        handles.append(path.open("rb"))
        return (handles[-1], filename)

    data = {
        "csrf_token": csrf_token(client),
        "ledger": [opened(p, name or p.name) for p in ledgers],
        "bank": [opened(p, p.name) for p in bank],
    }
    if creditor is not None:
        data["creditor"] = opened(creditor, creditor.name)
    try:
        return client.post("/import/", data=data, content_type="multipart/form-data")
    finally:
        for handle in handles:
            handle.close()


def import_sample(client, ledger: str = "ledger-fr.csv", creditor: str = "creditor-fr.yaml"):
    """Upload and confirm a sample ledger; return the final response."""
    review = upload(client, SAMPLES / ledger, SAMPLES / creditor)
    assert review.status_code == 302, review.data[:500]
    page = client.get(review.location)
    token = _TOKEN.search(page.data).group(1).decode()
    return client.post(f"{review.location}/confirm", data={"csrf_token": token})


@pytest.fixture
def live_server(tmp_path: Path):
    """The page served on 127.0.0.1 on a free port, in a thread; yields its base URL."""
    from werkzeug.serving import make_server

    app = create_app(tmp_path / "relance.db", secret_key="e2e-secret")
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        thread.join(5)


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        if os.environ.get("RELANCE_REQUIRE_BROWSER") == "1":
            pytest.fail(f"no Chromium at {CHROMIUM}: .ci/run installs the Debian package")
        pytest.skip(f"no Chromium at {CHROMIUM} (apt install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=list(CHROMIUM_ARGS))
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="fr-FR", accept_downloads=True)
    page = context.new_page()
    page.set_default_timeout(30_000)
    yield page
    context.close()
