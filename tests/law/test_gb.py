"""England & Wales: Late Payment of Commercial Debts (Interest) Act 1998, County Court
routes and the Pre-Action Protocol for Debt Claims.

Worked examples: shared/research/uk_de_eu_rules.md section 6; Bank Rate table section 1.2
(rules/GB/bank_rate.yaml).
"""

from datetime import date
from decimal import Decimal

import pytest

from relance_docs.law.interest import compute_interest
from relance_docs.law.packs import load_pack
from relance_docs.law.procedures import (
    Claim,
    ClaimParty,
    Outcome,
    Requirement,
    assess,
    gb_issue_fee,
)


def gb(amount, due, until, creditor="company", debtor="company", **kw):
    return compute_interest(
        jurisdiction="GB",
        creditor_kind=creditor,
        debtor_kind=debtor,
        principal=Decimal(amount),
        due=due,
        until=until,
        **kw,
    )


class TestLatePaymentAct:
    def test_ex1(self):
        # Ex 1: £2,500 due Fri 1 Mar 2024, paid Thu 15 Aug 2024. Interest starts 2 Mar 2024,
        # so the reference day is 31 Dec 2023: Bank Rate 5.25 + 8 = 13.25 %.
        # 15 Aug - 1 Mar = 167 days; 2500 x 13.25 % x 167/365 = 151.5582... -> £151.56.
        r = gb("2500.00", date(2024, 3, 1), date(2024, 8, 15))
        assert [(str(ln.start), str(ln.end), ln.days, str(ln.rate)) for ln in r.lines] == [
            ("2024-03-02", "2024-08-15", 167, "13.25")
        ]
        assert r.interest == Decimal("151.56")
        # s.5A: £1,000 <= 2,500 < £10,000 -> £70; claim after payment £221.56.
        assert r.fixed_compensation == Decimal("70.00")
        assert r.total == Decimal("221.56")
        assert r.currency == "GBP"

    def test_ex1_actual_366_option(self):
        # 2500 x 13.25 % x 167/366 = 151.1441... -> £151.14 (2024 is a leap year).
        r = gb("2500.00", date(2024, 3, 1), date(2024, 8, 15), day_count="act/act")
        assert r.interest == Decimal("151.14")

    def test_one_rate_for_the_whole_debt_not_rebased_each_half_year(self):
        # Interest starting 2 Jan 2023 uses Bank Rate on 31 Dec 2022 (3.50) + 8 = 11.50 %,
        # for its whole life, although Bank Rate was 5.00 on 30 Jun 2023.
        r = gb("1000.00", date(2023, 1, 1), date(2023, 12, 31))
        assert [ln.rate for ln in r.lines] == [Decimal("11.50")]
        assert "31 December 2022 (3.50 %)" in r.lines[0].reference

    def test_reference_day_is_30_june_for_interest_starting_1_july(self):
        # Starts 1 Jul 2025 -> Bank Rate on 30 Jun 2025 = 4.25 -> 12.25 %.
        r = gb("1000.00", date(2025, 6, 30), date(2025, 7, 31))
        assert r.lines[0].rate == Decimal("12.25")
        # Starts 30 Jun 2025 -> Bank Rate on 31 Dec 2024 = 4.75 -> 12.75 %.
        r = gb("1000.00", date(2025, 6, 29), date(2025, 7, 31))
        assert r.lines[0].rate == Decimal("12.75")

    @pytest.mark.parametrize(
        ("amount", "fixed"),
        [
            # Ex 4: s.5A bands: less than £1,000 -> £40; £1,000 to less than £10,000 ->
            # £70; £10,000 or more -> £100.
            ("0.01", "40.00"),
            ("999.99", "40.00"),
            ("1000.00", "70.00"),
            ("9999.99", "70.00"),
            ("10000.00", "100.00"),
        ],
    )
    def test_ex4_fixed_sum_bands(self, amount, fixed):
        r = gb(amount, date(2025, 3, 31), date(2025, 4, 30))
        assert r.fixed_compensation == Decimal(fixed)

    def test_interest_starting_in_h2_2026_uses_an_unverified_bank_rate_and_says_so(self):
        r = gb("1000.00", date(2026, 7, 31), date(2026, 11, 16))
        assert r.lines[0].rate == Decimal("11.75")  # 3.75 (last known) + 8
        assert [w.file for w in r.warnings] == ["GB/bank_rate.yaml"]

    def test_consumer_debts_are_outside_the_act(self):
        r = gb("1000.00", date(2025, 3, 31), date(2025, 4, 30), debtor="consumer")
        assert r.lines == () and r.fixed_compensation == 0
        assert "s.69" in str(r.warnings[0])

    def test_daily_interest(self):
        # £10,000 at 12.25 %: 10000 x 12.25 % / 365 = £3.356... a day.
        r = gb("10000.00", date(2025, 6, 30), date(2025, 7, 31))
        assert round(r.daily_interest, 4) == Decimal("3.3562")


