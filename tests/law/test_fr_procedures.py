"""France: which recovery route a claim qualifies for, what must come first, and when it
becomes time-barred (relance_docs/law/procedures.py).

Facts: /work/shared/research/fr_rules.md §4a (petites créances), §4b (injonction de payer),
§4c (référé-provision), §4f (CPC 750-1), §4g (limitation), §7 Ex. 7 and Ex. 9, §8;
§0.1 for décret 2026-96. Figures are those of rules/FR/pack.yaml.

Unless a test says otherwise: a French company claims from a French company in
Saint-Étienne (outside the 12 tribunaux des activités économiques), assessed on Mon 15 Dec
2025, the invoice due Tue 30 Sep 2025 (fr_rules.md Ex. 7a).
"""

from __future__ import annotations

import json
from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from relance_docs.law.procedures import (
    PROCEDURES,
    Claim,
    ClaimParty,
    Outcome,
    Requirement,
    assess,
)
from relance_docs.model import PartyKind

ELIGIBLE, INELIGIBLE, NEEDS_REVIEW = Outcome.ELIGIBLE, Outcome.INELIGIBLE, Outcome.NEEDS_REVIEW


def claim(
    principal="4800.00",
    interest="0",
    fixed="0",
    *,
    creditor="company",
    debtor="company",
    creditor_country="FR",
    debtor_country="FR",
    subdivision=None,
    city="Saint-Étienne",
    as_of=date(2025, 12, 15),
    oldest_due=date(2025, 9, 30),
    disputed=False,
    currency="EUR",
    jurisdiction="FR",
):
    return Claim(
        creditor=ClaimParty(creditor, creditor_country),
        debtor=ClaimParty(debtor, debtor_country, subdivision=subdivision, city=city),
        currency=currency,
        principal=Decimal(principal),
        interest=Decimal(interest),
        fixed_compensation=Decimal(fixed),
        as_of=as_of,
        oldest_due=oldest_due,
        disputed=disputed,
        jurisdiction=jurisdiction,
    )


def procedure(procedure_id, *args, **kw):
    return assess(claim(*args, **kw)).procedure(procedure_id)


def texts(reasons):
    return " | ".join(r.text for r in reasons)


# --------------------------------------------------------------------------- 4a


