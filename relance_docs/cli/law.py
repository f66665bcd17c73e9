"""Commands over the rules layer: ``interest``, ``deadline`` and ``assess``.

Each answers for one case given on the command line, or (``interest`` and ``assess``)
for every debtor of a ledger; ``--json`` gives amounts as strings with two decimals and
dates in ISO form, for other programs.
"""

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
from ..law.calendars import calendar_key
from ..law.claims import DebtorClaim, debtor_claims
from ..law.deadlines import check_due_date, payment_terms
from ..law.deadlines import deadline as compute_deadline
from ..law.fr.terms import term_days
from ..law.interest import DAY_COUNTS, ROUNDINGS, InterestResult, compute_interest
from ..law.procedures import ClaimParty, Outcome, assess
from ..law.reasons import LawWarning
from ..law.single import single_claim
from ..model import PartyKind
from ..money import parse_amount
from . import cli
from .options import DateType, load_inputs
from .output import console, fmt_amount

KINDS = [k.value for k in PartyKind]
_LOCALE = {"FR": "fr_FR", "DE": "fr_FR", "EU": "fr_FR", "GB": "en_GB"}


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


def _optional_ledger(func: Callable) -> Callable:
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


def _json_option(func: Callable) -> Callable:
    return click.option("--json", "as_json", is_flag=True, help="Print JSON for other programs.")(
        func
    )


def _need(ctx: click.Context, names: dict[str, Any]) -> None:
    missing = [f"--{n.replace('_', '-')}" for n, v in names.items() if v is None]
    if missing:
        raise click.UsageError(
            f"give a LEDGER, or {', '.join(missing)} for a single debt", ctx=ctx
        )


def _ledger_claims(ctx, ledger, creditor, mapping, debtors, payments, sheet, as_of, *, assess_too):
    if as_of is None:
        raise click.UsageError("--as-of is required with a LEDGER (reproducible figures)", ctx=ctx)
    inputs = load_inputs(ledger, creditor, mapping, debtors, payments, sheet)
    book = inputs.result.raise_for_errors()
    for problem in inputs.result.warnings:
        click.echo(str(problem), err=True)
    return inputs, debtor_claims(book, inputs.creditor, as_of, with_assessment=assess_too)


# --------------------------------------------------------------------------- interest


@cli.command()
@_optional_ledger
@click.option("--jurisdiction", type=click.Choice(["FR", "GB", "DE", "EU"], case_sensitive=False))
@click.option("--creditor-kind", type=click.Choice(KINDS), help="The creditor's type.")
@click.option("--debtor-kind", type=click.Choice(KINDS), help="The debtor's type.")
@click.option("--amount", type=AmountType(), help="Amount due, including tax.")
@click.option("--due", type=DateType(), help="Due date: the last day before interest runs.")
@click.option("--until", type=DateType(), help="Payment or computation date (included).")
@click.option("--as-of", type=DateType(), help="With a LEDGER: the computation date.")
@click.option(
    "--payment",
    "payments_",
    type=PaymentType(),
    multiple=True,
    help="A partial payment DATE:AMOUNT (repeatable).",
)
@click.option("--notice-received", type=DateType(), help="Date the formal notice was received.")
@click.option(
    "--judgment-enforceable", type=DateType(), help="Date a judgment became enforceable."
)
@click.option("--contract-rate", type=PercentType(), help="Contractual penalty rate (FR B2B).")
@click.option("--currency", help="The debt's currency (default: the law's: EUR, GBP).")
@click.option(
    "--exchange-rate",
    type=AmountType(),
    help="Units of the law's currency for 1 unit of the debt's, to choose a fixed-sum band "
    "(UK s.5A bands are in GBP).",
)
@click.option("--subdivision", help="Place of performance (DE: the Land, for BGB 193).")
@click.option("--day-count", type=click.Choice(DAY_COUNTS), default="act/365", show_default=True)
@click.option(
    "--rounding",
    type=click.Choice(ROUNDINGS),
    default="line",
    show_default=True,
    help="Round each line (line) or only the total.",
)
@_json_option
@click.pass_context
def interest(
    ctx,
    ledger,
    creditor,
    mapping,
    debtors,
    payments,
    sheet,
    jurisdiction,
    creditor_kind,
    debtor_kind,
    amount,
    due,
    until,
    as_of,
    payments_,
    notice_received,
    judgment_enforceable,
    contract_rate,
    currency,
    exchange_rate,
    subdivision,
    day_count,
    rounding,
    as_json,
):
    """Statutory late-payment interest and fixed compensation, period by period.

    For one debt: FR (C. com. L441-10 between professionals; the legal rate from the
    formal notice for a consumer), GB (Late Payment Act 1998), DE (BGB 288) or EU (the
    directive's floor). With a LEDGER: every overdue invoice, per debtor, on --as-of.

    \b
    Example:
        relance interest --jurisdiction FR --creditor-kind company --debtor-kind company \\
            --amount 4800 --due 2025-09-30 --until 2026-03-31
        relance interest --jurisdiction GB --creditor-kind company --debtor-kind company \\
            --amount 2500 --due 2024-03-01 --until 2024-08-15 --json
        relance interest samples/ledger-fr.csv --creditor samples/creditor-fr.yaml \\
            --as-of 2026-11-16
    """
    if ledger is not None:
        _inputs, claims = _ledger_claims(
            ctx, ledger, creditor, mapping, debtors, payments, sheet, as_of, assess_too=False
        )
        if as_json:
            click.echo(_dump([c.as_dict(with_assessment=False) for c in claims]))
        else:
            _print_ledger_interest(claims)
        return
    _need(
        ctx,
        {
            "jurisdiction": jurisdiction,
            "creditor_kind": creditor_kind,
            "debtor_kind": debtor_kind,
            "amount": amount,
            "due": due,
            "until": until,
        },
    )
    result = compute_interest(
        jurisdiction=jurisdiction,
        creditor_kind=creditor_kind,
        debtor_kind=debtor_kind,
        principal=amount,
        due=due,
        until=until,
        payments=payments_,
        notice_received=notice_received,
        judgment_enforceable=judgment_enforceable,
        contract_rate=contract_rate,
        day_count=day_count,
        rounding=rounding,
        currency=currency,
        exchange_rate=exchange_rate,
        subdivision=subdivision,
    )
    if as_json:
        click.echo(_dump(result.as_dict()))
    else:
        _print_interest(result)


