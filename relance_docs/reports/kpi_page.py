"""The KPI page: a self-contained HTML file (``templates/kpi.html``, rendered by the one
Jinja environment) with two charts drawn here as inline SVG (no network, no external
file), and the figures shared by the terminal table, the page and the CSV export."""

from __future__ import annotations

import math
from collections.abc import Sequence
from decimal import Decimal
from html import escape

from babel.dates import format_date
from babel.numbers import format_currency, format_decimal, format_percent
from markupsafe import Markup

from ..render.env import get_template
from .aging import BUCKETS
from .kpi_report import KpiReport
from .kpi_words import words

__all__ = [
    "aging_chart",
    "bucket_titles",
    "debtor_columns",
    "debtor_rows",
    "figures",
    "kpi_page",
    "trend_chart",
]


def bucket_titles(locale: str) -> dict[str, str]:
    """The age buckets' names in the locale's language, by key."""
    w = words(locale)
    return {key: w[key] for key, _, _ in BUCKETS}


def _day(day, locale: str) -> str:
    return format_date(day, format="long", locale=locale)


def _month(month: str, locale: str) -> str:
    """``2026-11`` -> ``nov. 2026`` / ``Nov 2026``."""
    from datetime import date

    year, number = (int(part) for part in month.split("-"))
    return format_date(date(year, number, 1), format="MMM yyyy", locale=locale)


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
    w = words(locale)
    titles = bucket_titles(locale)

    def missing(key: str, fallback: str) -> str:
        return w["not_available"].format(why=na[key]) if key in na else fallback

    def money(value: Decimal) -> str:
        return _money(value, report, locale)

    rows = [
        (w["outstanding_bucket"].format(bucket=titles[key].lower()), money(v))
        for key, v in report.buckets.items()
    ]
    rows += [
        (w["credits_applied"], money(report.credits_applied)),
        (w["credit_balances"], money(report.credit_balances)),
        (w["receivables"], money(report.receivables)),
        (w["overdue"], money(report.overdue)),
        (
            w["overdue_rate"],
            w["no_receivables"]
            if report.overdue_rate is None
            else _percent(report.overdue_rate, locale),
        ),
        (
            w["dso"],
            w["no_receivables"]
            if report.dso is None
            else w["days"].format(n=_one(report.dso, locale)),
        ),
        (
            w["days_late"],
            w["no_dated_payment"]
            if report.average_days_late is None
            else w["days_payments"].format(
                n=_one(report.average_days_late, locale), count=report.payments_counted
            ),
        ),
        (
            w["recovery_rate"],
            missing(
                "recovery_rate",
                w["recovered_of"].format(
                    rate=_percent(report.recovery_rate or Decimal(0), locale),
                    recovered=money(report.recovered),
                    reminded=money(report.reminded),
                ),
            ),
        ),
        (
            w["steps_before"],
            missing(
                "steps_before_payment",
                w["steps_average"].format(
                    n=_one(report.steps_before_payment or Decimal(0), locale),
                    count=report.debtors_paid_after_steps,
                ),
            ),
        ),
    ]
    return rows


_COLUMNS = ("col_code", "col_debtor", "col_first_step", "col_reminded_on", "col_reminded",
            "col_paid_after", "col_recovered", "col_steps", "col_steps_before")  # fmt: skip


def debtor_columns(locale: str) -> tuple[str, ...]:
    w = words(locale)
    return tuple(w[key] for key in _COLUMNS)


def debtor_rows(report: KpiReport, locale: str) -> list[tuple[str, ...]]:
    return [
        (
            d.debtor_id,
            d.name,
            _short(d.first_step),
            "" if d.reminded_on is None else _short(d.reminded_on),
            _money(d.reminded, report, locale),
            _money(d.paid_after, report, locale),
            _money(d.recovered, report, locale),
            str(d.steps),
            "" if d.steps_before_payment is None else str(d.steps_before_payment),
        )
        for d in report.reminded_debtors
    ]


def _short(day) -> str:
    return day.strftime("%d/%m/%Y")


