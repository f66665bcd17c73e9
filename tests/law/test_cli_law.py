"""The rules layer through the command line: every worked example of the fact sheets,
read from the JSON output of ``relance interest``, ``deadline``, ``terms`` and ``assess``.

Each figure carries its arithmetic or its source (shared/research/fr_rules.md section 7,
uk_de_eu_rules.md section 6)."""

import json
from decimal import Decimal

import pytest
from click.testing import CliRunner

from relance_docs.cli import cli

from ..conftest import REFERENCE_DATE, SAMPLES

FR = str(SAMPLES / "ledger-fr.csv")
UK = str(SAMPLES / "ledger-uk.xlsx")
CREDITOR_FR = str(SAMPLES / "creditor-fr.yaml")
CREDITOR_UK = str(SAMPLES / "creditor-uk.yaml")


def run_json(*args: str):
    result = CliRunner().invoke(cli, [*args, "--json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def interest(*args: str):
    return run_json("interest", *args)


def amounts(data):
    return [line["amount"] for line in data["lines"]]


class TestInterestFrance:
    def test_ex2_consumer_from_the_formal_notice(self):
        # fr_rules.md Ex. 2: 2,500 x 3.71 % x 140/365 = 35.58 ; x 2.76 % x 77/365 = 14.56.
        args = (
            "--jurisdiction",
            "FR",
            "--creditor-kind",
            "company",
            "--debtor-kind",
            "consumer",
            "--amount",
            "2500.00",
            "--due",
            "2025-01-31",
            "--notice-received",
            "2025-02-10",
            "--until",
            "2025-09-15",
        )
        data = interest(*args)
        assert [(x["start"], x["end"], x["days"], x["rate"]) for x in data["lines"]] == [
            ("2025-02-11", "2025-06-30", 140, "3.71"),
            ("2025-07-01", "2025-09-15", 77, "2.76"),
        ]
        assert amounts(data) == ["35.58", "14.56"]
        assert data["interest"] == "50.14"  # per-line rounding (the default)
        assert interest(*args, "--rounding", "total")["interest"] == "50.13"  # 50.131506
        assert data["fixed_compensation"] == "0.00"
        assert data["currency"] == "EUR" and data["principal"] == "2500.00"

    def test_ex3_judgment_increase(self):
        # Ex. 3: 10,000 x 8.01 % x 60/365 = 131.67 ; 10,000 x 13.01 % x 105/365 = 374.26.
        data = interest(
            "--jurisdiction",
            "FR",
            "--creditor-kind",
            "consumer",
            "--debtor-kind",
            "consumer",
            "--amount",
            "10000",
            "--due",
            "2024-01-15",
            "--judgment-enforceable",
            "2024-01-15",
            "--until",
            "2024-06-28",
        )
        assert [x["rate"] for x in data["lines"]] == ["8.01", "13.01"]
        assert amounts(data) == ["131.67", "374.26"]
        assert data["interest"] == "505.93"

    @pytest.mark.parametrize(
        ("until", "expected"),
        [
            # Ex. 7a: 4,800 x 12.15 % x 76/365 = 121.43
            ("2025-12-15", ["121.43"]),
            # Ex. 7b: 4,800 x 12.15 % x 92/365 = 147.00 ; x 90/365 = 143.80 (total 290.80)
            ("2026-03-31", ["147.00", "143.80"]),
        ],
    )
    def test_ex7_b2b_penalties(self, until, expected):
        data = interest(
            "--jurisdiction",
            "FR",
            "--creditor-kind",
            "company",
            "--debtor-kind",
            "company",
            "--amount",
            "4800",
            "--due",
            "2025-09-30",
            "--until",
            until,
        )
        assert amounts(data) == expected
        assert data["fixed_compensation"] == "40.00"  # D441-5
        assert data["lines"][0]["basis"] == "C. com. L441-10 II"

    def test_partial_payment_and_contract_rate_options(self):
        data = interest(
            "--jurisdiction",
            "FR",
            "--creditor-kind",
            "company",
            "--debtor-kind",
            "company",
            "--amount",
            "2 000,00",
            "--due",
            "2025-09-30",
            "--until",
            "2025-11-30",
            "--payment",
            "2025-10-31:500",
            "--contract-rate",
            "15",
        )
        # 2000 x 15 % x 31/365 = 25.479452 ; 1500 x 15 % x 30/365 = 18.493151
        assert amounts(data) == ["25.48", "18.49"]
        assert data["outstanding"] == "1500.00"


class TestInterestElsewhere:
    def test_uk_ex1(self):
        # Ex 1: Bank Rate 5.25 on 31 Dec 2023 + 8 = 13.25 %; 2500 x 13.25 % x 167/365
        # = 151.56; fixed sum £70 (1,000 <= 2,500 < 10,000); claim £221.56.
        data = interest(
            "--jurisdiction",
            "GB",
            "--creditor-kind",
            "company",
            "--debtor-kind",
            "company",
            "--amount",
            "2500",
            "--due",
            "2024-03-01",
            "--until",
            "2024-08-15",
        )
        assert data["currency"] == "GBP"
        assert [(x["days"], x["rate"], x["amount"]) for x in data["lines"]] == [
            (167, "13.25", "151.56")
        ]
        assert data["fixed_compensation"] == "70.00"
        assert data["total"] == "221.56"

    @pytest.mark.parametrize(
        ("amount", "fixed"),
        # Ex 4: s.5A bands (less than 1,000: 40; less than 10,000: 70; else 100).
        [("999.99", "40.00"), ("1000.00", "70.00"), ("9999.99", "70.00"), ("10000.00", "100.00")],
    )
    def test_uk_ex4_bands(self, amount, fixed):
        data = interest(
            "--jurisdiction",
            "GB",
            "--creditor-kind",
            "company",
            "--debtor-kind",
            "company",
            "--amount",
            amount,
            "--due",
            "2025-03-31",
            "--until",
            "2025-04-30",
        )
        assert data["fixed_compensation"] == fixed

    def test_uk_ex11_judgment_interest(self):
        # Ex 11: CCJ £4,000 on a qualifying debt: 8 % a year = £320, about £0.88 a day
        # (4000 x 8 % / 365 = 0.8767).
        data = interest(
            "--jurisdiction",
            "GB",
            "--creditor-kind",
            "company",
            "--debtor-kind",
            "company",
            "--amount",
            "4000",
            "--due",
            "2025-01-01",
            "--judgment-enforceable",
            "2025-01-01",
            "--until",
            "2025-12-31",
        )
        assert data["lines"][-1]["rate"] == "8.00"
        assert data["daily_interest"] == "0.88"
        # Non-qualifying (consumer) debt of £4,000: no statutory judgment interest ...
        data = interest(
            "--jurisdiction",
            "GB",
            "--creditor-kind",
            "company",
            "--debtor-kind",
            "consumer",
            "--amount",
            "4000",
            "--due",
            "2025-01-01",
            "--judgment-enforceable",
            "2025-01-01",
            "--until",
            "2025-12-31",
        )
        assert data["lines"] == [] and data["interest"] == "0.00"
        # ... but £5,000: 8 %; 5000 x 8 % x 364/365 = 398.90.
        data = interest(
            "--jurisdiction",
            "GB",
            "--creditor-kind",
            "company",
            "--debtor-kind",
            "consumer",
            "--amount",
            "5000",
            "--due",
            "2025-01-01",
            "--judgment-enforceable",
            "2025-01-01",
            "--until",
            "2025-12-31",
        )
        assert data["interest"] == "398.90"

    def test_de_ex6(self):
        # Ex 6: 1.27 + 5 = 6.27 %; 1000 x 6.27 % x 181/365 = 31.09; no Pauschale.
        data = interest(
            "--jurisdiction",
            "DE",
            "--creditor-kind",
            "company",
            "--debtor-kind",
            "consumer",
            "--amount",
            "1000",
            "--due",
            "2025-12-31",
            "--until",
            "2026-06-30",
        )
        assert data["interest"] == "31.09" and data["fixed_compensation"] == "0.00"

    def test_eu_ex12(self):
        # Ex 12: ECB 2.15 + 8 = 10.15 %; 10000 x 10.15 % x 184/365 = 511.67, + EUR 40.
        data = interest(
            "--jurisdiction",
            "EU",
            "--creditor-kind",
            "company",
            "--debtor-kind",
            "company",
            "--amount",
            "10000",
            "--due",
            "2025-06-30",
            "--until",
            "2025-12-31",
        )
        assert data["interest"] == "511.67" and data["fixed_compensation"] == "40.00"


class TestDeadlines:
    @pytest.mark.parametrize(
        ("start", "end"),
        # Ex. 5: 31 Jan + 1 month -> 28 Feb 2025; 29 Feb 2024; Sat 28 Feb 2026 -> Mon 2 Mar.
        [("2025-01-31", "2025-02-28"), ("2024-01-31", "2024-02-29"), ("2026-01-31", "2026-03-02")],
    )
    def test_fr_ex5(self, start, end):
        data = run_json("deadline", "--from", start, "--period", "1 mois")
        assert data["end"] == end

    def test_fr_ex10_service_deadlines(self):
        # Ex. 10: 31 Aug 2026 + 6 months -> Sun 28 Feb 2027 -> Mon 1 Mar 2027;
        # 10 Sep 2026 + 3 months -> Thu 10 Dec 2026.
        old = run_json("deadline", "--from", "2026-08-31", "--period", "6 mois")
        assert (old["nominal_end"], old["end"]) == ("2027-02-28", "2027-03-01")
        assert run_json("deadline", "--from", "2026-09-10", "--period", "3 mois")["end"] == (
            "2026-12-10"
        )

    def test_good_friday_in_paris_and_strasbourg(self):
        # 3 Apr 2026 is Good Friday: a working day in Paris; in Alsace-Moselle a holiday
        # only in communes with a Protestant temple or a mixed church (C. trav. L3134-13).
        # A deadline the user must meet ends on the earlier possible day, Fri 3 Apr; the
        # later one (weekend, Easter Monday: Tue 7 Apr 2026) is in an unconfirmed reason.
        paris = run_json("deadline", "--from", "2026-04-02", "--period", "1 jour")
        alsace = run_json(
            "deadline", "--from", "2026-04-02", "--period", "1 jour", "--subdivision", "67"
        )
        assert paris["end"] == "2026-04-03"
        assert alsace["end"] == "2026-04-03"
        later = [r for r in alsace["reasons"] if r.get("unconfirmed")]
        assert later and "Tuesday 7 April 2026" in later[0]["text"]

    def test_distance_abroad(self):
        # CPC 643: 1 month + 2 months abroad from 15 Jan 2026 -> 15 Apr 2026 (a Wednesday).
        data = run_json(
            "deadline", "--from", "2026-01-15", "--period", "1 mois", "--distance", "abroad"
        )
        assert data["end"] == "2026-04-15"

    def test_de_ex7(self):
        # Ex 7: 4 Mar 2026 + 30 days = Good Friday 3 Apr 2026 -> BGB 193 -> Tue 7 Apr 2026.
        data = run_json(
            "deadline", "--jurisdiction", "DE", "--from", "2026-03-04", "--period", "30 days"
        )
        assert (data["nominal_end"], data["end"]) == ("2026-04-03", "2026-04-07")

    def test_uk_ex9(self):
        # Ex 9: letter 19 Mar 2025 + 30 days = Good Friday 18 Apr 2025; no roll-forward;
        # the first working day after it is Tue 22 Apr 2025.
        data = run_json(
            "deadline",
            "--jurisdiction",
            "GB",
            "--subdivision",
            "ENG",
            "--from",
            "2025-03-19",
            "--period",
            "30 days",
        )
        assert data["end"] == "2025-04-18"
        assert data["earliest_action"] == "2025-04-22"

    def test_fr_ex12_payment_terms(self):
        # Ex. 12: invoice Fri 10 Jan 2025, goods received Sun 5 Jan 2025.
        data = run_json("terms", "--invoice-date", "2025-01-10", "--received", "2025-01-05")
        assert data["default_30_days"] == "2025-02-04"
        assert data["cap_60_days"] == "2025-03-11"
        assert data["cap_45_eom_a"] == "2025-02-28"
        assert data["cap_45_eom_b"] == "2025-03-17"
        assert data["periodic_45_days"] == "2025-02-24"
        late = run_json("terms", "--invoice-date", "2025-01-10", "--due", "2025-03-31")
        assert late["compliant"] is False and late["warnings"]


def assess(*args: str):
    return run_json("assess", *args)


def outcome(data, pid):
    return next(p for p in data["procedures"] if p["id"] == pid)["outcome"]


class TestAssess:
    def test_fr_ex7_petites_creances(self):
        base = (
            "--jurisdiction",
            "FR",
            "--amount",
            "4800",
            "--due",
            "2025-09-30",
            "--creditor-kind",
            "company",
            "--debtor-kind",
            "company",
            "--creditor-country",
            "FR",
            "--debtor-country",
            "FR",
            "--debtor-city",
            "Saint-Étienne",
        )
        a = assess(*base, "--as-of", "2025-12-15")
        # 4,800 + 121.43 = 4,921.43 (4,961.43 with the 40 EUR): eligible either way.
        assert a["claim"]["interest"] == "121.43"
        assert a["claim"]["total"] == "4961.43"
        assert outcome(a, "fr.petites_creances") == "eligible"
        b = assess(*base, "--as-of", "2026-03-31")
        # 4,800 + 290.80 = 5,090.80 > 5,000: not eligible.
        assert b["claim"]["interest"] == "290.80"
        assert outcome(b, "fr.petites_creances") == "ineligible"
        ip = next(p for p in b["procedures"] if p["id"] == "fr.injonction_de_payer")
        assert ip["form"] == "CERFA 12946*02"
        assert "tribunal de commerce" in ip["court"]
        assert all(r["basis"] for p in b["procedures"] for r in p["reasons"])

    def test_fr_ex9_limitation(self):
        common = (
            "--jurisdiction",
            "FR",
            "--amount",
            "1000",
            "--due",
            "2024-03-15",
            "--as-of",
            "2026-11-16",
            "--creditor-kind",
            "company",
            "--creditor-country",
            "FR",
            "--debtor-country",
            "FR",
        )
        consumer = assess(*common, "--debtor-kind", "consumer")["limitation"]
        # L218-2: 2 years -> 15 Mar 2026 (nominal; a Sunday, extension unconfirmed).
        assert (consumer["end"], consumer["status"]) == ("2026-03-15", "time_barred")
        business = assess(*common, "--debtor-kind", "company")["limitation"]
        assert (business["end"], business["status"]) == ("2029-03-15", "running")  # L110-4

    @pytest.mark.parametrize(
        ("amount", "creditor", "debtor", "expected"),
        [
            ("5000.00", "DE", "FR", "eligible"),  # Ex 8(a)/(e): interest excluded
            ("5000.01", "DE", "FR", "ineligible"),  # Ex 8(b)
            ("5000.00", "FR", "FR", "ineligible"),  # Ex 8(d): not cross-border
            ("5000.00", "GB", "FR", "needs_review"),  # Ex 8(f): unconfirmed
        ],
    )
    def test_eu_ex8_small_claims(self, amount, creditor, debtor, expected):
        data = assess(
            "--jurisdiction",
            "FR",
            "--amount",
            amount,
            "--due",
            "2025-01-31",
            "--as-of",
            "2025-11-30",
            "--creditor-kind",
            "company",
            "--debtor-kind",
            "consumer",
            "--creditor-country",
            creditor,
            "--debtor-country",
            debtor,
        )
        assert outcome(data, "eu.small_claims") == expected

    def test_eu_ex8c_fixed_sum_at_the_ceiling(self):
        # Ex 8(c): 4,980 + the 40 EUR fixed compensation: borderline, needs review.
        data = assess(
            "--jurisdiction",
            "FR",
            "--amount",
            "4980",
            "--due",
            "2025-01-31",
            "--as-of",
            "2025-03-31",
            "--creditor-kind",
            "company",
            "--debtor-kind",
            "company",
            "--creditor-country",
            "DE",
            "--debtor-country",
            "FR",
        )
        assert data["claim"]["fixed_compensation"] == "40.00"
        assert outcome(data, "eu.small_claims") == "needs_review"

    @pytest.mark.parametrize(
        ("amount", "fee"),
        # Ex 10: 9,950 + 60 = 10,010 -> 5 % = £500.50; 9,880 + 60 = 9,940 -> £455.
        [("9950", "500.50"), ("9880", "455.00")],
    )
    def test_uk_ex10_fee_and_track(self, amount, fee):
        data = assess(
            "--jurisdiction",
            "GB",
            "--amount",
            amount,
            "--interest",
            "60",
            "--due",
            "2025-01-31",
            "--as-of",
            "2025-06-30",
            "--creditor-kind",
            "company",
            "--debtor-kind",
            "consumer",
            "--creditor-country",
            "GB",
            "--debtor-country",
            "GB",
            "--subdivision",
            "ENG",
        )
        mcol = next(p for p in data["procedures"] if p["id"] == "gb.money_claim_online")
        assert mcol["fee"] == fee
        assert outcome(data, "gb.small_claims_track") == "eligible"  # 9,950 <= 10,000
        papdc = next(p for p in data["prerequisites"] if p["id"] == "gb.pre_action_protocol_debt")
        assert papdc["required"] == "required"
        assert any("rules/GB/pack.yaml" in w for w in data["warnings"])

    def test_the_french_sample_explains_every_debtor(self):
        result = CliRunner().invoke(
            cli,
            ["assess", FR, "--creditor", CREDITOR_FR, "--as-of", str(REFERENCE_DATE), "--json"],
        )
        assert result.exit_code == 0, result.output
        debtors = {d["debtor"]["id"]: d for d in json.loads(result.output)}
        # All twelve sample debtors have an overdue (or disputed) balance on that date.
        assert set(debtors) == {f"C{n:03}" for n in range(1, 13)}
        for d in debtors.values():
            assert {p["id"] for p in d["procedures"]} >= {
                "fr.injonction_de_payer",
                "fr.petites_creances",
                "eu.order_for_payment",
            }
            for p in d["procedures"]:
                assert p["outcome"] in {"eligible", "ineligible", "needs_review"}
                assert p["reasons"] and all(r["basis"] for r in p["reasons"])
        # Strasbourg (Bas-Rhin): no tribunal de commerce in Alsace-Moselle.
        ip = next(p for p in debtors["C008"]["procedures"] if p["id"] == "fr.injonction_de_payer")
        assert "chambre commerciale du tribunal judiciaire" in ip["court"]
        # Karlsruhe: the European order for payment and the Mahnverfahren are open.
        assert outcome(debtors["C010"], "eu.order_for_payment") == "eligible"
        assert outcome(debtors["C010"], "de.mahnverfahren") == "eligible"
        # The disputed invoice of C009 (Metz) stays out of the claim.
        assert [x["invoice"] for x in debtors["C009"]["disputed"]] == ["FA-2026-0063"]
        # The 2026-S2 ECB rate is past its verified date: said, with the file to update.
        assert any("rules/EU/ecb_mro.yaml" in w for w in debtors["C001"]["warnings"])

    def test_the_uk_sample(self):
        result = CliRunner().invoke(
            cli,
            ["assess", UK, "--creditor", CREDITOR_UK, "--as-of", str(REFERENCE_DATE), "--json"],
        )
        assert result.exit_code == 0, result.output
        data = json.loads(result.output)
        assert data and all(d["currency"] == "GBP" for d in data)
        for d in data:
            assert outcome(d, "fr.injonction_de_payer") == "ineligible"

    def test_a_single_case_without_its_facts_is_a_usage_error(self):
        result = CliRunner().invoke(cli, ["assess", "--amount", "100"])
        assert result.exit_code == 2
        assert "--jurisdiction" in result.output

    def test_a_ledger_needs_a_date(self):
        result = CliRunner().invoke(cli, ["interest", FR])
        assert result.exit_code == 2 and "--as-of" in result.output


def test_interest_over_the_sample_ledger():
    data = run_json("interest", FR, "--creditor", CREDITOR_FR, "--as-of", str(REFERENCE_DATE))
    c001 = next(d for d in data if d["debtor"]["id"] == "C001")
    assert c001["fixed_compensation"] == "80.00"  # two late invoices x 40 EUR (D441-5)
    for d in data:
        # The debtor's interest is the sum of its invoices' (each the sum of its lines).
        total = sum((Decimal(i["interest"]) for i in d["invoices"]), Decimal(0))
        assert str(total) == d["interest"]
