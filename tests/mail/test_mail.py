"""Email channel: .eml files, and delivery to a real local SMTP server (aiosmtpd)."""

from __future__ import annotations

import email
import json
import socket
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from email import policy
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

from relance_docs.errors import RelanceError
from relance_docs.mail import (
    BadAddress,
    MailError,
    SmtpError,
    build_email,
    message_id_of,
    read_journal,
    send_pending,
    write_eml,
)

SUBJECT = "Dupont & Fils — échéance dépassée"
TEXT = "Madame, Monsieur,\n\nDupont & Fils — échéance dépassée : 1 234,56 €.\n"
HTML = "<p>Dupont &amp; Fils — échéance dépassée : 1&#8239;234,56&nbsp;€.</p>"
PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj <<>> endobj\n" + bytes(range(256)) + b"\n%%EOF\n"
PDF_NAME = "relance-Kœhler.pdf"
DATE = datetime(2026, 11, 16, 9, 30, tzinfo=timezone(timedelta(hours=1)))


def make(**overrides):
    kw = {
        "sender_name": "Dupont & Fils",
        "sender_email": "compta@dupont-fils.fr",
        "to_name": "Kœhler GmbH — Service comptabilité",
        "to_email": "buchhaltung@koehler.de",
        "subject": SUBJECT,
        "text": TEXT,
        "html": HTML,
        "pdf": PDF,
        "pdf_name": PDF_NAME,
        "message_id_domain": "dupont-fils.fr",
        "date": DATE,
    }
    kw.update(overrides)
    return build_email(**kw)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Recorder:
    """An aiosmtpd handler that keeps every accepted envelope."""

    def __init__(self, *, refuse_first: int = 0, refuse_code: str = "451 4.3.0 try later"):
        self.envelopes: list = []
        self.attempts = 0
        self.refuse_first = refuse_first
        self.refuse_code = refuse_code

    async def handle_DATA(self, server, session, envelope):
        self.attempts += 1
        if self.attempts <= self.refuse_first:
            return self.refuse_code
        self.envelopes.append(envelope)
        return "250 2.0.0 OK queued"

    def messages(self):
        return [email.message_from_bytes(e.content, policy=policy.default) for e in self.envelopes]


class Refuser(Recorder):
    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        return "550 5.1.1 no such user"


def start(handler, **kwargs) -> Controller:
    controller = Controller(handler, hostname="127.0.0.1", port=free_port(), **kwargs)
    controller.start()
    return controller


@pytest.fixture
def server() -> Iterator[tuple[Controller, Recorder]]:
    handler = Recorder()
    controller = start(handler)
    yield controller, handler
    controller.stop()


@pytest.fixture
def outbox(tmp_path: Path) -> Path:
    box = tmp_path / "outbox"
    write_eml(make(), box / "pending" / "0001-koehler.eml")
    return box


def send(box: Path, controller: Controller, **kw):
    kw.setdefault("starttls", False)
    kw.setdefault("user", None)
    return send_pending(box, host=controller.hostname, port=controller.port, timeout=10, **kw)


# --- the message ----------------------------------------------------------------------


def test_message_structure_and_headers():
    msg = make()
    data = msg.as_bytes()
    assert data.isascii()  # 7-bit on the wire: accents are encoded
    parsed = email.message_from_bytes(data, policy=policy.default)
    assert parsed.get_content_type() == "multipart/mixed"
    alt, att = parsed.get_payload()
    assert alt.get_content_type() == "multipart/alternative"
    plain, html = alt.get_payload()
    assert (plain.get_content_type(), html.get_content_type()) == ("text/plain", "text/html")
    assert plain.get_content_charset() == "utf-8"
    # text parts are in canonical form on the wire: CRLF line ends
    assert plain.get_content().replace("\r\n", "\n") == TEXT
    assert html.get_content().rstrip("\r\n") == HTML
    assert att.get_content_type() == "application/pdf"
    assert att.get_filename() == PDF_NAME
    assert b"filename*=utf-8''relance-K%C5%93hler.pdf" in data  # RFC 2231
    assert att.get_content() == PDF
    assert str(parsed["Subject"]) == SUBJECT
    assert parsed["From"].addresses[0].display_name == "Dupont & Fils"
    assert parsed["To"].addresses[0].display_name == "Kœhler GmbH — Service comptabilité"
    assert parsed["To"].addresses[0].addr_spec == "buchhaltung@koehler.de"
    assert parsed["Date"].datetime == DATE
    assert parsed["Message-ID"].endswith("@dupont-fils.fr>")


def test_same_document_same_bytes_and_message_id():
    assert make().as_bytes() == make().as_bytes()
    assert message_id_of(make()) == message_id_of(make())
    assert message_id_of(make(pdf=PDF + b" ")) != message_id_of(make())
    assert message_id_of(make(to_email="autre@koehler.de")) != message_id_of(make())
    assert message_id_of(make(date=DATE + timedelta(days=1))) != message_id_of(make())


