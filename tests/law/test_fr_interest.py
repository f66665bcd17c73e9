"""France: late-payment penalties between professionals (C. com. L441-10) and interest at
the legal rate (C. civ. 1231-6, 1344-1; CMF L313-2, L313-3).

Worked examples are from shared/research/fr_rules.md section 7; rates from its tables
(ECB section 2, taux légal section 3.2), copied into rules/EU/ecb_mro.yaml and
rules/FR/taux_legal.yaml.
"""

from datetime import date
from decimal import Decimal

import pytest

from relance_docs.errors import BadValue
from relance_docs.law.interest import compute_interest


def fr(creditor="company", debtor="company", **kw):
    return compute_interest(jurisdiction="FR", creditor_kind=creditor, debtor_kind=debtor, **kw)


def lines(result):
    return [
        (str(ln.start), str(ln.end), ln.days, str(ln.rate), str(ln.amount)) for ln in result.lines
    ]


class TestL44110:
    def test_ex7a_one_half_year(self):
        # Ex. 7a: 4,800.00 due Tue 30 Sep 2025, to Mon 15 Dec 2025.
        # ECB MRO on 1 Jul 2025 = 2.15 (since 11 Jun 2025) + 10 = 12.15 %.
        # 1 Oct .. 15 Dec = 76 days; 4800 x 12.15 % x 76 / 365 = 121.43 (121.4334...)
        r = fr(principal=Decimal("4800.00"), due=date(2025, 9, 30), until=date(2025, 12, 15))
        assert lines(r) == [("2025-10-01", "2025-12-15", 76, "12.15", "121.43")]
        assert r.interest == Decimal("121.43")
        # D441-5: 40 EUR per late invoice.
        assert r.fixed_compensation == Decimal("40.00")
        assert r.total == Decimal("161.43")
        assert r.warnings == ()

    def test_ex7b_split_at_31_december(self):
        # Ex. 7b: to Tue 31 Mar 2026: 92 days in 2025-S2 + 90 days in 2026-S1, both at
        # 12.15 % (ECB 2.15 on 1 Jul 2025 and on 1 Jan 2026).
        # 4800 x 12.15 % x 92/365 = 146.998356 -> 147.00; x 90/365 = 143.802740 -> 143.80
        r = fr(principal=Decimal("4800.00"), due=date(2025, 9, 30), until=date(2026, 3, 31))
        assert lines(r) == [
            ("2025-10-01", "2025-12-31", 92, "12.15", "147.00"),
            ("2026-01-01", "2026-03-31", 90, "12.15", "143.80"),
        ]
        assert r.interest == Decimal("290.80")

    def test_split_at_30_june_uses_each_half_years_rate(self):
        # fr_rules.md 1.3: 2024-S1 = 4.50 + 10 = 14.50 %; 2024-S2 = 4.25 + 10 = 14.25 %.
        # 1000 x 14.50 % x 30/365 (1..30 Jun) = 11.917808 -> 11.92
        # 1000 x 14.25 % x 31/365 (1..31 Jul) = 12.102740 -> 12.10
        r = fr(principal=Decimal("1000.00"), due=date(2024, 5, 31), until=date(2024, 7, 31))
        assert lines(r) == [
            ("2024-06-01", "2024-06-30", 30, "14.50", "11.92"),
            ("2024-07-01", "2024-07-31", 31, "14.25", "12.10"),
        ]
        assert r.lines[0].basis == "C. com. L441-10 II"
        assert "1 January 2024 (4.50 %) + 10 points" in r.lines[0].reference

    def test_the_ecb_rate_is_the_one_in_force_on_1_july_not_later_changes(self):
        # ECB cut to 3.65 on 18 Sep 2024; 2024-S2 stays at 4.25 + 10 = 14.25 %.
        r = fr(principal=Decimal("1000.00"), due=date(2024, 9, 30), until=date(2024, 10, 31))
        assert [line.rate for line in r.lines] == [Decimal("14.25")]

    def test_not_late_no_penalty_no_indemnity(self):
        r = fr(principal=Decimal("1000.00"), due=date(2025, 9, 30), until=date(2025, 9, 30))
        assert r.lines == () and r.interest == 0 and r.fixed_compensation == 0

    def test_one_day_late(self):
        # 1000 x 12.15 % x 1/365 = 0.332877 -> 0.33; the 40 EUR is due from the first day.
        r = fr(principal=Decimal("1000.00"), due=date(2025, 9, 30), until=date(2025, 10, 1))
        assert lines(r) == [("2025-10-01", "2025-10-01", 1, "12.15", "0.33")]
        assert r.fixed_compensation == Decimal("40.00")

    def test_partial_payment_reduces_the_base_from_the_next_day(self):
        # 2,000.00 due 30 Sep 2025; 500.00 received Fri 31 Oct 2025; to 30 Nov 2025.
        # 2000 x 12.15 % x 31/365 (1..31 Oct, the day of payment included) = 20.638356
        # 1500 x 12.15 % x 30/365 (1..30 Nov) = 14.979452
        r = fr(
            principal=Decimal("2000.00"),
            due=date(2025, 9, 30),
            until=date(2025, 11, 30),
            payments=[(date(2025, 10, 31), Decimal("500.00"))],
        )
        assert lines(r) == [
            ("2025-10-01", "2025-10-31", 31, "12.15", "20.64"),
            ("2025-11-01", "2025-11-30", 30, "12.15", "14.98"),
        ]
        assert r.outstanding == Decimal("1500.00")

    def test_payment_in_full_stops_the_interest_but_not_the_indemnity(self):
        # Paid 10 Oct 2025: 1000 x 12.15 % x 10/365 = 3.328767 -> 3.33, then nothing.
        r = fr(
            principal=Decimal("1000.00"),
            due=date(2025, 9, 30),
            until=date(2025, 12, 31),
            payments=[(date(2025, 10, 10), Decimal("1000.00"))],
        )
        assert lines(r) == [("2025-10-01", "2025-10-10", 10, "12.15", "3.33")]
        assert r.fixed_compensation == Decimal("40.00")
        assert r.outstanding == 0

    def test_payment_by_the_due_date_reduces_the_principal(self):
        r = fr(
            principal=Decimal("1000.00"),
            due=date(2025, 9, 30),
            until=date(2025, 10, 9),
            payments=[(date(2025, 9, 30), Decimal("400.00"))],
        )
        # 600 x 12.15 % x 9/365 = 1.797534 -> 1.80
        assert lines(r) == [("2025-10-01", "2025-10-09", 9, "12.15", "1.80")]

    def test_contract_rate_below_three_times_the_legal_rate_is_flagged_not_replaced(self):
        # 2024-S1: 3 x 5.07 (taux légal, autres cas) = 15.21 %; a 12 % clause is below it.
        # 1000 x 12 % x 30/365 = 9.863014 -> 9.86
        r = fr(
            principal=Decimal("1000.00"),
            due=date(2024, 5, 31),
            until=date(2024, 6, 30),
            contract_rate=Decimal("12"),
        )
        assert lines(r) == [("2024-06-01", "2024-06-30", 30, "12", "9.86")]
        assert len(r.warnings) == 1
        assert "3 x 5.07 % = 15.21 %" in str(r.warnings[0])
        assert "not confirmed" in str(r.warnings[0])

    def test_compliant_contract_rate(self):
        # 2025-S2: 3 x 2.76 = 8.28 %; a 15 % clause is fine.
        r = fr(
            principal=Decimal("1000.00"),
            due=date(2025, 9, 30),
            until=date(2025, 10, 30),
            contract_rate=Decimal("15"),
        )
        assert r.warnings == ()
        assert r.lines[0].reference == "contractual rate"

    def test_the_default_rate_applies_even_below_three_times_the_legal_rate(self):
        # fr_rules.md 1.1: in 2024-S1 the default 14.50 % was below 3 x 5.07 = 15.21 %; the
        # floor binds contracts only, so no warning.
        r = fr(principal=Decimal("1000.00"), due=date(2024, 1, 31), until=date(2024, 2, 29))
        assert r.lines[0].rate == Decimal("14.50")
        assert r.warnings == ()

    def test_past_the_verified_ecb_rate_a_warning_names_the_file(self):
        # The ECB series is verified until 5 Feb 2026; 2026-S2 needs the rate on 1 Jul 2026.
        r = fr(principal=Decimal("1000.00"), due=date(2026, 7, 31), until=date(2026, 8, 31))
        assert r.lines[0].rate == Decimal("12.15")  # last known 2.15 + 10, UNCONFIRMED
        assert len(r.warnings) == 1
        warning = r.warnings[0]
        assert warning.series == "ecb_mro" and warning.file == "EU/ecb_mro.yaml"
        assert "rules/EU/ecb_mro.yaml" in str(warning)

    def test_after_2026_the_reported_repeal_of_l441_10_is_flagged(self):
        r = fr(principal=Decimal("1000.00"), due=date(2026, 12, 31), until=date(2027, 1, 15))
        assert any("repealed from 1 January 2027" in str(w) for w in r.warnings)

    def test_public_body_debtor_is_not_computed(self):
        r = fr(
            debtor="public",
            principal=Decimal("1000"),
            due=date(2025, 9, 30),
            until=date(2025, 12, 1),
        )
        assert r.lines == () and r.interest == 0
        assert "public procurement" in str(r.warnings[0])

    def test_unknown_debtor_kind_is_not_guessed(self):
        r = fr(
            debtor=None, principal=Decimal("1000"), due=date(2025, 9, 30), until=date(2025, 12, 1)
        )
        assert r.lines == () and r.fixed_compensation == 0
        assert "type" in str(r.warnings[0])

    def test_periods_before_2013_are_refused(self):
        with pytest.raises(BadValue, match="2013"):
            fr(principal=Decimal("1000"), due=date(2012, 9, 30), until=date(2013, 2, 1))


