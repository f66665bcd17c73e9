"""Commands over a ledger: ``check`` and ``aging``."""

from __future__ import annotations

import functools
import json
import sys
from datetime import date
from decimal import Decimal

import click
from rich.table import Table

from ..model import DocumentKind, PartyKind
from ..reports import BUCKETS, AgingReport, aged_balance
from ..reports.aging import aging_csv, line_dict
from . import cli
from .options import Inputs, as_of_option, ledger_options, pass_ledger
from .output import console, fmt_number, locale_for
from .output import fmt_amount as _babel_amount

_KIND_NAMES = {
    PartyKind.COMPANY: "company",
    PartyKind.TRADER: "trader",
    PartyKind.PROFESSIONAL: "professional",
    PartyKind.CONSUMER: "consumer",
    PartyKind.PUBLIC: "public body",
}


@cli.command()
@ledger_options
@pass_ledger
def check(inputs: Inputs) -> None:
    """Read a ledger and report what was understood and every problem in it.

    Exits with 0 when the ledger has no error (warnings are allowed), 3 otherwise.

    \b
    Example:
        relance check samples/ledger-fr.csv
        relance check invoices.csv --debtors clients.csv --payments reglements.csv
        relance check export.csv --mapping mapping.yaml --creditor creditor.yaml
    """
    result, ledger = inputs.result, inputs.result.ledger
    currencies = list(ledger.outstanding_by_currency())
    locale = locale_for(inputs.creditor, currencies)
    echo = click.echo
    if inputs.creditor:
        c = inputs.creditor
        language = {"fr": "French", "en": "English"}.get(c.language, c.language)
        echo(f"Creditor: {c.name} ({c.source_file}), letters in {language}, {c.currency}.")
    for source in result.sources:
        echo(f"Read {source.label} ({source.description}): {source.rows} rows.")
        if source.unused_columns:
            echo(f"  Columns not used: {', '.join(source.unused_columns)}")
    for note in result.notes:
        echo(note)
    if result.matching is not None:
        m = result.matching
        for label, fmt, count in m.statements:
            echo(f"Read {label} ({fmt}): {count} lines.")
        echo(
            f"Bank: {_count(len(m.matches), 'credit')} matched to invoices, "
            f"{len(m.unmatched)} not matched, {len(m.ignored)} set aside, "
            f"{_count(m.debits, 'debit')} not read ('relance match' says why)."
        )
    invoices = [i for i in ledger.invoices if i.kind is DocumentKind.INVOICE]
    notes = [i for i in ledger.invoices if i.kind is DocumentKind.CREDIT_NOTE]
    echo(
        f"{_count(len(invoices), 'invoice')}, {_count(len(notes), 'credit note')}, "
        f"{_count(len(ledger.debtors), 'debtor')}, {_count(len(ledger.payments), 'payment')}."
    )
    disputed = [i for i in invoices if i.disputed]
    if disputed:
        echo(
            "Disputed: "
            + ", ".join(
                f"{i.number} ({fmt_amount(i.outstanding, i.currency, locale)})" for i in disputed
            )
        )
    partial = " (rows with errors left out)" if result.has_errors else ""
    for currency, total in ledger.outstanding_by_currency().items():
        echo(f"Outstanding {currency}: {fmt_amount(total, currency, locale)}{partial}")
    if ledger.debtors:
        echo("Debtors:")
    for party in ledger.debtors:
        own = ledger.invoices_of(party.id)
        balances = ledger.outstanding_by_currency(party.id)
        where = ", ".join(x for x in (party.city, party.country) if x)
        kind = _KIND_NAMES.get(party.kind, "type unknown") if party.kind else "type unknown"
        owed = "; ".join(fmt_amount(v, k, locale) for k, v in balances.items())
        code = f"{party.id}  " if party.id != party.name else ""
        docs = f"{_count(len(own), 'document')}, {owed}" if own else "no readable document"
        echo(f"  {code}{party.name} ({kind}{', ' + where if where else ''}): {docs}")
    if result.problems:
        echo("Problems:")
        for problem in result.problems:
            echo(str(problem))
    n_err, n_warn = len(result.errors), len(result.warnings)
    if n_err:
        echo(
            f"{_count(n_err, 'error')}, {_count(n_warn, 'warning')}: "
            "fix the errors before producing documents."
        )
        sys.exit(3)
    echo(f"No errors, {_count(n_warn, 'warning')}.")