class TestPetitesCreances:
    """CPCE L125-1, R125-1: a commissaire de justice's procedure for contractual claims
    of at most 5,000 EUR principal and interest (4,000 EUR from 1 Jun 2016 to 2019)."""

    def test_ex7a_eligible_with_or_without_the_40_eur(self):
        # Ex. 7a: 4,800 x 12.15 % x 76/365 = 121.43. 4,800 + 121.43 = 4,921.43 EUR, or
        # 4,961.43 with the 40 EUR: not more than 5,000 either way.
        p = procedure("fr.petites_creances", "4800.00", "121.43", "40.00")
        assert p.outcome is ELIGIBLE
        assert "4921.43" in p.reasons[0].text
        assert "4961.43" in p.reasons[0].text
        assert p.reasons[0].basis == "CPCE L125-1, R125-1"
        assert not p.reasons[0].unconfirmed
        # Contractual cause: an invoice (L125-1).
        assert any(r.basis == "CPCE L125-1" and "contractual" in r.text for r in p.reasons)
        # Run by a commissaire de justice of the cour d'appel of the debtor's domicile.
        assert p.court.startswith("Commissaire de justice du ressort de la cour d'appel")
        assert "Saint-Étienne" in p.court
        assert p.form is None

    def test_the_debtor_has_one_month_and_silence_is_refusal(self):
        (reply,) = procedure("fr.petites_creances", "4800.00", "121.43", "40.00").deadlines
        assert "1 month" in reply.text
        assert "silence is refusal" in reply.text
        assert reply.basis.startswith("CPCE R125-1")

    def test_ex7b_not_eligible(self):
        # Ex. 7b, assessed Tue 31 Mar 2026: 4,800 x 12.15 % x (92 + 90)/365
        # = 146.998356 + 143.802740 = 290.80; 4,800 + 290.80 = 5,090.80 > 5,000 + 40.
        p = procedure("fr.petites_creances", "4800.00", "290.80", "40.00", as_of=date(2026, 3, 31))
        assert p.outcome is INELIGIBLE
        assert "5090.80" in p.reasons[0].text
        assert "exceed 5000.00 EUR" in p.reasons[0].text
        assert not p.reasons[0].unconfirmed

    @pytest.mark.parametrize(
        ("principal_and_interest", "outcome"),
        [
            # No fixed sum in the claim: only "below 5,000" (L125-1, "inférieure à") or
            # "not more than 5,000" (R125-1 per secondary sources) is open, and it matters
            # only for exactly 5,000.00 (fr_rules.md 4a, 8.6).
            ("4959.99", ELIGIBLE),
            ("4960.01", ELIGIBLE),  # < 5,000 on either reading
            ("4999.99", ELIGIBLE),
            ("5000.00", NEEDS_REVIEW),  # the only "inclusive or not" doubt
            ("5000.01", INELIGIBLE),  # > 5,000 whatever the reading
            ("5040.00", INELIGIBLE),
        ],
    )
    def test_threshold_boundaries_without_a_fixed_sum(self, principal_and_interest, outcome):
        # The threshold is on principal + interest: 100.00 of it is interest here.
        principal = str(Decimal(principal_and_interest) - 100)
        p = procedure("fr.petites_creances", principal, "100.00", "0")
        assert p.outcome is outcome
        first = p.reasons[0]
        assert principal_and_interest in first.text
        if outcome is NEEDS_REVIEW:
            assert first.unconfirmed
            assert "are exactly 5000.00 EUR" in first.text
        else:
            assert not first.unconfirmed

    @pytest.mark.parametrize(
        ("principal_and_interest", "fixed", "debtor", "outcome"),
        [
            # 4,960.01 + 40 = 5,000.01 > 5,000: the indemnity decides (B2B only).
            ("4960.01", "40.00", "company", NEEDS_REVIEW),
            # 4,960.00 + 40 = 5,000.00: inclusive reading eligible, the other not.
            ("4960.00", "40.00", "company", NEEDS_REVIEW),
            # 4,959.99 + 40 = 4,999.99 < 5,000 on every reading.
            ("4959.99", "40.00", "company", ELIGIBLE),
            # Above 5,000 before the indemnity: ineligible, the 40 EUR cannot help.
            ("5000.01", "40.00", "company", INELIGIBLE),
            # A consumer owes no indemnity (C. com. L441-10 is B2B; CPCE L111-8): a fixed
            # sum in the claim cannot make a consumer claim doubtful.
            ("4980.00", "40.00", "consumer", ELIGIBLE),
        ],
    )
    def test_the_fixed_indemnity_matters_only_when_it_crosses(
        self, principal_and_interest, fixed, debtor, outcome
    ):
        principal = str(Decimal(principal_and_interest) - 100)
        p = procedure("fr.petites_creances", principal, "100.00", fixed, debtor=debtor)
        assert p.outcome is outcome
        if outcome is NEEDS_REVIEW:
            assert p.reasons[0].unconfirmed

    def test_the_fixed_indemnities_count_only_when_they_cross_the_threshold(self):
        # 4,950 + one 40 EUR indemnity = 4,990 <= 5,000: eligible on either reading.
        p = procedure("fr.petites_creances", "4950.00", "0", "40.00")
        assert p.outcome is ELIGIBLE
        assert "4990.00" in p.reasons[0].text
        # 4,950 <= 5,000 - 40, but with two invoices' 40 EUR: 4,950 + 80 = 5,030 > 5,000.
        # Whether the indemnities count is unconfirmed (fr_rules.md 4a): needs review.
        p = procedure("fr.petites_creances", "4950.00", "0", "80.00")
        assert p.outcome is NEEDS_REVIEW
        assert p.reasons[0].unconfirmed
        assert "fixed indemnities (80.00 EUR)" in p.reasons[0].text

    def test_threshold_was_4000_before_2020(self):
        # 4,000 EUR from 1 Jun 2016 to 31 Dec 2019 (décret 2016-285); 4,500 > 4,000 + 40.
        p = procedure(
            "fr.petites_creances",
            "4500.00",
            as_of=date(2019, 6, 1),
            oldest_due=date(2019, 3, 31),
        )
        assert p.outcome is INELIGIBLE
        assert "4000.00 EUR" in p.reasons[0].text
        # From 1 Jan 2020, 5,000 EUR: the same claim qualifies.
        p = procedure(
            "fr.petites_creances",
            "4500.00",
            as_of=date(2020, 1, 1),
            oldest_due=date(2019, 3, 31),
        )
        assert p.outcome is ELIGIBLE
        assert "5000.00 EUR" in p.reasons[0].text

    def test_before_1_june_2016_the_procedure_did_not_exist(self):
        p = procedure(
            "fr.petites_creances",
            "1000.00",
            as_of=date(2016, 5, 31),
            oldest_due=date(2016, 3, 31),
        )
        assert p.outcome is INELIGIBLE

    def test_debtor_abroad(self):
        # The commissaire must be of the cour d'appel of the debtor's domicile (4a):
        # a debtor in Germany is never simply eligible.
        p = procedure("fr.petites_creances", debtor_country="DE", city="Berlin")
        assert p.outcome is NEEDS_REVIEW
        assert "outside France (DE)" in p.reasons[0].text
        assert p.court is None

    def test_neither_party_in_france(self):
        p = procedure(
            "fr.petites_creances", creditor_country="DE", debtor_country="IT", city="Milano"
        )
        assert p.outcome is INELIGIBLE
        assert "Neither party is in France" in p.reasons[0].text

    def test_unknown_debtor_country(self):
        p = procedure("fr.petites_creances", debtor_country=None)
        assert p.outcome is NEEDS_REVIEW
        assert "country is not known" in p.reasons[0].text

    def test_disputed_claim_needs_the_debtors_agreement(self):
        p = procedure("fr.petites_creances", disputed=True)
        assert p.outcome is NEEDS_REVIEW
        assert "silence counts as refusal" in p.reasons[0].text
        assert p.reasons[0].basis == "CPCE R125-1 s."

    def test_a_claim_in_another_currency_must_be_stated_in_euros(self):
        p = procedure("fr.petites_creances", currency="GBP")
        assert p.outcome is NEEDS_REVIEW
        assert "converted into EUR" in p.reasons[0].text
        # The ceiling is stated in its own currency, never "5000.00 GBP".
        assert "5000.00 EUR" in p.reasons[0].text and "5000.00 GBP" not in texts(p.reasons)


