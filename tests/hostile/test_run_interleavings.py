"""Two runs at once, a run paused between deciding and recording, a run killed at every
point: real ``relance run`` processes on a real SQLite file. Whatever happens, each
decision ends as exactly one recorded document, every recorded file is the one whose
sha256 was recorded, and every recorded e-mail waits once in the outbox."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner

from relance_docs.cli import cli
from relance_docs.intake import load_creditor
from relance_docs.store.db import connect
from relance_docs.store.events import RUN_FINISHED, events_of, file_sha256
from relance_docs.store.importer import creditor_key
from relance_docs.workflow import decide, record_documents
from relance_docs.workflow.decide import STEP_EVENTS

from ..conftest import SAMPLES

CREDITOR = SAMPLES / "creditor-fr.yaml"
DAY = "2026-09-10"
# Three debtors on 10 Sep 2026 (fr-b2b plan): D1's invoice falls due on 15 Sep (the
# courtesy step, by e-mail, 5 days before); D2's fell due on 31 Aug (10 days late: the
# first reminder, a letter); D3 is like D1 but its address is unusable: held.
LEDGER = (
    "Code client;Client;Type client;Adresse;Code postal;Ville;Pays;Email;N° facture;"
    "Type;Date facture;Échéance;Montant TTC;Réglé\n"
    "D1;Alpha SARL;Société;1 rue A;69001;Lyon;France;compta@alpha.example;F-1;Facture;"
    "16/07/2026;15/09/2026;1200,00;0\n"
    "D2;Bêta SAS;Société;2 rue B;69002;Lyon;France;compta@beta.example;F-2;Facture;"
    "01/07/2026;31/08/2026;800,00;0\n"
    "D3;Gamma SA;Société;3 rue C;69003;Lyon;France;compta@@gamma.example;F-3;Facture;"
    "16/07/2026;15/09/2026;500,00;0\n"
)
EXPECTED = {("D1", "courtesy"), ("D2", "first")}


@pytest.fixture
def store(tmp_path):
    ledger = tmp_path / "ledger.csv"
    ledger.write_text(LEDGER, encoding="utf-8")
    db = tmp_path / "relance.db"
    result = CliRunner().invoke(
        cli, ["import", str(ledger), "--creditor", str(CREDITOR), "--db", str(db),
              "--as-of", "2026-09-01"],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    return db, tmp_path / "runs"


def start(db: Path, out: Path, **env: str) -> subprocess.Popen:
    args = [sys.executable, "-m", "relance_docs", "run", "--creditor", str(CREDITOR),
            "--db", str(db), "--as-of", DAY, "--out", str(out), "--jobs", "1"]  # fmt: skip
    return subprocess.Popen(
        args, env={**os.environ, **env}, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        text=True,
    )  # fmt: skip


def finish(process: subprocess.Popen) -> tuple[int, str]:
    out, err = process.communicate(timeout=120)
    return process.returncode, out + err


def recorded(db: Path):
    conn = connect(db)
    key = creditor_key(load_creditor(CREDITOR))
    try:
        return events_of(conn, key, kinds=STEP_EVENTS)
    finally:
        conn.close()


def assert_once_each(db: Path, out: Path) -> None:
    """Exactly one recorded document per decision; each file is the one recorded; each
    recorded e-mail waits once in the outbox; no half-written folder is left."""
    events = recorded(db)
    steps = Counter((e.debtor_id, e.data["step"]) for e in events)
    assert set(steps) == EXPECTED and set(steps.values()) == {1}, steps
    for e in events:
        assert Path(e.document).is_file() and file_sha256(Path(e.document)) == e.sha256
    pending = sorted((out / "outbox" / "pending").glob("*.eml"))
    assert [p.name for p in pending] == [Path(e.data["email"]).name for e in events
                                         if e.data.get("email")]  # fmt: skip
    assert not [p for p in out.iterdir() if ".partial-" in p.name]


def test_two_runs_started_together_give_one_event_per_debtor_and_step(store):
    db, out = store
    first, second = start(db, out), start(db, out)
    codes = sorted([finish(first), finish(second)], key=lambda r: r[0])
    assert codes[0][0] == 0, codes[0][1]
    # The second waited for nothing: refused in one line, or (started after the first
    # ended) it found nothing left to do.
    if codes[1][0] != 0:
        assert codes[1][0] == 1 and "another run is in progress" in codes[1][1]
        assert "Traceback" not in codes[1][1]
    assert_once_each(db, out)
    assert sorted(p.name for p in out.iterdir() if p.name != "outbox") == [DAY]


def test_a_run_paused_between_decide_and_record(store, tmp_path):
    db, out = store
    pause = tmp_path / "pause"
    pause.touch()
    paused = start(db, out, RELANCE_TEST_PAUSE_AT="decided", RELANCE_TEST_PAUSE_FILE=str(pause))
    deadline = time.monotonic() + 60
    while not Path(f"{pause}.reached").exists():
        assert time.monotonic() < deadline and paused.poll() is None, finish(paused)
        time.sleep(0.05)
    # A second run meanwhile is refused: the lock was taken before deciding.
    code, text = finish(start(db, out))
    assert code == 1 and "another run is in progress" in text, text
    # A writer that does not take the lock (another program on the same file) records
    # D2's step while the paused run still holds its decisions.
    conn = connect(db)
    key = creditor_key(load_creditor(CREDITOR))
    from datetime import date

    d2 = next(d for d in decide(conn, key, load_creditor(CREDITOR), date(2026, 9, 10))
              if d.claim.debtor.id == "D2")  # fmt: skip
    stand_in = tmp_path / "elsewhere.pdf"
    stand_in.write_bytes(b"%PDF-1.4 written elsewhere")
    record_documents(conn, key, date(2026, 9, 10), [(d2, stand_in, file_sha256(stand_in))])
    conn.close()
    pause.unlink()
    code, text = finish(paused)
    assert code == 0, text
    # The paused run re-checked in its recording transaction: D2 is not recorded twice.
    assert "D2: step first was recorded meanwhile by another run" in text
    steps = Counter((e.debtor_id, e.data["step"]) for e in recorded(db))
    assert steps == Counter(EXPECTED)


@pytest.mark.parametrize(
    "point", ["decided", "intent", "rendering", "rendered", "emails", "recorded", "published"]
)
def test_a_kill_at_any_point_then_a_rerun_records_each_document_once(store, point):
    db, out = store
    code, text = finish(start(db, out, RELANCE_TEST_KILL_AT=point))
    assert code == -9, text  # SIGKILL: no clean-up of any kind ran
    code, text = finish(start(db, out))
    assert code == 0, text
    assert "Traceback" not in text
    assert_once_each(db, out)
    # Nothing was produced twice: one day folder holds the recorded documents.
    folders = {Path(e.document).parent.name for e in recorded(db)}
    assert len(folders) == 1
    if point in ("rendered", "emails"):  # the folder was complete: adopted, not redone
        assert "adopted: 2 document(s) of an interrupted run recorded" in text
        assert sorted(p.name for p in out.iterdir() if p.name != "outbox") == [DAY]
    if point == "rendering":
        assert ".partial-" in text and "removed" in text
    # Running again changes nothing.
    code, text = finish(start(db, out))
    assert code == 0 and "0 document(s) due" in text, text
    assert_once_each(db, out)


def test_a_killed_run_whose_files_changed_is_set_aside(store):
    db, out = store
    code, _ = finish(start(db, out, RELANCE_TEST_KILL_AT="emails"))
    assert code == -9
    letter = next((out / DAY).glob("D2-*.pdf"))
    letter.write_bytes(letter.read_bytes() + b"% edited by hand\n")
    code, text = finish(start(db, out))
    assert code == 0, text
    assert f"{out / DAY}: set aside:" in text and "differs from its sha256" in text
    aside = out / f"{DAY}.set-aside"
    assert aside.is_dir() and (aside / letter.name).is_file()
    assert_once_each(db, out)
    assert {Path(e.document).parent.name for e in recorded(db)} == {f"{DAY}-2"}
    conn = connect(db)
    outcomes = [e.data["outcome"] for e in events_of(conn, "336585906", kinds={RUN_FINISHED})]
    conn.close()
    assert outcomes == ["set_aside", "recorded"]


def test_a_bad_address_holds_only_its_debtor(store):
    db, out = store
    code, text = finish(start(db, out))
    assert code == 0, text
    # D3's courtesy e-mail cannot be sent: held with the ledger's line and the reason.
    line = next(x for x in text.splitlines() if "D3 Gamma SA" in x)
    assert "held" in line and "ledger.csv:4:" in line and "compta@@gamma.example" in line
    assert_once_each(db, out)  # D1 and D2 went on


def test_a_bad_address_is_a_warning_at_intake_with_its_line(tmp_path):
    from relance_docs.intake import read_ledger

    path = tmp_path / "ledger.csv"
    path.write_text(LEDGER, encoding="utf-8")
    warnings = [str(p) for p in read_ledger(path).warnings]
    bad = [w for w in warnings if "compta@@gamma.example" in w]
    assert len(bad) == 1 and bad[0].startswith(f"{path}:4: warning: Gamma SA:")
    assert "is not a valid email address" in bad[0]
