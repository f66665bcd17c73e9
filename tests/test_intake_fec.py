"""The FEC: open items of the customer accounts, lettering, due dates from the terms."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from click.testing import CliRunner

from relance_docs.cli import cli
from relance_docs.intake import read_ledger
from relance_docs.model import PartyKind

from .conftest import SAMPLES, errors, messages

FEC = SAMPLES / "fec" / "336585906FEC20261116.txt"


@pytest.fixture(scope="module")
def sample():
    return read_ledger(FEC, terms=SAMPLES / "terms-fr.yaml", debtors=SAMPLES / "clients-fr.csv")


def test_the_sample_fec_gives_the_csv_balances(sample):
    assert errors(sample) == []
    assert sample.ledger.outstanding_by_currency() == {"EUR": Decimal("101219.20")}
    csv = read_ledger(SAMPLES / "ledger-fr.csv").ledger
    for debtor in csv.debtors:
        assert sample.ledger.outstanding_by_currency(debtor.id) == csv.outstanding_by_currency(
            debtor.id
        ), debtor.id


def test_lettered_invoices_are_paid_and_a_loose_payment_pays_the_invoice_it_names(sample):
    by = {i.number: i for i in sample.ledger.invoices}
    # FA-2026-0029 (576,00) is lettered with its payment of 07/04/2026.
    assert by["FA-2026-0029"].outstanding == Decimal("0.00")
    # 3 000,00 received on 15/09/2026, not lettered, "acompte FA-2026-0078": 7 500 - 3 000.
    assert by["FA-2026-0078"].outstanding == Decimal("4500.00")
    assert [(p.invoice_number, p.amount) for p in sample.ledger.payments] == [
        ("FA-2026-0078", Decimal("3000.00"))
    ]


def test_due_dates_come_from_the_terms_and_are_stated(sample):
    by = {i.number: i for i in sample.ledger.invoices}
    # C001: 45 days end of month: 22/06/2026 + 45 = 06/08/2026 -> 31/08/2026 (as in the CSV)
    assert by["FA-2026-0067"].due_date == date(2026, 8, 31)
    # C002: 60 days: 12/05/2026 + 60 = 11/07/2026
    assert by["FA-2026-0043"].due_date == date(2026, 7, 11)
    assert any("Due dates (the FEC has none): invoice date + 60 days" in n for n in sample.notes)


def test_the_debtors_file_gives_types_and_addresses(sample):
    party = sample.ledger.debtor("C006")
    assert party.kind is PartyKind.PUBLIC
    assert party.city == "Rive-de-Gier"


def test_without_terms_one_error_names_the_debtors():
    result = read_ledger(FEC)
    assert len(result.errors) == 1
    assert "the FEC has no due dates and no payment terms are given for C001, C002" in str(
        result.errors[0]
    )
    assert not read_ledger(FEC, payment_terms_days=30).has_errors


HEADER = (
    "JournalCode|JournalLib|EcritureNum|EcritureDate|CompteNum|CompteLib|CompAuxNum|"
    "CompAuxLib|PieceRef|PieceDate|EcritureLib|Debit|Credit|EcritureLet|DateLet|ValidDate|"
    "Montantdevise|Idevise\n"
)


def _line(journal, account, aux, piece, day, label, debit, credit, letter=""):
    return (
        f"{journal}|{journal}|1|{day}|{account}|Clients|{aux}|Alpha SAS|{piece}|{day}|{label}|"
        f"{debit}|{credit}|{letter}||{day}||\n"
    )


def test_a_pipe_separated_fec_with_an_unlettered_unnamed_payment(write):
    path = write(
        "fec.txt",
        HEADER
        + _line("VT", "411000", "C1", "F1", "20260901", "Facture F1", "1200,00", "0,00")
        + _line("VT", "706000", "", "F1", "20260901", "Facture F1", "0,00", "1000,00")
        + _line("BQ", "411000", "C1", "V1", "20261005", "Virement", "0,00", "500,00"),
    )
    result = read_ledger(path, payment_terms_days=30)
    assert errors(result) == []
    inv = result.ledger.invoices[0]
    assert (inv.number, inv.debtor_id, inv.due_date) == ("F1", "C1", date(2026, 10, 1))
    # The payment names no invoice: reported, not spread by guess; F1 still owes 1 200.
    assert inv.outstanding == Decimal("1200.00")
    assert any(
        "payment of 500.00 by C1 on 05/10/2026 is not lettered" in m for m in messages(result)
    )


def test_montant_and_sens_instead_of_debit_and_credit(write):
    header = HEADER.replace("Debit|Credit", "Montant|Sens")
    path = write(
        "fec.txt",
        header
        + "VT|Ventes|1|20260901|411000|Clients|C1|Alpha SAS|F1|20260901|F1|1200,00|D|||20260901||\n"
        + "VT|Ventes|2|20260910|411000|Clients|C1|Alpha SAS|A1|20260910|Avoir|200,00|C|||20260910||\n",
    )
    result = read_ledger(path, payment_terms_days=30)
    assert errors(result) == []
    assert [(i.number, i.amount) for i in result.ledger.invoices] == [
        ("F1", Decimal("1200.00")),
        ("A1", Decimal("-200.00")),
    ]


def test_an_unbalanced_lettering_stays_open(write):
    path = write(
        "fec.txt",
        HEADER
        + _line("VT", "411000", "C1", "F1", "20260901", "F1", "1200,00", "0,00", "AA")
        + _line("BQ", "411000", "C1", "V1", "20261005", "Virement F1", "0,00", "1000,00", "AA"),
    )
    result = read_ledger(path, payment_terms_days=30)
    assert any("lettering AA of C1 does not balance (200.00)" in m for m in messages(result))
    # Its lines are open items: the payment pays the invoice its label names, 1 200 - 1 000.
    assert result.ledger.invoices[0].outstanding == Decimal("200.00")


def test_check_states_the_terms_used(tmp_path):
    run = CliRunner().invoke(
        cli,
        [
            "check",
            str(FEC),
            "--creditor",
            str(SAMPLES / "creditor-fr.yaml"),
            "--terms",
            str(SAMPLES / "terms-fr.yaml"),
            "--debtors",
            str(SAMPLES / "clients-fr.csv"),
        ],
    )
    assert run.exit_code == 0, run.output
    assert "Outstanding EUR: 101 219,20 €" in run.output.replace("\u202f", " ").replace(
        "\xa0", " "
    )
    assert "Due dates (the FEC has none): invoice date + 45 days end of month" in run.output