class TestLegalRate:
    def test_ex2_consumer_debtor_from_the_formal_notice(self):
        # Ex. 2: 2,500.00, notice received Mon 10 Feb 2025, paid Mon 15 Sep 2025.
        # Taux légal "autres cas" (professional creditor): 2025-S1 3.71 %, 2025-S2 2.76 %.
        # 2500 x 3.71 % x 140/365 = 35.575342 -> 35.58 (11 Feb .. 30 Jun = 140 days)
        # 2500 x 2.76 % x 77/365 = 14.556164 -> 14.56 (1 Jul .. 15 Sep = 77 days)
        kw = {
            "debtor": "consumer",
            "principal": Decimal("2500.00"),
            "due": date(2025, 1, 31),
            "notice_received": date(2025, 2, 10),
            "until": date(2025, 9, 15),
        }
        r = fr(**kw)
        assert lines(r) == [
            ("2025-02-11", "2025-06-30", 140, "3.71", "35.58"),
            ("2025-07-01", "2025-09-15", 77, "2.76", "14.56"),
        ]
        # Per-line rounding (the default): 35.58 + 14.56 = 50.14; total rounding: 50.13.
        assert r.interest == Decimal("50.14")
        assert fr(**kw, rounding="total").interest == Decimal("50.13")
        # No 40 EUR against a consumer (L441-10 is B2B; CPCE L111-8).
        assert r.fixed_compensation == 0
        assert r.lines[0].basis == "C. civ. 1231-6, 1344-1; CMF L313-2"

    def test_ex3_judgment_increase_individual_creditor(self):
        # Ex. 3: 10,000.00 judgment enforceable Mon 15 Jan 2024, paid Fri 28 Jun 2024; the
        # creditor is a natural person: "particuliers" rate 2024-S1 = 8.01 %.
        # Two months from 15 Jan 2024 expire on 15 Mar 2024: + 5 points from 16 Mar.
        # 10000 x 8.01 % x 60/365 = 131.671233 ; 10000 x 13.01 % x 105/365 = 374.260274
        r = fr(
            creditor="consumer",
            debtor="consumer",
            principal=Decimal("10000.00"),
            due=date(2024, 1, 15),
            judgment_enforceable=date(2024, 1, 15),
            until=date(2024, 6, 28),
        )
        assert lines(r) == [
            ("2024-01-16", "2024-03-15", 60, "8.01", "131.67"),
            ("2024-03-16", "2024-06-28", 105, "13.01", "374.26"),
        ]
        assert r.interest == Decimal("505.93")
        assert r.lines[1].basis == "CMF L313-3"

    def test_ex3_professional_creditor(self):
        # Same with a professional creditor: 5.07 % then 10.07 % ("autres cas").
        # 10000 x 5.07 % x 60/365 = 83.342466 ; 10000 x 10.07 % x 105/365 = 289.684932
        r = fr(
            debtor="consumer",
            principal=Decimal("10000.00"),
            due=date(2024, 1, 15),
            judgment_enforceable=date(2024, 1, 15),
            until=date(2024, 6, 28),
        )
        assert [ln.rate for ln in r.lines] == [Decimal("5.07"), Decimal("10.07")]
        assert r.interest == Decimal("373.02")  # 83.34 + 289.68

    def test_judgment_increase_from_the_last_day_of_a_short_month(self):
        # Enforceable 31 Dec 2023: two months end on 29 Feb 2024 (CPC 641 al. 2); + 5
        # points from 1 Mar 2024.
        r = fr(
            debtor="consumer",
            principal=Decimal("1000.00"),
            due=date(2023, 12, 31),
            judgment_enforceable=date(2023, 12, 31),
            until=date(2024, 3, 31),
        )
        assert [(str(ln.start), str(ln.rate)) for ln in r.lines] == [
            ("2024-01-01", "5.07"),
            ("2024-03-01", "10.07"),
        ]

    def test_a_consumer_creditor_uses_the_particuliers_rate_even_against_a_company(self):
        r = fr(
            creditor="consumer",
            debtor="company",
            principal=Decimal("1000.00"),
            due=date(2025, 9, 30),
            notice_received=date(2025, 10, 15),
            until=date(2025, 10, 31),
        )
        assert r.lines[0].rate == Decimal("6.65")  # 2025-S2 particuliers
        assert r.fixed_compensation == 0

    def test_without_a_formal_notice_nothing_runs_and_the_user_is_told(self):
        r = fr(
            debtor="consumer",
            principal=Decimal("1000"),
            due=date(2025, 9, 30),
            until=date(2025, 12, 1),
        )
        assert r.lines == () and r.interest == 0
        assert "formal notice" in str(r.warnings[0])

    def test_notice_before_the_due_date_runs_from_the_due_date(self):
        r = fr(
            debtor="consumer",
            principal=Decimal("1000.00"),
            due=date(2025, 9, 30),
            notice_received=date(2025, 9, 1),
            until=date(2025, 10, 10),
        )
        assert r.start == date(2025, 10, 1)

    def test_the_legal_rate_past_its_verified_half_year_warns(self):
        r = fr(
            debtor="consumer",
            principal=Decimal("1000.00"),
            due=date(2026, 6, 30),
            notice_received=date(2026, 7, 10),
            until=date(2026, 8, 10),
        )
        assert r.lines[0].rate == Decimal("2.62")  # last known, 2026-S1
        assert [w.file for w in r.warnings] == ["FR/taux_legal.yaml"]

    def test_a_contract_rate_is_refused_against_a_consumer(self):
        with pytest.raises(BadValue):
            fr(
                debtor="consumer",
                principal=Decimal("1"),
                due=date(2025, 1, 1),
                until=date(2025, 2, 1),
                contract_rate=Decimal("10"),
            )
