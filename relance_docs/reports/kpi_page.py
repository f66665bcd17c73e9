"""The KPI page: a self-contained HTML file (``templates/kpi.html``, rendered by the one
Jinja environment) with two charts drawn here as inline SVG (no network, no external
file), and the figures shared by the terminal table, the page and the CSV export."""

from __future__ import annotations

import math
from collections.abc import Sequence
from decimal import Decimal
from html import escape

from babel.numbers import format_currency, format_decimal, format_percent
from markupsafe import Markup

from ..render.env import get_template
from .aging import BUCKETS
from .kpi import KpiReport

__all__ = ["DEBTOR_COLUMNS", "aging_chart", "debtor_rows", "figures", "kpi_page", "trend_chart"]

BUCKET_TITLES = dict(
    zip(
        (key for key, _, _ in BUCKETS),
        ("Not due", "1-30 days", "31-60 days", "61-90 days", "Over 90 days"),
        strict=True,
    )
)
_BUCKET_TITLES = BUCKET_TITLES


def fmt_amount(value: Decimal, currency: str, locale: str) -> str:
    return format_currency(value, currency, locale=locale)


def _money(value: Decimal, report: KpiReport, locale: str) -> str:
    return fmt_amount(value, report.currency, locale)


def _percent(value: Decimal, locale: str) -> str:
    pattern = "#,##0.0\u00a0%" if locale.startswith("fr") else "#,##0.0%"
    return format_percent(value / 100, pattern, locale=locale)


def _one(value: Decimal, locale: str) -> str:
    return format_decimal(value, format="#,##0.0", locale=locale)


def figures(report: KpiReport, locale: str) -> list[tuple[str, str]]:
    """(label, value) of every KPI; a KPI that cannot be computed says why."""
    na = report.not_available

    def missing(key: str, fallback: str) -> str:
        return f"not available: {na[key]}" if key in na else fallback

    rows = [
        (f"Outstanding, {_BUCKET_TITLES[key].lower()}", _money(v, report, locale))
        for key, v in report.buckets.items()
    ]
    rows += [
        (
            "Included above: unallocated credit notes set off",
            _money(report.credits_applied, report, locale),
        ),
        ("Credit balances (debtors in credit)", _money(report.credit_balances, report, locale)),
        ("Receivables", _money(report.receivables, report, locale)),
        ("Overdue", _money(report.overdue, report, locale)),
        (
            "Overdue rate",
            "none: no receivables"
            if report.overdue_rate is None
            else _percent(report.overdue_rate, locale),
        ),
        (
            "DSO (countback)",
            "none: no receivables" if report.dso is None else f"{_one(report.dso, locale)} days",
        ),
        (
            "Average days late at payment",
            "none: no dated payment"
            if report.average_days_late is None
            else f"{_one(report.average_days_late, locale)} days "
            f"({report.payments_counted} payments)",
        ),
        (
            "Recovery rate of reminded amounts",
            missing(
                "recovery_rate",
                f"{_percent(report.recovery_rate or Decimal(0), locale)}"
                f" ({_money(report.recovered, report, locale)} of "
                f"{_money(report.reminded, report, locale)})",
            ),
        ),
        (
            "Steps per debtor before payment",
            missing(
                "steps_before_payment",
                f"{_one(report.steps_before_payment or Decimal(0), locale)} on average "
                f"({report.debtors_paid_after_steps} debtors)",
            ),
        ),
    ]
    return rows


DEBTOR_COLUMNS = (
    "Code",
    "Debtor",
    "First step",
    "Reminded on",
    "Reminded",
    "Paid after",
    "Recovered",
    "Steps",
    "Steps before payment",
)


def debtor_rows(report: KpiReport, locale: str) -> list[tuple[str, ...]]:
    return [
        (
            d.debtor_id,
            d.name,
            d.first_step.isoformat(),
            "" if d.reminded_on is None else d.reminded_on.isoformat(),
            _money(d.reminded, report, locale),
            _money(d.paid_after, report, locale),
            _money(d.recovered, report, locale),
            str(d.steps),
            "" if d.steps_before_payment is None else str(d.steps_before_payment),
        )
        for d in report.reminded_debtors
    ]


