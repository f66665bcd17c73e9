"""The daily run over 120 simulated days on the French sample: payments arriving, a
dispute, a broken promise, a call. Day by day, the steps follow the plans in order, none
twice, none skipped, the gaps kept; then one real run writes the documents and events."""

import csv
import io
import itertools
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner

from relance_docs.cli import cli
from relance_docs.dunning.plans import default_plans
from relance_docs.intake import load_creditor
from relance_docs.store.db import connect
from relance_docs.store.events import events_of
from relance_docs.store.importer import creditor_key
from relance_docs.workflow import RunLocked, decide, record_documents, run_lock

from ..conftest import SAMPLES

CREDITOR = SAMPLES / "creditor-fr.yaml"
START = date(2026, 8, 1)


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


def paid_copy(tmp_path: Path, debtor: str) -> Path:
    """The French sample with every invoice of ``debtor`` paid in full."""
    raw = (SAMPLES / "ledger-fr.csv").read_bytes().decode("cp1252")
    rows = list(csv.reader(io.StringIO(raw), delimiter=";"))
    head = rows[0]
    for row in rows[1:]:
        if row[0] == debtor:
            row[head.index("Réglé")] = row[head.index("Montant TTC")]
    out = io.StringIO()
    csv.writer(out, delimiter=";", lineterminator="\r\n").writerows(rows)
    path = tmp_path / "ledger-paid.csv"
    path.write_bytes(out.getvalue().encode("cp1252"))
    return path