# --------------------------------------------------------------------------- County Court
# Routes, fees and the Pre-Action Protocol (relance_docs/law/procedures.py); facts:
# shared/research/uk_de_eu_rules.md §1.4 (PAPDC), §1.5 (County Court), §1.6 (Scotland),
# §6 Ex 10. Unless a test says otherwise: an English company claims from a company in
# England, assessed on Mon 5 Jan 2026.


def gb_claim(
    principal,
    interest="0",
    fixed="0",
    *,
    creditor="company",
    debtor="company",
    creditor_country="GB",
    debtor_country="GB",
    subdivision="ENG",
    currency="GBP",
    as_of=date(2026, 1, 5),
    oldest_due=date(2025, 9, 30),
):
    return assess(
        Claim(
            creditor=ClaimParty(creditor, creditor_country),
            debtor=ClaimParty(debtor, debtor_country, subdivision=subdivision),
            currency=currency,
            principal=Decimal(principal),
            interest=Decimal(interest),
            fixed_compensation=Decimal(fixed),
            as_of=as_of,
            oldest_due=oldest_due,
            jurisdiction="GB",
        )
    )


class TestIssueFee:
    """The issue fee is on the amount claimed including interest (gov.uk table, §1.5)."""

    GB = load_pack("GB")
    DAY = date(2025, 1, 1)

    def fee(self, amount, day=DAY):
        return gb_issue_fee(Decimal(amount), self.GB, day)

    def test_ex10(self):
        # £9,950 + £60 interest = £10,010 claimed: 5 % = £500.50.
        assert self.fee("10010.00")[0] == Decimal("500.50")
        # £9,940 in total: £5,000.01-£10,000 band, £455.
        assert self.fee("9940.00")[0] == Decimal("455.00")

    @pytest.mark.parametrize(
        ("amount", "fee"),
        [
            ("0.01", "35.00"),
            ("300.00", "35.00"),  # up to £300
            ("300.01", "50.00"),
            ("500.00", "50.00"),
            ("500.01", "70.00"),
            ("1000.00", "70.00"),
            ("1000.01", "80.00"),
            ("1500.00", "80.00"),
            ("1500.01", "115.00"),
            ("3000.00", "115.00"),
            ("3000.01", "205.00"),
            ("5000.00", "205.00"),
            ("5000.01", "455.00"),
            ("10000.00", "455.00"),
            ("10000.01", "500.00"),  # 5 % = 500.0005, rounded down to 1p
            ("10000.19", "500.00"),  # 500.0095: down, not half-up (500.01)
            ("200000.00", "10000.00"),  # 5 % = 10,000.00
            ("200000.01", "10000.00"),  # more than £200,000: £10,000
            ("1000000.00", "10000.00"),
        ],
    )
    def test_bands(self, amount, fee):
        assert self.fee(amount)[0] == Decimal(fee)

    def test_the_table_is_verified_until_7_april_2025(self):
        # SI 2025/351 (in force 8 Apr 2025) made "inflationary increases": whether these
        # bands changed is not confirmed (§1.5, §7.3).
        assert self.fee("1000.00", date(2025, 4, 7))[1] is None
        fee, warning = self.fee("1000.00", date(2025, 4, 8))
        assert fee == Decimal("70.00")
        assert warning.file == "GB/pack.yaml"
        assert "2025-04-07" in warning.message
        assert "rules/GB/pack.yaml" in warning.message


