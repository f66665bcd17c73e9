"""The store on real SQLite files: migrations, the append-only log, idempotent imports,
holds (disputes, promises), calls, the chronology, and the commands over them."""

import hashlib
import json
import sqlite3
from dataclasses import replace
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner

from relance_docs.cli import cli
from relance_docs.intake import load_creditor, read_ledger
from relance_docs.model import Payment
from relance_docs.store import (
    MIGRATIONS,
    StoreError,
    connect,
    creditor_key,
    debtor_state,
    events_of,
    find_invoice,
    history,
    import_ledger,
    open_disputes,
    record,
    rules_version,
    transaction,
)
from relance_docs.store import db as store_db
from relance_docs.store.db import applied_migrations, migrate
from relance_docs.store.events import (
    CALL_LOGGED,
    DISPUTE_CLOSED,
    DISPUTE_OPENED,
    INVOICE_CHANGED,
    INVOICE_CLOSED,
    INVOICE_IMPORTED,
    INVOICE_REOPENED,
    PAYMENT_RECORDED,
    PROMISE_MADE,
    REMINDER_GENERATED,
)

from ..conftest import SAMPLES

FR = SAMPLES / "ledger-fr.csv"
CREDITOR_FR = SAMPLES / "creditor-fr.yaml"
T0 = datetime(2026, 11, 16, 9, 0)
NAMES = [name for name, _ in MIGRATIONS]


@pytest.fixture(scope="module")
def ledger():
    return read_ledger(FR).raise_for_errors()


@pytest.fixture(scope="module")
def profile():
    return load_creditor(CREDITOR_FR)


@pytest.fixture
def conn(tmp_path):
    c = connect(tmp_path / "relance.db")
    yield c
    c.close()


@pytest.fixture
def loaded(conn, ledger, profile):
    """A store with the French sample imported on 2026-11-16; returns (conn, key)."""
    import_ledger(conn, ledger, profile, T0)
    return conn, creditor_key(profile)


def n_events(conn) -> int:
    return conn.execute("SELECT count(*) FROM events").fetchone()[0]


def at(day: str, hour: int = 10) -> datetime:
    return datetime.combine(date.fromisoformat(day), datetime.min.time()).replace(hour=hour)


def log(conn, kind, key, *, when: str, **kw):
    with transaction(conn):
        return record(conn, kind, creditor=key, at=at(when), rules_version="test", **kw)


def change(ledger, number, **fields):
    return replace(
        ledger,
        invoices=tuple(replace(i, **fields) if i.number == number else i for i in ledger.invoices),
    )


# -- the database --------------------------------------------------------------------


def test_migrations_are_applied_once_and_recorded(tmp_path):
    path = tmp_path / "relance.db"
    conn = connect(path)
    assert applied_migrations(conn) == NAMES
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert conn.execute("PRAGMA busy_timeout").fetchone()[0] == 5000
    assert migrate(conn) == []
    conn.close()
    schema = (
        sqlite3.connect(path).execute("SELECT sql FROM sqlite_master ORDER BY name").fetchall()
    )
    again = connect(path)  # re-opening an up-to-date store changes nothing
    assert applied_migrations(again) == NAMES
    assert again.execute("SELECT count(*) FROM migrations").fetchone()[0] == len(NAMES)
    assert [
        tuple(r) for r in again.execute("SELECT sql FROM sqlite_master ORDER BY name")
    ] == schema
    again.close()


def test_a_failing_migration_leaves_nothing_behind(tmp_path, monkeypatch):
    path = tmp_path / "relance.db"
    connect(path).close()
    broken = (
        "9999_broken",
        "CREATE TABLE half_done (x INTEGER);\nINSERT INTO nowhere VALUES (1);",
    )
    monkeypatch.setattr(store_db, "MIGRATIONS", (*MIGRATIONS, broken))
    with pytest.raises(StoreError, match="cannot be used"):
        connect(path)
    monkeypatch.undo()
    conn = connect(path)
    assert applied_migrations(conn) == NAMES
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert "half_done" not in tables
    conn.close()