def kpi_page(report: KpiReport, creditor: str, locale: str) -> str:
    """The page: the figures, the age buckets and the monthly trend as inline SVG, and
    the reminded debtors. Every text is escaped by the template (the charts escape
    theirs)."""
    return get_template("kpi.html", locale[:2] if locale[:2] in ("fr", "en") else "en").render(
        lang=locale[:2],
        title=f"{creditor}: collection KPIs on {report.as_of.isoformat()}",
        currency=report.currency,
        as_of=report.as_of.isoformat(),
        figures=figures(report, locale),
        aging_chart=Markup(aging_chart(report, locale)),  # noqa: S704 - escaped when built
        trend_chart=Markup(trend_chart(report, locale)),  # noqa: S704 - escaped when built
        columns=DEBTOR_COLUMNS,
        debtors=debtor_rows(report, locale),
    )


_W, _H = 680, 340
_LEFT, _RIGHT, _TOP, _BOTTOM = 90, 20, 40, 60


def _ticks(lo: float, hi: float, n: int = 5) -> list[float]:
    """Round values from at most ``lo`` to at least ``hi``, about ``n`` steps."""
    if hi <= lo:
        hi = lo + 1
    raw = (hi - lo) / n
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 5, 10) if m * magnitude >= raw)
    first = math.floor(lo / step) * step
    last = math.ceil(hi / step) * step
    count = round((last - first) / step)
    return [first + i * step for i in range(count + 1)]


class _Frame:
    """The plotting area of one chart: values to pixels, the axes and their labels."""

    def __init__(self, values: Sequence[float], slots: int) -> None:
        self.ticks = _ticks(min(0.0, *values), max(0.0, *values))
        self.lo, self.hi = self.ticks[0], self.ticks[-1]
        self.slots = max(1, slots)
        self.width = _W - _LEFT - _RIGHT
        self.height = _H - _TOP - _BOTTOM

    def y(self, value: float) -> float:
        return _TOP + self.height * (self.hi - value) / (self.hi - self.lo)

    def x(self, slot: int) -> float:
        """The middle of slot ``slot``."""
        return _LEFT + self.width * (slot + 0.5) / self.slots

    @property
    def slot_width(self) -> float:
        return self.width / self.slots

    def axes(self, x_label: str, y_label: str, locale: str) -> list[str]:
        out = []
        fmt = "#,##0" if self.ticks[1] - self.ticks[0] >= 1 else "#,##0.##"
        for tick in self.ticks:
            y = self.y(tick)
            out.append(
                f'<line x1="{_LEFT}" y1="{y:.1f}" x2="{_W - _RIGHT}" y2="{y:.1f}" stroke="#ddd"/>'
            )
            label = format_decimal(Decimal(str(tick)), format=fmt, locale=locale)
            out.append(
                f'<text x="{_LEFT - 6}" y="{y + 4:.1f}" text-anchor="end">{escape(label)}</text>'
            )
        bottom, zero = _TOP + self.height, self.y(0.0)
        out += [
            f'<line x1="{_LEFT}" y1="{_TOP}" x2="{_LEFT}" y2="{bottom}" stroke="#444"/>',
            f'<line x1="{_LEFT}" y1="{zero:.1f}" x2="{_W - _RIGHT}" y2="{zero:.1f}" '
            f'stroke="#444"/>',
            f'<text x="{_LEFT + self.width / 2:.1f}" y="{_H - 10}" text-anchor="middle">'
            f"{escape(x_label)}</text>",
            f'<text x="16" y="{_TOP + self.height / 2:.1f}" text-anchor="middle" '
            f'transform="rotate(-90 16 {_TOP + self.height / 2:.1f})">{escape(y_label)}</text>',
        ]
        return out

    def x_label(self, slot: int, text: str) -> str:
        return (
            f'<text x="{self.x(slot):.1f}" y="{_TOP + self.height + 18}" '
            f'text-anchor="middle">{escape(text)}</text>'
        )

    def bar(self, slot: int, value: float, width: float, offset: float, colour: str, tip: str):
        top, zero = self.y(max(value, 0.0)), self.y(min(value, 0.0))
        x = self.x(slot) - width / 2 + offset
        return (
            f'<rect x="{x:.1f}" y="{top:.1f}" width="{width:.1f}" '
            f'height="{max(zero - top, 0.0):.1f}" fill="{colour}">'
            f"<title>{escape(tip)}</title></rect>"
        )