# --------------------------------------------------------------------------- 4b


class TestInjonctionDePayer:
    """CPC 1405-1425: the court of the debtor's domicile (1406), the CERFA form, the
    service deadline (1411, décret 2026-96) and the opposition period (1416)."""

    def test_company_against_company_goes_to_the_tribunal_de_commerce(self):
        p = procedure("fr.injonction_de_payer")
        assert p.outcome is ELIGIBLE
        assert p.court == "Président du tribunal de commerce dont relève Saint-Étienne"
        assert p.form == "CERFA 12946*02"
        # Saint-Étienne (Loire, 42) is in no TAE's department (INSEE list): no TAE note.
        assert not [r for r in p.reasons if r.basis == "arrêté du 5 juillet 2024"]

    def test_a_trader_is_commercial_too(self):
        p = procedure("fr.injonction_de_payer", creditor="trader", debtor="company")
        assert p.court.startswith("Président du tribunal de commerce")

    @pytest.mark.parametrize("city", ["Lyon", "LYON", "lyon"])
    def test_lyon_during_the_tae_pilot(self, city):
        # Tribunaux des activités économiques, 1 Jan 2025 - 31 Dec 2028 (arrêté du
        # 5 juillet 2024): Lyon is one of the 12, and keeps the commercial court's powers.
        p = procedure(
            "fr.injonction_de_payer",
            city=city,
            as_of=date(2026, 11, 16),
            oldest_due=date(2026, 9, 30),
        )
        assert p.outcome is ELIGIBLE
        assert p.court == "Président du tribunal des activités économiques de Lyon"
        assert p.form == "CERFA 12946*02"
        assert p.reasons[0].basis == "arrêté du 5 juillet 2024"

    @pytest.mark.parametrize(
        "as_of",
        [
            date(2024, 12, 31),  # the day before the pilot
            date(2029, 1, 1),  # the day after it
        ],
    )
    def test_lyon_outside_the_tae_pilot(self, as_of):
        p = procedure(
            "fr.injonction_de_payer", city="Lyon", as_of=as_of, oldest_due=date(2024, 9, 30)
        )
        assert p.court == "Président du tribunal de commerce dont relève Lyon"
        assert not any(r.basis == "arrêté du 5 juillet 2024" for r in p.reasons)

    def test_first_and_last_day_of_the_tae_pilot(self):
        for as_of in (date(2025, 1, 1), date(2028, 12, 31)):
            p = procedure(
                "fr.injonction_de_payer", city="Lyon", as_of=as_of, oldest_due=date(2024, 9, 30)
            )
            assert "tribunal des activités économiques" in p.court

    @pytest.mark.parametrize(
        ("subdivision", "city"),
        [("6AE", "Strasbourg"), ("57", "Metz")],
    )
    def test_alsace_moselle_has_no_tribunal_de_commerce(self, subdivision, city):
        # Bas-Rhin, Haut-Rhin (6AE) and Moselle (57): the chambre commerciale of the
        # tribunal judiciaire hears commercial claims (fr_rules.md 4b).
        p = procedure("fr.injonction_de_payer", subdivision=subdivision, city=city)
        assert p.outcome is ELIGIBLE
        assert p.court == (
            f"Président de la chambre commerciale du tribunal judiciaire dont relève {city}"
        )
        assert "local law" in p.reasons[0].basis
        # Which CERFA the chambre commerciale takes is not confirmed, and says so.
        assert any(r.unconfirmed and "12946" in r.text for r in p.reasons)

    def test_company_against_a_consumer_goes_to_the_tribunal_judiciaire(self):
        p = procedure("fr.injonction_de_payer", debtor="consumer", city="Lyon")
        assert p.outcome is ELIGIBLE
        assert p.court == "Président du tribunal judiciaire dont relève Lyon"
        assert p.form == "CERFA 12948*06"
        # Consumer credit and residential leases: juge des contentieux de la protection.
        jcp = [r for r in p.reasons if "contentieux de la protection" in r.text]
        assert len(jcp) == 1
        assert "16040" in jcp[0].text
        assert "CPC 1406" in jcp[0].basis

    def test_a_professional_debtor_is_not_commercial(self):
        # A liberal profession is not a commerçant: tribunal judiciaire, no JCP note.
        p = procedure("fr.injonction_de_payer", debtor="professional")
        assert p.outcome is ELIGIBLE
        assert p.court == "Président du tribunal judiciaire dont relève Saint-Étienne"
        assert p.form == "CERFA 12948*06"
        assert "contentieux de la protection" not in texts(p.reasons)

    @pytest.mark.parametrize(("creditor", "debtor"), [("company", None), (None, "company")])
    def test_an_unknown_party_type_is_never_eligible(self, creditor, debtor):
        p = procedure("fr.injonction_de_payer", creditor=creditor, debtor=debtor)
        assert p.outcome is NEEDS_REVIEW
        assert "type is not known" in p.reasons[0].text
        assert p.reasons[0].basis == "CPC 1406"
        assert p.court is None
        assert p.form is None

    def test_a_public_debtor_may_belong_to_the_administrative_courts(self):
        p = procedure("fr.injonction_de_payer", debtor="public")
        assert p.outcome is NEEDS_REVIEW
        assert "public body" in p.reasons[0].text

    def test_a_disputed_claim_is_likely_to_meet_an_opposition(self):
        p = procedure("fr.injonction_de_payer", disputed=True)
        assert p.outcome is NEEDS_REVIEW
        assert "opposition" in p.reasons[0].text
        assert p.reasons[0].basis == "CPC 1416"

    def test_no_lawyer_for_the_request(self):
        p = procedure("fr.injonction_de_payer", "50000.00")
        assert any(r.basis.startswith("CPC 1407") and "No lawyer" in r.text for r in p.reasons)

    @pytest.mark.parametrize(
        ("as_of", "months", "basis"),
        [
            # Ordonnances made before 1 Sep 2026: served within 6 months (CPC 1411).
            (date(2026, 8, 31), 6, "CPC 1411"),
            # From 1 Sep 2026: 3 months (décret 2026-96 of 16 Feb 2026, fr_rules.md §0.1).
            (date(2026, 9, 1), 3, "CPC 1411 (décret 2026-96)"),
        ],
    )
    def test_service_deadline(self, as_of, months, basis):
        p = procedure("fr.injonction_de_payer", as_of=as_of, oldest_due=date(2026, 6, 30))
        service = p.deadlines[0]
        assert f"served within {months} months" in service.text
        assert service.basis == basis
        # The 6-month row starts on 2008-01-01, the start of the supported range, not a
        # date of the fact sheets: the reason says it is unconfirmed.
        assert service.unconfirmed is (months == 6)
        # Whether CPC 642 moves it off a non-working day is open (fr_rules.md 8.10).
        assert p.deadlines[1].unconfirmed and p.deadlines[1].basis == "CPC 642"

    def test_enforcement_without_opposition_only_under_the_2026_regime(self):
        # Décret 2026-96: enforceable if no notice of opposition within 2 months of service.
        new = procedure("fr.injonction_de_payer", as_of=date(2026, 9, 1))
        assert any(
            "2 months of service" in r.text and r.basis.startswith("CPC 1422")
            for r in new.deadlines
        )
        old = procedure("fr.injonction_de_payer", as_of=date(2026, 8, 31))
        assert not any(r.basis.startswith("CPC 1422") for r in old.deadlines)

    def test_opposition_within_one_month(self):
        p = procedure("fr.injonction_de_payer")
        assert any(
            "oppose within 1 month" in r.text and r.basis.startswith("CPC 1416")
            for r in p.deadlines
        )

    def test_debtor_abroad_adds_two_months(self):
        # CPC 643 2°: + 2 months for a person living abroad.
        p = procedure("fr.injonction_de_payer", debtor_country="DE", city="Berlin")
        assert p.outcome is NEEDS_REVIEW
        assert "outside France (DE)" in p.reasons[0].text
        assert p.court is None and p.form is None
        assert p.deadlines[-1].text == "+ 2 months for a debtor living abroad"
        assert p.deadlines[-1].basis == "CPC 643 2°"

    def test_an_overseas_debtor_before_a_local_court_has_no_extension(self):
        p = procedure("fr.injonction_de_payer", subdivision="971", city="Pointe-à-Pitre")
        assert p.deadlines[-1].basis == "CPC 643, 644"
        assert "no distance extension" in p.deadlines[-1].text