@pytest.fixture(scope="module")
def scenario(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("run")
    db = tmp / "relance.db"
    profile = load_creditor(CREDITOR)
    key = creditor_key(profile)
    assert run("import", SAMPLES / "ledger-fr.csv", "--creditor", CREDITOR, "--db", db,
               "--as-of", START).exit_code == 0  # fmt: skip
    conn = connect(db)
    log = {}
    for n in range(120):
        day = START + timedelta(days=n)
        if day == date(2026, 9, 10):
            r = run("dispute", "FA-2026-0117", "--reason", "Pièces non conformes", "--db", db,
                    "--as-of", day)  # fmt: skip
            assert r.exit_code == 0, r.output
        if day == date(2026, 10, 10):
            r = run("promise", "C009", "--amount", "2028", "--date", "2026-10-20", "--db", db,
                    "--as-of", day)  # fmt: skip
            assert r.exit_code == 0, r.output
        if day == date(2026, 10, 5):
            r = run("call", "C003", "--outcome", "reached", "--note", "Virement en cours",
                    "--db", db, "--as-of", day)  # fmt: skip
            assert r.exit_code == 0, r.output
        if day == date(2026, 10, 15):  # C012 pays everything
            r = run("import", paid_copy(tmp, "C012"), "--creditor", CREDITOR, "--db", db,
                    "--as-of", day)  # fmt: skip
            assert r.exit_code == 0, r.output
        due = [d for d in decide(conn, key, profile, day) if d.due]
        docs = []
        for d in due:
            doc = tmp / f"{day}-{d.claim.debtor.id}-{d.step.id}.pdf"
            doc.write_bytes(b"%PDF-1.4 stand-in")
            docs.append((d, doc, "0" * 64))
        record_documents(conn, key, day, docs)
        log[day] = [(d.claim.debtor.id, d.step.id) for d in due]
        # Running again the same day produces nothing new.
        assert not [d for d in decide(conn, key, profile, day) if d.due]
    return conn, key, log


def steps_of(log, debtor):
    return [(day, step) for day, items in sorted(log.items()) for d, step in items if d == debtor]


def test_a_debtor_followed_through_the_whole_ladder(scenario):
    _, _, log = scenario
    # C003, Plasturgie de l'Ain: oldest invoice due Mon 31 Aug 2026 (fr-b2b plan, gap 7):
    # courtesy -5 days, first +3, second +15, call +22, last +30, formal notice +45.
    assert steps_of(log, "C003") == [
        (date(2026, 8, 26), "courtesy"),
        (date(2026, 9, 3), "first"),
        (date(2026, 9, 15), "second"),
        (date(2026, 9, 22), "call"),
        (date(2026, 9, 30), "last"),
        (date(2026, 10, 15), "notice"),
    ]


def test_no_step_twice_none_skipped_gaps_kept(scenario):
    _, _, log = scenario
    plans = {p.id: p for p in default_plans()}
    order = {s.id: i for i, s in enumerate(plans["fr-b2b"].steps)}
    debtors = {d for items in log.values() for d, _ in items}
    for debtor in debtors:
        seq = steps_of(log, debtor)
        ids = [s for _, s in seq]
        assert len(ids) == len(set(ids)), (debtor, ids)
        positions = [order[s] for s in ids]
        assert positions == sorted(positions), (debtor, ids)
        # Only the courtesy step may be missing (the debtor was late at the start).
        expected = [s.id for s in plans["fr-b2b"].steps][: len(ids) + 1]
        assert ids in (expected[: len(ids)], expected[1 : len(ids) + 1]), (debtor, ids)
        for (a, _), (b, _) in itertools.pairwise(seq):
            assert (b - a).days >= 7, (debtor, seq)


def test_a_promise_pauses_and_a_broken_promise_resumes(scenario):
    _, _, log = scenario
    days = [day for day, _ in steps_of(log, "C009")]
    # Promise on 10 Oct for 20 Oct: paused until 23 Oct (3 days' grace); broken (nothing
    # paid), the reminders resume at the step reached.
    assert [d for d in days if d < date(2026, 10, 10)]
    assert not [d for d in days if date(2026, 10, 10) <= d <= date(2026, 10, 23)]
    assert [d for d in days if d > date(2026, 10, 23)]


def test_a_disputed_invoice_is_never_in_a_later_document(scenario):
    conn, key, _ = scenario
    for e in events_of(conn, key, debtor_id="C001"):
        if e.data.get("step") and e.at.date() >= date(2026, 9, 10):
            assert "FA-2026-0117" not in e.data["invoices"]


def test_a_debtor_who_paid_gets_nothing_more(scenario):
    _, _, log = scenario
    assert steps_of(log, "C012")
    assert not [d for d, _ in steps_of(log, "C012") if d >= date(2026, 10, 15)]


def test_a_real_run_writes_the_documents_once(tmp_path):
    db = tmp_path / "relance.db"
    assert (
        run("import", SAMPLES / "ledger-fr.csv", "--creditor", CREDITOR, "--db", db).exit_code == 0
    )
    out = tmp_path / "runs"
    first = run("run", "--creditor", CREDITOR, "--db", db, "--as-of", "2026-09-05", "--out", out)
    assert first.exit_code == 0, first.output
    folder = out / "2026-09-05"
    pdfs = sorted(p.name for p in folder.glob("*.pdf") if p.name != "print.pdf")
    assert pdfs and all("reminder-1" in p for p in pdfs)
    again = run("run", "--creditor", CREDITOR, "--db", db, "--as-of", "2026-09-05", "--out", out)
    assert again.exit_code == 0 and "0 document(s) due" in again.output
    assert not (out / "2026-09-05-2").exists()


def test_a_second_run_at_the_same_time_is_refused(tmp_path):
    db = tmp_path / "relance.db"
    first = run_lock(db).__enter__()
    try:
        with pytest.raises(RunLocked, match="another run is in progress"):
            run_lock(db).__enter__()
    finally:
        first.__exit__(None, None, None)
    with run_lock(db):  # free again once the first run has finished
        pass


def test_the_dossier_shows_the_stores_history_and_documents(tmp_path):
    db, out = tmp_path / "relance.db", tmp_path / "runs"
    assert (
        run("import", SAMPLES / "ledger-fr.csv", "--creditor", CREDITOR, "--db", db).exit_code == 0
    )
    assert (
        run(
            "run", "--creditor", CREDITOR, "--db", db, "--as-of", "2026-09-05", "--out", out
        ).exit_code
        == 0
    )
    assert run("call", "C002", "--outcome", "reached", "--note", "Rappel le 10", "--db", db,
               "--as-of", "2026-09-07").exit_code == 0  # fmt: skip
    result = run("dossier", SAMPLES / "ledger-fr.csv", "--creditor", CREDITOR, "--debtor", "C002",
                 "--as-of", "2026-09-08", "--db", db, "--out", tmp_path / "dossier")  # fmt: skip
    assert result.exit_code == 0, result.output
    from pypdf import PdfReader

    text = " ".join(
        p.extract_text() for p in PdfReader(tmp_path / "dossier" / "dossier.pdf").pages
    )
    text = " ".join(text.split())
    assert "C002-chaudronnerie-berard-sas-reminder-1.pdf" in text  # the document sent
    assert "Rappel le 10" in text  # the call, from the store's history


def test_an_interrupted_run_records_nothing_and_the_next_run_completes_it(tmp_path, monkeypatch):
    from relance_docs.errors import RelanceError
    from relance_docs.workflow import day as run_module

    db, out = tmp_path / "relance.db", tmp_path / "runs"
    assert (
        run("import", SAMPLES / "ledger-fr.csv", "--creditor", CREDITOR, "--db", db).exit_code == 0
    )

    def broken(*args, **kwargs):
        raise RelanceError("the machine was switched off")

    monkeypatch.setattr(run_module, "render_batch", broken)
    failed = run("run", "--creditor", CREDITOR, "--db", db, "--as-of", "2026-09-05", "--out", out)
    assert failed.exit_code == 1 and "switched off" in failed.output
    conn = connect(db)
    key = creditor_key(load_creditor(CREDITOR))
    assert not [e for e in events_of(conn, key) if e.data.get("step")]
    monkeypatch.undo()
    again = run("run", "--creditor", CREDITOR, "--db", db, "--as-of", "2026-09-05", "--out", out)
    assert again.exit_code == 0, again.output
    assert [e for e in events_of(conn, key) if e.data.get("step")]
    # The failed run closed its intent itself (nothing to recover): its decisions were
    # made again, once.
    assert "Recovered" not in again.output
    outcomes = [e.data["outcome"] for e in events_of(conn, key, kinds={"run_finished"})]
    assert outcomes == ["abandoned", "recorded"]
    with run_lock(db):  # the lock was released
        pass


def test_a_user_plan_comes_before_the_default_ones(tmp_path):
    plan = tmp_path / "plan.yaml"
    plan.write_text(
        "plan: tough\napplies_to:\n  creditor_countries: [FR]\n  debtor_kinds: [company]\n"
        "min_gap_days: 3\nsteps:\n  - {id: only, offset: 1, template: formal-notice, "
        "channel: letter}\n",
        encoding="utf-8",
    )
    db = tmp_path / "relance.db"
    assert (
        run("import", SAMPLES / "ledger-fr.csv", "--creditor", CREDITOR, "--db", db).exit_code == 0
    )
    result = run("run", "--creditor", CREDITOR, "--db", db, "--as-of", "2026-09-05",
                 "--plan", plan, "--dry-run")  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "-> formal-notice" in result.output and "C001" in result.output


def test_the_kpis_of_the_scenario_by_hand(scenario):
    from relance_docs.reports.kpi import store_kpis

    conn, key, log = scenario
    k = store_kpis(conn, key, date(2026, 11, 28))
    # C012 paid everything on 15 Oct after six steps: courtesy 16 Aug, first 24 Aug,
    # second 5 Sep, call 12 Sep, last 20 Sep, notice 5 Oct. No other debtor paid.
    assert [s for _, s in steps_of(log, "C012")] == [
        "courtesy", "first", "second", "call", "last", "notice",
    ]  # fmt: skip
    assert (k.steps_before_payment, k.debtors_paid_after_steps) == (Decimal("6.0"), 1)
    # Its first reminded amount (24 Aug, FA-2026-0098 three days late): 705,00 + 0,70
    # (705 x 12.15 % x 3 / 365 = 0.704) + 40,00 indemnity = 745,70, recovered in full.
    first = next(
        e for e in events_of(conn, key, debtor_id="C012") if e.data.get("step") == "first"
    )
    assert first.data["total"] == "745.70"
    assert k.recovered == Decimal("745.70")


def test_a_call_recap_confirms_what_was_agreed(tmp_path):
    from pypdf import PdfReader

    db = tmp_path / "relance.db"
    assert (
        run("import", SAMPLES / "ledger-fr.csv", "--creditor", CREDITOR, "--db", db).exit_code == 0
    )
    result = run("call", "C002", "--outcome", "promise", "--note", "Solde fin décembre",
                 "--recap", "--amount", "4095", "--date", "2026-11-30", "--creditor", CREDITOR,
                 "--db", db, "--as-of", "2026-11-18")  # fmt: skip
    assert result.exit_code == 0, result.output
    recap = next((tmp_path / "runs" / "recaps").glob("*.pdf"))
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(recap).pages).split())
    text = text.replace("\u202f", " ").replace("\u00a0", " ")
    assert "entretien téléphonique du 18 novembre 2026" in text
    assert "4 095,00 € au plus tard le 30 novembre 2026" in text
    assert "Solde fin décembre" in text
    assert "........" not in text


