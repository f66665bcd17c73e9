"""Collection KPIs, against a hand count."""

import json
from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from click.testing import CliRunner

from relance_docs.cli import cli
from relance_docs.intake import load_creditor
from relance_docs.model import Invoice, Ledger, Party, Payment
from relance_docs.reports.kpi import collection_kpis, store_kpis
from relance_docs.store.db import connect, transaction
from relance_docs.store.events import (
    ESCALATION,
    FORMAL_NOTICE,
    REMINDER_GENERATED,
    record,
)
from relance_docs.store.importer import creditor_key, import_ledger

from .conftest import SAMPLES


def ledger():
    # A: 1 000 issued 5 Sep, due 5 Oct, paid 20 Oct (15 days late).
    # B: 2 000 issued 10 Oct, due 9 Nov, 700 paid 2 Nov (on time), 1 300 still due.
    # C: 500 issued 3 Nov, due 3 Dec, unpaid.
    invoices = (
        Invoice(
            "A", "D1", date(2026, 9, 5), date(2026, 10, 5), Decimal("1000"), paid=Decimal("1000")
        ),
        Invoice(
            "B", "D1", date(2026, 10, 10), date(2026, 11, 9), Decimal("2000"), paid=Decimal("700")
        ),
        Invoice("C", "D2", date(2026, 11, 3), date(2026, 12, 3), Decimal("500")),
    )
    payments = (
        Payment(date(2026, 10, 20), Decimal("1000"), "A"),
        Payment(date(2026, 11, 2), Decimal("700"), "B"),
    )
    return Ledger((Party("D1", "Un"), Party("D2", "Deux")), invoices, payments)


def test_kpis_by_hand():
    k = collection_kpis(ledger(), date(2026, 11, 15))
    assert k.receivables == Decimal("1800")  # 1 300 (B) + 500 (C)
    assert k.overdue == Decimal("1300")  # B, 6 days late
    assert k.overdue_rate == Decimal("72.2")  # 1 300 / 1 800 = 72.22 %
    # Countback: November to the 15th: 15 days, sales 500, 1 300 left;
    # October: 1 300 / 2 000 of 31 days = 20.15; DSO = 35.15 -> 35.2.
    assert k.dso == Decimal("35.2")
    # (1 000 x 15 + 700 x 0) / 1 700 = 8.82 days.
    assert k.average_days_late == Decimal("8.8") and k.payments_counted == 2
    assert set(k.not_available) == {"recovery_rate", "steps_before_payment"}
    assert k.as_dict()["dso"] == "35.2"


def test_no_receivables_no_dso():
    k = collection_kpis(Ledger(), date(2026, 11, 15))
    assert k.dso is None and k.overdue_rate is None and k.receivables == 0


# --- From the store: recovery rate and steps before payment, against a hand count ---------

CREDITOR = SAMPLES / "creditor-fr.yaml"
NAME = "Dupont & <Fils>"


def _at(day: str) -> datetime:
    return datetime.combine(date.fromisoformat(day), datetime.min.time(), UTC).replace(hour=12)


def _ledger(paid: dict[str, str], payments=()) -> Ledger:
    def inv(number, debtor, issued, due, amount):
        return Invoice(
            number,
            debtor,
            date.fromisoformat(issued),
            date.fromisoformat(due),
            Decimal(amount),
            paid=Decimal(paid.get(number, "0")),
        )

    return Ledger(
        (Party("D1", NAME), Party("D2", "Martin"), Party("D3", "Noël"), Party("D4", "Roux")),
        (
            inv("A", "D1", "2026-08-01", "2026-08-31", "1000"),
            inv("B", "D1", "2026-09-01", "2026-10-01", "500"),
            inv("C", "D2", "2026-08-15", "2026-09-14", "2000"),
            inv("E", "D3", "2026-09-10", "2026-10-10", "300"),
            inv("F", "D4", "2026-09-05", "2026-10-05", "400"),
        ),
        tuple(Payment(date.fromisoformat(d), Decimal(a), n) for d, a, n in payments),
    )


def _step(conn, key, kind, debtor, day, total, invoices, step="first"):
    with transaction(conn):
        record(
            conn,
            kind,
            creditor=key,
            debtor_id=debtor,
            at=_at(day),
            data={"step": step, "total": total, "invoices": invoices},
            rules_version="test",
        )