# --------------------------------------------------------------------------- 4c


class TestRefereProvision:
    """CPC 835 al. 2 (tribunal judiciaire), 873 al. 2 (tribunal de commerce): a provision
    where the obligation is not seriously disputable."""

    def test_an_undisputed_commercial_claim(self):
        p = procedure("fr.refere_provision")
        assert p.outcome is ELIGIBLE
        assert "non sérieusement contestable" in p.reasons[0].text
        assert p.reasons[0].basis == "CPC 873 al. 2"
        assert p.court == "Juge des référés du tribunal de commerce dont relève Saint-Étienne"

    def test_an_undisputed_claim_against_a_consumer(self):
        p = procedure("fr.refere_provision", debtor="consumer")
        assert p.outcome is ELIGIBLE
        assert "non sérieusement contestable" in p.reasons[0].text
        assert p.reasons[0].basis == "CPC 835 al. 2"
        assert p.court == "Juge des référés du tribunal judiciaire dont relève Saint-Étienne"

    @pytest.mark.parametrize(
        ("debtor", "basis"), [("company", "CPC 873 al. 2"), ("consumer", "CPC 835 al. 2")]
    )
    def test_a_disputed_claim_is_for_the_judge_to_weigh(self, debtor, basis):
        p = procedure("fr.refere_provision", debtor=debtor, disputed=True)
        assert p.outcome is NEEDS_REVIEW
        assert "disputes" in p.reasons[0].text
        assert p.reasons[0].basis == basis

    def test_unknown_debtor_type(self):
        p = procedure("fr.refere_provision", debtor=None)
        assert p.outcome is NEEDS_REVIEW
        assert "type is not known" in p.reasons[0].text
        assert p.court is None

    def test_public_debtor(self):
        p = procedure("fr.refere_provision", debtor="public")
        assert p.outcome is NEEDS_REVIEW
        assert p.reasons[0].basis.startswith("CPC 835")

    def test_debtor_abroad(self):
        p = procedure("fr.refere_provision", debtor_country="IT", city="Milano")
        assert p.outcome is NEEDS_REVIEW
        assert p.court is None


