"""``relance match``: which bank credit pays which invoice, and why."""

from __future__ import annotations

import csv
import io
import json

import click

from ..csvsafe import safe_row
from ..errors import RelanceError
from ..intake.matching import MatchReport
from ..money import to_money
from . import cli
from .options import Inputs, ledger_options, pass_ledger
from .output import fmt_amount, locale_for

__all__ = ["match"]

_CSV_FIELDS = (
    "key",
    "date",
    "amount",
    "currency",
    "payer",
    "status",
    "invoice",
    "applied",
    "reason",
)


@cli.command()
@ledger_options
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "csv", "json"]),
    default="text",
    show_default=True,
    help="text for people, csv or json for other programs.",
)
@pass_ledger
def match(inputs: Inputs, fmt: str) -> None:
    """Match the credits of bank statements (--bank) to the ledger's open invoices, and
    say why for each: the invoice number in the remittance information, or the payer and
    the exact amount of one invoice or of a set of its invoices. An amount alone never
    matches. Credits left unmatched are listed with the key to assign them in a YAML
    file given with --assign (KEY: FA-2026-0117, KEY: C003, or KEY: ignore).

    \b
    Example:
        relance match samples/einvoices-fr --creditor samples/creditor-fr.yaml \\
            --bank samples/bank/releve-fr.camt053.xml
        relance match ledger.csv --bank releve.cfonb --assign assign.yaml --format csv
    """
    report = inputs.result.matching
    if report is None:
        raise click.UsageError("give one or more bank statements with --bank FILE")
    if inputs.result.has_errors:
        for problem in inputs.result.errors[:20]:
            click.echo(str(problem), err=True)
        raise RelanceError("the ledger or a statement has errors: nothing was matched")
    if fmt == "json":
        click.echo(json.dumps(_rows(report), indent=2, ensure_ascii=False))
        return
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=_CSV_FIELDS, lineterminator="\n")
        writer.writeheader()
        for row in _rows(report):
            writer.writerow(safe_row(row, numeric=("amount", "applied")))
        click.echo(out.getvalue(), nl=False)
        return
    _text(inputs, report)


def _rows(report: MatchReport) -> list[dict]:
    rows = []
    for m in report.matches:
        for number, amount in m.applied:
            rows.append(_row(m.line, "matched", number, to_money(amount), m.reason))
    for u in report.unmatched:
        rows.append(_row(u.line, "unmatched", "", "", u.reason))
    for u in report.ignored:
        rows.append(_row(u.line, "ignored", "", "", u.reason))
    return rows


def _row(line, status, invoice, applied, reason) -> dict:
    return {
        "key": line.key,
        "date": line.day.isoformat(),
        "amount": to_money(line.amount),
        "currency": line.currency,
        "payer": line.payer or "",
        "status": status,
        "invoice": invoice,
        "applied": applied,
        "reason": reason,
    }


def _text(inputs: Inputs, report: MatchReport) -> None:
    locale = locale_for(inputs.creditor, [])
    echo = click.echo

    def money(value, currency):
        return fmt_amount(value, currency, locale)

    for label, fmt, count in report.statements:
        echo(f"Read {label} ({fmt}): {count} lines.")
    credits = len(report.matches) + len(report.unmatched) + len(report.ignored)
    echo(
        f"{credits} credits: {len(report.matches)} matched, {len(report.unmatched)} not "
        f"matched, {len(report.ignored)} set aside; {report.debits} debits not read."
    )
    if report.matches:
        echo("Matched:")
    for m in report.matches:
        line = m.line
        paid = ", ".join(f"{n} {money(a, line.currency)}" for n, a in m.applied)
        echo(f"  {line.day:%d/%m/%Y} {money(line.amount, line.currency)} {line.payer or ''}")
        echo(f"    -> {paid}")
        echo(f"    why: {m.reason}")
    if report.unmatched:
        echo("Not matched (assign them in a file given with --assign):")
    for u in report.unmatched:
        line = u.line
        echo(f"  {line.day:%d/%m/%Y} {money(line.amount, line.currency)} {line.payer or ''}")
        echo(f"    key: {line.key}   ({line.source_file}:{line.source_line})")
        echo(f"    why not: {u.reason}")
    for u in report.ignored:
        line = u.line
        echo(f"Set aside: {line.day:%d/%m/%Y} {money(line.amount, line.currency)}: {u.reason}")
    for problem in inputs.result.warnings:
        if problem.file in {s[0] for s in report.statements}:
            continue  # the unmatched credits, already listed above
        click.echo(str(problem), err=True)
