"""United Kingdom: pre-action periods (Pre-Action Protocol for Debt Claims) and bank
holidays by nation.

Golden cases from /work/shared/research/uk_de_eu_rules.md §1.4 (30 days from the date of
the Letter of Claim; no roll-forward rule found), §1.7 (bank holidays, holidays 0.109) and
§6 Ex 9.
"""

from __future__ import annotations

from datetime import date

import pytest

from relance_docs.errors import BadValue
from relance_docs.law.calendars import (
    calendar,
    calendar_label,
    holiday_name,
    is_working_day,
)
from relance_docs.law.deadlines import add_working_days, deadline, gb_deadline

ENG = calendar("GB", "ENG")
SCT = calendar("GB", "SCT")
NIR = calendar("GB", "NIR")


# --- Ex 9: PAPDC 30 days ending on a bank holiday (E&W) -----------------------------------


def test_ex9_letter_of_19_march_2025():
    # Wed 19 Mar 2025 + 30 days = Fri 18 Apr 2025 (Good Friday); Sat 19, Sun 20 and
    # Easter Monday 21 Apr skipped -> earliest issue Tue 22 Apr 2025
    d = gb_deadline(date(2025, 3, 19), "30 days")
    assert d.nominal_end == d.end == date(2025, 4, 18)  # no roll-forward rule
    assert d.earliest_action == date(2025, 4, 22)
    assert d.calendar == "England and Wales"
    (open_point,) = [r for r in d.reasons if r.unconfirmed]
    assert open_point.basis == "Pre-Action Protocol for Debt Claims"
    assert "Good Friday" in open_point.text


def test_ex9_letter_of_4_march_2026():
    # Wed 4 Mar 2026 + 30 days = Fri 3 Apr 2026 (Good Friday) -> Tue 7 Apr 2026
    d = gb_deadline(date(2026, 3, 4), "30 days")
    assert d.end == date(2026, 4, 3)
    assert d.earliest_action == date(2026, 4, 7)


def test_a_period_ending_on_a_working_day_is_not_flagged():
    # Mon 2 Mar 2026 + 30 days = Wed 1 Apr 2026 -> earliest Thu 2 Apr 2026
    d = gb_deadline(date(2026, 3, 2), "30 days")
    assert d.end == date(2026, 4, 1)
    assert d.earliest_action == date(2026, 4, 2)
    assert not any(r.unconfirmed for r in d.reasons)


def test_as_dict_carries_the_earliest_action():
    out = gb_deadline(date(2025, 3, 19), "30 days").as_dict()
    assert out["end"] == "2025-04-18"
    assert out["earliest_action"] == "2025-04-22"
    assert any(r.get("unconfirmed") for r in out["reasons"])


# --- bank holidays differ by nation (§1.7) -------------------------------------------------


def test_scotland_has_no_easter_monday():
    # Ex 9 (2026) in Scotland: Good Friday 3 Apr, weekend, Mon 6 Apr is a working day
    assert holiday_name(date(2026, 4, 6), SCT) is None
    assert holiday_name(date(2026, 4, 6), ENG) == "Easter Monday"
    d = gb_deadline(date(2026, 3, 4), "30 days", nation="SCT")
    assert d.end == date(2026, 4, 3)
    assert d.earliest_action == date(2026, 4, 6)
    assert d.calendar == "Scotland"


def test_scotland_2_january():
    # Tue 2 Dec 2025 + 30 days = Thu 1 Jan 2026 (holiday everywhere); Fri 2 Jan is a
    # bank holiday in Scotland only -> ENG Fri 2 Jan 2026, SCT Mon 5 Jan 2026
    assert holiday_name(date(2026, 1, 2), SCT) == "New Year Holiday"
    assert is_working_day(date(2026, 1, 2), ENG)
    assert gb_deadline(date(2025, 12, 2), "30 days").earliest_action == date(2026, 1, 2)
    assert gb_deadline(date(2025, 12, 2), "30 days", nation="SCT").earliest_action == date(
        2026, 1, 5
    )


