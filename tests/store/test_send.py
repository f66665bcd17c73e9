"""From the run to the mailbox: an email-channel step becomes an .eml with the letter
attached, ``relance send`` delivers it to a real local SMTP server, records the delivery,
and never sends it twice."""

from click.testing import CliRunner

from relance_docs.cli import cli
from relance_docs.intake import load_creditor
from relance_docs.store.db import connect
from relance_docs.store.events import REMINDER_SENT, events_of
from relance_docs.store.importer import creditor_key

from ..conftest import SAMPLES
from ..mail.test_mail import Recorder, start

CREDITOR = SAMPLES / "creditor-fr.yaml"


def run(*args, env=None):
    return CliRunner().invoke(cli, [str(a) for a in args], env=env)


def test_courtesy_emails_are_sent_once(tmp_path):
    db, out = tmp_path / "relance.db", tmp_path / "runs"
    assert (
        run("import", SAMPLES / "ledger-fr.csv", "--creditor", CREDITOR, "--db", db).exit_code == 0
    )
    # 26 Aug 2026: C003's oldest invoice is due on 31 Aug: the courtesy step (e-mail).
    result = run("run", "--creditor", CREDITOR, "--db", db, "--as-of", "2026-08-26", "--out", out)
    assert result.exit_code == 0, result.output
    pending = sorted((out / "outbox" / "pending").glob("*.eml"))
    assert pending, result.output
    recorder = Recorder()
    controller = start(recorder)
    try:
        args = ("send", "--creditor", CREDITOR, "--db", db, "--outbox", out / "outbox",
                "--smtp-host", "127.0.0.1", "--smtp-port", controller.port,
                "--as-of", "2026-08-27")  # fmt: skip
        first = run(*args)
        assert first.exit_code == 0, first.output
        second = run(*args)
        assert second.exit_code == 0, second.output
    finally:
        controller.stop()
    assert len(recorder.envelopes) == len(pending)  # delivered once, not twice
    message = recorder.messages()[0]
    attachment = next(message.iter_attachments())
    assert attachment.get_content_type() == "application/pdf"
    assert attachment.get_content().startswith(b"%PDF")
    assert "reminder-0" in attachment.get_filename()
    conn = connect(db)
    sent = events_of(conn, creditor_key(load_creditor(CREDITOR)), kinds={REMINDER_SENT})
    assert len(sent) == len(pending)
    assert len({e.data["message_id"] for e in sent}) == len(pending)
    # Each delivery is recorded as the step it delivered, dated by --as-of.
    assert {(e.debtor_id, e.data["step"], e.data["template"]) for e in sent} == {
        ("C001", "courtesy", "reminder-0"),
        ("C003", "courtesy", "reminder-0"),
    }
    assert {e.at.date().isoformat() for e in sent} == {"2026-08-27"}
    # The wording comes from the templates: formal French, the creditor's signatory.
    body = message.get_body(("plain",)).get_content()
    assert body.startswith("Madame, Monsieur,")
    assert "(rappel d'échéance)" in body and "Sophie Garnier" in body


def test_a_delivery_not_recorded_is_recorded_by_the_next_send(tmp_path):
    from relance_docs.mail import send_pending

    db, out = tmp_path / "relance.db", tmp_path / "runs"
    assert run("import", SAMPLES / "ledger-fr.csv", "--creditor", CREDITOR, "--db", db,
               "--as-of", "2026-08-20").exit_code == 0  # fmt: skip
    result = run("run", "--creditor", CREDITOR, "--db", db, "--as-of", "2026-08-26", "--out", out,
                 "--jobs", 1)  # fmt: skip
    assert result.exit_code == 0, result.output
    pending = sorted((out / "outbox" / "pending").glob("*.eml"))
    recorder = Recorder()
    controller = start(recorder)
    try:
        # Delivered, journaled and moved to sent/, but the process stopped before the
        # store recorded it (a send killed at that point).
        report = send_pending(out / "outbox", host="127.0.0.1", port=controller.port,
                              starttls=False, user=None)  # fmt: skip
        assert len(report.sent) == len(pending) == 2
        again = run("send", "--creditor", CREDITOR, "--db", db, "--outbox", out / "outbox",
                    "--smtp-host", "127.0.0.1", "--smtp-port", controller.port,
                    "--as-of", "2026-08-27")  # fmt: skip
        assert again.exit_code == 0, again.output
    finally:
        controller.stop()
    assert len(recorder.envelopes) == 2  # never sent again
    conn = connect(db)
    sent = events_of(conn, creditor_key(load_creditor(CREDITOR)), kinds={REMINDER_SENT})
    conn.close()
    assert sorted(e.data["step"] for e in sent) == ["courtesy", "courtesy"]