# --------------------------------------------------------------------------- 4f


class TestTentativeAmiable:
    """CPC 750-1 (restored by décret 2023-357 from 1 Oct 2023): before the tribunal
    judiciaire, a claim of at most 5,000 EUR first needs a conciliation, mediation or
    procédure participative. Its fate after décret 2025-660 is unconfirmed (4f, 8.5)."""

    AFTER_2025_660 = date(2026, 11, 16)

    def prerequisite(self, *args, **kw):
        kw.setdefault("as_of", self.AFTER_2025_660)
        kw.setdefault("oldest_due", date(2026, 9, 30))
        a = assess(claim(*args, **kw))
        return a.prerequisite("fr.tentative_amiable"), a.warnings

    def test_consumer_claim_up_to_5000_requires_it(self):
        p, warnings = self.prerequisite("4800.00", debtor="consumer")
        assert p.required is Requirement.REQUIRED
        assert "conciliateur de justice" in p.reasons[0].text
        assert p.reasons[0].basis == "CPC 750-1 (décret 2023-357)"
        decree = [r for r in p.reasons if "2025-660" in r.text]
        assert len(decree) == 1 and decree[0].unconfirmed
        # The threshold is verified to 31 Aug 2025 only: the answer says which file to check.
        (warning,) = [w for w in warnings if w.series == "amicable_attempt_threshold"]
        assert warning.file == "FR/pack.yaml"
        assert "rules/FR/pack.yaml" in warning.message
        assert "2025-08-31" in warning.message

    def test_exactly_5000_principal_and_interest_requires_it(self):
        # "n'excédant pas 5 000 euros": 4,900 + 100 = 5,000.00.
        p, _ = self.prerequisite("4900.00", "100.00", debtor="consumer")
        assert p.required is Requirement.REQUIRED

    def test_above_5000_it_does_not_apply(self):
        # 4,900 + 100.01 = 5,000.01 > 5,000.
        p, _ = self.prerequisite("4900.00", "100.01", debtor="consumer")
        assert p.required is Requirement.NOT_REQUIRED
        assert "exceed 5000.00 EUR" in p.reasons[0].text
        assert any(r.unconfirmed and "2025-660" in r.text for r in p.reasons)

    def test_no_warning_while_the_threshold_is_verified(self):
        _, warnings = self.prerequisite("4800.00", debtor="consumer", as_of=date(2025, 8, 31))
        assert not [w for w in warnings if w.series == "amicable_attempt_threshold"]
        _, warnings = self.prerequisite("4800.00", debtor="consumer", as_of=date(2025, 9, 1))
        assert [w for w in warnings if w.series == "amicable_attempt_threshold"]

    def test_both_commercial_goes_to_the_tribunal_de_commerce(self):
        p, warnings = self.prerequisite("1000.00")
        assert p.required is Requirement.NOT_REQUIRED
        assert "tribunal de commerce" in p.reasons[0].text
        assert not [w for w in warnings if w.series == "amicable_attempt_threshold"]

    def test_not_for_the_injonction_de_payer_request(self):
        # Exempt: a decision given without hearing the other side (4f).
        p, _ = self.prerequisite("4800.00", debtor="professional")
        assert p.required is Requirement.REQUIRED
        assert any("injonction de payer" in r.text for r in p.reasons[1:])

    def test_debtor_abroad(self):
        p, _ = self.prerequisite("4800.00", debtor="consumer", debtor_country="BE")
        assert p.required is Requirement.NOT_REQUIRED

    def test_unknown_party_type(self):
        p, _ = self.prerequisite("4800.00", debtor=None)
        assert p.required is Requirement.NEEDS_REVIEW

    def test_not_required_between_the_annulment_and_its_restoration(self):
        p, _ = self.prerequisite(
            "4800.00", debtor="consumer", as_of=date(2023, 6, 1), oldest_due=date(2023, 3, 31)
        )
        assert p.required is Requirement.NOT_REQUIRED