def test_a_store_from_a_newer_version_is_refused(tmp_path):
    path = tmp_path / "relance.db"
    connect(path).close()
    raw = sqlite3.connect(path)
    raw.execute("INSERT INTO migrations VALUES ('9999_from_the_future', '2030-01-01')")
    raw.commit()
    raw.close()
    with pytest.raises(StoreError, match="9999_from_the_future, unknown to this version"):
        connect(path)


def test_a_file_that_is_not_a_database_is_one_line(tmp_path):
    path = tmp_path / "relance.db"
    path.write_text("not a database\n" * 100)
    with pytest.raises(StoreError, match="cannot be used as a relance database"):
        connect(path)


# -- the event log -------------------------------------------------------------------


def test_events_cannot_be_updated_or_deleted(loaded):
    conn, key = loaded
    count = n_events(conn)
    with pytest.raises(sqlite3.DatabaseError, match="append-only"):
        conn.execute("UPDATE events SET kind = 'x' WHERE id = 1")
    with pytest.raises(sqlite3.DatabaseError, match="append-only"):
        conn.execute("DELETE FROM events WHERE id = 1")
    with pytest.raises(sqlite3.DatabaseError, match="append-only"):
        conn.execute("DELETE FROM events")
    assert n_events(conn) == count
    assert events_of(conn, key)[0].kind == INVOICE_IMPORTED


def test_an_event_keeps_its_document_sha256_and_rules_version(loaded, tmp_path):
    conn, key = loaded
    letter = tmp_path / "C001-reminder-1.pdf"
    letter.write_bytes(b"%PDF-1.7 a letter")
    with transaction(conn):
        record(
            conn,
            REMINDER_GENERATED,
            creditor=key,
            debtor_id="C001",
            at=T0,
            data={"template": "reminder-1"},
            document=letter,
            sha256=None,
            rules_version=rules_version(),
        )
    event = events_of(conn, key, debtor_id="C001", kinds={REMINDER_GENERATED})[0]
    assert event.sha256 == hashlib.sha256(b"%PDF-1.7 a letter").hexdigest()
    assert event.document == letter.as_posix()
    assert event.rules_version == rules_version()
    assert len(rules_version()) == 12
    assert int(rules_version(), 16) >= 0
    assert {
        "date": "16/11/2026",
        "event": "Document établi : première relance (C001-reminder-1.pdf)",
    } in (history(conn, key, "C001", as_of=date(2026, 11, 16)))


def test_an_unknown_event_kind_is_refused(loaded):
    conn, key = loaded
    with pytest.raises(StoreError, match="unknown event kind 'sent_by_pigeon'"):
        record(conn, "sent_by_pigeon", creditor=key, at=T0, rules_version="x")


# -- import --------------------------------------------------------------------------


def test_importing_the_same_ledger_twice_changes_nothing(conn, ledger, profile):
    first = import_ledger(conn, ledger, profile, T0)
    assert len(first.new) == len(ledger.invoices) == 31
    assert first.stopped == (("FA-2026-0029", "paid"),)  # 576,00 of 576,00 paid
    assert first.payments == 2  # FA-2026-0029 and FA-2026-0078: the paid column
    count = n_events(conn)
    assert count == first.events
    second = import_ledger(conn, ledger, profile, datetime(2026, 11, 17, 9))
    assert second.unchanged == tuple(i.number for i in ledger.invoices)
    assert (second.new, second.changed, second.stopped, second.events) == ((), (), (), 0)
    assert n_events(conn) == count


def test_a_changed_amount_is_one_invoice_changed_event(loaded, ledger, profile):
    conn, key = loaded
    count = n_events(conn)
    report = import_ledger(
        conn, change(ledger, "FA-2026-0067", amount=Decimal("2000.00")), profile, T0
    )
    assert report.changed == ("FA-2026-0067",)
    assert len(report.unchanged) == 30
    assert n_events(conn) == count + 1
    event = events_of(conn, key, invoice="FA-2026-0067")[-1]
    assert event.kind == INVOICE_CHANGED
    assert event.data == {"changes": {"amount": ["2220.00", "2000.00"]}}
    assert find_invoice(conn, key, "FA-2026-0067").outstanding == Decimal("2000.00")


