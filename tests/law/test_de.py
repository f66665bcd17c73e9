"""Germany: Verzugszinsen (BGB 288, 247) and the Mahnverfahren (ZPO 688 ff.).

Worked examples: shared/research/uk_de_eu_rules.md section 6; Basiszinssatz table
section 2.3 (rules/DE/basiszinssatz.yaml).
"""

from datetime import date
from decimal import Decimal

from relance_docs.law.interest import compute_interest


def de(amount, due, until, creditor="company", debtor="company", **kw):
    return compute_interest(
        jurisdiction="DE",
        creditor_kind=creditor,
        debtor_kind=debtor,
        principal=Decimal(amount),
        due=due,
        until=until,
        **kw,
    )


class TestVerzugszinsen:
    def test_ex6_consumer(self):
        # Ex 6: EUR 1,000, default 1 Jan - 30 Jun 2026 (181 days); Basiszinssatz 1.27 + 5
        # = 6.27 %; 1000 x 6.27 % x 181/365 = 31.0923... -> 31.09. No Pauschale.
        r = de("1000.00", date(2025, 12, 31), date(2026, 6, 30), debtor="consumer")
        assert [(ln.days, str(ln.rate), str(ln.amount)) for ln in r.lines] == [
            (181, "6.27", "31.09")
        ]
        assert r.fixed_compensation == 0
        assert r.lines[0].basis == "BGB 288(1), 247"

    def test_b2b_plus_nine_and_the_pauschale(self):
        # H1 2026: 1.27 + 9 = 10.27 % (steuerprofis.de); 1000 x 10.27 % x 31/365 = 8.722466
        r = de("1000.00", date(2025, 12, 31), date(2026, 1, 31))
        assert [(str(ln.rate), str(ln.amount)) for ln in r.lines] == [("10.27", "8.72")]
        # BGB 288(5): EUR 40 against a non-consumer debtor.
        assert r.fixed_compensation == Decimal("40.00")

    def test_split_at_each_change_of_the_basiszinssatz(self):
        # 2.27 from 1 Jan 2025, 1.27 from 1 Jul 2025: 11.27 % then 10.27 %.
        # 1000 x 11.27 % x 30/365 = 9.263014 ; 1000 x 10.27 % x 31/365 = 8.722466
        r = de("1000.00", date(2025, 5, 31), date(2025, 7, 31))
        assert [(str(ln.start), str(ln.rate), str(ln.amount)) for ln in r.lines] == [
            ("2025-06-01", "11.27", "9.26"),
            ("2025-07-01", "10.27", "8.72"),
        ]

    def test_negative_basiszinssatz(self):
        # 2016-07-01 .. 2022-12-31: -0.88 + 9 = 8.12 %.
        r = de("1000.00", date(2020, 12, 31), date(2021, 1, 31))
        assert r.lines[0].rate == Decimal("8.12")

    def test_after_june_2026_the_last_known_value_is_used_with_a_warning(self):
        r = de("1000.00", date(2026, 6, 30), date(2026, 7, 31))
        assert r.lines[0].rate == Decimal("10.27")
        assert [w.file for w in r.warnings] == ["DE/basiszinssatz.yaml"]

    def test_a_consumer_creditor_gets_plus_five_but_the_pauschale_from_a_business(self):
        r = de("1000.00", date(2025, 12, 31), date(2026, 1, 31), creditor="consumer")
        assert r.lines[0].rate == Decimal("6.27")
        assert r.fixed_compensation == Decimal("40.00")