def _print_interest(r: InterestResult, title: str | None = None) -> None:
    out = console()
    loc = _LOCALE[r.jurisdiction]
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
    _print_warnings(r.warnings)
    for note in r.notes:
        out.print(f"Note: {escape(str(note))}")


def _print_ledger_interest(claims: tuple[DebtorClaim, ...]) -> None:
    out = console()
    shared: dict[str, LawWarning] = {}
    for dc in claims:
        if not dc.invoices:
            continue
        loc = _LOCALE[dc.invoices[0].result.jurisdiction]
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
    _print_warnings(tuple(shared.values()), heading="Rates past their verified date:")


def _print_warnings(warnings, heading: str | None = None) -> None:
    out = console()
    if warnings and heading:
        out.print(heading)
    for w in warnings:
        out.print(f"Warning: {escape(str(w))}")


def _dump(data) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False)


# --------------------------------------------------------------------------- deadline


@cli.command()
@click.option(
    "--jurisdiction",
    type=click.Choice(["FR", "GB", "DE"], case_sensitive=False),
    default="FR",
    show_default=True,
)
@click.option(
    "--subdivision",
    help="Calendar: 57, 6AE (67, 68), 971..976 for FR; ENG, WLS, SCT, NIR for GB; "
    "a Land (BY, NW...) for DE.",
)
@click.option(
    "--from",
    "start",
    type=DateType(),
    required=True,
    help="The day of the act or notification that starts the period.",
)
@click.option(
    "--period",
    required=True,
    help="'15 jours', '1 mois', '2 ans', '5 jours ouvrés', '30 days', '5 working days'.",
)
@click.option(
    "--distance",
    type=click.Choice(["overseas", "abroad"]),
    help="FR, CPC 643: +1 month overseas, +2 months abroad.",
)
@_json_option
def deadline(jurisdiction, subdivision, start, period, distance, as_json):
    """The last day of a legal period, extended past weekends and public holidays of the
    place (CPC 640-642; BGB 187-193; for the UK, the next working day is shown).

    \b
    Example:
        relance deadline --from 2026-01-31 --period "1 mois"
        relance deadline --from 2026-04-02 --period "1 jour" --subdivision 6AE --json
        relance deadline --jurisdiction GB --subdivision ENG --from 2025-03-19 --period "30 days"
    """
    result = compute_deadline(
        jurisdiction, start, period, subdivision=subdivision, distance=distance
    )
    if as_json:
        click.echo(_dump(result.as_dict()))
        return
    out = console()
    out.print(
        f"Start: {result.start.isoformat()}  Period: {result.period}  Calendar: {result.calendar}"
    )
    if result.nominal_end != result.end:
        out.print(f"Nominal end: {result.nominal_end.isoformat()}")
    out.print(f"End: {result.end.isoformat()} ({result.end:%A})")
    if getattr(result, "earliest_action", None):
        out.print(f"Earliest action: {result.earliest_action.isoformat()}")
    for reason in result.reasons:
        out.print(f"- {escape(str(reason))}")
    _print_warnings(result.warnings)


