"""Collection KPIs, against a hand count."""

from datetime import date
from decimal import Decimal

from relance_docs.model import Invoice, Ledger, Party, Payment
from relance_docs.reports.kpi import collection_kpis


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