@pytest.fixture
def store(tmp_path):
    db = tmp_path / "relance.db"
    conn = connect(db)
    profile = load_creditor(CREDITOR)
    key = creditor_key(profile)
    import_ledger(conn, _ledger({}), profile, _at("2026-09-01"))
    # Step documents (the claim total each recorded):
    _step(conn, key, REMINDER_GENERATED, "D1", "2026-09-10", "1010.00", ["A"])
    _step(conn, key, REMINDER_GENERATED, "D2", "2026-09-20", "2000.00", ["C"])
    _step(conn, key, REMINDER_GENERATED, "D4", "2026-10-01", "0", [], "courtesy")
    _step(conn, key, FORMAL_NOTICE, "D1", "2026-10-05", "1540.00", ["A", "B"], "notice")
    _step(conn, key, REMINDER_GENERATED, "D2", "2026-10-10", "2020.00", ["C"], "second")
    _step(conn, key, REMINDER_GENERATED, "D4", "2026-10-15", "400.00", ["F"])
    # 20 Oct: A paid by a payment dated 15 Oct (A closed, paid); 800 of C in the paid
    # column only (no date: counts on the import's day, 20 Oct).
    import_ledger(
        conn,
        _ledger({"A": "1000", "C": "800"}, [("2026-10-15", "1000", "A")]),
        key,
        _at("2026-10-20"),
    )
    _step(conn, key, ESCALATION, "D2", "2026-11-01", "2030.00", ["C"], "court")
    # 10 Nov: B paid (dated 5 Nov), the rest of C (1 200, undated), E paid (D3: never
    # reminded), and 100 of F dated 12 Oct: before D4's reminder of 15 Oct.
    import_ledger(
        conn,
        _ledger(
            {"A": "1000", "B": "500", "C": "2000", "E": "300", "F": "100"},
            [("2026-10-15", "1000", "A"), ("2026-11-05", "500", "B"), ("2026-10-12", "100", "F")],
        ),
        key,
        _at("2026-11-10"),
    )
    yield db, conn, key
    conn.close()


def test_store_kpis_by_hand(store):
    _, conn, key = store
    k = store_kpis(conn, key, date(2026, 11, 30))
    # Reminded (claim total at the first step document with a positive total):
    #   D1 1 010 (10 Sep), D2 2 000 (20 Sep), D4 400 (15 Oct; its courtesy reminder of
    #   1 Oct recorded 0) = 3 410.
    # Paid after that day, capped: D1 1 000 (15 Oct) + 500 (5 Nov) = 1 500 -> 1 010;
    #   D2 800 (20 Oct) + 1 200 (10 Nov) = 2 000; D4: 100 dated 12 Oct, before 15 Oct -> 0.
    # 3 010 / 3 410 = 88.27 %.
    assert k.reminded == Decimal("3410.00") and k.recovered == Decimal("3010.00")
    assert k.recovery_rate == Decimal("88.3")
    # Steps before the first invoice closed as paid: D1 (A closed 20 Oct): 10 Sep and
    # 5 Oct = 2; D2 (C closed 10 Nov): 20 Sep, 10 Oct, 1 Nov = 3; D4 has not paid; D3 had
    # no step. (2 + 3) / 2 = 2.5 over 2 debtors.
    assert k.steps_before_payment == Decimal("2.5") and k.debtors_paid_after_steps == 2
    assert "recovery_rate" not in k.not_available
    assert "steps_before_payment" not in k.not_available
    by_id = {d.debtor_id: d for d in k.reminded_debtors}
    assert set(by_id) == {"D1", "D2", "D4"}
    assert by_id["D4"].first_step == date(2026, 10, 1)
    assert by_id["D4"].reminded_on == date(2026, 10, 15)
    assert by_id["D4"].steps_before_payment is None and by_id["D1"].name == NAME
    # The ledger side: only F is still owed, 400 - 100.
    assert k.receivables == Decimal("300")


def test_store_kpis_only_count_events_up_to_as_of(store):
    _, conn, key = store
    k = store_kpis(conn, key, date(2026, 10, 31))
    # Payments known by 31 Oct: D1 1 000 (15 Oct), D2 800 (20 Oct): 1 800 / 3 410 = 52.79 %.
    assert k.recovered == Decimal("1800.00") and k.recovery_rate == Decimal("52.8")
    # Only D1 has paid (A closed 20 Oct), after 2 steps.
    assert k.steps_before_payment == Decimal("2.0") and k.debtors_paid_after_steps == 1


def test_store_kpis_without_steps_say_why(tmp_path):
    conn = connect(tmp_path / "relance.db")
    profile = load_creditor(CREDITOR)
    import_ledger(conn, _ledger({}), profile, _at("2026-09-01"))
    k = store_kpis(conn, creditor_key(profile), date(2026, 11, 30))
    conn.close()
    assert k.recovery_rate is None and k.steps_before_payment is None
    assert "no step document" in k.not_available["recovery_rate"]
    assert "no step document" in k.not_available["steps_before_payment"]
    assert k.as_dict()["recovery_rate"] is None


