"""``relance check`` on the new sources: what it says of the bank and of due dates."""

from __future__ import annotations

from decimal import Decimal

import pytest
from click.testing import CliRunner

from relance_docs.cli import cli
from relance_docs.cli.ledger import fmt_amount
from relance_docs.cli.output import fmt_amount as babel_amount

from .conftest import SAMPLES


@pytest.mark.parametrize(
    "value", ["0", "0.05", "999", "-240", "1234.5", "101219.20", "-1234567.89"]
)
@pytest.mark.parametrize(
    ("currency", "locale"), [("EUR", "fr_FR"), ("GBP", "en_GB"), ("EUR", "en_GB")]
)
def test_the_fast_amounts_are_babels(value, currency, locale):
    assert fmt_amount(Decimal(value), currency, locale) == babel_amount(
        Decimal(value), currency, locale
    )


def test_check_with_a_statement_summarises_the_matching():
    run = CliRunner().invoke(
        cli,
        [
            "check",
            str(SAMPLES / "einvoices-fr"),
            "--creditor",
            str(SAMPLES / "creditor-fr.yaml"),
            "--debtors",
            str(SAMPLES / "clients-fr.csv"),
            "--bank",
            str(SAMPLES / "bank" / "releve-fr.cfonb"),
        ],
    )
    assert run.exit_code == 0, run.output
    out = run.output.replace("\u202f", " ").replace("\xa0", " ")
    assert "Read " in out and "releve-fr.cfonb (CFONB 120): 6 lines." in out
    assert (
        "Bank: 2 credits matched to invoices, 2 not matched, 0 set aside, 2 debits not read "
        "('relance match' says why)."
    ) in out
    assert "Outstanding EUR: 101 219,20 €" in out
    # Without the assignment file the rent is one of the credits left to assign.
    assert "credit of 1250.00 EUR on 20/10/2026 not matched" in out
