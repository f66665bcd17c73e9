"""``relance kpi``: collection KPIs from the store, as a table, JSON or a self-contained
HTML page with two charts drawn here as inline SVG (no network, no external file)."""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from contextlib import closing
from datetime import date
from decimal import Decimal
from html import escape
from pathlib import Path

import click
from babel.numbers import format_decimal, format_percent
from rich.table import Table
from rich.text import Text

from ..intake import load_creditor
from ..reports.aging import BUCKETS
from ..reports.kpi import KpiReport, store_kpis
from ..store.state import creditor_info
from . import cli
from .options import as_of_option
from .output import console, fmt_amount, locale_for
from .store import _creditor, _creditor_option, _open, db_option

__all__ = ["kpi"]

_LOCALES = {"fr": "fr_FR", "en": "en_GB"}
_BUCKET_TITLES = dict(
    zip(
        (key for key, _, _ in BUCKETS),
        ("Not due", "1-30 days", "31-60 days", "61-90 days", "Over 90 days"),
        strict=True,
    )
)


@cli.command()
@db_option
@_creditor_option
@as_of_option
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "json", "html"]),
    default="table",
    show_default=True,
    help="table for people, json for other programs, html: a page with two charts.",
)
@click.option(
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write the json or html to FILE instead of the standard output.",
)
def kpi(db_path: Path, creditor: Path | None, as_of: date | None, fmt: str, out: Path | None):
    """Collection KPIs from the store: outstanding by age, DSO (countback), overdue rate,
    average days late at payment, recovery rate of reminded amounts and steps per debtor
    before payment (from the documents and payments recorded up to --as-of).

    \b
    Example:
        relance kpi --as-of 2026-11-16
        relance kpi --as-of 2026-11-16 --format json
        relance kpi --creditor samples/creditor-fr.yaml --format html --out kpi.html
    """
    if out is not None and fmt == "table":
        raise click.UsageError("--out goes with --format json or html")
    as_of = as_of or date.today()
    with closing(_open(db_path)) as conn:
        key = _creditor(conn, creditor)
        info = creditor_info(conn, key)
        report = store_kpis(conn, key, as_of)
    if creditor is not None:
        locale = locale_for(load_creditor(creditor), [report.currency])
    else:
        locale = _LOCALES.get(info["language"] or "", "fr_FR")
    if fmt == "table":
        _table(report, info["name"], locale)
        return
    if fmt == "json":
        text = json.dumps(
            {"creditor": info["name"], **report.as_dict()}, indent=2, ensure_ascii=False
        )
        text += "\n"
    else:
        text = html_page(report, info["name"], locale)
    if out is None:
        click.echo(text, nl=False)
    else:
        out.write_text(text, encoding="utf-8")
        click.echo(f"Wrote {out}.")


# --- Figures, shared by the table and the page -------------------------------------------


def _money(value: Decimal, report: KpiReport, locale: str) -> str:
    return fmt_amount(value, report.currency, locale)


def _percent(value: Decimal, locale: str) -> str:
    pattern = "#,##0.0\u00a0%" if locale.startswith("fr") else "#,##0.0%"
    return format_percent(value / 100, pattern, locale=locale)


def _one(value: Decimal, locale: str) -> str:
    return format_decimal(value, format="#,##0.0", locale=locale)


def _figures(report: KpiReport, locale: str) -> list[tuple[str, str]]:
    """(label, value) of every KPI; a KPI that cannot be computed says why."""
    na = report.not_available

    def missing(key: str, fallback: str) -> str:
        return f"not available: {na[key]}" if key in na else fallback

    rows = [
        (f"Outstanding, {_BUCKET_TITLES[key].lower()}", _money(v, report, locale))
        for key, v in report.buckets.items()
    ]
    rows += [
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


_DEBTOR_COLUMNS = (
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


def _debtor_rows(report: KpiReport, locale: str) -> list[tuple[str, ...]]:
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


def _table(report: KpiReport, creditor: str, locale: str) -> None:
    out = console()
    table = Table(
        title=Text(
            f"{creditor}: collection KPIs on {report.as_of.isoformat()} ({report.currency})"
        ),
        title_justify="left",
    )
    table.add_column("KPI")
    table.add_column("Value", justify="right")
    for label, value in _figures(report, locale):
        table.add_row(Text(label), Text(value))
    out.print(table)
    if report.reminded_debtors:
        debtors = Table(title="Reminded debtors", title_justify="left")
        for i, title in enumerate(_DEBTOR_COLUMNS):
            debtors.add_column(title, justify="left" if i < 4 else "right", no_wrap=i != 1)
        for row in _debtor_rows(report, locale):
            debtors.add_row(*(Text(cell) for cell in row))
        out.print(debtors)


# --- The page and its charts ---------------------------------------------------------------

_CSS = """
body { font-family: sans-serif; margin: 2em auto; max-width: 60em; color: #222; }
table { border-collapse: collapse; margin: 1em 0; }
th, td { border-bottom: 1px solid #ddd; padding: .3em .8em; text-align: left; }
td.n { text-align: right; white-space: nowrap; }
figure { margin: 1.5em 0; }
svg text { font-family: sans-serif; font-size: 12px; fill: #222; }
.note { color: #555; font-size: .9em; }
"""


def html_page(report: KpiReport, creditor: str, locale: str) -> str:
    """A self-contained page: the figures, the age buckets and the monthly trend as inline
    SVG, and the reminded debtors. Every text is escaped."""
    e = escape
    title = f"{creditor}: collection KPIs on {report.as_of.isoformat()}"
    figures = "\n".join(
        f'<tr><th>{e(label)}</th><td class="n">{e(value)}</td></tr>'
        for label, value in _figures(report, locale)
    )
    parts = [
        "<!DOCTYPE html>",
        f'<html lang="{e(locale[:2])}">',
        '<head><meta charset="utf-8">',
        f"<title>{e(title)}</title>",
        f"<style>{_CSS}</style></head>",
        "<body>",
        f"<h1>{e(title)}</h1>",
        f'<p class="note">Amounts in {e(report.currency)}, as they stood on '
        f"{e(report.as_of.isoformat())}.</p>",
        f"<table>\n{figures}\n</table>",
        "<h2>Outstanding by age</h2>",
        f"<figure>{aging_chart(report, locale)}</figure>",
        "<h2>Monthly sales and receivables</h2>",
        f"<figure>{trend_chart(report, locale)}</figure>",
        '<p class="note">Receivables at each month end (the last month: on the report\'s '
        "date): invoices issued by then, less credit notes and payments; an amount paid "
        "whose date is unknown counts as paid at every month end.</p>",
    ]
    if report.reminded_debtors:
        head = "".join(f"<th>{e(c)}</th>" for c in _DEBTOR_COLUMNS)
        body = "\n".join(
            "<tr>"
            + "".join(
                f"<td{' class=n' if i >= 3 else ''}>{e(cell)}</td>" for i, cell in enumerate(row)
            )
            + "</tr>"
            for row in _debtor_rows(report, locale)
        )
        parts += [
            "<h2>Reminded debtors</h2>",
            f"<table>\n<tr>{head}</tr>\n{body}\n</table>",
            '<p class="note">Reminded: the claim total recorded by the debtor\'s first step '
            "document with a positive total; recovered: what the debtor paid after that day, "
            "at most that total.</p>",
        ]
    parts += ["</body>", "</html>", ""]
    return "\n".join(parts)


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
