"""The bundled samples hold every case the README and the later issues rely on."""

from decimal import Decimal

import pytest

from relance_docs.intake import read_ledger
from relance_docs.model import DocumentKind, PartyKind

from .conftest import SAMPLES


@pytest.fixture(scope="module")
def fr():
    return read_ledger(SAMPLES / "ledger-fr.csv")


@pytest.fixture(scope="module")
def uk():
    return read_ledger(SAMPLES / "ledger-uk.xlsx")


def test_french_sample_reads_cleanly(fr):
    assert fr.problems == ()
    assert fr.sources[0].description == "CSV, Windows-1252, semicolon-separated"
    assert fr.sources[0].unused_columns == ()
    invoices = [i for i in fr.ledger.invoices if i.kind is DocumentKind.INVOICE]
    assert (len(invoices), len(fr.ledger.invoices) - len(invoices)) == (30, 1)
    assert len(fr.ledger.debtors) == 12
    # Sum of (Montant TTC - Réglé) over the raw CSV rows, added outside the reader with
    # csv + Decimal; also the bucket total of samples/README.md, counted by hand.
    assert fr.ledger.outstanding_by_currency() == {"EUR": Decimal("101219.20")}


def test_french_sample_has_every_case(fr):
    ledger = fr.ledger
    kinds = {d.kind for d in ledger.debtors}
    assert kinds == set(PartyKind)  # company, trader, professional, consumer, public
    names = [d.name for d in ledger.debtors]
    assert "Dupont & Fils SARL" in names
    assert {d.subdivision for d in ledger.debtors if d.city in {"Strasbourg", "Metz"}} == {
        "6AE",
        "57",
    }
    assert any(d.country == "DE" for d in ledger.debtors)
    assert any(d.language == "en" for d in ledger.debtors)
    assert any(0 < i.paid < i.amount for i in ledger.invoices)  # a partial payment
    assert any(i.paid == i.amount > 0 for i in ledger.invoices)  # a paid invoice
    assert [i.number for i in ledger.invoices if i.is_credit_note] == ["AV-2026-0012"]
    (disputed,) = [i for i in ledger.invoices if i.disputed]
    assert disputed.dispute_reason == "Livraison incomplète : 2 colis manquants"
    # The amounts French Excel wrote with a no-break space survived cp1252.
    assert Decimal("12480.00") in {i.amount for i in ledger.invoices}


def test_english_sample_reads_cleanly(uk):
    assert uk.problems == ()
    ledger = uk.ledger
    assert len(ledger.invoices) >= 15
    assert {i.currency for i in ledger.invoices} == {"GBP"}
    # Sum of (Amount - Paid) over the raw sheet cells, added outside the reader; equals
    # 7,389.00 + 6,454.80 + 23,833.99 + 5,704.00 + 49,934.99, samples/README.md's buckets.
    assert ledger.outstanding_by_currency() == {"GBP": Decimal("93316.78")}
    kinds = {d.kind for d in ledger.debtors}
    assert {PartyKind.TRADER, PartyKind.CONSUMER, PartyKind.COMPANY} <= kinds
    assert {d.subdivision for d in ledger.debtors} >= {"ENG", "SCT", "WLS"}
    # The Late Payment Act's fixed-sum bands meet at 1,000 and 10,000 GBP.
    amounts = {i.amount for i in ledger.invoices}
    assert {
        Decimal("999.99"),
        Decimal("1000.00"),
        Decimal("9999.99"),
        Decimal("10000.00"),
    } <= amounts


def test_the_uk_workbook_is_what_its_script_writes(tmp_path):
    import importlib.util

    spec = importlib.util.spec_from_file_location("make_ledger_uk", SAMPLES / "make_ledger_uk.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.save(module.build(), tmp_path / "again.xlsx")
    assert (tmp_path / "again.xlsx").read_bytes() == (SAMPLES / "ledger-uk.xlsx").read_bytes()


# ----------------------------------------------------------------- the other formats


def _mirrors(result, fr) -> None:
    """Each debtor owes what it owes in ledger-fr.csv."""
    assert not result.has_errors, result.errors
    for debtor in fr.ledger.debtors:
        assert result.ledger.outstanding_by_currency(
            debtor.id
        ) == fr.ledger.outstanding_by_currency(debtor.id), debtor.id


@pytest.mark.parametrize(
    "statement", ["releve-fr.camt053.xml", "releve-fr.cfonb", "releve-fr.ofx", "releve-fr.csv"]
)
def test_e_invoices_and_each_statement_mirror_the_csv(fr, statement):
    result = read_ledger(
        SAMPLES / "einvoices-fr",
        debtors=SAMPLES / "clients-fr.csv",
        bank=[SAMPLES / "bank" / statement],
        assign=SAMPLES / "bank" / "assign-fr.yaml",
    )
    _mirrors(result, fr)
    # The debtors file gives back every kind the CSV has.
    assert {d.kind for d in result.ledger.debtors} == set(PartyKind)


def test_the_fec_mirrors_the_csv(fr):
    result = read_ledger(
        SAMPLES / "fec" / "336585906FEC20261116.txt",
        terms=SAMPLES / "terms-fr.yaml",
        debtors=SAMPLES / "clients-fr.csv",
    )
    _mirrors(result, fr)
    open_numbers = {i.number for i in result.ledger.invoices if i.outstanding}
    assert open_numbers == {i.number for i in fr.ledger.invoices if i.outstanding}
    # The terms file reproduces every due date of the CSV.
    due = {i.number: i.due_date for i in fr.ledger.invoices if not i.is_credit_note}
    assert {i.number: i.due_date for i in result.ledger.invoices if i.number in due} == due


def test_the_generator_gives_the_same_bytes(tmp_path):
    import subprocess
    import sys

    subprocess.run(
        [sys.executable, str(SAMPLES / "make_formats.py"), "--out", str(tmp_path)],
        check=True,
        capture_output=True,
    )
    made = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*") if p.is_file())
    assert len(made) == 31 + 5 + 1 + 2  # e-invoices, bank (4 + assign), FEC, clients, terms
    for name in made:
        assert (tmp_path / name).read_bytes() == (SAMPLES / name).read_bytes(), name
