"""France: procedural periods (CPC 640-643), limitation dates, payment-term caps (L441-10 I).

Golden cases from the fact sheet, /work/shared/research/fr_rules.md §5 and §7 (Ex. 5, 9,
10, 12). Holidays: C. trav. L3133-1 (national), L3134-13 (Alsace-Moselle).
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from relance_docs.errors import BadDate, BadValue
from relance_docs.law.calendars import (
    calendar,
    calendar_key,
    calendar_label,
    holiday_name,
    is_working_day,
    next_working_day,
)
from relance_docs.law.deadlines import (
    Period,
    add_period,
    add_working_days,
    check_due_date,
    deadline,
    fr_deadline,
    parse_period,
    payment_terms,
)

PARIS = calendar("FR")


def bases(d) -> list[str]:
    return [r.basis for r in d.reasons]


def unconfirmed(d) -> list[str]:
    return [r.text for r in d.reasons if r.unconfirmed]


# --- Ex. 5: one month from 31 January (CPC 641 al. 2 + 642 al. 2) ---------------------------


def test_ex5_31_january_2025_ends_on_the_last_day_of_february():
    # 31 Jan 2025 + 1 month: there is no 31 Feb, so the last day of the month, Fri 28 Feb
    d = fr_deadline(date(2025, 1, 31), "1 mois")
    assert d.nominal_end == d.end == date(2025, 2, 28)
    assert "CPC art. 641 al. 2" in bases(d)
    assert not d.extended


def test_ex5_31_january_2024_leap_year():
    # 2024 is a leap year: Thu 29 Feb 2024
    assert fr_deadline(date(2024, 1, 31), "1 month").end == date(2024, 2, 29)


def test_ex5_31_january_2026_saturday_is_extended_to_monday():
    # 31 Jan 2026 + 1 month -> Sat 28 Feb 2026 -> CPC 642 al. 2 -> Mon 2 Mar 2026
    d = fr_deadline(date(2026, 1, 31), "1 mois")
    assert d.nominal_end == date(2026, 2, 28)
    assert d.end == date(2026, 3, 2)
    assert d.extended
    extension = next(r for r in d.reasons if r.basis == "CPC art. 642 al. 2")
    assert extension.text.startswith("28 February 2026 is a Saturday")
    assert "2 March 2026" in extension.text
    assert not extension.unconfirmed


# --- Ex. 10: serving an injonction-de-payer ordonnance (CPC 1411, décret 2026-96) ---------


def test_ex10_old_regime_six_months_from_31_august_2026():
    # 31 Aug 2026 + 6 months: no 31 Feb 2027 -> Sun 28 Feb 2027 -> (CPC 642) Mon 1 Mar 2027
    assert add_period(date(2026, 8, 31), "6 months") == date(2027, 2, 28)
    d = fr_deadline(date(2026, 8, 31), "6 mois")
    assert (d.nominal_end, d.end) == (date(2027, 2, 28), date(2027, 3, 1))
    # whether 642 applies to this caducity deadline is open (§8 item 10): both answers exist
    kept = fr_deadline(date(2026, 8, 31), "6 mois", extend=False)
    assert kept.end == date(2027, 2, 28)
    assert any("1 March 2027" in t for t in unconfirmed(kept))


def test_ex10_new_regime_three_months_from_10_september_2026():
    # 10 Sep 2026 + 3 months = Thu 10 Dec 2026, a working day: no extension
    assert add_period(date(2026, 9, 10), "3 mois") == date(2026, 12, 10)
    d = fr_deadline(date(2026, 9, 10), "3 mois")
    assert d.end == date(2026, 12, 10)
    assert not d.extended


# --- Ex. 9: limitation dates, nominal (CPC 642 not applied, §4g) -------------------------


def test_ex9_b2c_two_years_ends_on_a_sunday_and_stays_there():
    # L218-2 C. consom.: 15 Mar 2024 + 2 years = Sun 15 Mar 2026; 642 not applied
    d = fr_deadline(date(2024, 3, 15), "2 ans", extend=False)
    assert d.nominal_end == d.end == date(2026, 3, 15)
    assert date(2026, 3, 15).weekday() == 6  # Sunday
    (open_point,) = unconfirmed(d)
    assert "whether CPC 642 extends this period is not confirmed" in open_point
    assert "16 March 2026" in open_point  # what it would be if 642 applied


def test_ex9_b2b_five_years():
    # L110-4 C. com.: 15 Mar 2024 + 5 years = Thu 15 Mar 2029, a working day
    d = fr_deadline(date(2024, 3, 15), "5 years", extend=False)
    assert d.end == date(2029, 3, 15)
    assert unconfirmed(d) == []


# --- Good Friday and 26 December: Alsace-Moselle (C. trav. L3134-13) ---------------------


def test_good_friday_2026_is_a_working_day_in_paris():
    # 6 Mar 2026 + 28 days = Fri 3 Apr 2026 (Good Friday): not a holiday under L3133-1
    d = fr_deadline(date(2026, 3, 6), "28 jours")
    assert d.nominal_end == d.end == date(2026, 4, 3)
    assert d.calendar == "France"


@pytest.mark.parametrize(
    ("subdivision", "label"),
    [
        ("6AE", "France (Alsace: Bas-Rhin, Haut-Rhin)"),  # Strasbourg
        ("67", "France (Alsace: Bas-Rhin, Haut-Rhin)"),
        ("68", "France (Alsace: Bas-Rhin, Haut-Rhin)"),  # Mulhouse
        ("57", "France (Moselle)"),  # Metz
    ],
)
def test_good_friday_2026_gives_the_earlier_end_in_alsace_moselle(subdivision, label):
    # Good Friday is a holiday in Alsace-Moselle only in communes with a Protestant temple
    # or a mixed church (C. trav. L3134-13). For a deadline the user must meet the end is
    # the earlier possible day, Fri 3 Apr 2026; where Good Friday is a holiday: Sat 4, Sun
    # 5, Mon 6 Apr (Easter Monday) -> Tue 7 Apr 2026, given in the reason.
    d = fr_deadline(date(2026, 3, 6), "28 jours", subdivision=subdivision)
    assert d.nominal_end == date(2026, 4, 3)
    assert d.end == date(2026, 4, 3)
    assert d.calendar == label
    (caveat,) = [r for r in d.reasons if r.unconfirmed]
    assert caveat.basis == "C. trav. art. L3134-13"
    assert "Protestant temple" in caveat.text
    assert "Tuesday 7 April 2026" in caveat.text  # the end where Good Friday is a holiday


def test_26_december_is_a_holiday_in_every_commune_of_alsace_moselle():
    # L3134-13: "le premier et le second jour de Noël" everywhere in 57/67/68, no doubt:
    # 11 Dec 2026 + 15 days = Sat 26 Dec -> Sun 27 -> Mon 28 Dec 2026.
    d = fr_deadline(date(2026, 12, 11), "15 jours", subdivision="57")
    assert d.end == date(2026, 12, 28)
    assert not any(r.unconfirmed for r in d.reasons)


def test_26_december_is_a_holiday_in_alsace_not_in_paris():
    # 26 Nov 2025 + 1 month = Fri 26 Dec 2025 ("second jour de Noël", L3134-13)
    paris = fr_deadline(date(2025, 11, 26), "1 mois")
    strasbourg = fr_deadline(date(2025, 11, 26), "1 mois", subdivision="6AE")
    assert paris.end == date(2025, 12, 26)
    assert strasbourg.end == date(2025, 12, 29)  # Sat 27, Sun 28 -> Mon 29 Dec 2025
    assert unconfirmed(strasbourg) == []  # 26 December is a holiday in every commune


def test_easter_monday_after_easter_sunday_pushes_to_tuesday():
    # Cass. 1961: a period ending on Easter Sunday runs to the Tuesday. 5 Mar + 31 days
    d = fr_deadline(date(2026, 3, 5), "31 jours")
    assert d.nominal_end == date(2026, 4, 5)  # Easter Sunday 2026
    assert d.end == date(2026, 4, 7)


# --- CPC 643: distance extensions --------------------------------------------------------


def test_opposition_one_month_for_a_debtor_abroad_is_three_months():
    # CPC 1416 (1 month) + CPC 643 (+2 months abroad): 15 Jan 2026 -> Wed 15 Apr 2026
    d = fr_deadline(date(2026, 1, 15), "1 mois", distance="abroad")
    assert d.end == date(2026, 4, 15)
    assert "CPC 643 2°" in bases(d)  # the basis of rules/FR/pack.yaml


def test_opposition_one_month_for_a_debtor_overseas_is_two_months():
    # 1 month + 1 month (DOM-COM): 15 Jan 2026 -> Sun 15 Mar 2026 -> Mon 16 Mar 2026
    d = fr_deadline(date(2026, 1, 15), "1 mois", distance="overseas")
    assert d.nominal_end == date(2026, 3, 15)
    assert d.end == date(2026, 3, 16)


def test_distance_months_are_added_before_days():
    # CPC 641 al. 3: 15 days + 2 months from 31 Dec 2025 -> 28 Feb 2026 (months first,
    # last day of February) + 15 days = Mon 16 Mar 2026
    d = fr_deadline(date(2025, 12, 31), "15 jours", distance="abroad")
    assert d.nominal_end == date(2026, 3, 15)  # Sun
    assert d.end == date(2026, 3, 16)
    assert "CPC art. 641 al. 3" in bases(d)


def test_distance_extension_keeps_the_last_day_of_the_month():
    # 31 Jan + (1 + 2) months = 30 Apr, not 28 Apr: the period becomes 3 months (CPC 643)
    assert fr_deadline(date(2025, 1, 31), "1 mois", distance="abroad").end == date(2025, 4, 30)


def test_unknown_distance_is_refused():
    with pytest.raises(BadValue, match="overseas or abroad"):
        fr_deadline(date(2026, 1, 15), "1 mois", distance="far away")


# --- periods in days and working days ----------------------------------------------------


def test_fifteen_days_from_a_friday():
    # CPC 641 al. 1: Fri 6 Mar 2026 is not counted; day 15 = Sat 21 Mar -> Mon 23 Mar 2026
    d = fr_deadline(date(2026, 3, 6), "15 jours")
    assert d.nominal_end == date(2026, 3, 21)
    assert d.end == date(2026, 3, 23)
    assert "CPC art. 640 and 641 al. 1" in bases(d)


def test_five_working_days_from_thursday_9_april_2026():
    # Fri 10, Mon 13, Tue 14, Wed 15, Thu 16 April 2026: no holiday in between
    d = fr_deadline(date(2026, 4, 9), "5 jours ouvrés")
    assert d.end == date(2026, 4, 16)
    assert not is_working_day(date(2026, 4, 11), PARIS)  # Saturday
    assert not is_working_day(date(2026, 4, 12), PARIS)  # Sunday
    assert "C. trav. art. L3133-1" in bases(d)


def test_working_days_skip_1_and_8_may_2026():
    # From Thu 30 Apr 2026: Fri 1 May (Fête du Travail) skipped; Mon 4, Tue 5, Wed 6,
    # Thu 7 May; Fri 8 May (Victoire 1945) skipped; Mon 11 May is the 5th working day
    assert holiday_name(date(2026, 5, 1), PARIS) == "Labor Day"
    assert holiday_name(date(2026, 5, 8), PARIS) == "Victory Day"
    assert fr_deadline(date(2026, 4, 30), "5 jours ouvrés").end == date(2026, 5, 11)
    assert add_working_days(date(2026, 4, 30), 5, PARIS) == date(2026, 5, 11)


def test_one_working_day_after_maundy_thursday_depends_on_the_calendar():
    # Thu 2 Apr 2026 + 1 working day: Fri 3 Apr in Paris; in Metz Good Friday, the weekend
    # and Easter Monday are skipped -> Tue 7 Apr 2026
    assert add_working_days(date(2026, 4, 2), 1, PARIS) == date(2026, 4, 3)
    assert add_working_days(date(2026, 4, 2), 1, calendar("FR", "57")) == date(2026, 4, 7)


def test_working_days_need_a_calendar_for_add_period():
    with pytest.raises(BadValue, match="calendar"):
        add_period(date(2026, 4, 2), "5 jours ouvrés")
    assert add_period(date(2026, 4, 2), "5 jours ouvrés", PARIS) == date(2026, 4, 10)


# --- overseas calendars: what the holidays package returns (checked, not assumed) ---------


def test_guadeloupe_abolition_of_slavery_27_may():
    # holidays 0.109 gives 27 May for 971 (loi 83-550; décret 83-1003 sets the date per DOM)
    gp = calendar("FR", "971")
    assert holiday_name(date(2026, 5, 27), gp) == "Abolition of Slavery"
    assert holiday_name(date(2026, 5, 27), PARIS) is None
    # 12 May 2026 + 15 days = Wed 27 May 2026
    assert fr_deadline(date(2026, 5, 12), "15 jours").end == date(2026, 5, 27)
    # The day is added by the package without a checked text: for a deadline the user
    # must meet, the earlier end (27 May) is given, the later one (28 May) in a reason.
    d = fr_deadline(date(2026, 5, 12), "15 jours", subdivision="971")
    assert d.end == date(2026, 5, 27)
    assert any(r.unconfirmed and "Thursday 28 May 2026" in r.text for r in d.reasons)
    # the package also adds Good Friday, Mi-Carême and 21 July there: shown, not trusted
    (warning,) = d.warnings
    assert "Mi-Careme" in str(warning) and "Abolition of Slavery (27 May)" in str(warning)


@pytest.mark.parametrize(
    ("code", "day"),
    [
        ("972", date(2026, 5, 22)),  # Martinique
        ("973", date(2026, 6, 10)),  # Guyane
        ("974", date(2026, 12, 20)),  # La Réunion
        ("976", date(2026, 4, 27)),  # Mayotte
    ],
)
def test_other_overseas_departments_abolition_dates(code, day):
    assert holiday_name(day, calendar("FR", code)) == "Abolition of Slavery"


def test_distance_with_an_overseas_calendar_warns_about_cpc_644():
    d = fr_deadline(date(2026, 1, 15), "1 mois", subdivision="974", distance="overseas")
    assert any("CPC 644" in str(w) for w in d.warnings)


# --- calendars -----------------------------------------------------------------------------


def test_67_and_68_are_the_alsace_calendar():
    assert calendar_key("FR", "67") == calendar_key("FR", "68") == ("FR", "6AE")
    assert calendar("FR", "67") is calendar("FR", "6AE")
    assert calendar_label("FR", "68") == "France (Alsace: Bas-Rhin, Haut-Rhin)"


def test_unknown_subdivision_lists_the_valid_codes():
    with pytest.raises(BadValue, match=r"unknown subdivision '75' for France: use one of 57, 67"):
        calendar("FR", "75")
    with pytest.raises(BadValue, match="6AE"):
        fr_deadline(date(2026, 1, 1), "1 mois", subdivision="Paris")


def test_calendars_cover_any_year():
    # 8 May was not a public holiday from 1960 to 1981 (Mon 8 May 1978); it is again since
    assert holiday_name(date(1978, 5, 8), PARIS) is None
    assert holiday_name(date(1985, 5, 8), PARIS) == "Victory Day"
    assert holiday_name(date(2090, 7, 14), PARIS) == "National Day"
    assert next_working_day(date(2099, 12, 24), PARIS) == date(2099, 12, 28)  # Fri 25 Dec


# --- parse_period --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "period"),
    [
        ("15 days", Period(15, "days")),
        ("1 day", Period(1, "days")),
        ("1 month", Period(1, "months")),
        ("2 months", Period(2, "months")),
        ("2 years", Period(2, "years")),
        ("1 year", Period(1, "years")),
        ("5 working days", Period(5, "working_days")),
        ("5 business days", Period(5, "working_days")),
        ("15 jours", Period(15, "days")),
        ("1 jour", Period(1, "days")),
        ("1 mois", Period(1, "months")),
        ("3 mois", Period(3, "months")),
        ("2 ans", Period(2, "years")),
        ("1 an", Period(1, "years")),
        ("5 jours ouvrés", Period(5, "working_days")),
        ("5 jours ouvres", Period(5, "working_days")),  # no accent
        ("  15   JOURS ", Period(15, "days")),
        ("3 Mois", Period(3, "months")),
        ("2\u00a0ans", Period(2, "years")),  # no-break space
        ("15days", Period(15, "days")),
    ],
)
def test_parse_period(text, period):
    assert parse_period(text) == period


@pytest.mark.parametrize(
    "text", ["xyz", "", "15", "days", "-3 days", "0 days", "1.5 months", "15 jours francs", None]
)
def test_parse_period_refuses_what_it_cannot_read(text):
    with pytest.raises(BadValue, match=r"cannot read the period .*write it like '15 days'"):
        parse_period(text)


def test_parse_period_message_is_one_plain_line():
    with pytest.raises(BadValue) as info:
        parse_period("xyz")
    assert str(info.value) == (
        "cannot read the period 'xyz': write it like '15 days', '1 month', '15 jours' "
        "or '5 jours ouvrés'"
    )


@pytest.mark.parametrize(
    ("period", "en", "fr"),
    [
        (Period(1, "months"), "1 month", "1 mois"),
        (Period(15, "days"), "15 days", "15 jours"),
        (Period(1, "days"), "1 day", "1 jour"),
        (Period(5, "working_days"), "5 working days", "5 jours ouvrés"),
        (Period(2, "years"), "2 years", "2 ans"),
        (Period(1, "years"), "1 year", "1 an"),
    ],
)
def test_period_text_round_trips(period, en, fr):
    assert period.text("en") == en
    assert period.text("fr") == fr
    assert parse_period(en) == parse_period(fr) == period


def test_bad_start_date():
    with pytest.raises(BadDate):
        fr_deadline("31/01/2026", "1 mois")
    assert fr_deadline("2026-01-31", "1 mois").end == date(2026, 3, 2)


# --- dispatch and output -------------------------------------------------------------------


def test_deadline_dispatches_to_france():
    d = deadline("fr", date(2026, 1, 31), Period(1, "months"), subdivision="57")
    assert d.jurisdiction == "FR"
    assert d.calendar == "France (Moselle)"
    assert d.end == date(2026, 3, 2)


def test_deadline_refuses_an_unknown_jurisdiction():
    with pytest.raises(BadValue, match="use FR, GB or DE"):
        deadline("ES", date(2026, 1, 1), "1 month")


def test_as_dict_is_json_ready():
    out = fr_deadline(date(2024, 3, 15), "2 ans", extend=False).as_dict()
    assert out["start"] == "2024-03-15"
    assert out["period"] == "2 years"
    assert out["nominal_end"] == out["end"] == "2026-03-15"
    assert out["calendar"] == "France"
    assert {"text", "basis", "unconfirmed"} <= set(out["reasons"][1])
    assert out["warnings"] == []
    assert "earliest_action" not in out


# --- property: CPC 641-642 for any start and any number of days ----------------------------


@settings(max_examples=300, deadline=None)
@given(
    start=st.dates(min_value=date(1990, 1, 1), max_value=date(2090, 12, 31)),
    n=st.integers(min_value=1, max_value=400),
    subdivision=st.sampled_from([None, "57", "6AE", "971", "974"]),
)
def test_any_period_in_days(start, n, subdivision):
    d = fr_deadline(start, Period(n, "days"), subdivision=subdivision)
    cal = calendar("FR", subdivision)
    assert d.nominal_end - start == timedelta(days=n)  # CPC 641 al. 1
    assert d.end >= d.nominal_end
    # CPC 642 al. 2; a holiday that may not apply (Good Friday in 57/6AE, overseas local
    # days) counts as a working day for the end, the earlier possible one.
    assert is_working_day(d.end, cal) or (
        subdivision is not None and holiday_name(d.end, calendar("FR")) is None
    )
    # nothing between the nominal end and the end is a working day
    assert all(
        not is_working_day(d.nominal_end + timedelta(days=k), cal)
        for k in range((d.end - d.nominal_end).days)
    )
    later = [r for r in d.reasons if r.unconfirmed]
    assert d.end == _end_on(cal, d.nominal_end) or later  # the later end is in a reason
    kept = fr_deadline(start, Period(n, "days"), subdivision=subdivision, extend=False)
    assert kept.end == kept.nominal_end == d.nominal_end


# --- Ex. 12: payment-term caps, C. com. L441-10 I -----------------------------------------


def test_ex12_payment_term_caps():
    t = payment_terms(date(2025, 1, 10), receipt_date=date(2025, 1, 5))
    assert t.default_30_days == date(2025, 2, 4)  # Sun 5 Jan + 30 days = Tue 4 Feb (I al. 1)
    assert t.cap_60_days == date(2025, 3, 11)  # Fri 10 Jan + 60 days = Tue 11 Mar (I al. 2)
    assert t.cap_45_eom_a == date(2025, 2, 28)  # 10 Jan + 45 = 24 Feb, end of month (I al. 3)
    assert t.cap_45_eom_b == date(2025, 3, 17)  # 31 Jan + 45 = Mon 17 Mar (I al. 3)
    assert t.periodic_45_days == date(2025, 2, 24)  # 10 Jan + 45 = Mon 24 Feb (I al. 4)


def test_payment_terms_are_not_extended_on_weekends():
    # contractual dates, not procedural periods: invoice Thu 1 Jan 2026 + 45 days
    # = Sun 15 Feb 2026, kept as is (no CPC 642); no receipt date -> no 30-day default
    t = payment_terms(date(2026, 1, 1))
    assert t.periodic_45_days == date(2026, 2, 15)
    assert t.default_30_days is None


def test_check_due_date_within_60_days_is_clean():
    assert check_due_date(date(2025, 1, 10), date(2025, 3, 11)) == ()


def test_check_due_date_45_days_end_of_month_needs_an_express_clause():
    # 17 Mar 2025 is after the 60-day cap (11 Mar) but on the method-B date (17 Mar)
    (warning,) = check_due_date(date(2025, 1, 10), date(2025, 3, 17))
    assert "45 jours fin de mois" in str(warning)
    assert "expressly stipulated" in str(warning)
    assert "L441-10 I al. 3" in str(warning)


def test_check_due_date_beyond_every_cap():
    (warning,) = check_due_date(
        date(2025, 1, 10), date(2025, 3, 18), receipt_date=date(2025, 1, 5)
    )
    text = str(warning)
    assert "exceeds the legal caps of C. com. L441-10 I" in text
    assert "penalties still start the day after the due date" in text
    assert "L441-16" in text


def test_jours_ouvrables_are_refused_rather_than_counted_as_jours_ouvres():
    # Jours ouvrables run Monday to Saturday; counting them Monday to Friday would end
    # the period too late, so the text is refused with a way forward.
    with pytest.raises(BadValue, match="jours ouvrables"):
        parse_period("5 jours ouvrables")


def _end_on(cal, day):
    while not is_working_day(day, cal):
        day += timedelta(days=1)
    return day
