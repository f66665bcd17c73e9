"""The findings of the legal audit (issue 10), one test each: the expected value carries
its arithmetic or its article."""

import json
from datetime import date
from decimal import Decimal

import pytest
from click.testing import CliRunner

from relance_docs.cli import cli
from relance_docs.law.claims import debtor_claims
from relance_docs.law.gb.deadlines import earliest_issue, letter_of_claim_reply, protocol_wait
from relance_docs.law.interest import compute_interest
from relance_docs.law.procedures import Claim, ClaimParty, Outcome, assess
from relance_docs.law.single import single_claim
from relance_docs.model import Invoice, Ledger, Party, PartyKind, Payment

ELIGIBLE, INELIGIBLE, NEEDS_REVIEW = Outcome.ELIGIBLE, Outcome.INELIGIBLE, Outcome.NEEDS_REVIEW


def run_json(*args):
    result = CliRunner().invoke(cli, [*map(str, args), "--json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def fr_claim(principal, *, as_of, oldest_due, debtor="company", city="Lyon", **kw):
    return Claim(
        creditor=ClaimParty("company", "FR"),
        debtor=ClaimParty(debtor, "FR", city=city, postcode=kw.pop("postcode", None)),
        currency=kw.pop("currency", "EUR"),
        principal=Decimal(principal),
        interest=Decimal(kw.pop("interest", "0")),
        fixed_compensation=Decimal(kw.pop("fixed", "0")),
        as_of=as_of,
        oldest_due=oldest_due,
        **kw,
    )


# --------------------------------------------------------------- a payment on the day


class TestPaymentOnTheComputationDate:
    def test_it_is_deducted_from_the_outstanding_amount_and_the_daily_rate(self):
        # 15,000.00 due 31 Mar 2026; 10,000.00 received on 1 May 2026, the computation
        # date. Interest for 1 Apr..1 May on the full base (the payment reduces the base
        # from the day after): 15000 x 12.15 % x 31/365 = 154.787671 -> 154.79.
        # Outstanding 15,000 - 10,000 = 5,000.00; daily rate 5000 x 12.15 % / 365 = 1.66.
        r = compute_interest(
            jurisdiction="FR", creditor_kind="company", debtor_kind="company",
            principal=Decimal("15000.00"), due=date(2026, 3, 31), until=date(2026, 5, 1),
            payments=[(date(2026, 5, 1), Decimal("10000.00"))],
        )  # fmt: skip
        assert r.interest == Decimal("154.79")
        assert r.outstanding == Decimal("5000.00")
        assert round(r.daily_interest, 2) == Decimal("1.66")

    def test_the_cli_says_nothing_is_outstanding(self):
        # The audit's case: 10,000 paid on the --until date: outstanding 0.00, not 10,000.
        data = run_json(
            "interest", "--jurisdiction", "FR", "--creditor-kind", "company",
            "--debtor-kind", "company", "--amount", "10000", "--due", "2026-03-31",
            "--until", "2026-05-01", "--payment", "2026-05-01:10000",
        )  # fmt: skip
        assert data["outstanding"] == "0.00"
        assert data["daily_interest"] == "0.00"

    def test_a_payment_after_the_date_is_not_deducted(self):
        r = compute_interest(
            jurisdiction="FR", creditor_kind="company", debtor_kind="consumer",
            principal=Decimal("1000.00"), due=date(2026, 3, 31), until=date(2026, 5, 1),
            payments=[(date(2026, 5, 2), Decimal("1000.00"))],
        )  # fmt: skip
        assert r.outstanding == Decimal("1000.00")

    def test_the_letters_reste_du_uses_it(self):
        # A ledger with a 400.00 payment received on the letter's date: the claim (and so
        # every "reste dû" and total of the documents) is 1,000 - 400 = 600.00.
        as_of = date(2025, 12, 31)
        party = Party(id="D1", name="Débiteur SARL", kind=PartyKind.COMPANY, country="FR")
        inv = Invoice(
            number="F1", debtor_id="D1", issue_date=date(2025, 9, 1),
            due_date=date(2025, 9, 30), amount=Decimal("1000.00"), paid=Decimal("400.00"),
        )  # fmt: skip
        ledger = Ledger(
            debtors=(party,), invoices=(inv,),
            payments=(Payment(as_of, Decimal("400.00"), "F1"),),
        )  # fmt: skip
        (dc,) = debtor_claims(ledger, None, as_of)
        assert dc.principal == Decimal("600.00")
        # 1000 x 12.15 % x 92/365 = 30.624658 -> 30.62 (1 Oct..31 Dec, the full base)
        assert dc.interest == Decimal("30.62")
        # 600.00 + 30.62 + 40.00 (D441-5) = 670.62
        assert dc.total == Decimal("670.62")


# --------------------------------------------------------------- time-barred debts


class TestTimeBarred:
    # A consumer debt due Fri 15 Mar 2024: 2 years (C. consom. L218-2) end on 15 Mar 2026
    # (fr_rules.md example 9); time-barred from 16 Mar 2026.

    def test_no_court_route_is_eligible(self):
        a = assess(
            fr_claim("800.00", debtor="consumer", as_of=date(2026, 6, 1),
                     oldest_due=date(2024, 3, 15))
        )  # fmt: skip
        assert a.limitation.status == "time_barred" and a.limitation.barred is True
        for p in a.procedures:
            assert p.outcome is INELIGIBLE, p.id
        p = a.procedure("fr.injonction_de_payer")
        assert "time-barred since 2026-03-16" in p.reasons[0].text
        assert "L218-2" in p.reasons[0].basis

    def test_only_the_oldest_invoice_barred_needs_review(self):
        a = assess(
            fr_claim("800.00", debtor="consumer", as_of=date(2026, 6, 1),
                     oldest_due=date(2024, 3, 15), newest_due=date(2025, 1, 31))
        )  # fmt: skip
        p = a.procedure("fr.injonction_de_payer")
        assert p.outcome is NEEDS_REVIEW
        assert "leave the time-barred invoices out" in p.reasons[0].text

    def test_unknown_party_types_cannot_make_a_barred_claim_eligible(self):
        # 2 or 5 years: due 15 Mar 2019, on 1 Jun 2026 both are over (2021, 2024).
        claim = Claim(
            creditor=ClaimParty("company", "FR"), debtor=ClaimParty(None, "FR", city="Lyon"),
            currency="EUR", principal=Decimal("800.00"), interest=Decimal("0"),
            fixed_compensation=Decimal("0"), as_of=date(2026, 6, 1),
            oldest_due=date(2019, 3, 15),
        )  # fmt: skip
        a = assess(claim)
        assert a.limitation.barred is True
        assert all(p.outcome is INELIGIBLE for p in a.procedures)

    def test_when_the_party_type_decides_it_the_routes_need_review(self):
        # Due 15 Mar 2023: 2 years (a consumer debtor, L218-2) ended in 2025, 5 years
        # (L110-4, C. civ. 2224) run to 2028: the unknown type decides, so no route is
        # eligible.
        claim = Claim(
            creditor=ClaimParty("company", "FR"), debtor=ClaimParty(None, "FR", city="Lyon"),
            currency="EUR", principal=Decimal("800.00"), interest=Decimal("0"),
            fixed_compensation=Decimal("0"), as_of=date(2026, 6, 1),
            oldest_due=date(2023, 3, 15),
        )  # fmt: skip
        a = assess(claim)
        assert a.limitation.barred is None
        assert all(p.outcome is not ELIGIBLE for p in a.procedures)
        # Petites créances has no other doubt here: the limitation decides it.
        pc = a.procedure("fr.petites_creances")
        assert pc.outcome is NEEDS_REVIEW
        assert pc.reasons[0].text.startswith("A party's type is not known: 2 years")
        assert a.procedure("eu.order_for_payment").outcome is INELIGIBLE  # not cross-border

    def test_relance_letter_refuses_a_formal_notice_in_one_line(self, tmp_path, write):
        ledger = write(
            "old.csv",
            "Code client;Client;Type client;Pays;N° facture;Date facture;Échéance;Montant TTC\n"
            "D1;Jean Martin;Particulier;France;F1;15/02/2024;15/03/2024;800,00\n",
        )
        out = tmp_path / "out"
        result = CliRunner().invoke(
            cli,
            ["letter", str(ledger), "--creditor", "samples/creditor-fr.yaml", "--debtor",
             "D1", "--template", "formal-notice", "--as-of", "2026-06-01", "--out", str(out)],
        )  # fmt: skip
        assert result.exit_code != 0
        lines = [x for x in result.output.splitlines() if x.strip()]
        assert len(lines) == 1, result.output
        assert "time-barred" in lines[0] and "L218-2" in lines[0] and "F1" in lines[0]
        assert "Traceback" not in result.output
        assert not out.exists() or not any(out.iterdir())

    def test_the_warning_reaches_the_debtor_claim(self):
        party = Party(id="D1", name="Jean Martin", kind=PartyKind.CONSUMER, country="FR")
        inv = Invoice(
            number="F1", debtor_id="D1", issue_date=date(2024, 2, 15),
            due_date=date(2024, 3, 15), amount=Decimal("800.00"),
        )  # fmt: skip
        (dc,) = debtor_claims(Ledger(debtors=(party,), invoices=(inv,)), None, date(2026, 6, 1))
        (w,) = [w for w in dc.warnings if w.kind == "time_barred"]
        assert str(w).startswith("The whole debt is time-barred: invoice F1")
        assert "since 2026-03-16" in str(w)


# --------------------------------------------------------------- consumer interest


def test_legal_interest_runs_from_the_notice_through_the_judgment():
    # 10,000.00 owed by a consumer to a company (taux légal "autres cas", 2024-S1 5.07 %).
    # Notice received Mon 15 Jan 2024; judgment enforceable Fri 1 Mar 2024: + 5 points
    # two months later (CMF L313-3), from Thu 2 May 2024. Paid 28 Jun 2024.
    # 16 Jan..1 May = 16 + 29 + 31 + 30 + 1 = 107 days: 10000 x 5.07 % x 107/365 = 148.63
    # 2 May..28 Jun = 30 + 28 = 58 days: 10000 x 10.07 % x 58/365 = 160.02
    # Total 308.65; the period between the notice and the judgment is not dropped.
    r = compute_interest(
        jurisdiction="FR", creditor_kind="company", debtor_kind="consumer",
        principal=Decimal("10000.00"), due=date(2023, 12, 1), until=date(2024, 6, 28),
        notice_received=date(2024, 1, 15), judgment_enforceable=date(2024, 3, 1),
    )  # fmt: skip
    assert [(str(x.start), x.days, str(x.rate), str(x.amount)) for x in r.lines] == [
        ("2024-01-16", 107, "5.07", "148.63"),
        ("2024-05-02", 58, "10.07", "160.02"),
    ]
    assert r.interest == Decimal("308.65")


# --------------------------------------------------------------- currencies


class TestCurrency:
    def test_the_40_eur_stays_in_euros_on_a_usd_invoice(self):
        # D441-5: 40 EUR per late invoice whatever its currency; stated apart.
        # 2000 USD x 12.15 % x 92/365 = 61.249315 -> 61.25 USD
        r = compute_interest(
            jurisdiction="FR", creditor_kind="company", debtor_kind="company",
            principal=Decimal("2000.00"), due=date(2025, 9, 30), until=date(2025, 12, 31),
            currency="USD",
        )  # fmt: skip
        assert (r.currency, r.interest) == ("USD", Decimal("61.25"))
        assert (r.fixed_compensation, r.fixed_compensation_currency) == (Decimal("40.00"), "EUR")
        assert r.total == Decimal("61.25")  # the EUR sum is not added to USD

    def test_a_debtor_claim_keeps_the_euros_apart(self):
        party = Party(id="D1", name="US Corp", kind=PartyKind.COMPANY, country="FR")
        inv = Invoice(
            number="F1", debtor_id="D1", issue_date=date(2025, 9, 1),
            due_date=date(2025, 9, 30), amount=Decimal("2000.00"), currency="USD",
        )  # fmt: skip
        (dc,) = debtor_claims(Ledger(debtors=(party,), invoices=(inv,)), None, date(2025, 12, 31))
        assert dc.fixed_compensation == Decimal("0")
        assert dc.fixed_apart == ("EUR", Decimal("40.00"))
        assert dc.total == Decimal("2061.25")  # 2000.00 + 61.25, no EUR inside

    def test_uk_bands_are_in_pounds(self):
        # s.5A bands are in GBP: a EUR debt needs the user's exchange rate.
        kw = {
            "jurisdiction": "GB", "creditor_kind": "company", "debtor_kind": "company",
            "principal": Decimal("2000.00"), "due": date(2025, 9, 30), "until": date(2025, 12, 31),
            "currency": "EUR",
        }  # fmt: skip
        r = compute_interest(**kw)
        assert r.fixed_compensation == 0
        assert any(w.kind == "needs_review" and "exchange rate" in str(w) for w in r.warnings)
        # 2,000 EUR x 0.85 = 1,700 GBP: at least 1,000, below 10,000 -> 70 GBP
        r = compute_interest(**kw, exchange_rate=Decimal("0.85"))
        assert (r.fixed_compensation, r.fixed_compensation_currency) == (Decimal("70.00"), "GBP")

    def test_a_threshold_reason_never_reads_usd(self):
        a = assess(fr_claim("1000.00", currency="USD", as_of=date(2025, 12, 15),
                            oldest_due=date(2025, 9, 30)))  # fmt: skip
        text = " ".join(r.text for p in a.procedures for r in p.reasons)
        assert "5000.00 EUR" in text and "5000.00 USD" not in text
        assert a.procedure("fr.petites_creances").outcome is NEEDS_REVIEW


# --------------------------------------------------------------- other ceilings


@pytest.mark.parametrize(
    ("principal", "fixed", "outcome"),
    [
        ("10000.00", "0", ELIGIBLE),  # "not more than 10,000" (CPR 26.6(3)): no doubt
        ("10000.01", "100.00", INELIGIBLE),  # over before the fixed sum
        ("9950.00", "70.00", NEEDS_REVIEW),  # 9,950 + 70 = 10,020: the s.5A sum decides
        ("9930.00", "70.00", ELIGIBLE),  # 9,930 + 70 = 10,000: within on every reading
    ],
)
def test_small_claims_track_doubts_only_where_they_decide(principal, fixed, outcome):
    claim = Claim(
        creditor=ClaimParty("company", "GB"), debtor=ClaimParty("consumer", "GB", "ENG"),
        currency="GBP", principal=Decimal(principal), interest=Decimal("0"),
        fixed_compensation=Decimal(fixed), as_of=date(2026, 1, 5),
        oldest_due=date(2025, 9, 30),
    )  # fmt: skip
    assert assess(claim).procedure("gb.small_claims_track").outcome is outcome


# --------------------------------------------------------------- s.69 interest


def test_s69_interest_adds_no_act_fixed_sum_nor_daily_rate():
    # Ex. 10: principal 9,950 + s.69 interest 60 = 10,010 claimed: fee 5 % = 500.50.
    # A company debtor: without the finding the s.5A fixed sum (70 GBP) would be added.
    claim, _r, notes = single_claim(
        jurisdiction="GB", amount=Decimal("9950.00"), due=date(2024, 3, 1),
        as_of=date(2024, 8, 15), creditor=ClaimParty("company", "GB"),
        debtor=ClaimParty("company", "GB", "ENG"), interest_claimed=Decimal("60.00"),
    )  # fmt: skip
    assert claim.fixed_compensation == 0 and claim.daily_interest == 0
    assert claim.total == Decimal("10010.00")
    assert any("s.5A" in str(n) for n in notes)
    mcol = assess(claim).procedure("gb.money_claim_online")
    assert mcol.fee == Decimal("500.50")
    assert not any("continues" in r.text for r in mcol.deadlines)


# --------------------------------------------------------------- UK consumers


def test_a_uk_consumer_claim_says_which_interest_applies():
    claim = Claim(
        creditor=ClaimParty("company", "GB"), debtor=ClaimParty("consumer", "GB", "ENG"),
        currency="GBP", principal=Decimal("1200.00"), interest=Decimal("0"),
        fixed_compensation=Decimal("0"), as_of=date(2026, 1, 5),
        oldest_due=date(2025, 9, 30),
    )  # fmt: skip
    mcol = assess(claim).procedure("gb.money_claim_online")
    texts = " ".join(r.text for r in mcol.deadlines)
    assert "continues" not in texts
    assert "no statutory interest" in texts and "s.69" in texts
    # The fee is the paper table (uk_de_eu_rules.md 1.5): the online fee is unconfirmed.
    assert mcol.fee == Decimal("80.00")  # 1,000.01..1,500 -> 80 GBP
    assert any(r.unconfirmed and "online" in r.text for r in mcol.deadlines)


# --------------------------------------------------------------- the court by place


class TestCourtByPlace:
    def court(self, city, postcode=None):
        claim = fr_claim("1000.00", as_of=date(2026, 1, 5), oldest_due=date(2025, 9, 30),
                         city=city, postcode=postcode)  # fmt: skip
        return assess(claim).procedure("fr.injonction_de_payer")

    @pytest.mark.parametrize("city", ["Strasbourg", "Metz", "Colmar", "Mulhouse", "Saverne"])
    def test_a_town_of_alsace_moselle_without_a_subdivision(self, city):
        # 57, 67, 68 have no tribunal de commerce (fr_rules.md 4b): the town settles it.
        p = self.court(city)
        assert (
            p.court
            == f"Président de la chambre commerciale du tribunal judiciaire dont relève {city}"
        )
        assert "tribunal de commerce dont" not in p.court

    def test_the_postcode_settles_a_name_shared_with_other_departments(self):
        # Saint-Louis is a commune of 57, 68, 971 and 974 (INSEE): the name alone cannot say.
        p = self.court("Saint-Louis")
        assert p.outcome is NEEDS_REVIEW
        assert any("postcode" in r.text and r.unconfirmed for r in p.reasons)
        p = self.court("Saint-Louis", postcode="68300")
        assert p.outcome is ELIGIBLE and "chambre commerciale" in p.court

    def test_a_commune_near_a_tae_city_may_be_the_tae(self):
        # Vénissieux (69) is in the Rhône, like Lyon's TAE: possible, marked unconfirmed.
        p = self.court("Vénissieux")
        assert "tribunal des activités économiques de Lyon" in p.court
        assert any(r.unconfirmed and "Lyon" in r.text for r in p.reasons)
        p = self.court("Lyon", postcode="69002")
        assert p.court == "Président du tribunal des activités économiques de Lyon"

    def test_an_unknown_town_says_so(self):
        p = self.court("Trucville-sur-Rien")
        assert p.outcome is NEEDS_REVIEW
        assert any("not a French commune relance knows" in r.text for r in p.reasons)


# --------------------------------------------------------------- the letter of claim


def test_a_letter_dated_30_october_allows_action_from_30_november():
    # 30 days from Fri 30 Oct 2026, that day not counted: the last day is Sun 29 Nov;
    # proceedings from the day after, Mon 30 Nov 2026 (a working day).
    d = letter_of_claim_reply(date(2026, 10, 30))
    assert d.end == date(2026, 11, 29)
    assert earliest_issue(date(2026, 10, 30)) == date(2026, 11, 30)
    # 2027: 29 Nov is a Monday (the last day); issue from Tue 30 Nov, not on the 29th.
    assert earliest_issue(date(2027, 10, 30)) == date(2027, 11, 30)
    # The packet's check (packets/build.py) uses the same rule: on the 30th day, not yet.
    ready, text = protocol_wait(date(2026, 10, 30), date(2026, 11, 29))
    assert not ready and "do not issue before 2026-11-30" in text
    assert protocol_wait(date(2026, 10, 30), date(2026, 11, 30))[0]


def test_the_batch_holds_a_time_barred_debtor_with_the_reason():
    # The plan's step at 808 days late is the formal notice (rules/plans/fr-consumer.yaml):
    # for a debt time-barred since 16 Mar 2026 (L218-2) the debtor is held, not written.
    from relance_docs.dunning.select import select_documents
    from relance_docs.intake.creditor import load_creditor

    creditor = load_creditor("samples/creditor-fr.yaml")
    party = Party(id="D1", name="Jean Martin", kind=PartyKind.CONSUMER, country="FR")
    inv = Invoice(
        number="F1", debtor_id="D1", issue_date=date(2024, 2, 15),
        due_date=date(2024, 3, 15), amount=Decimal("800.00"),
    )  # fmt: skip
    as_of = date(2026, 6, 1)
    claims = debtor_claims(Ledger(debtors=(party,), invoices=(inv,)), creditor, as_of)
    chosen, held = select_documents(claims, creditor, as_of)
    assert chosen == []
    (h,) = held
    assert "time-barred since 2026-03-16" in h.reason and "formal notice" in h.reason