@cli.command()
@click.option("--invoice-date", type=DateType(), required=True, help="The invoice's date.")
@click.option("--received", type=DateType(), help="Goods received or service performed on.")
@click.option("--due", type=DateType(), help="The due date on the invoice, to check it.")
@_json_option
def terms(invoice_date, received, due, as_json):
    """French B2B payment-term caps (C. com. L441-10 I) for an invoice, and whether its due
    date respects them: 30 days after receipt by default, 60 days after the invoice, 45
    days end of month (both accepted methods), 45 days for periodic invoices.

    \b
    Example:
        relance terms --invoice-date 2025-01-10 --received 2025-01-05
        relance terms --invoice-date 2026-06-22 --due 2026-08-31 --json
    """
    result = payment_terms(invoice_date, received)
    warnings = check_due_date(invoice_date, due, receipt_date=received) if due else ()
    if as_json:
        data = {**result.as_dict(), "warnings": [str(w) for w in warnings]}
        if due:
            data["due"] = due.isoformat()
            data["compliant"] = not warnings
        click.echo(_dump(data))
        return
    out = console()
    n = term_days(invoice_date)
    basis = n["basis"].removeprefix("C. com. ")
    rows = [
        (f"{n['default']} days after receipt (no agreed term)", result.default_30_days, 1),
        (f"{n['cap']} days after the invoice date (cap)", result.cap_60_days, 2),
        (f"{n['end_of_month']} days end of month, method A", result.cap_45_eom_a, 3),
        (f"{n['end_of_month']} days end of month, method B", result.cap_45_eom_b, 3),
        (f"periodic invoice, {n['periodic']} days", result.periodic_45_days, 4),
    ]
    rows = [(label, day, f"{basis} al. {al}") for label, day, al in rows]
    for label, day, basis in rows:
        if day is not None:
            out.print(f"{label}: {day.isoformat()} ({day:%A}) ({basis})")
    if due:
        out.print(f"Due date {due.isoformat()}: " + ("within the caps" if not warnings else ""))
    _print_warnings(warnings)


# --------------------------------------------------------------------------- assess


