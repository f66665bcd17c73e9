"""Germany: periods under BGB §§187(1), 188, 193, and the Länder holidays.

Golden cases from /work/shared/research/uk_de_eu_rules.md §2.1 and §6 Ex 7. Whether §193
extends the §286(3) 30-day period is debated (§7 item 12): the tool answers with §193 and
flags the other answer.
"""

from __future__ import annotations

from datetime import date

import pytest

from relance_docs.errors import BadValue
from relance_docs.law.calendars import calendar, calendar_label, holiday_name
from relance_docs.law.deadlines import de_deadline, deadline

NATIONWIDE = calendar("DE")
BAYERN = calendar("DE", "BY")


# --- Ex 7: §286(3) 30 days ending on a holiday (§193) -------------------------------------


def test_ex7_receipt_4_march_2026_good_friday():
    # Wed 4 Mar 2026, not counted (§187(1)): day 30 = Fri 3 Apr 2026 (Good Friday,
    # nationwide); Sat 4, Sun 5, Easter Monday 6 Apr skipped (§193) -> Tue 7 Apr 2026
    d = de_deadline(date(2026, 3, 4), "30 days")
    assert d.nominal_end == date(2026, 4, 3)
    assert d.end == date(2026, 4, 7)
    assert "BGB §193" in [r.basis for r in d.reasons]
    (debated,) = [r for r in d.reasons if r.unconfirmed]
    assert "§286(3)" in debated.text
    assert "Saturday 4 April 2026" in debated.text  # Verzug from here without §193


def test_ex7_variant_receipt_3_september_2026_german_unity_day():
    # Thu 3 Sep 2026 + 30 days = Sat 3 Oct 2026 (also German Unity Day) -> Mon 5 Oct 2026
    assert holiday_name(date(2026, 10, 3), NATIONWIDE) == "German Unity Day"
    d = de_deadline(date(2026, 9, 3), "30 days")
    assert d.nominal_end == date(2026, 10, 3)
    assert d.end == date(2026, 10, 5)


def test_without_193_the_nominal_end_stays_and_is_flagged():
    d = de_deadline(date(2026, 3, 4), "30 days", extend=False)
    assert d.end == date(2026, 4, 3)
    (open_point,) = [r for r in d.reasons if r.unconfirmed]
    assert "Tuesday 7 April 2026" in open_point.text


def test_months_end_on_the_same_day_number_or_the_last_day():
    # §188(2), (3): 31 Jan 2025 + 1 month -> Fri 28 Feb 2025
    assert de_deadline(date(2025, 1, 31), "1 month").end == date(2025, 2, 28)


# --- a Land's own holidays change the end date (place of performance, §193) ---------------


def test_corpus_christi_4_june_2026_in_bayern():
    # Tue 5 May 2026 + 30 days = Thu 4 Jun 2026: Corpus Christi in Bayern, not nationwide
    assert holiday_name(date(2026, 6, 4), BAYERN) == "Corpus Christi"
    assert holiday_name(date(2026, 6, 4), NATIONWIDE) is None
    nationwide = de_deadline(date(2026, 5, 5), "30 days")
    bayern = de_deadline(date(2026, 5, 5), "30 days", state="BY")
    assert nationwide.end == date(2026, 6, 4)
    assert bayern.end == date(2026, 6, 5)
    assert bayern.calendar == "Germany (Bayern)"
    # without a Land, the tool says it used the nationwide holidays only
    assert any("nationwide" in str(w) for w in nationwide.warnings)
    assert bayern.warnings == ()


def test_epiphany_6_january_2026_in_bayern():
    # Sun 7 Dec 2025 + 30 days = Tue 6 Jan 2026 (Heilige Drei Könige in BY, BW, ST)
    assert de_deadline(date(2025, 12, 7), "30 days").end == date(2026, 1, 6)
    assert de_deadline(date(2025, 12, 7), "30 days", state="Bayern").end == date(2026, 1, 7)
    assert de_deadline(date(2025, 12, 7), "30 days", state="NW").end == date(2026, 1, 6)


def test_land_names_and_codes():
    assert calendar_label("DE", "by") == "Germany (Bayern)"
    assert calendar_label("DE", None) == "Germany (nationwide public holidays only)"
    with pytest.raises(BadValue, match="unknown subdivision 'XX' for Germany: use one of"):
        calendar("DE", "XX")


def test_deadline_dispatches_to_germany():
    d = deadline("de", date(2026, 5, 5), "30 days", subdivision="BY")
    assert (d.jurisdiction, d.end) == ("DE", date(2026, 6, 5))