class TestCountyCourtRoutes:
    def test_ex10_fee_band_vs_track_value(self):
        a = gb_claim("9950.00", "60.00")
        # Track value £9,950 (interest excluded) <= £10,000: small claims track.
        track = a.procedure("gb.small_claims_track")
        assert track.outcome is Outcome.ELIGIBLE
        assert "9950.00 GBP" in track.reasons[0].text
        assert track.reasons[0].basis == "CPR r.26.6(3); PD 26 para 7.4"
        # The fee is on the amount claimed, £10,010: 5 % = £500.50.
        assert track.fee == Decimal("500.50")
        mcol = a.procedure("gb.money_claim_online")
        assert mcol.outcome is Outcome.ELIGIBLE
        assert mcol.fee == Decimal("500.50")
        # Assessed after 7 Apr 2025: the fee table's warning names its file.
        assert [w.file for w in a.warnings if w.series == "issue_fee"] == ["GB/pack.yaml"]

    def test_ex10_same_claim_for_9940_in_total(self):
        a = gb_claim("9880.00", "60.00")
        assert a.procedure("gb.money_claim_online").fee == Decimal("455.00")

    def test_money_claim_online_is_for_sums_below_100000(self):
        # "limited to £99,999.99": £99,899.99 + the s.5A £100 = £99,999.99.
        p = gb_claim("99899.99", "0", "100.00").procedure("gb.money_claim_online")
        assert p.outcome is Outcome.ELIGIBLE
        assert "99999.99 GBP" in p.reasons[0].text
        # £100,000.00 is not below £100,000.
        p = gb_claim("99000.00", "900.00", "100.00").procedure("gb.money_claim_online")
        assert p.outcome is Outcome.INELIGIBLE
        assert "100000.00 GBP" in p.reasons[0].text
        assert p.fee is None

    def test_small_claims_track_up_to_10000_excluding_interest(self):
        # CPR r.26.6(3): "not more than £10,000"; interest excluded (PD 26 para 7.4).
        p = gb_claim("10000.00", "750.00").procedure("gb.small_claims_track")
        assert p.outcome is Outcome.ELIGIBLE
        p = gb_claim("10000.01").procedure("gb.small_claims_track")
        assert p.outcome is Outcome.INELIGIBLE
        assert "fast track or multi-track" in p.reasons[0].text
        assert p.fee is None

    def test_the_rule_number_is_flagged(self):
        # CPR Part 26 was rewritten in Oct 2023: r.26.6(3) may have been renumbered.
        p = gb_claim("1000.00").procedure("gb.small_claims_track")
        assert any(r.unconfirmed and r.basis == "CPR Part 26" for r in p.reasons)

    @pytest.mark.parametrize("nation", ["SCT", "NIR"])
    def test_scotland_and_northern_ireland_have_their_own_courts(self, nation):
        a = gb_claim("1000.00", subdivision=nation)
        for pid in ("gb.money_claim_online", "gb.small_claims_track"):
            p = a.procedure(pid)
            assert p.outcome is Outcome.INELIGIBLE
            assert p.fee is None
        if nation == "SCT":
            assert "Simple Procedure for claims up to £5,000" in p.reasons[0].text

    def test_no_connection_with_the_uk(self):
        a = gb_claim("1000.00", currency="EUR", creditor_country="FR", debtor_country="FR")
        for pid in ("gb.money_claim_online", "gb.small_claims_track"):
            p = a.procedure(pid)
            assert p.outcome is Outcome.INELIGIBLE
            assert "Neither party is in the United Kingdom" in p.reasons[0].text

    def test_debtor_abroad(self):
        p = gb_claim("1000.00", debtor_country="FR", subdivision=None).procedure(
            "gb.money_claim_online"
        )
        assert p.outcome is Outcome.NEEDS_REVIEW
        assert "outside the United Kingdom (FR)" in p.reasons[0].text

    def test_unknown_nation(self):
        p = gb_claim("1000.00", subdivision=None).procedure("gb.small_claims_track")
        assert p.outcome is Outcome.NEEDS_REVIEW
        assert "nation" in p.reasons[0].text

    def test_a_claim_in_euros(self):
        p = gb_claim("1000.00", currency="EUR").procedure("gb.money_claim_online")
        assert p.outcome is Outcome.NEEDS_REVIEW
        assert p.reasons[0].unconfirmed
        assert p.fee is None

    def test_an_individual_debtor_needs_the_letter_of_claim_first(self):
        p = gb_claim("1000.00", debtor="consumer").procedure("gb.money_claim_online")
        assert any(
            "30 days" in r.text and r.basis == "Pre-Action Protocol for Debt Claims"
            for r in p.reasons
        )

    def test_eligibility_before_the_fee_table(self):
        a = gb_claim("1000.00", as_of=date(2021, 6, 1), oldest_due=date(2021, 3, 31))
        assert a.procedure("gb.money_claim_online").outcome is Outcome.ELIGIBLE