def test_a_row_that_moves_in_the_file_is_not_a_change(loaded, ledger, profile):
    conn, _ = loaded
    moved = replace(
        ledger,
        invoices=tuple(
            replace(i, source_line=(i.source_line or 0) + 5) for i in reversed(ledger.invoices)
        ),
    )
    assert import_ledger(conn, moved, profile, T0).events == 0


def test_a_removed_invoice_stops_being_chased_and_can_come_back(loaded, ledger, profile):
    conn, key = loaded
    without = replace(
        ledger, invoices=tuple(i for i in ledger.invoices if i.number != "FA-2026-0088")
    )
    report = import_ledger(conn, without, profile, T0)
    assert report.stopped == (("FA-2026-0088", "no longer in the ledger"),)
    assert report.events == 1
    event = events_of(conn, key, invoice="FA-2026-0088")[-1]
    assert (event.kind, event.data) == (INVOICE_CLOSED, {"reason": "no longer in the ledger"})
    assert find_invoice(conn, key, "FA-2026-0088").chased is False
    assert import_ledger(conn, without, profile, T0).events == 0  # closed once
    back = import_ledger(conn, ledger, profile, T0)
    assert back.reopened == (("FA-2026-0088", "back in the ledger"),)
    assert events_of(conn, key, invoice="FA-2026-0088")[-1].kind == INVOICE_REOPENED
    assert find_invoice(conn, key, "FA-2026-0088").chased is True


def test_a_fully_paid_invoice_stops_being_chased(loaded, ledger, profile):
    conn, key = loaded
    report = import_ledger(
        conn, change(ledger, "FA-2026-0088", paid=Decimal("4095.00")), profile, T0
    )
    assert report.changed == ("FA-2026-0088",)
    assert report.stopped == (("FA-2026-0088", "paid"),)
    kinds = [e.kind for e in events_of(conn, key, invoice="FA-2026-0088")]
    assert kinds == [INVOICE_IMPORTED, INVOICE_CHANGED, PAYMENT_RECORDED, INVOICE_CLOSED]
    payment = events_of(conn, key, invoice="FA-2026-0088")[2]
    assert payment.data["amount"] == "4095.00" and payment.data["date"] is None
    assert find_invoice(conn, key, "FA-2026-0088").closed == "paid"


def test_payment_rows_are_recorded_once_each(loaded, ledger, profile):
    conn, key = loaded
    rows = (
        Payment(date(2026, 11, 2), Decimal("1000.00"), "FA-2026-0043", "VIR 1"),
        Payment(date(2026, 11, 9), Decimal("1000.00"), "FA-2026-0043", "VIR 1"),
        Payment(date(2026, 11, 9), Decimal("1000.00"), "FA-2026-0043", "VIR 1"),
    )
    paid = change(replace(ledger, payments=rows), "FA-2026-0043", paid=Decimal("3000.00"))
    report = import_ledger(conn, paid, profile, T0)
    assert report.payments == 3
    payments = events_of(conn, key, invoice="FA-2026-0043", kinds={PAYMENT_RECORDED})
    assert [(p.data["date"], p.data["amount"]) for p in payments] == [
        ("2026-11-02", "1000.00"),
        ("2026-11-09", "1000.00"),
        ("2026-11-09", "1000.00"),
    ]
    assert import_ledger(conn, paid, profile, T0).events == 0


def test_an_import_with_a_bad_ledger_writes_nothing(conn, ledger, profile):
    orphan = replace(ledger, debtors=ledger.debtors[1:])  # C001's invoices lose their debtor
    with pytest.raises(StoreError, match="debtor C001 is not in the ledger"):
        import_ledger(conn, orphan, profile, T0)
    assert n_events(conn) == 0
    assert conn.execute("SELECT count(*) FROM creditors").fetchone()[0] == 0


# -- holds and interactions ----------------------------------------------------------