# --------------------------------------------------------------------------- 4g


class TestLimitation:
    """Ex. 9: services performed and invoice due Fri 15 Mar 2024. B2C: 2 years
    (C. consom. L218-2); B2B: 5 years (C. com. L110-4). Nominal dates (no CPC 642)."""

    DUE = date(2024, 3, 15)

    def limitation(self, debtor="consumer", creditor="company", as_of=date(2026, 11, 16)):
        return assess(
            claim(creditor=creditor, debtor=debtor, as_of=as_of, oldest_due=self.DUE)
        ).limitation

    def test_ex9_b2c_two_years(self):
        # 15 Mar 2024 + 2 years = 15 Mar 2026; on 16 Nov 2026 the claim is barred.
        lim = self.limitation()
        assert (lim.status, lim.period, lim.start, lim.end) == (
            "time_barred",
            "2 years",
            self.DUE,
            date(2026, 3, 15),
        )
        assert lim.reasons[0].basis.startswith("C. consommation L218-2")
        assert "Time-barred since 2026-03-16" in lim.reasons[0].text
        # The starting point under L218-2 is open (4g): shown, not decided.
        assert any(r.unconfirmed and "date of performance" in r.text for r in lim.reasons)

    @pytest.mark.parametrize(
        ("as_of", "status"),
        [
            (date(2025, 12, 14), "running"),  # 15 Mar 2026 - 14 Dec 2025 = 91 days
            (date(2025, 12, 15), "soon"),  # exactly 90 days left
            (date(2026, 3, 15), "soon"),  # the last day: "acquise ... dernier jour" (2229)
            (date(2026, 3, 17), "time_barred"),
        ],
    )
    def test_b2c_status(self, as_of, status):
        lim = self.limitation(as_of=as_of)
        assert lim.end == date(2026, 3, 15)
        assert lim.status == status

    def test_the_monday_after_a_sunday_end_is_not_decided_silently(self):
        assert self.limitation(as_of=date(2026, 3, 16)).status == "needs_review"

    def test_ex9_b2b_five_years(self):
        # 15 Mar 2024 + 5 years = Thu 15 Mar 2029 (L110-4 I).
        lim = self.limitation(debtor="company")
        assert (lim.status, lim.period, lim.end) == ("running", "5 years", date(2029, 3, 15))
        assert lim.reasons[0].basis == "C. com. L110-4 I"
        assert "act by 2029-03-15" in lim.reasons[0].text

    def test_a_trader_and_a_non_trader_five_years_commercial(self):
        lim = self.limitation(creditor="trader", debtor="professional")
        assert (lim.period, lim.reasons[0].basis) == ("5 years", "C. com. L110-4 I")

    def test_civil_five_years(self):
        lim = self.limitation(creditor="professional", debtor="professional")
        assert (lim.period, lim.reasons[0].basis) == ("5 years", "C. civ. 2224")

    @pytest.mark.parametrize("debtor", ["consumer", "company"])
    def test_a_formal_notice_does_not_interrupt(self, debtor):
        lim = self.limitation(debtor=debtor)
        (notice,) = [r for r in lim.reasons if "formal notice" in r.text]
        assert "does not interrupt" in notice.text
        assert notice.basis == "C. civ. 2240, 2241, 2244"

    @pytest.mark.parametrize(("creditor", "debtor"), [("company", None), (None, "consumer")])
    def test_unknown_party_type(self, creditor, debtor):
        lim = self.limitation(creditor=creditor, debtor=debtor)
        assert (lim.status, lim.period, lim.end) == ("needs_review", None, None)
        assert "L218-2" in lim.reasons[0].basis


