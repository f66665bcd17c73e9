"""EU instruments: the Late Payment Directive's floor, the European order for payment and
the European Small Claims Procedure.

Worked examples: shared/research/uk_de_eu_rules.md section 6 (Ex 8, Ex 12).
"""

from datetime import date
from decimal import Decimal

from relance_docs.law.interest import compute_interest
from relance_docs.law.procedures import Claim, ClaimParty, Outcome, assess


class TestDirective:
    def test_ex12_spain_or_netherlands(self):
        # Ex 12: EUR 10,000 overdue 1 Jul - 31 Dec 2025 (184 days); ECB 2.15 on 1 Jul 2025
        # + 8 = 10.15 %; 10000 x 10.15 % x 184/365 = 511.6712... -> 511.67, plus EUR 40.
        r = compute_interest(
            jurisdiction="EU",
            creditor_kind="company",
            debtor_kind="company",
            principal=Decimal("10000.00"),
            due=date(2025, 6, 30),
            until=date(2025, 12, 31),
        )
        assert [(ln.days, str(ln.rate), str(ln.amount)) for ln in r.lines] == [
            (184, "10.15", "511.67")
        ]
        assert r.fixed_compensation == Decimal("40.00")
        assert any(n.unconfirmed and "Belgium" in n.text for n in r.notes)


# --------------------------------------------------------------------------- EOP and ESCP
# Reg. (EC) 1896/2006 and Reg. (EC) 861/2007 as amended by Reg. (EU) 2015/2421
# (relance_docs/law/procedures.py); facts: uk_de_eu_rules.md §3.2-3.4 and §6 Ex 8,
# fr_rules.md 4d-4e. The court seised is the debtor's (Lyon, unless a test says otherwise).


MUNICH, LYON, LONDON = ("DE", "München"), ("FR", "Lyon"), ("GB", "London")


def eu_claim(
    principal,
    interest="0",
    fixed="0",
    *,
    creditor=MUNICH,
    debtor=LYON,
    debtor_kind="company",
    currency="EUR",
    disputed=False,
    as_of=date(2026, 1, 5),
):
    return assess(
        Claim(
            creditor=ClaimParty("company", creditor[0], city=creditor[1]),
            debtor=ClaimParty(debtor_kind, debtor[0], city=debtor[1]),
            currency=currency,
            principal=Decimal(principal),
            interest=Decimal(interest),
            fixed_compensation=Decimal(fixed),
            as_of=as_of,
            oldest_due=date(2025, 9, 30),
            disputed=disputed,
            jurisdiction="EU",
        )
    )


def outcomes(a):
    return a.procedure("eu.order_for_payment").outcome, a.procedure("eu.small_claims").outcome