def test_a_disputed_invoice_is_not_chased_until_the_dispute_is_closed(loaded):
    conn, key = loaded
    as_of = date(2026, 11, 20)
    assert set(open_disputes(conn, key, as_of)) == {"FA-2026-0063"}  # the ledger's
    assert open_disputes(conn, key, as_of)["FA-2026-0063"].source == "ledger"
    log(
        conn,
        DISPUTE_OPENED,
        key,
        debtor_id="C002",
        invoice="FA-2026-0088",
        when="2026-11-17",
        data={"reason": "Brides non conformes"},
    )
    state = debtor_state(conn, key, "C002", as_of)
    assert [i.number for i in state.disputed] == ["FA-2026-0088"]
    assert [i.number for i in state.chased] == ["FA-2026-0043", "FA-2026-0158"]
    assert open_disputes(conn, key, as_of)["FA-2026-0088"].reason == "Brides non conformes"
    assert "FA-2026-0088" not in open_disputes(conn, key, date(2026, 11, 16))  # not yet
    log(conn, DISPUTE_CLOSED, key, debtor_id="C002", invoice="FA-2026-0088", when="2026-11-19")
    state = debtor_state(conn, key, "C002", as_of)
    assert state.disputed == ()
    assert "FA-2026-0088" in [i.number for i in state.chased]


def promise(conn, key, *, made: str, amount: str, by: str):
    log(
        conn,
        PROMISE_MADE,
        key,
        debtor_id="C002",
        when=made,
        data={"amount": amount, "date": by, "currency": "EUR"},
    )


def test_a_promise_pauses_reminders_and_is_broken_after_the_grace(loaded):
    conn, key = loaded
    promise(conn, key, made="2026-11-17", amount="4095.00", by="2026-11-30")
    pending = debtor_state(conn, key, "C002", date(2026, 12, 3))
    assert pending.promise.status == "pending"
    assert pending.paused_until == date(2026, 12, 3)  # 30/11 + 3 days' grace
    broken = debtor_state(conn, key, "C002", date(2026, 12, 4))
    assert broken.promise.status == "broken"
    assert broken.paused_until is None  # reminders resume
    assert broken.broken_promises == (broken.promise,)
    assert {
        "date": "04/12/2026",
        "event": "Promesse du 17/11/2026 non tenue : 0.00 reçus sur 4095.00",
    } in history(conn, key, "C002", as_of=date(2026, 12, 10))


def test_a_promise_is_kept_by_payments_recorded_after_it(loaded, ledger, profile):
    conn, key = loaded
    promise(conn, key, made="2026-11-17", amount="4095.00", by="2026-11-30")
    rows = (Payment(date(2026, 11, 28), Decimal("4095.00"), "FA-2026-0088", "VIR"),)
    paid = change(replace(ledger, payments=rows), "FA-2026-0088", paid=Decimal("4095.00"))
    import_ledger(conn, paid, profile, at("2026-11-29"))
    state = debtor_state(conn, key, "C002", date(2026, 12, 10))
    assert (state.promise.status, state.promise.received) == ("kept", Decimal("4095.00"))
    assert state.promise.settled_on == date(2026, 11, 28)
    assert debtor_state(conn, key, "C002", date(2026, 11, 27)).promise.status == "pending"
    lines = history(conn, key, "C002", as_of=date(2026, 12, 10))
    assert {"date": "28/11/2026", "event": "Règlement reçu (FA-2026-0088) : 4095.00"} in lines
    assert {"date": "28/11/2026", "event": "Promesse du 17/11/2026 tenue"} in lines


def test_a_payment_after_the_grace_does_not_mend_a_broken_promise(loaded, ledger, profile):
    conn, key = loaded
    promise(conn, key, made="2026-11-17", amount="4095.00", by="2026-11-30")
    rows = (Payment(date(2026, 12, 8), Decimal("4095.00"), "FA-2026-0088", "VIR"),)
    paid = change(replace(ledger, payments=rows), "FA-2026-0088", paid=Decimal("4095.00"))
    import_ledger(conn, paid, profile, at("2026-12-09"))
    state = debtor_state(conn, key, "C002", date(2026, 12, 10))
    assert (state.promise.status, state.promise.received) == ("broken", Decimal("0"))


def test_payments_before_a_promise_do_not_keep_it(loaded):
    conn, key = loaded
    # C003's 3000.00 (paid column) was recorded at the import, before the promise
    log(
        conn,
        PROMISE_MADE,
        key,
        debtor_id="C003",
        when="2026-11-17",
        data={"amount": "2000.00", "date": "2026-11-20"},
    )
    state = debtor_state(conn, key, "C003", date(2026, 11, 24))
    assert (state.promise.status, state.promise.received) == ("broken", Decimal("0"))


