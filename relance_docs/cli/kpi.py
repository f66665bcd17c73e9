"""``relance kpi``: collection KPIs from the store, as a table, JSON, CSV or a
self-contained HTML page (:mod:`relance_docs.reports.kpi_page`)."""

from __future__ import annotations

import csv
import io
import json
from contextlib import closing
from datetime import date
from pathlib import Path

import click
from rich.table import Table
from rich.text import Text

from ..csvsafe import safe_row
from ..intake import load_creditor
from ..reports.kpi import KpiReport, store_kpis
from ..reports.kpi_page import debtor_columns, debtor_rows, figures, kpi_page
from ..reports.kpi_words import words
from ..store.state import creditor_info
from . import cli
from .options import as_of_option
from .output import console, locale_for
from .store import _creditor, _creditor_option, _open, db_option

__all__ = ["kpi"]

_LOCALES = {"fr": "fr_FR", "en": "en_GB"}


@cli.command()
@db_option
@_creditor_option
@as_of_option
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "json", "csv", "html"]),
    default="table",
    show_default=True,
    help="table for people, json or csv (one row per reminded debtor) for other "
    "programs, html: a page with two charts.",
)
@click.option(
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write the json, csv or html to FILE instead of the standard output.",
)
def kpi(db_path: Path, creditor: Path | None, as_of: date | None, fmt: str, out: Path | None):
    """Collection KPIs from the store: outstanding by age (unallocated credit notes set
    against the oldest amounts), DSO (countback), overdue rate, average days late at
    payment, recovery rate of reminded amounts and steps per debtor before payment (from
    the documents and payments recorded up to --as-of).

    \b
    Example:
        relance kpi --as-of 2026-11-16
        relance kpi --as-of 2026-11-16 --format json
        relance kpi --creditor samples/creditor-fr.yaml --as-of 2026-11-16 \\
            --format html --out kpi.html
    """
    if out is not None and fmt == "table":
        raise click.UsageError("--out goes with --format json, csv or html")
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
    elif fmt == "csv":
        text = kpi_csv(report)
    else:
        text = kpi_page(report, info["name"], locale)
    if out is None:
        click.echo(text, nl=False)
    else:
        out.write_text(text, encoding="utf-8")
        click.echo(f"Wrote {out}.")


def kpi_csv(report: KpiReport) -> str:
    """One row per reminded debtor (amounts with a decimal point); every text cell safe
    to open in a spreadsheet (a name starting with ``=`` never runs)."""
    rows = [d.as_dict() for d in report.reminded_debtors]
    columns = list(rows[0]) if rows else ["debtor_id", "debtor"]
    numeric = {"reminded", "paid_after", "recovered", "steps", "steps_before_payment"}
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, columns, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow(safe_row(row, numeric=numeric))
    return buffer.getvalue()


def _table(report: KpiReport, creditor: str, locale: str) -> None:
    out = console()
    w = words(locale)
    day = report.as_of.strftime("%d/%m/%Y")
    table = Table(
        title=Text(f"{w['title'].format(creditor=creditor, day=day)} ({report.currency})"),
        title_justify="left",
        show_header=False,
    )
    table.add_column("KPI")
    table.add_column("Value", justify="right")
    for label, value in figures(report, locale):
        table.add_row(Text(label), Text(value))
    out.print(table)
    if report.reminded_debtors:
        debtors = Table(title=w["reminded_debtors"], title_justify="left")
        for i, title in enumerate(debtor_columns(locale)):
            debtors.add_column(title, justify="left" if i < 4 else "right", no_wrap=i != 1)
        for row in debtor_rows(report, locale):
            debtors.add_row(*(Text(cell) for cell in row))
        out.print(debtors)