class TestPreActionProtocol:
    """PAPDC (in force 1 Oct 2017): a business claiming from an individual, including a
    sole trader; 30 days to reply to the Letter of Claim (§1.4)."""

    def protocol(self, debtor, **kw):
        return gb_claim("1000.00", debtor=debtor, **kw).prerequisite("gb.pre_action_protocol_debt")

    @pytest.mark.parametrize(("debtor", "who"), [("consumer", "individual"), ("trader", "sole")])
    def test_individuals_and_sole_traders(self, debtor, who):
        p = self.protocol(debtor)
        assert p.required is Requirement.REQUIRED
        assert who in p.reasons[0].text
        assert p.reasons[0].basis == "Pre-Action Protocol for Debt Claims"
        assert "30 days" in p.reasons[1].text
        assert p.reasons[1].basis.startswith("Pre-Action Protocol for Debt Claims")
        # The research gives no paragraph number (uk_de_eu_rules.md 7.4): the reason says
        # it is unconfirmed rather than citing "para 3".
        assert p.reasons[1].unconfirmed and "para 3" not in p.reasons[1].basis

    @pytest.mark.parametrize("debtor", ["company", "public"])
    def test_companies_under_the_practice_direction(self, debtor):
        # Practice Direction - Pre-Action Conduct: a reasonable period, typically 14 days.
        p = self.protocol(debtor)
        assert p.required is Requirement.NOT_REQUIRED
        assert "14 days" in p.reasons[0].text
        assert p.reasons[0].basis.startswith("Practice Direction - Pre-Action Conduct")

    @pytest.mark.parametrize("debtor", ["professional", None])
    def test_unknown_whether_an_individual(self, debtor):
        p = self.protocol(debtor)
        assert p.required is Requirement.NEEDS_REVIEW
        assert "sole trader" in p.reasons[0].text

    def test_not_in_scotland(self):
        p = self.protocol("consumer", subdivision="SCT")
        assert p.required is Requirement.NOT_REQUIRED
        assert "England and Wales only" in p.reasons[0].text

    def test_not_for_a_debtor_outside_the_uk(self):
        p = self.protocol("consumer", debtor_country="FR", subdivision=None)
        assert p.required is Requirement.NOT_REQUIRED

    def test_not_for_a_creditor_who_is_not_a_business(self):
        p = self.protocol("consumer", creditor="consumer")
        assert p.required is Requirement.NOT_REQUIRED


class TestLimitationGB:
    """6 years in England & Wales (Limitation Act 1980 s.5); 5 years in Scotland
    (Prescription and Limitation (Scotland) Act 1973)."""

    DUE = date(2024, 3, 15)

    def test_england_and_wales_six_years(self):
        lim = gb_claim("1000.00", oldest_due=self.DUE).limitation
        # 15 Mar 2024 + 6 years = 15 Mar 2030.
        assert (lim.status, lim.period, lim.end) == ("running", "6 years", date(2030, 3, 15))
        assert lim.reasons[0].basis.startswith("Limitation Act 1980 s.5")

    def test_scotland_five_years(self):
        lim = gb_claim("1000.00", subdivision="SCT", oldest_due=self.DUE).limitation
        # 15 Mar 2024 + 5 years = 15 Mar 2029.
        assert (lim.period, lim.end) == ("5 years", date(2029, 3, 15))
        assert lim.reasons[0].basis.startswith("Prescription and Limitation (Scotland) Act 1973")

    def test_time_barred_the_day_after(self):
        lim = gb_claim("1000.00", oldest_due=self.DUE, as_of=date(2030, 3, 16)).limitation
        assert lim.status == "time_barred"