class TestEuropeanSmallClaimsEx8:
    """ESCP: cross-border, at most EUR 5,000 "excluding all interest, expenses and
    disbursements" (art. 2(1), since 14 Jul 2017). The EOP has no ceiling."""

    def test_a_interest_is_excluded(self):
        # (a) 5,000.00 + 312.40 interest: the value is 5,000.00 <= 5,000.
        p = eu_claim("5000.00", "312.40").procedure("eu.small_claims")
        assert p.outcome is Outcome.ELIGIBLE
        assert "5000.00 EUR" in p.reasons[-1].text
        assert p.reasons[-1].basis.startswith("Reg. (EC) 861/2007 art. 2(1)")
        assert p.form == "Form A (Annex I, Reg. (EU) 2017/1259)"

    def test_b_one_cent_over(self):
        # (b) 5,000.01 > 5,000: not eligible; the EOP (no ceiling) remains.
        a = eu_claim("5000.01")
        assert outcomes(a) == (Outcome.ELIGIBLE, Outcome.INELIGIBLE)
        assert "5000.01 EUR" in a.procedure("eu.small_claims").reasons[0].text

    def test_c_the_40_eur_is_borderline(self):
        # (c) 4,980 + EUR 40 = 5,020: whether the flat compensation counts is open (§3.3).
        p = eu_claim("4980.00", "0", "40.00").procedure("eu.small_claims")
        assert p.outcome is Outcome.NEEDS_REVIEW
        assert p.reasons[0].unconfirmed
        assert "fixed compensation (40.00 EUR)" in p.reasons[0].text

    def test_the_40_eur_within_the_ceiling_decides_nothing(self):
        # 4,960 + 40 = 5,000: within 5,000 on either reading.
        p = eu_claim("4960.00", "0", "40.00").procedure("eu.small_claims")
        assert p.outcome is Outcome.ELIGIBLE

    def test_d_lyon_against_lyon_is_not_cross_border(self):
        a = eu_claim("1000.00", creditor=LYON)
        assert outcomes(a) == (Outcome.INELIGIBLE, Outcome.INELIGIBLE)
        assert "Not cross-border" in a.procedure("eu.order_for_payment").reasons[0].text

    def test_e_munich_against_lyon(self):
        a = eu_claim("1000.00")
        assert outcomes(a) == (Outcome.ELIGIBLE, Outcome.ELIGIBLE)
        eop = a.procedure("eu.order_for_payment")
        assert eop.reasons[0].basis == "Reg. (EC) 1896/2006 art. 3"
        # The research names no French court for the EOP: "to be confirmed", and a reason
        # marked unconfirmed says so (it does not decide eligibility).
        assert eop.court == "Competent court in France (to be confirmed)"
        assert any(r.unconfirmed and "to be confirmed" in r.text for r in eop.reasons)
        assert eop.form == "Form A (Annex I, Reg. (EU) 2017/1260)"

    def test_the_court_for_a_german_debtor_is_named(self):
        # ZPO 1087: the Amtsgericht Wedding (Berlin) hears European orders for payment.
        a = eu_claim("1000.00", creditor=LYON, debtor=MUNICH)
        eop = a.procedure("eu.order_for_payment")
        assert eop.outcome is Outcome.ELIGIBLE
        assert eop.court == "Amtsgericht Wedding (Berlin)"
        assert any("ZPO 1087" in r.basis and not r.unconfirmed for r in eop.reasons)

    def test_f_london_against_lyon_is_not_cross_border_on_the_wording(self):
        # (f) after Brexit the only foreign party is outside the Member States (§3.4 [D/U]).
        a = eu_claim("1000.00", creditor=LONDON)
        assert outcomes(a) == (Outcome.NEEDS_REVIEW, Outcome.NEEDS_REVIEW)
        for pid in ("eu.order_for_payment", "eu.small_claims"):
            assert a.procedure(pid).reasons[0].unconfirmed

    def test_the_ceiling_was_2000_before_14_july_2017(self):
        before = eu_claim("3000.00", as_of=date(2017, 7, 13)).procedure("eu.small_claims")
        assert before.outcome is Outcome.INELIGIBLE
        assert "2000.00 EUR" in before.reasons[0].text
        after = eu_claim("3000.00", as_of=date(2017, 7, 14)).procedure("eu.small_claims")
        assert after.outcome is Outcome.ELIGIBLE

    def test_a_claim_in_another_currency_is_converted_on_receipt(self):
        p = eu_claim("1000.00", currency="GBP").procedure("eu.small_claims")
        assert p.outcome is Outcome.NEEDS_REVIEW
        assert "exchange rate" in p.reasons[0].text


class TestEuropeanOrderForPayment:
    def test_denmark_is_excluded(self):
        a = eu_claim("1000.00", debtor=("DK", "København"))
        assert outcomes(a) == (Outcome.INELIGIBLE, Outcome.INELIGIBLE)
        assert "DK" in a.procedure("eu.order_for_payment").reasons[0].text

    def test_a_debtor_outside_the_union(self):
        a = eu_claim("1000.00", debtor=("US", "New York"))
        assert outcomes(a) == (Outcome.INELIGIBLE, Outcome.INELIGIBLE)

    def test_for_uncontested_claims(self):
        # Art. 16: an opposition sends the case to ordinary proceedings.
        p = eu_claim("1000.00", disputed=True).procedure("eu.order_for_payment")
        assert p.outcome is Outcome.NEEDS_REVIEW
        assert p.reasons[0].basis == "Reg. (EC) 1896/2006 art. 16"

    def test_unknown_debtor_country(self):
        a = eu_claim("1000.00", debtor=(None, None))
        assert outcomes(a) == (Outcome.NEEDS_REVIEW, Outcome.NEEDS_REVIEW)
        assert "debtor's country is not known" in (
            a.procedure("eu.order_for_payment").reasons[0].text
        )

    def test_opposition_within_30_days_is_flagged(self):
        # Art. 16(2): 30 days of service; the text was not seen (§3.2 [U]).
        (opposition,) = eu_claim("1000.00").procedure("eu.order_for_payment").deadlines
        assert "30 days" in opposition.text
        assert opposition.unconfirmed

    def test_unknown_debtor_type_is_never_eligible(self):
        a = eu_claim("1000.00", debtor_kind=None)
        assert Outcome.ELIGIBLE not in outcomes(a)