def kpi_page(report: KpiReport, creditor: str, locale: str) -> str:
    """The page: the figures, the age buckets and the monthly trend as inline SVG, and
    the reminded debtors. Every text is escaped by the template (the charts escape
    theirs)."""
    lang = "fr" if locale.startswith("fr") else "en"
    w = words(locale)
    day = _day(report.as_of, locale)
    return get_template("kpi.html", lang).render(
        lang=lang,
        w=w,
        title=w["title"].format(creditor=creditor, day=day),
        intro=w["intro"].format(currency=report.currency, day=day),
        figures=figures(report, locale),
        aging_chart=Markup(aging_chart(report, locale)),  # noqa: S704 - escaped when built
        trend_chart=Markup(trend_chart(report, locale)),  # noqa: S704 - escaped when built
        columns=debtor_columns(locale),
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
    w, titles = words(locale), bucket_titles(locale)
    keys = list(report.buckets)
    values = [float(report.buckets[k]) for k in keys]
    frame = _Frame(values, len(keys))
    body = frame.axes(
        w["days_past_due"], w["outstanding_axis"].format(currency=report.currency), locale
    )
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
                f"{titles[key]}: {text}",
            )
        )
        body.append(frame.x_label(i, titles[key]))
        y = frame.y(max(values[i], 0.0)) - 4
        body.append(
            f'<text x="{frame.x(i):.1f}" y="{y:.1f}" text-anchor="middle">{escape(text)}</text>'
        )
    return _svg(w["by_age_on"].format(day=_day(report.as_of, locale)), body)


def trend_chart(report: KpiReport, locale: str) -> str:
    """Monthly sales as bars, the receivables at each month end as a line."""
    w = words(locale)
    title = w["trend"]
    months = [m for m, _ in report.monthly_receivables] or [m for m, _ in report.monthly_sales]
    if not months:
        return _svg(
            title,
            [f'<text x="{_LEFT}" y="{_H / 2:.0f}">{escape(w["no_sales"])}</text>'],
        )
    sales = dict(report.monthly_sales)
    owed = dict(report.monthly_receivables)
    values = [float(sales.get(m, 0)) for m in months] + [float(v) for v in owed.values()]
    frame = _Frame(values, len(months))
    body = frame.axes(w["month"], w["amount_axis"].format(currency=report.currency), locale)
    # At most 7 month labels, counted back from the last month so that it is labelled.
    every = max(1, math.ceil(len(months) / 7))
    last = len(months) - 1
    for i, month in enumerate(months):
        amount = sales.get(month, Decimal(0))
        tip = w["sales_tip"].format(
            month=_month(month, locale), amount=fmt_amount(amount, report.currency, locale)
        )
        body.append(frame.bar(i, float(amount), frame.slot_width * 0.6, 0, "#9cc3e6", tip))
        if (last - i) % every == 0:
            body.append(frame.x_label(i, _month(month, locale)))
    points = [(frame.x(i), frame.y(float(owed[m]))) for i, m in enumerate(months) if m in owed]
    if points:
        path = " ".join(f"{x:.1f},{y:.1f}" for x, y in points)
        body.append(f'<polyline points="{path}" fill="none" stroke="#c0392b" stroke-width="2"/>')
        for (x, y), month in zip(points, [m for m in months if m in owed], strict=True):
            tip = w["receivables_tip"].format(
                month=_month(month, locale),
                amount=fmt_amount(owed[month], report.currency, locale),
            )
            body.append(
                f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3.5" fill="#c0392b">'
                f"<title>{escape(tip)}</title></circle>"
            )
    # The legend on its own line under the title, so that neither overlaps.
    legend_x = _W - _RIGHT - 300
    body += [
        f'<rect x="{legend_x}" y="24" width="12" height="12" fill="#9cc3e6"/>',
        f'<text x="{legend_x + 16}" y="34">{escape(w["sales_legend"])}</text>',
        f'<line x1="{legend_x + 190}" y1="30" x2="{legend_x + 206}" y2="30" '
        f'stroke="#c0392b" stroke-width="2"/>',
        f'<text x="{legend_x + 210}" y="34">{escape(w["receivables"])}</text>',
    ]
    return _svg(title, body)
