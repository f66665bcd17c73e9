"""Commands over the rules layer: ``interest`` and ``assess`` (``deadline`` and ``terms``
are in :mod:`.deadlines`).

Each answers for one case given on the command line, or (``interest`` and ``assess``)
for every debtor of a ledger; ``--json`` gives amounts as strings with two decimals and
dates in ISO form, for other programs.
"""

from __future__ import annotations

import click
from rich.markup import escape

from ..law.calendars import calendar_key
from ..law.interest import DAY_COUNTS, ROUNDINGS, compute_interest
from ..law.procedures import ClaimParty, assess
from ..law.single import single_claim
from ..model import PartyKind
from . import cli
from .deadlines import deadline, terms  # noqa: F401 - re-exported from their old module
from .law_print import (
    LOCALE,
    AmountType,
    PaymentType,
    PercentType,
    dump,
    json_option,
    ledger_claims,
    need,
    optional_ledger,
    print_assessment,
    print_interest,
    print_ledger_assessment,
    print_ledger_interest,
)
from .options import DateType
from .output import console

KINDS = [k.value for k in PartyKind]


# --------------------------------------------------------------------------- interest


@cli.command()
@optional_ledger
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
@json_option
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
        _inputs, claims = ledger_claims(
            ctx, ledger, creditor, mapping, debtors, payments, sheet, as_of, assess_too=False
        )
        if as_json:
            click.echo(dump([c.as_dict(with_assessment=False) for c in claims]))
        else:
            print_ledger_interest(claims)
        return
    need(
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
        click.echo(dump(result.as_dict()))
    else:
        print_interest(result)


# --------------------------------------------------------------------------- assess


@cli.command(name="assess")
@optional_ledger
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
@json_option
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
        _inputs, claims = ledger_claims(
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
            click.echo(dump([c.as_dict() for c in claims]))
        else:
            print_ledger_assessment(claims)
        return
    need(
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
        click.echo(dump({**result.as_dict(), "interest": r.as_dict(), "warnings": warnings}))
        return
    print_assessment(result, LOCALE.get(jurisdiction, "fr_FR"))
    for w in warnings:
        console().print(f"Warning: {escape(w)}")