# --------------------------------------------------------------------------- properties

_SUBDIVISIONS = {"FR": [None, "57", "6AE", "971"], "GB": [None, "ENG", "SCT", "NIR"]}
_COUNTRIES = [None, "FR", "DE", "GB", "IT", "DK", "US"]
_KINDS = [None, *PartyKind]


@st.composite
def parties(draw, kinds=_KINDS, countries=_COUNTRIES):
    country = draw(st.sampled_from(countries))
    return ClaimParty(
        draw(st.sampled_from(kinds)),
        country,
        subdivision=draw(st.sampled_from(_SUBDIVISIONS.get(country, [None]))),
        city=draw(st.sampled_from([None, "Lyon", "Saint-Étienne", "Metz", "Berlin"])),
    )


@st.composite
def claims(draw, debtors=None):
    # Also before the series begin (petites créances 2016, CPC 750-1 2020, UK fees 2021).
    as_of = draw(st.dates(min_value=date(2014, 1, 1), max_value=date(2029, 12, 31)))
    return Claim(
        creditor=draw(parties()),
        debtor=draw(parties() if debtors is None else debtors),
        currency=draw(st.sampled_from(["EUR", "GBP"])),
        principal=draw(st.decimals(min_value=Decimal("0.01"), max_value=250000, places=2)),
        interest=draw(st.decimals(min_value=0, max_value=20000, places=2)),
        fixed_compensation=Decimal(draw(st.sampled_from([0, 40, 70, 100, 400]))),
        as_of=as_of,
        oldest_due=as_of - timedelta(days=draw(st.integers(1, 4000))),
        disputed=draw(st.booleans()),
        jurisdiction=draw(st.sampled_from(["FR", "GB", "DE", "EU"])),
    )


