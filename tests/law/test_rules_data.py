"""The law data under rules/: every series complete, sourced and dated; the loader refuses
malformed files with their line."""

from datetime import date, timedelta
from decimal import Decimal

import pytest

from relance_docs.errors import RulesDataError
from relance_docs.law import packs
from relance_docs.law.packs import available_packs, load_pack

ALL_SERIES = [(code, name) for code in ("FR", "GB", "DE", "EU") for name in load_pack(code).series]


def test_the_four_packs_ship():
    assert available_packs() == ("DE", "EU", "FR", "GB")


@pytest.mark.parametrize(("code", "name"), ALL_SERIES)
def test_every_row_has_a_source_and_the_rows_neither_overlap_nor_leave_gaps(code, name):
    series = load_pack(code).series[name]
    assert series.verified_until >= series.rows[-1].start
    for before, after in zip(series.rows, series.rows[1:], strict=False):
        assert after.start > before.start
        if before.end is not None:
            assert after.start == before.end + timedelta(days=1)
    for row in series.rows:
        assert row.source.strip()
        for key, value in row.values.items():
            if isinstance(value, str) and key not in {"note", "basis"}:
                Decimal(value)  # rates and sums are strings read as Decimal


def test_taux_legal_has_every_half_year_from_2015():
    rows = load_pack("FR").series["taux_legal"].rows
    halves = [r.start for r in rows if r.start.year >= 2015]
    expected = [date(y, m, 1) for y in range(2015, 2027) for m in (1, 7)][:-1]
    assert halves == expected  # 2015-S1 .. 2026-S1; 2026-S2 not published when checked


def test_french_default_rates_match_the_fact_sheet_table():
    # fr_rules.md 1.3: ECB rate at 1 Jan / 1 Jul + 10.
    ecb = load_pack("FR").series["ecb_mro"]
    expected = {
        date(2023, 1, 1): "2.50",
        date(2023, 7, 1): "4.00",
        date(2024, 1, 1): "4.50",
        date(2024, 7, 1): "4.25",
        date(2025, 1, 1): "3.15",
        date(2025, 7, 1): "2.15",
        date(2026, 1, 1): "2.15",
    }
    assert {d: str(ecb.row_at(d).decimal("rate")) for d in expected} == expected


def test_uk_statutory_rates_match_the_fact_sheet_table():
    # uk_de_eu_rules.md 1.3: Bank Rate on each reference day.
    bank = load_pack("GB").series["bank_rate"]
    expected = {
        date(2022, 12, 31): "3.50",
        date(2023, 6, 30): "5.00",
        date(2023, 12, 31): "5.25",
        date(2024, 6, 30): "5.25",
        date(2024, 12, 31): "4.75",
        date(2025, 6, 30): "4.25",
        date(2025, 12, 31): "3.75",
    }
    assert {d: str(bank.row_at(d).decimal("rate")) for d in expected} == expected


def _pack_dir(tmp_path, monkeypatch, series_yaml):
    (tmp_path / "XX").mkdir()
    (tmp_path / "XX" / "pack.yaml").write_text(
        "jurisdiction: XX\nname: Test\ncurrency: EUR\nseries:\n" + series_yaml, encoding="utf-8"
    )
    monkeypatch.setattr(packs, "rules_dir", lambda: tmp_path)
    load_pack.cache_clear()
    return tmp_path


@pytest.mark.parametrize(
    ("series_yaml", "message"),
    [
        (
            "  s:\n    verified_until: 2026-01-01\n    rows:\n"
            '      - {from: 2020-01-01, rate: "1"}\n',
            "no source",
        ),
        (
            "  s:\n    verified_until: 2026-01-01\n    rows:\n"
            '      - {from: 2020-01-01, to: 2020-06-30, rate: "1", source: x}\n'
            '      - {from: 2020-08-01, rate: "1", source: x}\n',
            "leaves a gap",
        ),
        (
            "  s:\n    verified_until: 2026-01-01\n    rows:\n"
            '      - {from: 2020-01-01, to: 2020-06-30, rate: "1", source: x}\n'
            '      - {from: 2020-06-01, rate: "1", source: x}\n',
            "overlaps",
        ),
        (
            '  s:\n    rows:\n      - {from: 2020-01-01, rate: "1", source: x}\n',
            "verified_until",
        ),
        (
            "  s:\n    verified_until: 2026-01-01\n    rows:\n"
            '      - {from: 2020-01-01, rate: "one", source: x}\n',
            "not a number",
        ),
    ],
)
def test_malformed_series_are_refused_with_their_line(tmp_path, monkeypatch, series_yaml, message):
    _pack_dir(tmp_path, monkeypatch, series_yaml)
    try:
        with pytest.raises(RulesDataError, match=message) as info:
            load_pack("XX")
        assert "XX/pack.yaml:" in str(info.value)
    finally:
        load_pack.cache_clear()


def test_a_date_before_the_first_row_is_an_error_not_a_guess():
    with pytest.raises(RulesDataError, match="no value before 2008-07-09"):
        load_pack("FR").series["ecb_mro"].lookup(date(2001, 1, 1))


def test_unknown_jurisdiction():
    with pytest.raises(RulesDataError, match="available: DE, EU, FR, GB"):
        load_pack("IT")


# Every table that is not a dated series carries where it was read: a basis or a source.
_TABLES = {
    "FR": ["tae", "alsace_moselle", "commune_holidays", "amicable_attempt_review",
           "l441_10_repeal"],
    "GB": ["online_fee", "other_interest"],
    "DE": ["mahngericht"],
    "EU": [],
}  # fmt: skip


@pytest.mark.parametrize("code", ["FR", "GB", "DE", "EU"])
def test_every_period_form_and_table_has_its_source(code):
    pack = load_pack(code)
    for key, entry in pack.data.get("periods", {}).items():
        assert entry.get("period") and entry.get("basis"), f"{code} periods.{key}"
    for key, entry in pack.data.get("forms", {}).items():
        assert isinstance(entry, dict) and entry.get("source"), f"{code} forms.{key}"
    for key, entry in pack.data.get("eop_courts", {}).items():
        assert entry.get("basis") and entry.get("source"), f"{code} eop_courts.{key}"
    for key in _TABLES[code]:
        entry = pack.data[key]
        assert entry.get("source") or entry.get("basis"), f"{code} {key}"
    for citation, where in pack.data.get("articles", {}).items():
        assert where.strip(), f"{code} articles: {citation}"
    if code == "EU":
        assert pack.data["member_states_source"]


def test_an_unconfirmed_source_without_saying_what_is_refused(tmp_path, monkeypatch):
    _pack_dir(
        tmp_path,
        monkeypatch,
        '  x: {title: t, verified_until: 2026-12-31, rows: [{from: 2020-01-01, amount: "1", '
        'source: "somewhere [UNCONFIRMED]"}]}\n',
    )
    try:
        with pytest.raises(RulesDataError, match="unconfirmed"):
            load_pack("XX")
    finally:
        load_pack.cache_clear()