@cli.command(name="assess")
@_optional_ledger
@click.option(
    "--jurisdiction",
    type=click.Choice(["FR", "GB", "DE", "EU"], case_sensitive=False),
    help="The law of the interest (the creditor's).",
)
@click.option("--amount", type=AmountType(), help="Principal outstanding, including tax.")
@click.option("--due", type=DateType(), help="Due date of the (oldest) invoice.")
@click.option("--as-of", type=DateType(), help="The date of the assessment.")
@click.option("--creditor-kind", type=click.Choice(KINDS))
@click.option("--debtor-kind", type=click.Choice(KINDS))
@click.option("--creditor-country", help="ISO code, e.g. FR, GB, DE.")
@click.option("--debtor-country", help="ISO code, e.g. FR, GB, DE.")
@click.option("--debtor-city", help="The debtor's town (for the court).")
@click.option(
    "--debtor-postcode", help="The debtor's postcode: settles the court's area (FR: 57, 67, 68)."
)
@click.option(
    "--subdivision", help="The debtor's calendar region: 57, 6AE, 971..., ENG, WLS, SCT, NIR."
)
@click.option("--disputed", is_flag=True, help="The debtor disputes the claim.")
@click.option("--notice-received", type=DateType(), help="Date the formal notice was received.")
@click.option("--currency", help="The claim's currency (default: the law's).")
@click.option(
    "--interest",
    "interest_claimed",
    type=AmountType(),
    help="Interest claimed, when computed elsewhere (e.g. s.69 interest): "
    "replaces the statutory computation.",
)
@click.option("--debtor", "debtor_id", help="With a LEDGER: only this debtor (code or name).")
@_json_option
@click.pass_context
def assess_command(
    ctx,
    ledger,
    creditor,
    mapping,
    debtors,
    payments,
    sheet,
    jurisdiction,
    amount,
    due,
    as_of,
    creditor_kind,
    debtor_kind,
    creditor_country,
    debtor_country,
    debtor_city,
    debtor_postcode,
    subdivision,
    disputed,
    notice_received,
    currency,
    interest_claimed,
    debtor_id,
    as_json,
):
    """Which recovery procedures are open for a claim, and why: eligible, ineligible or
    needs review, each reason with its legal basis; the court, the form, the deadlines
    that follow, the prerequisites and the limitation date.

    \b
    Example:
        relance assess samples/ledger-fr.csv --creditor samples/creditor-fr.yaml --as-of 2026-11-16
        relance assess --jurisdiction FR --amount 4800 --due 2025-09-30 --as-of 2025-12-15 \\
            --creditor-kind company --debtor-kind company \\
            --creditor-country FR --debtor-country FR --debtor-city Lyon --json
    """
    if ledger is not None:
        _inputs, claims = _ledger_claims(
            ctx, ledger, creditor, mapping, debtors, payments, sheet, as_of, assess_too=True
        )
        if debtor_id:
            key = debtor_id.casefold()
            claims = tuple(
                c for c in claims if key in {c.debtor.id.casefold(), c.debtor.name.casefold()}
            )
            if not claims:
                raise click.UsageError(f"no overdue debtor '{debtor_id}' in {ledger}", ctx=ctx)
        if as_json:
            click.echo(_dump([c.as_dict() for c in claims]))
        else:
            _print_ledger_assessment(claims)
        return
    _need(
        ctx,
        {
            "jurisdiction": jurisdiction,
            "amount": amount,
            "due": due,
            "as_of": as_of,
            "creditor_kind": creditor_kind,
            "debtor_kind": debtor_kind,
            "creditor_country": creditor_country,
            "debtor_country": debtor_country,
        },
    )
    jurisdiction = jurisdiction.upper()
    debtor_country = debtor_country.upper()
    if subdivision:
        # The calendars' canonical code (67 and 68 are 6AE); a typo is an error, it must not
        # silently change the court.
        _, subdivision = calendar_key(
            debtor_country if debtor_country in {"FR", "GB", "DE"} else jurisdiction, subdivision
        )
    claim, r, notes = single_claim(
        jurisdiction=jurisdiction,
        amount=amount,
        due=due,
        as_of=as_of,
        creditor=ClaimParty(kind=creditor_kind, country=creditor_country),
        debtor=ClaimParty(
            kind=debtor_kind,
            country=debtor_country,
            subdivision=subdivision,
            city=debtor_city,
            postcode=debtor_postcode,
        ),
        disputed=disputed,
        notice_received=notice_received,
        interest_claimed=interest_claimed,
        currency=currency,
    )
    result = assess(claim)
    shown = r.warnings if interest_claimed is None else ()
    warnings = list(
        dict.fromkeys([str(w) for w in (*shown, *notes)] + [str(w) for w in result.warnings])
    )
    if as_json:
        click.echo(_dump({**result.as_dict(), "interest": r.as_dict(), "warnings": warnings}))
        return
    _print_assessment(result, _LOCALE.get(jurisdiction, "fr_FR"))
    for w in warnings:
        console().print(f"Warning: {escape(w)}")


_MARK = {Outcome.ELIGIBLE: "open", Outcome.NEEDS_REVIEW: "review", Outcome.INELIGIBLE: "closed"}


def _print_assessment(result, loc: str, indent: str = "") -> None:
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


def _print_ledger_assessment(claims: tuple[DebtorClaim, ...]) -> None:
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
            loc = _LOCALE.get(dc.assessment.claim.jurisdiction, "fr_FR")
            _print_assessment(dc.assessment, loc, indent="  ")
        if dc.disputed and dc.invoices:
            out.print(
                "    Disputed, left out of the claim: " + ", ".join(i.number for i in dc.disputed)
            )
        warnings = list(dc.warnings) + list(dc.assessment.warnings if dc.assessment else ())
        for w in warnings:
            if w.file or w.message.startswith("no creditor profile"):
                shared.setdefault(w.message, w)
            else:
                out.print(f"    Warning: {escape(str(w))}")
    if shared:
        out.print("")
    _print_warnings(tuple(shared.values()), heading="Data warnings (for several debtors):")
