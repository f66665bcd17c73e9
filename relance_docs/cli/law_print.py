"""What the rules-layer commands share: the optional ledger and its options, what they
print (``interest``, ``assess``), and the option types for amounts, payments and
percentages. Presentation only; the law is in ``law/``."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import click
from rich.markup import escape
from rich.table import Table

from ..errors import BadAmount
from ..law.claims import DebtorClaim, debtor_claims
from ..law.interest import InterestResult
from ..law.procedures import Outcome
from ..law.reasons import LawWarning
from ..money import parse_amount
from .options import DateType, load_inputs
from .output import console, fmt_amount

__all__ = [
    "LOCALE",
    "AmountType",
    "PaymentType",
    "PercentType",
    "dump",
    "json_option",
    "ledger_claims",
    "need",
    "optional_ledger",
    "print_assessment",
    "print_interest",
    "print_ledger_assessment",
    "print_ledger_interest",
    "print_warnings",
]

LOCALE = {"FR": "fr_FR", "DE": "fr_FR", "EU": "fr_FR", "GB": "en_GB"}


class AmountType(click.ParamType):
    """An amount on the command line: 2500, 2500.00, "2 500,00", 1,234.56."""

    name = "AMOUNT"

    def convert(self, value: Any, param, ctx) -> Decimal:
        if isinstance(value, Decimal):
            return value
        try:
            amount, _ = parse_amount(str(value))
        except BadAmount as exc:
            self.fail(str(exc), param, ctx)
        return amount


class PaymentType(click.ParamType):
    """A payment: DATE:AMOUNT, e.g. 2026-10-31:500.00."""

    name = "DATE:AMOUNT"

    def convert(self, value: Any, param, ctx) -> tuple[date, Decimal]:
        if isinstance(value, tuple):
            return value
        day, sep, amount = str(value).partition(":")
        if not sep:
            self.fail(f"'{value}' is not DATE:AMOUNT (e.g. 2026-10-31:500.00)", param, ctx)
        return DateType().convert(day, param, ctx), AmountType().convert(amount, param, ctx)


class PercentType(click.ParamType):
    name = "PCT"

    def convert(self, value: Any, param, ctx) -> Decimal:
        text = str(value).replace("%", "").replace(",", ".").strip()
        try:
            rate = Decimal(text)
        except InvalidOperation:
            self.fail(f"'{value}' is not a percentage (e.g. 12.5)", param, ctx)
        if rate < 0:
            self.fail("a rate cannot be negative", param, ctx)
        return rate


def print_interest(r: InterestResult, title: str | None = None) -> None:
    out = console()
    loc = LOCALE[r.jurisdiction]
    money = lambda v: fmt_amount(v, r.currency, loc)  # noqa: E731
    table = Table(
        title=title or f"Interest on {money(r.principal)} until {r.until.isoformat()}",
        title_justify="left",
    )
    for name in ("From", "To", "Days", "Base", "Rate", "Amount", "Basis"):
        table.add_column(
            name, justify="right" if name in {"Days", "Base", "Rate", "Amount"} else "left"
        )
    for line in r.lines:
        table.add_row(
            line.start.isoformat(),
            line.end.isoformat(),
            str(line.days),
            money(line.base),
            f"{line.rate:.2f} %",
            money(line.amount),
            escape(f"{line.basis}: {line.reference}"),
        )
    if r.lines:
        out.print(table)
    out.print(
        f"Interest: {money(r.interest)}"
        + (f" (rounding: {r.rounding})" if r.rounding != "line" else "")
    )
    out.print(f"Outstanding on {r.until.isoformat()}: {money(r.outstanding)}")
    if r.fixed_compensation_basis and r.fixed_in_currency:
        out.print(
            f"Fixed compensation: {money(r.fixed_compensation)} "
            f"({escape(r.fixed_compensation_basis)})"
        )
        out.print(f"Total (interest + fixed compensation): {money(r.total)}")
    elif r.fixed_compensation_basis:
        fixed = fmt_amount(r.fixed_compensation, r.fixed_compensation_currency, loc)
        out.print(
            f"Fixed compensation, in {r.fixed_compensation_currency} whatever the debt's "
            f"currency: {fixed} ({escape(r.fixed_compensation_basis)})"
        )
    else:
        out.print(f"Total: {money(r.total)}")
    print_warnings(r.warnings)
    for note in r.notes:
        out.print(f"Note: {escape(str(note))}")


def print_ledger_interest(claims: tuple[DebtorClaim, ...]) -> None:
    out = console()
    shared: dict[str, LawWarning] = {}
    for dc in claims:
        if not dc.invoices:
            continue
        loc = LOCALE[dc.invoices[0].result.jurisdiction]
        money = lambda v, c=dc.currency, loc=loc: fmt_amount(v, c, loc)  # noqa: E731
        table = Table(title=f"{dc.debtor.id}  {dc.debtor.name}", title_justify="left")
        for name in ("Invoice", "Due", "Principal", "Days", "Rates", "Interest", "Fixed"):
            table.add_column(
                name, justify="left" if name in {"Invoice", "Due", "Rates"} else "right"
            )
        for item in dc.invoices:
            r = item.result
            rates = ", ".join(dict.fromkeys(f"{line.rate:.2f} %" for line in r.lines))
            days = sum(line.days for line in r.lines)
            table.add_row(
                item.invoice.number,
                item.invoice.due_date.isoformat(),
                money(item.principal),
                str(days),
                rates,
                money(r.interest),
                money(r.fixed_compensation),
            )
        table.add_row(
            "Total",
            "",
            money(dc.principal),
            "",
            "",
            money(dc.interest),
            money(dc.fixed_compensation),
        )
        out.print(table)
        for w in dc.warnings:
            if w.file:
                shared.setdefault(w.message, w)
            else:
                out.print(f"  Warning: {escape(str(w))}")
        if dc.disputed:
            out.print("  Disputed, left out: " + ", ".join(i.number for i in dc.disputed))
    print_warnings(tuple(shared.values()), heading="Rates past their verified date:")


def print_warnings(warnings, heading: str | None = None) -> None:
    out = console()
    if warnings and heading:
        out.print(heading)
    for w in warnings:
        out.print(f"Warning: {escape(str(w))}")


def dump(data) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False)


_MARK = {Outcome.ELIGIBLE: "open", Outcome.NEEDS_REVIEW: "review", Outcome.INELIGIBLE: "closed"}


def print_assessment(result, loc: str, indent: str = "") -> None:
    out = console()
    c = result.claim
    money = lambda v: fmt_amount(v, c.currency, loc)  # noqa: E731
    out.print(
        f"{indent}Claim on {c.as_of.isoformat()}: principal {money(c.principal)}, interest "
        f"{money(c.interest)}, fixed compensation {money(c.fixed_compensation)}, total "
        f"{money(c.total)}" + (" (disputed)" if c.disputed else "")
    )
    for outcome in (Outcome.ELIGIBLE, Outcome.NEEDS_REVIEW):
        for p in (p for p in result.procedures if p.outcome is outcome):
            where = ", ".join(x for x in (p.court, p.form) if x)
            fee = f", issue fee {money(p.fee)}" if p.fee is not None else ""
            out.print(
                f"{indent}  "
                + escape(f"[{_MARK[outcome]}] {p.name}")
                + (f": {escape(where)}" if where else "")
                + fee
            )
            for reason in p.reasons:
                out.print(f"{indent}      - {escape(str(reason))}")
            for step in p.deadlines:
                out.print(f"{indent}      > {escape(str(step))}")
    closed = [p for p in result.procedures if p.outcome is Outcome.INELIGIBLE]
    for p in closed:
        out.print(f"{indent}  " + escape(f"[closed] {p.name}: {p.reasons[0]}"))
    for pre in result.prerequisites:
        out.print(f"{indent}  Prerequisite {pre.id}: {pre.required.value.replace('_', ' ')}")
        for reason in pre.reasons:
            out.print(f"{indent}      - {escape(str(reason))}")
    lim = result.limitation
    out.print(
        f"{indent}  Limitation: {lim.status.replace('_', ' ')}"
        + (f", {lim.end.isoformat()}" if lim.end else "")
    )
    for reason in lim.reasons:
        out.print(f"{indent}      - {escape(str(reason))}")


def print_ledger_assessment(claims: tuple[DebtorClaim, ...]) -> None:
    out = console()
    shared: dict[str, LawWarning] = {}
    for dc in claims:
        kind = dc.debtor.kind.value if dc.debtor.kind else "type unknown"
        where = ", ".join(x for x in (dc.debtor.city, dc.debtor.country) if x)
        out.print(
            f"\n[bold]{escape(dc.debtor.id)}  {escape(dc.debtor.name)}[/bold] "
            f"({kind}{', ' + escape(where) if where else ''})"
        )
        if dc.assessment is None:
            out.print(
                f"  Nothing overdue on {dc.as_of.isoformat()} "
                f"({len(dc.not_due)} invoice(s) not yet due)."
            )
        else:
            loc = LOCALE.get(dc.assessment.claim.jurisdiction, "fr_FR")
            print_assessment(dc.assessment, loc, indent="  ")
        if dc.disputed and dc.invoices:
            out.print(
                "    Disputed, left out of the claim: " + ", ".join(i.number for i in dc.disputed)
            )
        warnings = list(dc.warnings) + list(dc.assessment.warnings if dc.assessment else ())
        for w in warnings:
            if w.file or w.kind == "no_profile":
                shared.setdefault(w.message, w)
            else:
                out.print(f"    Warning: {escape(str(w))}")
    if shared:
        out.print("")
    print_warnings(tuple(shared.values()), heading="Data warnings (for several debtors):")


def optional_ledger(func: Callable) -> Callable:
    """LEDGER (optional here) and the options that say how to read it."""
    path = click.Path(dir_okay=False, path_type=Path)
    decorators = [
        click.argument("ledger", type=path, metavar="[LEDGER]", required=False),
        click.option(
            "--creditor", type=path, help="Creditor profile (YAML): its type and country."
        ),
        click.option("--mapping", type=path, help="Column mapping (YAML) for unknown headers."),
        click.option("--debtors", type=path, help="Separate debtors file."),
        click.option("--payments", type=path, help="Separate payments file."),
        click.option("--sheet", help="XLSX: the sheet that holds the invoices."),
    ]
    for decorator in reversed(decorators):
        func = decorator(func)
    return func


def json_option(func: Callable) -> Callable:
    return click.option("--json", "as_json", is_flag=True, help="Print JSON for other programs.")(
        func
    )


def need(ctx: click.Context, names: dict[str, Any]) -> None:
    missing = [f"--{n.replace('_', '-')}" for n, v in names.items() if v is None]
    if missing:
        raise click.UsageError(
            f"give a LEDGER, or {', '.join(missing)} for a single debt", ctx=ctx
        )


def ledger_claims(ctx, ledger, creditor, mapping, debtors, payments, sheet, as_of, *, assess_too):
    if as_of is None:
        raise click.UsageError("--as-of is required with a LEDGER (reproducible figures)", ctx=ctx)
    inputs = load_inputs(ledger, creditor, mapping, debtors, payments, sheet)
    book = inputs.result.raise_for_errors()
    for problem in inputs.result.warnings:
        click.echo(str(problem), err=True)
    return inputs, debtor_claims(book, inputs.creditor, as_of, with_assessment=assess_too)