def test_the_documents_history_comes_from_the_store(scenario):
    from relance_docs.model import HistoryEntry
    from relance_docs.workflow import history_for

    conn, key, _ = scenario
    # C003 (see test_a_debtor_followed_through_the_whole_ladder), with the call of 5 Oct.
    # The call sheet of 22 Sep is an internal document: not something the debtor received.
    assert history_for(conn, key, "C003", date(2026, 10, 15)) == (
        HistoryEntry("reminder", date(2026, 8, 26), "reminder-0", "email"),
        HistoryEntry("reminder", date(2026, 9, 3), "reminder-1", "letter"),
        HistoryEntry("reminder", date(2026, 9, 15), "reminder-2", "letter"),
        HistoryEntry("reminder", date(2026, 9, 30), "reminder-3", "letter"),
        HistoryEntry("call", date(2026, 10, 5), None, "phone", note="reached: Virement en cours"),
        HistoryEntry("formal_notice", date(2026, 10, 15), "formal-notice", "registered-letter"),
    )
    # Up to a day: nothing after it.
    assert [h.day for h in history_for(conn, key, "C003", date(2026, 9, 4))] == [
        date(2026, 8, 26),
        date(2026, 9, 3),
    ]


def test_letters_and_run_take_their_steps_from_one_decision(tmp_path):
    import json

    db, out = tmp_path / "relance.db", tmp_path / "runs"
    assert run("import", SAMPLES / "ledger-fr.csv", "--creditor", CREDITOR, "--db", db,
               "--as-of", "2026-08-20").exit_code == 0  # fmt: skip
    first = run("run", "--creditor", CREDITOR, "--db", db, "--as-of", "2026-08-26", "--out", out,
                "--jobs", 1)  # fmt: skip
    assert first.exit_code == 0, first.output
    # 5 Sep: the run goes one step further for each debtor reminded on 26 Aug.
    dry = run("run", "--creditor", CREDITOR, "--db", db, "--as-of", "2026-09-05", "--dry-run")
    planned = {
        line.split()[2]: line.split()[1] for line in dry.output.splitlines() if line[:2] == "->"
    }
    letters = run("letters", SAMPLES / "ledger-fr.csv", "--creditor", CREDITOR, "--db", db,
                  "--as-of", "2026-09-05", "--out", tmp_path / "batch", "--jobs", 1)  # fmt: skip
    assert letters.exit_code == 0, letters.output
    assert "Steps from the store" in letters.output
    manifest = json.loads((tmp_path / "batch" / "manifest.json").read_text(encoding="utf-8"))
    assert {x["debtor_id"]: x["template"] for x in manifest["letters"]} == planned
    # C001 had its courtesy e-mail on 26 Aug: the first reminder now, not the second that
    # its age alone (5 days late) would not reach either; C002 (56 days late) gets the
    # second reminder, one step after the first of 26 Aug, not the last one its age reaches.
    assert planned["C001"] == "reminder-1" and planned["C002"] == "reminder-2"
    # Without a store, the batch says that its steps follow the age alone.
    alone = run("letters", SAMPLES / "ledger-fr.csv", "--creditor", CREDITOR, "--as-of",
                "2026-09-05", "--out", tmp_path / "alone", "--jobs", 1)  # fmt: skip
    assert alone.exit_code == 0, alone.output
    assert "Steps chosen by the age of the oldest invoice alone" in alone.output