def test_st_andrews_day_30_november_2026():
    # Fri 30 Oct 2026 + 30 days = Sun 29 Nov 2026; Mon 30 Nov is St Andrew's Day (SCT)
    assert holiday_name(date(2026, 11, 30), SCT) == "Saint Andrew's Day"
    assert gb_deadline(date(2026, 10, 30), "30 days").earliest_action == date(2026, 11, 30)
    scot = gb_deadline(date(2026, 10, 30), "30 days", nation="Scotland")
    assert scot.earliest_action == date(2026, 12, 1)


def test_northern_ireland_st_patricks_day():
    # Sat 14 Feb 2026 + 30 days = Mon 16 Mar 2026; Tue 17 Mar is a bank holiday in NIR
    assert holiday_name(date(2026, 3, 17), NIR) == "Saint Patrick's Day"
    assert gb_deadline(date(2026, 2, 14), "30 days").earliest_action == date(2026, 3, 17)
    nir = gb_deadline(date(2026, 2, 14), "30 days", nation="NIR")
    assert nir.earliest_action == date(2026, 3, 18)
    assert nir.calendar == "Northern Ireland"


def test_scotland_one_off_15_june_2026():
    # Royal Proclamation (World Cup): Mon 15 Jun 2026 in Scotland only (holidays 0.109)
    assert holiday_name(date(2026, 6, 15), SCT) is not None
    assert is_working_day(date(2026, 6, 15), ENG)
    # Fri 15 May 2026 + 30 days = Sun 14 Jun 2026
    assert gb_deadline(date(2026, 5, 15), "30 days").earliest_action == date(2026, 6, 15)
    assert gb_deadline(date(2026, 5, 15), "30 days", nation="SCT").earliest_action == date(
        2026, 6, 16
    )


def test_wales_shares_the_english_calendar():
    assert calendar_label("GB", "WLS") == "England and Wales"
    days = [date(2026, m, d) for m, d in ((1, 2), (3, 17), (4, 6), (8, 31), (11, 30), (12, 28))]
    wales = calendar("GB", "WLS")
    assert [day in wales for day in days] == [day in ENG for day in days]


# --- working days across Christmas 2026 ----------------------------------------------------


def test_working_days_across_christmas_2026_in_england():
    # Sat 26 Dec 2026 -> Boxing Day observed Mon 28 Dec. From Wed 23 Dec: Thu 24 (1),
    # [Fri 25, Sat 26, Sun 27, Mon 28], Tue 29 (2), Wed 30 (3), Thu 31 (4), [Fri 1 Jan,
    # Sat 2, Sun 3], Mon 4 Jan 2027 (5)
    assert holiday_name(date(2026, 12, 28), ENG) == "Boxing Day (observed)"
    d = gb_deadline(date(2026, 12, 23), "5 working days")
    assert d.end == date(2027, 1, 4)
    assert d.earliest_action == date(2027, 1, 5)


def test_working_days_across_christmas_2026_in_scotland():
    # Scotland's 2 Jan 2027 falls on a Saturday: observed Mon 4 Jan -> 5th day Tue 5 Jan
    assert holiday_name(date(2027, 1, 4), SCT) == "New Year Holiday (observed)"
    assert add_working_days(date(2026, 12, 23), 5, SCT) == date(2027, 1, 5)


# --- dispatch ------------------------------------------------------------------------------


def test_deadline_dispatches_to_gb_with_england_by_default():
    d = deadline("gb", date(2025, 3, 19), "30 days")
    assert d.jurisdiction == "GB"
    assert d.earliest_action == date(2025, 4, 22)
    assert deadline("UK", date(2026, 3, 4), "30 days", subdivision="SCT").earliest_action == date(
        2026, 4, 6
    )


def test_no_distance_extension_outside_france():
    with pytest.raises(BadValue, match="only in France"):
        deadline("GB", date(2025, 3, 19), "30 days", distance="abroad")


def test_unknown_nation():
    with pytest.raises(BadValue, match="use one of ENG, NIR, SCT, WLS"):
        gb_deadline(date(2025, 3, 19), "30 days", nation="IOM")
