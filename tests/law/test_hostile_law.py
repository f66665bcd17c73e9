"""Hostile inputs to the options the audit added: one plain line, never a wrong answer."""

from datetime import date
from decimal import Decimal

import pytest
from click.testing import CliRunner

from relance_docs.cli import cli
from relance_docs.errors import BadValue
from relance_docs.law.fr.courts import department_of_postcode, place_of, town_key
from relance_docs.law.interest import compute_interest


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


@pytest.mark.parametrize("currency", ["US$", "EURO", "€", "", "1234", "x" * 10_000])
def test_a_currency_that_is_not_a_code_is_refused(currency):
    with pytest.raises(BadValue, match="currency code"):
        compute_interest(
            jurisdiction="FR", creditor_kind="company", debtor_kind="company",
            principal=Decimal("100"), due=date(2026, 1, 31), until=date(2026, 3, 1),
            currency=currency or " ",
        )  # fmt: skip


@pytest.mark.parametrize("rate", ["0", "-1"])
def test_an_exchange_rate_must_be_positive(rate):
    result = run(
        "interest", "--jurisdiction", "GB", "--creditor-kind", "company", "--debtor-kind",
        "company", "--amount", "100", "--due", "2026-01-31", "--until", "2026-03-01",
        "--currency", "EUR", "--exchange-rate", rate,
    )  # fmt: skip
    assert result.exit_code != 0
    assert "Traceback" not in result.output
    assert len([x for x in result.output.splitlines() if x.strip()]) <= 3


@pytest.mark.parametrize(
    "postcode", ["ABCDE", "6700", "670000", "67 000 0", "９９９９９", "'; DROP", "6" * 5000]
)
def test_a_junk_postcode_settles_nothing(postcode):
    # Not five ASCII digits: no department from it; the town decides, or the doubt is said.
    digits = postcode.replace(" ", "")
    assert department_of_postcode(postcode) is None or (digits.isascii() and digits.isdigit())
    place = place_of("Strasbourg", postcode, None, ["57", "6AE"])
    assert place.alsace_moselle is True  # from the town's name, unique in the INSEE list


@pytest.mark.parametrize(
    "town", ["", "   ", "<script>", "S" * 10_000, "Saint-\u0301Étienne", "😀"]
)
def test_a_junk_town_is_not_placed(town):
    place = place_of(town, None, None, ["57", "6AE"])
    assert place.alsace_moselle is None or town_key(town) == "saint etienne"


def test_the_cli_takes_a_postcode_that_settles_the_court():
    result = run(
        "assess", "--jurisdiction", "FR", "--amount", "1000", "--due", "2025-09-30",
        "--as-of", "2025-12-15", "--creditor-kind", "company", "--debtor-kind", "company",
        "--creditor-country", "FR", "--debtor-country", "FR", "--debtor-city", "Saint-Louis",
        "--debtor-postcode", "57820", "--json",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "chambre commerciale du tribunal judiciaire dont relève Saint-Louis" in result.output