def test_a_new_promise_replaces_a_pending_one(loaded):
    conn, key = loaded
    promise(conn, key, made="2026-11-17", amount="4095.00", by="2026-11-30")
    promise(conn, key, made="2026-11-25", amount="2000.00", by="2026-12-15")
    state = debtor_state(conn, key, "C002", date(2026, 12, 10))
    assert [p.status for p in state.promises] == ["superseded", "pending"]
    assert state.paused_until == date(2026, 12, 18)


def test_a_call_is_logged(loaded):
    conn, key = loaded
    log(
        conn,
        CALL_LOGGED,
        key,
        debtor_id="C001",
        when="2026-11-18",
        data={"outcome": "voicemail", "note": "Message laissé"},
    )
    state = debtor_state(conn, key, "C001", date(2026, 11, 18))
    assert [(c.outcome, c.note) for c in state.calls] == [("voicemail", "Message laissé")]
    assert debtor_state(conn, key, "C001", date(2026, 11, 17)).calls == ()


# -- history -------------------------------------------------------------------------


def test_history_is_the_dossier_chronology_in_date_order(loaded):
    conn, key = loaded
    log(
        conn,
        DISPUTE_OPENED,
        key,
        debtor_id="C003",
        invoice="FA-2026-0165",
        when="2026-11-18",
        data={"reason": "Presse 3 non révisée"},
    )
    log(
        conn,
        CALL_LOGGED,
        key,
        debtor_id="C003",
        when="2026-11-17",
        data={"outcome": "reached", "note": "Virement promis"},
    )
    lines = history(conn, key, "C003", as_of=date(2026, 11, 20))
    assert lines == [
        {"date": "03/07/2026", "event": "Facture FA-2026-0078 (7500.00 EUR)"},
        {"date": "31/08/2026", "event": "Échéance de FA-2026-0078"},
        {"date": "28/09/2026", "event": "Facture FA-2026-0165 (2616.00 EUR)"},
        {"date": "21/10/2026", "event": "Facture FA-2026-0211 (1128.00 EUR)"},
        {"date": "16/11/2026", "event": "Règlement (date inconnue) (FA-2026-0078) : 3000.00"},
        {"date": "17/11/2026", "event": "Appel : interlocuteur joint - Virement promis"},
        {"date": "18/11/2026", "event": "Litige sur FA-2026-0165: Presse 3 non révisée"},
    ]
    english = history(conn, key, "C003", as_of=date(2026, 12, 31), lang="en")
    assert [x["event"] for x in english][-2:] == [
        "Due date of FA-2026-0165",
        "Due date of FA-2026-0211",
    ]
    assert history(conn, key, "C003", as_of=date(2026, 11, 16))[-1]["event"].startswith(
        "Règlement"
    )


def test_history_shows_what_the_imports_saw(loaded, ledger, profile):
    conn, key = loaded
    import_ledger(
        conn, change(ledger, "FA-2026-0067", due_date=date(2026, 9, 15)), profile, at("2026-11-18")
    )
    gone = replace(
        ledger, invoices=tuple(i for i in ledger.invoices if i.number != "FA-2026-0178")
    )
    import_ledger(conn, gone, profile, at("2026-11-19"))
    events = [x["event"] for x in history(conn, key, "C001", as_of=date(2026, 11, 19), lang="en")]
    assert "FA-2026-0067 changed in the ledger: due_date 31/08/2026 → 15/09/2026" in events
    assert "FA-2026-0178 no longer in the ledger: no longer chased" in events
    assert events.index("Due date of FA-2026-0067") < events.index("Due date of FA-2026-0117")


# -- the commands --------------------------------------------------------------------


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


@pytest.fixture
def db(tmp_path) -> Path:
    path = tmp_path / "relance.db"
    result = run("import", FR, "--creditor", CREDITOR_FR, "--db", path, "--as-of", "2026-11-16")
    assert result.exit_code == 0, result.output
    return path


