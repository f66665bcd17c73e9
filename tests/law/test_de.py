"""Germany: Verzugszinsen (BGB 288, 247) and the Mahnverfahren (ZPO 688 ff.).

Worked examples: shared/research/uk_de_eu_rules.md section 6; Basiszinssatz table
section 2.3 (rules/DE/basiszinssatz.yaml).
"""

from datetime import date
from decimal import Decimal

from relance_docs.law.interest import compute_interest
from relance_docs.law.procedures import Claim, ClaimParty, Outcome, assess


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
        # Due Fri 30 May 2025 (a working day), interest from Sat 31 May: 1 + 30 = 31 days;
        # 1000 x 11.27 % x 31/365 = 9.571781 ; 1000 x 10.27 % x 31/365 = 8.722466
        r = de("1000.00", date(2025, 5, 30), date(2025, 7, 31))
        assert [(str(ln.start), str(ln.rate), str(ln.amount)) for ln in r.lines] == [
            ("2025-05-31", "11.27", "9.57"),
            ("2025-07-01", "10.27", "8.72"),
        ]

    def test_a_due_date_on_a_saturday_gives_way_to_monday(self):
        # BGB 193: due Sat 31 May 2025 -> Mon 2 Jun 2025; interest from Tue 3 Jun.
        # 1000 x 11.27 % x 28/365 = 8.645479 (3-30 Jun) ; 1000 x 10.27 % x 31/365 = 8.722466
        r = de("1000.00", date(2025, 5, 31), date(2025, 7, 31))
        assert r.start == date(2025, 6, 3)
        assert [(str(ln.start), str(ln.rate), str(ln.amount)) for ln in r.lines] == [
            ("2025-06-03", "11.27", "8.65"),
            ("2025-07-01", "10.27", "8.72"),
        ]
        assert any(n.basis == "BGB §193" and "Monday 2 June 2025" in n.text for n in r.notes)

    def test_a_due_date_on_a_holiday_of_the_land_only(self):
        # Corpus Christi, Thu 19 Jun 2025, is a holiday in Bayern, not nationwide.
        # Due that day in Bayern -> Fri 20 Jun; interest from Sat 21 Jun.
        r = de("1000.00", date(2025, 6, 19), date(2025, 6, 30), subdivision="BY")
        assert r.start == date(2025, 6, 21)
        nationwide = de("1000.00", date(2025, 6, 19), date(2025, 6, 30))
        assert nationwide.start == date(2025, 6, 20)

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


# --------------------------------------------------------------------------- Mahnverfahren
# ZPO 688 ff. (relance_docs/law/procedures.py); facts: uk_de_eu_rules.md §2.4.


def de_claim(
    creditor_country="FR",
    debtor_country="DE",
    *,
    principal="1000.00",
    currency="EUR",
    debtor="company",
    disputed=False,
):
    return assess(
        Claim(
            creditor=ClaimParty("company", creditor_country),
            debtor=ClaimParty(debtor, debtor_country),
            currency=currency,
            principal=Decimal(principal),
            interest=Decimal("0"),
            fixed_compensation=Decimal("40.00"),
            as_of=date(2026, 1, 5),
            oldest_due=date(2025, 9, 30),
            disputed=disputed,
            jurisdiction="DE",
        )
    )


def mahnverfahren(*args, **kw):
    return de_claim(*args, **kw).procedure("de.mahnverfahren")


class TestMahnverfahren:
    def test_foreign_creditor_against_a_german_debtor(self):
        # ZPO 689(2): applicant without a general venue in Germany -> AG Wedding (Berlin).
        p = mahnverfahren("FR", "DE")
        assert p.outcome is Outcome.ELIGIBLE
        assert p.court.startswith("Amtsgericht Wedding")
        assert p.reasons[0].basis == "ZPO 688(1)"

    def test_german_creditor_goes_to_its_own_amtsgericht(self):
        # ZPO 689(2): exclusive venue, the applicant's general venue (Länder centralise).
        p = mahnverfahren("DE", "DE")
        assert p.outcome is Outcome.ELIGIBLE
        assert p.court.startswith("Amtsgericht of the applicant's general venue")

    def test_no_ceiling(self):
        # ZPO 688(1): any specific sum of money in euro.
        assert mahnverfahren(principal="1000000.00").outcome is Outcome.ELIGIBLE

    def test_a_sum_in_euro_only(self):
        p = mahnverfahren(currency="GBP")
        assert p.outcome is Outcome.INELIGIBLE
        assert "not a sum in euro" in p.reasons[0].text
        assert p.reasons[0].basis == "ZPO 688(1)"

    def test_german_creditor_against_a_debtor_in_another_member_state(self):
        # ZPO 688(3): service in an EU Member State is possible, but the European order
        # for payment is the usual route (688(4)).
        p = mahnverfahren("DE", "FR")
        assert p.outcome is Outcome.NEEDS_REVIEW
        assert p.reasons[0].basis == "ZPO 688(3), (4)"

    def test_no_german_party(self):
        p = mahnverfahren("FR", "FR")
        assert p.outcome is Outcome.INELIGIBLE
        assert p.reasons[0].basis == "ZPO 688, 689"

    def test_unknown_debtor_country(self):
        assert mahnverfahren("FR", None).outcome is Outcome.NEEDS_REVIEW

    def test_a_disputed_claim_leads_to_ordinary_proceedings(self):
        p = mahnverfahren(disputed=True)
        assert p.outcome is Outcome.NEEDS_REVIEW
        assert p.reasons[0].basis == "ZPO 688 ff."

    def test_deadlines(self):
        objection, lapse = mahnverfahren().deadlines
        # ZPO 692(1) Nr. 3: object within two weeks (14 days) of service.
        assert "within 14 days" in objection.text or "within 2 weeks" in objection.text
        assert objection.basis == "ZPO 692(1) Nr. 3"
        # ZPO 701: the Mahnbescheid lapses without a Vollstreckungsbescheid application
        # within 6 months of service.
        assert "within 6 months" in lapse.text
        assert lapse.basis == "ZPO 701"

    def test_german_creditor_against_a_danish_debtor(self):
        assert mahnverfahren("DE", "DK").outcome is Outcome.NEEDS_REVIEW

    def test_german_creditor_against_a_debtor_outside_the_eu(self):
        p = mahnverfahren("DE", "US")
        assert p.outcome is Outcome.INELIGIBLE
        assert "German creditor" not in p.reasons[0].text


class TestLimitationDE:
    def test_not_in_the_rules_data(self):
        lim = de_claim().limitation
        assert (lim.status, lim.period, lim.end) == ("needs_review", None, None)
        assert lim.reasons[0].basis == "rules/DE/pack.yaml"
