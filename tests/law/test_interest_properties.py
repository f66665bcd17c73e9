"""Properties of the interest engine, for every jurisdiction (hypothesis)."""

from datetime import date, timedelta
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from relance_docs.law.interest import compute_interest
from relance_docs.money import round_money

amounts = st.decimals(min_value=Decimal("0.01"), max_value=Decimal("1000000"), places=2)
due_dates = st.dates(min_value=date(2015, 1, 1), max_value=date(2026, 12, 31))
jurisdictions = st.sampled_from(["FR", "GB", "DE", "EU"])
kinds = st.sampled_from(["company", "trader", "professional"])


def compute(j, amount, due, until, kind="company", **kw):
    return compute_interest(
        jurisdiction=j,
        creditor_kind="company",
        debtor_kind=kind,
        principal=amount,
        due=due,
        until=until,
        **kw,
    )


@settings(max_examples=200, deadline=None)
@given(jurisdictions, amounts, due_dates, st.integers(0, 900), st.integers(0, 400), kinds)
def test_interest_never_decreases_with_time(j, amount, due, days, more, kind):
    until = due + timedelta(days=days)
    later = until + timedelta(days=more)
    assert (
        compute(j, amount, due, later, kind).interest
        >= compute(j, amount, due, until, kind).interest
    )


@settings(max_examples=200, deadline=None)
@given(
    jurisdictions,
    amounts,
    due_dates,
    st.integers(1, 900),
    st.lists(
        st.tuples(
            st.integers(0, 900),
            st.decimals(min_value=Decimal("0.01"), max_value=Decimal("5000"), places=2),
        ),
        max_size=4,
    ),
    st.sampled_from(["act/365", "act/act"]),
)
def test_lines_add_up_and_cover_the_period_without_gaps(j, amount, due, days, pays, day_count):
    until = due + timedelta(days=days)
    payments = [(due + timedelta(days=d), a) for d, a in pays]
    r = compute(j, amount, due, until, payments=payments, day_count=day_count)
    # Line rounding: the interest is the sum of the rounded lines.
    assert r.interest == sum((line.amount for line in r.lines), Decimal(0))
    # Total rounding: the rounded sum of the exact lines, within a cent per line.
    t = compute(j, amount, due, until, payments=payments, day_count=day_count, rounding="total")
    assert t.interest == round_money(sum((line.exact for line in t.lines), Decimal(0)))
    assert abs(t.interest - r.interest) <= Decimal("0.01") * max(1, len(r.lines))
    for line in r.lines:
        assert line.days == (line.end - line.start).days + 1 > 0
        assert line.base > 0
    for before, after in zip(r.lines, r.lines[1:], strict=False):
        assert after.start == before.end + timedelta(days=1)
    if r.lines:
        # The day after the due date; in Germany a due date on a Saturday, Sunday or
        # holiday first gives way to the next working day (BGB 193).
        assert r.lines[0].start == r.start
        assert r.start == due + timedelta(days=1) or (j == "DE" and r.start > due)


@settings(max_examples=100, deadline=None)
@given(jurisdictions, amounts, due_dates, st.integers(1, 600), st.integers(0, 599))
def test_a_payment_never_increases_the_interest(j, amount, due, days, on):
    until = due + timedelta(days=days)
    paid = compute(j, amount, due, until, payments=[(due + timedelta(days=on), amount / 2)])
    assert paid.interest <= compute(j, amount, due, until).interest