def test_import_command_is_idempotent(db):
    lines = run("import", FR, "--creditor", CREDITOR_FR, "--db", db).output.splitlines()
    assert lines == [
        f"{db}: nothing changed for Ateliers Mécaniques du Rhône SAS (31 invoices as before)."
    ]
    again = run("import", FR, "--db", db)  # the store's only creditor
    assert again.exit_code == 0 and "nothing changed" in again.output


def test_import_command_reports_what_it_did(tmp_path):
    path = tmp_path / "relance.db"
    result = run("import", FR, "--creditor", CREDITOR_FR, "--db", path)
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [
        f"{path}: imported {FR} for Ateliers Mécaniques du Rhône SAS: 31 new, 0 changed, "
        "0 unchanged; 2 payments recorded, 34 events.",
        "No longer chased: FA-2026-0029 (paid)",
    ]
    text = FR.read_bytes().decode("cp1252")
    shorter = tmp_path / "ledger.csv"
    shorter.write_bytes(
        "\n".join(x for x in text.splitlines() if "FA-2026-0184" not in x).encode("cp1252")
    )
    result = run("import", shorter, "--db", path)
    assert result.exit_code == 0, result.output
    assert "0 new, 0 changed, 30 unchanged" in result.output
    assert "No longer chased: FA-2026-0184 (no longer in the ledger)" in result.output


def test_import_command_refuses_a_ledger_with_errors_and_creates_no_store(tmp_path):
    bad = tmp_path / "ledger.csv"
    bad.write_bytes(FR.read_bytes().replace(b"870,00", b"870,0O"))
    path = tmp_path / "relance.db"
    result = run("import", bad, "--creditor", CREDITOR_FR, "--db", path)
    assert result.exit_code == 3
    assert result.stderr.splitlines()[-1].startswith("Error: the ledger has 1 error")
    assert not path.exists()


def test_the_first_import_needs_a_creditor(tmp_path):
    result = run("import", FR, "--db", tmp_path / "relance.db")
    assert result.exit_code == 1
    assert result.stderr == (
        f"Error: {tmp_path / 'relance.db'} does not exist: run 'relance import LEDGER "
        "--creditor FILE' first (or give --db PATH)\n"
    )