@functools.cache
def _amount_template(currency: str, locale: str) -> tuple[str, str, str, str]:
    """(prefix, group separator, decimal separator, suffix) of the locale, read once
    from Babel: a 100,000-row check prints 45,000 amounts."""
    sample = _babel_amount(Decimal("1234567.89"), currency, locale)
    first = next(i for i, c in enumerate(sample) if c.isdigit())
    last = max(i for i, c in enumerate(sample) if c.isdigit())
    body = sample[first : last + 1]
    return sample[:first], body[1], body[-3], sample[last + 1 :]


def fmt_amount(value: Decimal, currency: str, locale: str) -> str:
    """As :func:`relance_docs.cli.output.fmt_amount`, for two-decimal currencies, fast."""
    prefix, group, point, suffix = _amount_template(currency, locale)
    if point.isdigit():  # a currency without decimals (JPY): Babel itself
        return _babel_amount(value, currency, locale)
    whole, _, cents = f"{abs(value):,.2f}".partition(".")
    text = f"{prefix}{whole.replace(',', group)}{point}{cents}{suffix}"
    return f"-{text}" if value < 0 else text


def _count(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


_BUCKET_TITLES = ("Not due", "1-30", "31-60", "61-90", "> 90")


@cli.command()
@ledger_options
@as_of_option
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "csv", "json"]),
    default="table",
    show_default=True,
    help="table for people, csv or json for other programs.",
)
@pass_ledger
def aging(inputs: Inputs, as_of: date | None, fmt: str) -> None:
    """Aged balance: per debtor, what is not yet due and 1-30, 31-60, 61-90 and over 90
    days past due, with the totals.

    \b
    Example:
        relance aging samples/ledger-fr.csv --as-of 2026-11-16
        relance aging samples/ledger-uk.xlsx --as-of 2026-11-16 --format csv > aged.csv
    """
    ledger = inputs.result.raise_for_errors()
    as_of = as_of or date.today()
    report = aged_balance(ledger, as_of)
    if fmt == "json":
        click.echo(json.dumps(_aging_json(report), indent=2, ensure_ascii=False))
    elif fmt == "csv":
        click.echo(aging_csv(report), nl=False)
    else:
        _aging_table(report, locale_for(inputs.creditor, report.currencies))
    for problem in inputs.result.warnings:
        click.echo(str(problem), err=True)


def _aging_json(report: AgingReport) -> dict:
    return {
        "as_of": report.as_of.isoformat(),
        "buckets": {key: [lo, hi] for key, lo, hi in BUCKETS},
        "currencies": {
            currency: {
                "lines": [line_dict(x) for x in report.lines_in(currency)],
                "total": line_dict(total),
            }
            for currency, total in report.totals.items()
        },
    }


def _aging_table(report: AgingReport, locale: str) -> None:
    out = console()
    if not report.lines:
        out.print(f"Nothing outstanding on {report.as_of.isoformat()}.")
        return
    for currency, total in report.totals.items():
        table = Table(
            title=f"Aged balance on {report.as_of.isoformat()} ({currency})",
            title_justify="left",
        )
        table.add_column("Code", no_wrap=True)
        table.add_column("Debtor")
        for title in (*_BUCKET_TITLES, "Credits", "Total"):
            table.add_column(title, justify="right", no_wrap=True)
        show_credits = any(x.unallocated_credits for x in report.lines_in(currency))
        for line in (*report.lines_in(currency), total):
            name = line.debtor_name + (
                " (disputed: " + fmt_number(line.disputed, locale) + ")"
                if line.disputed and line.debtor_id
                else ""
            )
            cells = [fmt_number(v, locale) if v else "" for v in line.buckets]
            credit = (
                fmt_number(line.unallocated_credits, locale) if line.unallocated_credits else ""
            )
            table.add_row(
                line.debtor_id or "",
                name,
                *cells,
                credit,
                fmt_number(line.total, locale),
                style="bold" if line.debtor_id is None else None,
                end_section=line is not total and line is report.lines_in(currency)[-1],
            )
        if not show_credits:
            table.columns.pop(-2)  # a column's cells live in the column: all go together
        out.print(table)