@pytest.mark.parametrize(
    "address",
    [
        None,
        "",
        "  ",
        "koehler.de",
        "a b@koehler.de",
        "x@",
        "@x.de",
        "x@nodot",
        "x@-bad-.de",
        "x@a..de",
        "x@y.de\r\nBcc: z@evil.com",
    ],
)
def test_invalid_recipient_is_a_one_line_error(address):
    with pytest.raises(BadAddress) as info:
        make(to_email=address)
    assert isinstance(info.value, RelanceError)
    assert "\n" not in str(info.value)
    assert "recipient" in str(info.value)


def test_display_name_cannot_inject_headers():
    msg = make(to_name="Kœhler\r\nBcc: spy@evil.com", subject="Relance\r\nBcc: spy@evil.com")
    parsed = email.message_from_bytes(msg.as_bytes(), policy=policy.default)
    assert parsed["Bcc"] is None


def test_idn_domain_is_encoded():
    msg = make(to_email="compta@müller.de")
    assert "compta@xn--mller-kva.de" in str(msg["To"])


def test_write_eml_is_atomic_and_exact(tmp_path: Path):
    msg = make()
    path = write_eml(msg, tmp_path / "a" / "b" / "x.eml")
    assert path.read_bytes() == msg.as_bytes(policy=policy.SMTP)
    assert b"\r\n" in path.read_bytes()
    assert sorted(p.name for p in path.parent.iterdir()) == ["x.eml"]  # no temp file left
    write_eml(make(subject="Autre"), path)  # replaced in place
    assert b"Subject: Autre" in path.read_bytes()


# --- delivery -------------------------------------------------------------------------


def test_delivery_received_intact(server, outbox: Path):
    controller, handler = server
    calls = []
    report = send(outbox, controller, on_sent=lambda p, mid: calls.append((p, mid)))
    assert report.sent == ["0001-koehler.eml"]
    assert (report.failed, report.skipped) == ([], [])

    (envelope,) = handler.envelopes
    assert envelope.mail_from == "compta@dupont-fils.fr"
    assert envelope.rcpt_tos == ["buchhaltung@koehler.de"]
    (msg,) = handler.messages()
    assert str(msg["Subject"]) == SUBJECT
    plain = msg.get_body(preferencelist=("plain",))
    html = msg.get_body(preferencelist=("html",))
    assert "Dupont & Fils — échéance dépassée" in plain.get_content()
    assert "Dupont &amp; Fils — échéance dépassée" in html.get_content()
    (attachment,) = msg.iter_attachments()
    assert attachment.get_filename() == "relance-Kœhler.pdf"
    assert attachment.get_content_type() == "application/pdf"
    assert attachment.get_content() == PDF

    # the file moved to sent/, the journal recorded it, the callback was told
    assert list((outbox / "pending").iterdir()) == []
    sent_file = outbox / "sent" / "0001-koehler.eml"
    assert sent_file.is_file()
    mid = message_id_of(make())
    assert calls == [(sent_file, mid)]
    assert msg["Message-ID"] == mid
    entry = read_journal(outbox)[mid]
    assert entry["file"] == "0001-koehler.eml"
    assert entry["to"] == ["buchhaltung@koehler.de"]


def test_two_sends_deliver_once(server, outbox: Path):
    controller, handler = server
    first = send(outbox, controller)
    second = send(outbox, controller)
    assert first.sent == ["0001-koehler.eml"]
    assert (second.sent, second.failed, second.skipped) == ([], [], [])
    assert len(handler.envelopes) == 1


def test_accepted_but_not_moved_is_never_sent_again(server, outbox: Path):
    """A run stopped after the journal line but before the move: not sent twice."""
    controller, handler = server
    pending = outbox / "pending" / "0001-koehler.eml"
    data = pending.read_bytes()
    send(outbox, controller)
    pending.write_bytes(data)  # as if the move never happened
    write_eml(make(), outbox / "pending" / "0002-same-document.eml")  # rebuilt: same id
    calls = []
    report = send(outbox, controller, on_sent=lambda p, mid: calls.append(p.name))
    assert report.skipped == ["0001-koehler.eml", "0002-same-document.eml"]
    assert report.sent == []
    assert len(handler.envelopes) == 1
    assert list((outbox / "pending").iterdir()) == []
    # nothing overwritten in sent/
    assert sorted(p.name for p in (outbox / "sent").iterdir()) == [
        "0001-koehler.1.eml",
        "0001-koehler.eml",
        "0002-same-document.eml",
    ]
    assert calls == ["0001-koehler.1.eml", "0002-same-document.eml"]


def test_same_document_twice_in_one_run_is_sent_once(server, tmp_path: Path):
    controller, handler = server
    box = tmp_path / "outbox"
    write_eml(make(), box / "pending" / "a.eml")
    write_eml(make(), box / "pending" / "b.eml")
    report = send(box, controller)
    assert (report.sent, report.skipped) == (["a.eml"], ["b.eml"])
    assert len(handler.envelopes) == 1


