"""Commands over the calendar rules: ``deadline`` (the last day of a legal period) and
``terms`` (the French B2B payment-term caps for an invoice).

Each answers for one case given on the command line; ``--json`` gives dates in ISO form,
for other programs. The interest and the procedures are :mod:`.law`'s commands.
"""

from __future__ import annotations

import click
from rich.markup import escape

from ..law.deadlines import check_due_date, payment_terms
from ..law.deadlines import deadline as compute_deadline
from ..law.fr.terms import term_days
from . import cli
from .law_print import dump, json_option, print_warnings
from .options import DateType
from .output import console

__all__ = ["deadline", "terms"]


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
    help="FR, CPC 643: the extension for a party living overseas or abroad (rules/FR).",
)
@json_option
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
        click.echo(dump(result.as_dict()))
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
    print_warnings(result.warnings)


@cli.command()
@click.option("--invoice-date", type=DateType(), required=True, help="The invoice's date.")
@click.option("--received", type=DateType(), help="Goods received or service performed on.")
@click.option("--due", type=DateType(), help="The due date on the invoice, to check it.")
@json_option
def terms(invoice_date, received, due, as_json):
    """French B2B payment-term caps (C. com. L441-10 I) for an invoice, and whether its due
    date respects them: the default term after receipt, the cap after the invoice date,
    the "end of month" term (both accepted methods) and the term for periodic invoices,
    each in days as rules/FR/pack.yaml gives them.

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
        click.echo(dump(data))
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
    print_warnings(warnings)
