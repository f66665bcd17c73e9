"""England & Wales: Late Payment of Commercial Debts (Interest) Act 1998, County Court
routes and the Pre-Action Protocol for Debt Claims.

Worked examples: shared/research/uk_de_eu_rules.md section 6; Bank Rate table section 1.2
(rules/GB/bank_rate.yaml).
"""

from datetime import date
from decimal import Decimal

import pytest

from relance_docs.law.interest import compute_interest


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