def test_failed_delivery_stays_pending_and_is_retried(outbox: Path):
    handler = Recorder(refuse_first=1)
    controller = start(handler)
    try:
        write_eml(make(to_email="second@koehler.de"), outbox / "pending" / "0002.eml")
        first = send(outbox, controller)
        assert first.sent == ["0002.eml"]
        ((name, reason),) = first.failed
        assert name == "0001-koehler.eml"
        assert "451" in reason and "\n" not in reason
        assert (outbox / "pending" / "0001-koehler.eml").is_file()
        (line,) = (outbox / "failed.log").read_text(encoding="utf-8").splitlines()
        assert json.loads(line)["file"] == "0001-koehler.eml"
        assert "451" in json.loads(line)["reason"]

        second = send(outbox, controller)
        assert (second.sent, second.failed) == (["0001-koehler.eml"], [])
        assert list((outbox / "pending").iterdir()) == []
        assert [e.rcpt_tos for e in handler.envelopes] == [
            ["second@koehler.de"],
            ["buchhaltung@koehler.de"],
        ]
        assert send(outbox, controller).sent == []
        assert handler.attempts == 3
    finally:
        controller.stop()


def test_refused_recipient_is_a_failure_with_reason(outbox: Path):
    handler = Refuser()
    controller = start(handler)
    try:
        report = send(outbox, controller)
    finally:
        controller.stop()
    ((name, reason),) = report.failed
    assert "550" in reason and "buchhaltung@koehler.de" in reason
    assert (outbox / "pending" / name).is_file()
    assert read_journal(outbox) == {}


@pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS:UserWarning")
def test_login_reads_password_from_environment(outbox: Path, monkeypatch):
    seen = []

    def authenticator(server, session, envelope, mechanism, auth_data):
        assert isinstance(auth_data, LoginPassword)
        seen.append((auth_data.login, auth_data.password))
        ok = (auth_data.login, auth_data.password) == (b"relance", "mot-de-passe-é".encode())
        return AuthResult(success=ok, handled=False)  # handled=False: aiosmtpd answers 535

    handler = Recorder()
    controller = start(
        handler, authenticator=authenticator, auth_required=True, auth_require_tls=False
    )
    try:
        monkeypatch.setenv("RELANCE_SMTP_PASSWORD", "wrong")
        with pytest.raises(SmtpError) as info:
            send(outbox, controller, user="relance")
        assert "refused the login" in str(info.value) and "\n" not in str(info.value)
        assert "wrong" not in str(info.value)
        assert handler.envelopes == []

        monkeypatch.setenv("MY_PASSWORD", "mot-de-passe-é")
        report = send(outbox, controller, user="relance", password_env="MY_PASSWORD")
        assert report.sent == ["0001-koehler.eml"]
        assert seen[-1] == (b"relance", "mot-de-passe-é".encode())
        assert len(handler.envelopes) == 1
    finally:
        controller.stop()


def test_missing_password_is_a_one_line_error_before_connecting(outbox: Path, monkeypatch):
    monkeypatch.delenv("RELANCE_SMTP_PASSWORD", raising=False)
    port = free_port()  # nothing listens: a connection attempt would fail differently
    with pytest.raises(MailError) as info:
        send_pending(outbox, host="127.0.0.1", port=port, starttls=False, user="relance")
    message = str(info.value)
    assert "RELANCE_SMTP_PASSWORD" in message and "\n" not in message
    assert "connect" not in message


def test_closed_port_is_a_one_line_error(outbox: Path, capsys):
    from relance_docs.cli.errors import report

    port = free_port()
    with pytest.raises(SmtpError) as info:
        send_pending(outbox, host="127.0.0.1", port=port, starttls=False, user=None, timeout=5)
    message = str(info.value)
    assert message.startswith(f"could not connect to 127.0.0.1:{port}: ")
    assert "\n" not in message
    assert info.value.__cause__ is None and info.value.__suppress_context__
    assert (outbox / "pending" / "0001-koehler.eml").is_file()
    assert report(info.value) == 1
    assert capsys.readouterr().err == f"Error: {message}\n"  # one line, no traceback


def test_starttls_not_offered_is_a_one_line_error(server, outbox: Path):
    controller, handler = server
    with pytest.raises(SmtpError) as info:
        send(outbox, controller, starttls=True)
    assert "does not offer STARTTLS" in str(info.value)
    assert handler.envelopes == []
    assert (outbox / "pending" / "0001-koehler.eml").is_file()


def test_bad_file_in_pending_is_reported_not_fatal(server, outbox: Path):
    controller, handler = server
    (outbox / "pending" / "0000-broken.eml").write_bytes(b"Subject: no id\r\n\r\nbody\r\n")
    report = send(outbox, controller)
    assert report.sent == ["0001-koehler.eml"]
    assert report.failed == [("0000-broken.eml", "no Message-ID header")]
    assert len(handler.envelopes) == 1


def test_empty_outbox_does_not_connect(tmp_path: Path):
    report = send_pending(
        tmp_path / "nothing", host="127.0.0.1", port=free_port(), starttls=False, user=None
    )
    assert (report.sent, report.failed, report.skipped) == ([], [], [])