def _svg(title: str, body: list[str]) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{_W}" height="{_H}" '
        f'viewBox="0 0 {_W} {_H}" role="img" aria-label="{escape(title)}">'
        f"<title>{escape(title)}</title>"
        f'<text x="{_LEFT}" y="20" font-weight="bold">{escape(title)}</text>'
        + "".join(body)
        + "</svg>"
    )


def aging_chart(report: KpiReport, locale: str) -> str:
    """A bar per age bucket: what is outstanding, by days past due."""
    keys = list(report.buckets)
    values = [float(report.buckets[k]) for k in keys]
    frame = _Frame(values, len(keys))
    body = frame.axes("Days past due", f"Outstanding ({report.currency})", locale)
    for i, key in enumerate(keys):
        amount = report.buckets[key]
        text = fmt_amount(amount, report.currency, locale)
        body.append(
            frame.bar(
                i,
                values[i],
                frame.slot_width * 0.6,
                0,
                "#3b6ea5",
                f"{_BUCKET_TITLES[key]}: {text}",
            )
        )
        body.append(frame.x_label(i, _BUCKET_TITLES[key]))
        y = frame.y(max(values[i], 0.0)) - 4
        body.append(
            f'<text x="{frame.x(i):.1f}" y="{y:.1f}" text-anchor="middle">{escape(text)}</text>'
        )
    return _svg(f"Outstanding by age on {report.as_of.isoformat()}", body)


def trend_chart(report: KpiReport, locale: str) -> str:
    """Monthly sales as bars, the receivables at each month end as a line."""
    title = "Monthly sales and receivables"
    months = [m for m, _ in report.monthly_receivables] or [m for m, _ in report.monthly_sales]
    if not months:
        return _svg(
            title,
            [f'<text x="{_LEFT}" y="{_H / 2:.0f}">{escape("No sales on record.")}</text>'],
        )
    sales = dict(report.monthly_sales)
    owed = dict(report.monthly_receivables)
    values = [float(sales.get(m, 0)) for m in months] + [float(v) for v in owed.values()]
    frame = _Frame(values, len(months))
    body = frame.axes("Month", f"Amount ({report.currency})", locale)
    # At most 7 month labels, counted back from the last month so that it is labelled.
    every = max(1, math.ceil(len(months) / 7))
    last = len(months) - 1
    for i, month in enumerate(months):
        amount = sales.get(month, Decimal(0))
        tip = f"{month} sales: {fmt_amount(amount, report.currency, locale)}"
        body.append(frame.bar(i, float(amount), frame.slot_width * 0.6, 0, "#9cc3e6", tip))
        if (last - i) % every == 0:
            body.append(frame.x_label(i, month))
    points = [(frame.x(i), frame.y(float(owed[m]))) for i, m in enumerate(months) if m in owed]
    if points:
        path = " ".join(f"{x:.1f},{y:.1f}" for x, y in points)
        body.append(f'<polyline points="{path}" fill="none" stroke="#c0392b" stroke-width="2"/>')
        for (x, y), month in zip(points, [m for m in months if m in owed], strict=True):
            tip = f"{month} receivables: {fmt_amount(owed[month], report.currency, locale)}"
            body.append(
                f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3.5" fill="#c0392b">'
                f"<title>{escape(tip)}</title></circle>"
            )
    # The legend on its own line under the title, so that neither overlaps.
    legend_x = _W - _RIGHT - 300
    body += [
        f'<rect x="{legend_x}" y="24" width="12" height="12" fill="#9cc3e6"/>',
        f'<text x="{legend_x + 16}" y="34">{escape("Sales (invoices issued)")}</text>',
        f'<line x1="{legend_x + 190}" y1="30" x2="{legend_x + 206}" y2="30" '
        f'stroke="#c0392b" stroke-width="2"/>',
        f'<text x="{legend_x + 210}" y="34">{escape("Receivables")}</text>',
    ]
    return _svg(title, body)