def test_dispute_promise_call_and_history_commands(db):
    result = run(
        "dispute",
        "fa-2026-0088",
        "--reason",
        "Brides non conformes",
        "--db",
        db,
        "--as-of",
        "2026-11-17",
    )
    assert result.exit_code == 0, result.output
    assert result.output.startswith(
        "FA-2026-0088 (C002 Chaudronnerie Bérard SAS) disputed: Brides non conformes."
    )
    result = run("dispute", "FA-2026-0088", "--reason", "again", "--db", db)
    assert (result.exit_code, result.stderr) == (
        1,
        "Error: FA-2026-0088 is already disputed since 17/11/2026\n",
    )
    result = run(
        "promise",
        "Bérard",
        "--amount",
        "12 480,00",
        "--date",
        "30/11/2026",
        "--db",
        db,
        "--as-of",
        "2026-11-18",
    )
    assert result.exit_code == 0, result.output
    assert result.output == (
        "Promise recorded: C002 Chaudronnerie Bérard SAS to pay 12480.00 EUR by 30/11/2026; "
        "reminders paused until 03/12/2026.\n"
    )
    result = run(
        "call",
        "C002",
        "--outcome",
        "reached",
        "--note",
        "Virement lundi",
        "--recap",
        "--creditor",
        SAMPLES / "creditor-fr.yaml",
        "--db",
        db,
        "--as-of",
        "2026-11-19",
    )
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == "Call logged: C002 Chaudronnerie Bérard SAS, reached: Virement lundi."
    recap = (
        db.parent / "runs" / "recaps" / "C002-chaudronnerie-berard-sas-call-recap-2026-11-19.pdf"
    )
    assert lines[1] == (
        f"Call-recap letter: {recap} (complete the amount and date agreed); recorded in the "
        "debtor's history."
    )
    assert recap.read_bytes().startswith(b"%PDF")
    result = run("dispute", "FA-2026-0088", "--close", "--db", db, "--as-of", "2026-11-20")
    assert result.exit_code == 0, result.output
    result = run("history", "C002", "--db", db, "--as-of", "2026-12-10")
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[0] == "C002 Chaudronnerie Bérard SAS, on 2026-12-10:"
    assert result.output.splitlines()[6:] == [
        "17/11/2026  Litige sur FA-2026-0088: Brides non conformes",
        "18/11/2026  Promesse de règlement de 12480.00 EUR au 30/11/2026",
        "19/11/2026  Appel : interlocuteur joint - Virement lundi",
        "19/11/2026  Document établi : courrier récapitulatif d'appel "
        "(C002-chaudronnerie-berard-sas-call-recap-2026-11-19.pdf)",
        "20/11/2026  Litige sur FA-2026-0088 clos",
        "24/11/2026  Échéance de FA-2026-0158",
        "04/12/2026  Promesse du 18/11/2026 non tenue : 0.00 reçus sur 12480.00",
        "Promise: 12480.00 by 30/11/2026, broken (0.00 received).",
    ]
    as_json = run("history", "C002", "--db", db, "--as-of", "2026-12-10", "--format", "json")
    conn = connect(db)
    key = creditor_key(load_creditor(CREDITOR_FR))
    assert json.loads(as_json.output) == history(conn, key, "C002", as_of=date(2026, 12, 10))
    conn.close()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("dispute", "FA-9999", "--reason", "x"), "Error: no invoice 'FA-9999' in the store"),
        (("dispute", "FA-2026-0088", "--close"), "Error: FA-2026-0088 is not disputed"),
        (
            ("dispute", "FA-2026-0063", "--close"),
            "Error: FA-2026-0063 is marked disputed in the ledger: clear it there and run "
            "'relance import' again",
        ),
        (
            ("dispute", "FA-2026-0029", "--reason", "x"),
            "Error: FA-2026-0029 is no longer chased (paid)",
        ),
        (
            ("promise", "Zorglub", "--amount", "10", "--date", "2030-01-01"),
            "Error: no debtor 'Zorglub' in the store",
        ),
        (("call", "C999", "--outcome", "reached"), "Error: no debtor 'C999' in the store"),
        (("history", "Nobody"), "Error: no debtor 'Nobody' in the store"),
        (
            ("call", "sarl", "--outcome", "reached"),
            "Error: 'sarl' matches several debtors: C001 (Dupont & Fils SARL), "
            "C012 (Scierie du Haut-Beaujolais SARL); give the code",
        ),
    ],
)
def test_unknown_invoices_and_debtors_are_one_line_errors(db, args, message):
    result = run(*args, "--db", db)
    assert result.exit_code == 1
    assert result.stderr == message + "\n"


def test_usage_errors_exit_2(db):
    assert run("dispute", "FA-2026-0088", "--db", db).exit_code == 2
    assert run("dispute", "FA-2026-0088", "--reason", "x", "--close", "--db", db).exit_code == 2
    assert run("call", "C001", "--outcome", "maybe", "--db", db).exit_code == 2
    result = run("promise", "C001", "--amount", "zéro", "--date", "2030-01-01", "--db", db)
    assert result.exit_code == 2 and "'--amount'" in result.stderr
    result = run(
        "promise",
        "C001",
        "--amount",
        "10",
        "--date",
        "2026-11-01",
        "--db",
        db,
        "--as-of",
        "2026-11-16",
    )
    assert result.exit_code == 2 and "01/11/2026 is before the day of the promise" in result.stderr


def test_several_creditors_need_creditor(db, tmp_path):
    other = tmp_path / "creditor.yaml"
    other.write_text(
        CREDITOR_FR.read_text(encoding="utf-8")
        .replace('"336585906"', '"732829320"')
        .replace("FR49336585906", "FR44732829320")
        .replace("Ateliers Mécaniques du Rhône SAS", "Autre Atelier SAS"),
        encoding="utf-8",
    )
    assert run("import", FR, "--creditor", other, "--db", db).exit_code == 0
    result = run("history", "C001", "--db", db)
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: the store holds several creditors (")
    assert result.stderr.endswith("): give --creditor FILE\n")
    result = run("history", "C001", "--db", db, "--creditor", other, "--as-of", "2026-11-16")
    assert result.exit_code == 0, result.stderr