class TestProperties:
    """An unknown fact never gives eligible; every answer cites its basis."""

    @settings(max_examples=150, deadline=None)
    @given(claims(debtors=parties(countries=[None])))
    def test_unknown_debtor_country_is_never_eligible(self, c):
        a = assess(c)
        for pid in (
            "fr.injonction_de_payer",
            "fr.refere_provision",
            "eu.order_for_payment",
            "eu.small_claims",
        ):
            assert a.procedure(pid).outcome is not ELIGIBLE, pid

    @settings(max_examples=150, deadline=None)
    @given(claims(debtors=parties(kinds=[None])))
    def test_unknown_debtor_kind_is_never_eligible(self, c):
        # The French court (commerce or judiciaire) depends on it (CPC 1406, 835, 873); the
        # EU routes exclude acts of State authority (a public body).
        a = assess(c)
        for pid in (
            "fr.injonction_de_payer",
            "fr.refere_provision",
            "eu.order_for_payment",
            "eu.small_claims",
        ):
            assert a.procedure(pid).outcome is not ELIGIBLE, pid

    @settings(max_examples=200, deadline=None)
    @given(claims())
    def test_every_reason_has_a_basis(self, c):
        a = assess(c)
        assert {p.id for p in a.procedures} == set(PROCEDURES)
        for p in a.procedures:
            assert p.reasons, p.id  # the first one decided the outcome
            for r in (*p.reasons, *p.deadlines):
                assert r.text.strip() and r.basis.strip(), (p.id, r)
        for pre in a.prerequisites:
            assert pre.reasons
            for r in pre.reasons:
                assert r.text.strip() and r.basis.strip(), (pre.id, r)
        for r in a.limitation.reasons:
            assert r.text.strip() and r.basis.strip(), r
        json.dumps(a.as_dict())