def test_a_courtesy_reminder_records_the_amount_it_is_about(tmp_path):
    db, out = tmp_path / "relance.db", tmp_path / "runs"
    assert run("import", SAMPLES / "ledger-fr.csv", "--creditor", CREDITOR, "--db", db,
               "--as-of", "2026-08-20").exit_code == 0  # fmt: skip
    result = run("run", "--creditor", CREDITOR, "--db", db, "--as-of", "2026-08-26", "--out", out,
                 "--jobs", 1)  # fmt: skip
    assert result.exit_code == 0, result.output
    conn = connect(db)
    key = creditor_key(load_creditor(CREDITOR))
    courtesy = {
        e.debtor_id: e.data for e in events_of(conn, key) if e.data.get("step") == "courtesy"
    }
    conn.close()
    # C001 on 26 Aug: FA-2026-0067 (2 220,00, due 31 Aug) + FA-2026-0117 (1 480,20, due
    # 30 Sep) = 3 700,20 about to fall due; nothing overdue yet. Not 0.00.
    assert courtesy["C001"]["total"] == "3700.20" and courtesy["C001"]["overdue"] == "0.00"
    # C003: FA-2026-0078, 7 500,00 less 3 000,00 paid = 4 500,00.
    assert courtesy["C003"]["total"] == "4500.00"
