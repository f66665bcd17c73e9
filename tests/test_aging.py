"""Aged balance: buckets at their boundaries, credits, payments after the date, totals."""

from datetime import date, timedelta
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from relance_docs.model import DocumentKind, Invoice, Ledger, Party, Payment
from relance_docs.reports import aged_balance

AS_OF = date(2026, 11, 16)


def inv(number, days_late, amount, debtor="C1", **kw):
    due = AS_OF - timedelta(days=days_late)
    return Invoice(
        number=number,
        debtor_id=debtor,
        issue_date=min(due - timedelta(days=30), AS_OF),
        due_date=due,
        amount=Decimal(amount),
        **kw,
    )


def ledger(*invoices, payments=()):
    ids = dict.fromkeys(i.debtor_id for i in invoices)
    return Ledger(
        debtors=tuple(Party(id=d, name=f"Debtor {d}") for d in ids),
        invoices=tuple(invoices),
        payments=tuple(payments),
    )


def test_bucket_boundaries():
    # Days past due on 16/11/2026: 0 is "not due" (due today), 1 and 30 in 1-30, ...
    report = aged_balance(
        ledger(
            inv("A", -3, "1"),
            inv("B", 0, "2"),
            inv("C", 1, "4"),
            inv("D", 30, "8"),
            inv("E", 31, "16"),
            inv("F", 60, "32"),
            inv("G", 61, "64"),
            inv("H", 90, "128"),
            inv("I", 91, "256"),
            inv("J", 400, "512"),
        ),
        AS_OF,
    )
    (line,) = report.lines
    assert line.buckets == tuple(Decimal(x) for x in ("3", "12", "48", "192", "768"))
    assert line.total == Decimal("1023")
    assert line.oldest_days_past_due == 400


def test_partial_payments_and_fully_paid_invoices():
    report = aged_balance(
        ledger(
            inv("A", 10, "100.00", paid=Decimal("40.00")),
            inv("B", 10, "50.00", paid=Decimal("50.00")),
        ),
        AS_OF,
    )
    (line,) = report.lines
    assert line.buckets[1] == Decimal("60.00")  # 100.00 - 40.00; B is paid and left out
    assert line.invoices == 1


def test_the_report_stands_as_of_its_date():
    # A payment received after the date is not deducted; an invoice issued after is left out.
    late_payment = Payment(
        date=AS_OF + timedelta(days=2), amount=Decimal("30"), invoice_number="A"
    )
    early_payment = Payment(
        date=AS_OF - timedelta(days=2), amount=Decimal("20"), invoice_number="A"
    )
    future = Invoice(
        number="Z",
        debtor_id="C1",
        issue_date=AS_OF + timedelta(days=1),
        due_date=AS_OF + timedelta(days=31),
        amount=Decimal("999"),
    )
    report = aged_balance(
        ledger(
            inv("A", 5, "100", paid=Decimal("50")), future, payments=[early_payment, late_payment]
        ),
        AS_OF,
    )
    (line,) = report.lines
    assert line.total == Decimal("80")  # 100 - 20 paid by the date


def test_credit_notes_applied_and_unallocated():
    note_applied = inv("AV1", 0, "-30", kind=DocumentKind.CREDIT_NOTE, applies_to="A")
    note_free = inv("AV2", 0, "-25", kind=DocumentKind.CREDIT_NOTE)
    report = aged_balance(ledger(inv("A", 45, "100"), note_applied, note_free), AS_OF)
    (line,) = report.lines
    assert line.buckets[2] == Decimal("70")  # 100 - 30 in 31-60
    assert line.unallocated_credits == Decimal("-25")
    assert line.total == Decimal("45")


def test_a_debtor_in_credit_is_shown():
    report = aged_balance(
        ledger(inv("AV", 0, "-80", kind=DocumentKind.CREDIT_NOTE, debtor="C2")), AS_OF
    )
    (line,) = report.lines
    assert line.total == Decimal("-80")


def test_currencies_are_never_added_together():
    report = aged_balance(
        ledger(inv("A", 5, "100", currency="EUR"), inv("B", 5, "70", currency="GBP", debtor="C2")),
        AS_OF,
    )
    assert report.currencies == ("EUR", "GBP")
    assert report.totals["EUR"].total == Decimal("100")
    assert report.totals["GBP"].total == Decimal("70")


def test_disputed_amounts_are_counted_and_marked():
    report = aged_balance(ledger(inv("A", 5, "100", disputed=True), inv("B", 5, "10")), AS_OF)
    assert report.lines[0].disputed == Decimal("100")
    assert report.lines[0].total == Decimal("110")


@given(
    st.lists(
        st.tuples(
            st.integers(min_value=-60, max_value=500),
            st.decimals(min_value=1, max_value=100000, places=2),
            st.sampled_from(["C1", "C2", "C3"]),
        ),
        max_size=30,
    )
)
def test_totals_are_the_sums_of_the_lines(rows):
    invoices = [inv(f"N{i}", d, a, debtor=c) for i, (d, a, c) in enumerate(rows)]
    report = aged_balance(ledger(*invoices), AS_OF)
    for currency, total in report.totals.items():
        lines = report.lines_in(currency)
        for b in range(5):
            assert total.buckets[b] == sum((x.buckets[b] for x in lines), Decimal(0))
        assert total.total == sum((x.total for x in lines), Decimal(0))
    assert sum((t.total for t in report.totals.values()), Decimal(0)) == sum(
        (Decimal(a) for _, a, _ in rows), Decimal(0)
    )