def test_kpi_cli_json(store):
    db, _, _ = store
    result = CliRunner().invoke(
        cli, ["kpi", "--db", str(db), "--as-of", "2026-11-30", "--format", "json"]
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["recovery_rate"] == "88.3" and data["steps_before_payment"] == "2.5"
    assert data["reminded"] == "3410.00" and data["recovered"] == "3010.00"
    assert data["receivables"] == "300.00" and data["debtors_paid_after_steps"] == 2
    assert data["reminded_debtors"][0]["debtor"] == NAME


def test_kpi_cli_html_is_self_contained_and_escaped(store, tmp_path):
    db, _, _ = store
    out = tmp_path / "kpi.html"
    result = CliRunner().invoke(
        cli,
        ["kpi", "--db", str(db), "--as-of", "2026-11-30", "--format", "html", "--out", str(out)],
    )
    assert result.exit_code == 0, result.output
    page = out.read_text(encoding="utf-8")
    assert page.count("<svg") == 2
    # one language: the French creditor's page is in French, axes and figures
    assert "Jours de retard" in page and "Mois" in page  # the axes are labelled
    assert "88,3" in page and "2,5 en moyenne" in page
    assert "Days past due" not in page and "on average" not in page
    assert "300,00" in page
    assert "Dupont &amp; &lt;Fils&gt;" in page and NAME not in page
    assert "http://" not in page.replace('xmlns="http://www.w3.org/2000/svg"', "")
    assert "<script" not in page and "src=" not in page and "<link" not in page


def test_kpi_cli_table_and_out_rules(store):
    db, _, _ = store
    runner = CliRunner()
    table = runner.invoke(cli, ["kpi", "--db", str(db), "--as-of", "2026-11-30"])
    assert table.exit_code == 0, table.output
    assert "Taux de recouvrement" in table.output and "88,3" in table.output
    bad = runner.invoke(cli, ["kpi", "--db", str(db), "--out", "x.txt"])
    assert bad.exit_code == 2 and "--out" in bad.output


def test_monthly_receivables_by_hand():
    k = collection_kpis(ledger(), date(2026, 11, 15))
    # 30 Sep: A (paid 20 Oct, later) 1 000. 31 Oct: A paid; B 2 000 (700 paid 2 Nov,
    # later). 15 Nov: B 1 300 + C 500.
    assert k.monthly_receivables == [
        ("2026-09", Decimal("1000")),
        ("2026-10", Decimal("2000")),
        ("2026-11", Decimal("1800")),
    ]


def test_an_unallocated_credit_note_adds_up():
    from relance_docs.intake import read_ledger

    sample = read_ledger(SAMPLES / "ledger-fr.csv").raise_for_errors()
    k = collection_kpis(sample, date(2027, 3, 1))
    # Everything is overdue by then. The ledger's balance (relance aging): 101 459,20 of
    # invoices less the credit note AV-2026-0012 (-240,00, no invoice named) = 101 219,20.
    # The credit is set against Dupont & Fils's oldest amount: overdue is 101 219,20 too,
    # not 101 459,20 (an overdue rate of 100.2 % before).
    assert k.receivables == Decimal("101219.20")
    assert k.credits_applied == Decimal("-240.00") and k.credit_balances == Decimal("0")
    assert k.overdue == Decimal("101219.20") and k.overdue_rate == Decimal("100.0")
    assert sum(k.buckets.values()) + k.credit_balances == k.receivables
    # On the reference date: 26 490,00 not due + 74 729,20 overdue = 101 219,20, where
    # 74 729,20 = 74 969,20 past due - 240,00 set against C001's 61-90 days.
    k = collection_kpis(sample, date(2026, 11, 16))
    assert k.buckets["not_due"] == Decimal("26490.00")
    assert k.buckets["days_61_90"] == Decimal("11553.00")  # 11 793,00 - 240,00
    assert k.overdue == Decimal("74729.20") and k.receivables == Decimal("101219.20")
    assert k.overdue_rate == Decimal("73.8")  # 74 729,20 / 101 219,20 = 73.83 %


def test_a_debtor_in_credit_is_a_credit_balance_not_a_negative_bucket():
    from relance_docs.model import DocumentKind

    # D1: 100 overdue and an unallocated credit note of 300: owes nothing, is owed 200.
    # D2: 500 overdue.
    invoices = (
        Invoice("F1", "D1", date(2026, 9, 1), date(2026, 10, 1), Decimal("100")),
        Invoice("AV1", "D1", date(2026, 10, 5), date(2026, 10, 5), Decimal("-300"),
                kind=DocumentKind.CREDIT_NOTE),
        Invoice("F2", "D2", date(2026, 9, 1), date(2026, 10, 1), Decimal("500")),
    )  # fmt: skip
    k = collection_kpis(
        Ledger((Party("D1", "Un"), Party("D2", "Deux")), invoices), date(2026, 11, 1)
    )
    assert k.receivables == Decimal("300")  # 100 - 300 + 500
    assert k.overdue == Decimal("500") and k.credit_balances == Decimal("-200")
    assert k.credits_applied == Decimal("-100")
    assert k.overdue_rate == Decimal("100.0")  # 500 of the 500 debtors owe
    assert sum(k.buckets.values()) + k.credit_balances == k.receivables
