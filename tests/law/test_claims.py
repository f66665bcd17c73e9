"""From a ledger to claims (relance_docs/law/claims.py): what reduces the base, what stays
out of the claim, and what happens when the ledger does not say enough."""

from datetime import date
from decimal import Decimal

import pytest

from relance_docs.errors import RulesDataError
from relance_docs.law.claims import debtor_claims
from relance_docs.law.procedures import Outcome
from relance_docs.model import DocumentKind, Invoice, Ledger, Party, PartyKind, Payment

AS_OF = date(2025, 12, 31)


def invoice(number, amount, due, debtor="D1", **kw):
    return Invoice(
        number=number,
        debtor_id=debtor,
        issue_date=kw.pop("issue_date", date(2025, 9, 1)),
        due_date=due,
        amount=Decimal(amount),
        **kw,
    )


def claims_of(*docs, kind=PartyKind.COMPANY, payments=(), creditor=None):
    party = Party(id="D1", name="Débiteur SARL", kind=kind, country="FR", city="Lyon")
    ledger = Ledger(debtors=(party,), invoices=docs, payments=tuple(payments))
    return debtor_claims(ledger, creditor, AS_OF)


def test_a_dated_payment_reduces_the_base_from_the_next_day():
    # 1,000.00 due 30 Sep 2025, 400.00 received 31 Oct 2025 (the ledger's paid column too).
    # 1000 x 12.15 % x 31/365 = 10.319178 -> 10.32 (1..31 Oct)
    # 600 x 12.15 % x 61/365 = 12.183288 -> 12.18 (1 Nov..31 Dec)
    (dc,) = claims_of(
        invoice("F1", "1000.00", date(2025, 9, 30), paid=Decimal("400.00")),
        payments=[Payment(date(2025, 10, 31), Decimal("400.00"), "F1")],
    )
    (item,) = dc.invoices
    assert [line.amount for line in item.result.lines] == [Decimal("10.32"), Decimal("12.18")]
    assert dc.principal == Decimal("600.00")
    assert dc.fixed_compensation == Decimal("40.00")  # D441-5, one late invoice
    assert not [w for w in dc.warnings if "date the ledger does not give" in str(w)]


def test_a_payment_without_a_date_counts_as_paid_by_the_due_date_and_says_so():
    (dc,) = claims_of(invoice("F1", "1000.00", date(2025, 9, 30), paid=Decimal("400.00")))
    # 600 x 12.15 % x 92/365 = 6706.8 / 365 = 18.374795 -> 18.37 (1 Oct..31 Dec): the
    # lower figure, never an overclaim.
    assert dc.interest == Decimal("18.37")
    assert any(
        "Invoice F1: 400.00 EUR was paid on a date the ledger does not give" in str(w)
        and w.kind == "undated_payment"
        for w in dc.warnings
    )


def test_a_credit_note_naming_its_invoice_reduces_it_from_its_date():
    note = invoice(
        "AV1",
        "-200.00",
        date(2025, 10, 15),
        kind=DocumentKind.CREDIT_NOTE,
        applies_to="F1",
        issue_date=date(2025, 10, 15),
    )
    (dc,) = claims_of(invoice("F1", "1000.00", date(2025, 9, 30)), note)
    # 1000 x 12.15 % x 15/365 = 4.993151 -> 4.99 (1..15 Oct); then 800 from 16 Oct:
    # 800 x 12.15 % x 77/365 = 20.505205 -> 20.51 (16 Oct..31 Dec)
    (item,) = dc.invoices
    assert [line.amount for line in item.result.lines] == [Decimal("4.99"), Decimal("20.51")]
    assert dc.principal == Decimal("800.00")


def test_an_unallocated_credit_note_goes_to_the_oldest_overdue_invoice():
    note = invoice("AV1", "-300.00", date(2025, 9, 1), kind=DocumentKind.CREDIT_NOTE)
    (dc,) = claims_of(
        invoice("F2", "500.00", date(2025, 11, 30)),
        invoice("F1", "1000.00", date(2025, 9, 30)),
        note,
    )
    assert [(i.invoice.number, i.principal) for i in dc.invoices] == [
        ("F1", Decimal("700.00")),
        ("F2", Decimal("500.00")),
    ]
    assert any("Credit note AV1 names no invoice" in str(w) for w in dc.warnings)


def test_disputed_and_not_yet_due_invoices_stay_out_of_the_claim():
    (dc,) = claims_of(
        invoice("F1", "1000.00", date(2025, 9, 30)),
        invoice("F2", "700.00", date(2025, 10, 31), disputed=True, dispute_reason="livraison"),
        invoice("F3", "900.00", date(2026, 1, 31)),
    )
    assert [i.invoice.number for i in dc.invoices] == ["F1"]
    assert [i.number for i in dc.disputed] == ["F2"]
    assert [i.number for i in dc.not_due] == ["F3"]
    assert dc.claim.principal == Decimal("1000.00") and not dc.claim.disputed


def test_a_debtor_with_only_disputed_invoices_is_assessed_as_disputed():
    (dc,) = claims_of(invoice("F2", "700.00", date(2025, 10, 31), disputed=True))
    assert dc.claim.disputed and dc.claim.principal == Decimal("700.00")
    assert dc.claim.interest == 0
    assert dc.assessment.procedure("fr.refere_provision").outcome is Outcome.NEEDS_REVIEW


def test_a_debtor_of_unknown_type_gets_no_interest_and_no_eligible_french_route():
    (dc,) = claims_of(invoice("F1", "1000.00", date(2025, 9, 30)), kind=None)
    assert dc.interest == 0 and dc.fixed_compensation == 0
    assert any("debtor's type" in str(w) for w in dc.warnings)
    a = dc.assessment
    assert a.procedure("fr.injonction_de_payer").outcome is Outcome.NEEDS_REVIEW
    assert a.limitation.status == "needs_review"


def test_without_a_creditor_profile_the_assumption_is_said():
    (dc,) = claims_of(invoice("F1", "1000.00", date(2025, 9, 30)))
    assert any("No creditor profile was given" in str(w) for w in dc.warnings)


def test_a_creditor_outside_the_covered_countries_is_refused_in_one_line():
    class Swiss:  # the fields debtor_claims reads from a CreditorProfile
        kind, country, name = PartyKind.COMPANY, "CH", "Uhren AG"

    with pytest.raises(RulesDataError, match="no late-payment rules for a creditor in CH"):
        claims_of(invoice("F1", "1000.00", date(2025, 9, 30)), creditor=Swiss())


def test_nothing_overdue_gives_no_assessment():
    (dc,) = claims_of(invoice("F3", "900.00", date(2026, 1, 31)))
    assert dc.assessment is None and [i.number for i in dc.not_due] == ["F3"]
