"""Commands over the store (``relance.db``): ``import``, ``dispute``, ``promise``, ``call``
and ``history``."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from contextlib import closing
from datetime import date, datetime
from pathlib import Path

import click

from ..errors import BadAmount
from ..intake import load_creditor, load_mapping, read_ledger
from ..money import ZERO, parse_amount, to_money
from ..store import (
    DEFAULT_DB,
    StoreError,
    connect,
    creditor_key,
    debtor_state,
    find_debtor,
    import_ledger,
    resolve_creditor,
)
from ..store import history as store_history
from ..store.events import (
    CALL_OUTCOMES,
)
from ..store.state import creditor_info
from ..workflow.interactions import (
    call_recap,
    close_dispute,
    event_time,
    log_call,
    make_promise,
    open_dispute,
)
from . import cli
from .options import DateType, ledger_options, source_kwargs

__all__ = ["call", "dispute", "history", "import_", "promise"]


def db_option(func: Callable) -> Callable:
    return click.option(
        "--db",
        "db_path",
        type=click.Path(dir_okay=False, path_type=Path),
        default=DEFAULT_DB,
        show_default=True,
        help="The store: one SQLite file.",
    )(func)


def _creditor_option(func: Callable) -> Callable:
    return click.option(
        "--creditor",
        type=click.Path(dir_okay=False, path_type=Path),
        help="Creditor profile (YAML); not needed when the store holds one creditor.",
    )(func)


def _event_day_option(func: Callable) -> Callable:
    return click.option(
        "--as-of",
        type=DateType(),
        default=None,
        help="The day it happened (default: today).",
    )(func)


def _at(as_of: date | None) -> datetime:
    """When the event happened: now, or noon of ``--as-of`` (local time)."""
    now = datetime.now().astimezone().replace(microsecond=0)
    return event_time(as_of or now.date(), now)


def _open(db_path: Path) -> sqlite3.Connection:
    """An existing store (only ``relance import`` creates one)."""
    if not db_path.is_file():
        raise StoreError(
            f"{db_path} does not exist: run 'relance import LEDGER --creditor FILE' first "
            "(or give --db PATH)"
        )
    return connect(db_path)


def _creditor(conn: sqlite3.Connection, profile_path: Path | None) -> str:
    key = creditor_key(load_creditor(profile_path)) if profile_path else None
    return resolve_creditor(conn, key)


def _count(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def _day(d: date) -> str:
    return d.strftime("%d/%m/%Y")


@cli.command("import")
@ledger_options
@db_option
@_event_day_option
def import_(
    ledger, creditor, mapping, debtors, payments, sheet, db_path, as_of, **sources
) -> None:
    """Load a ledger into the store, or refresh it: new, changed, paid and vanished
    invoices and new payments become events; importing the same file again changes
    nothing.

    Invoices are keyed by creditor and invoice number. An invoice fully paid, or no longer
    in the ledger, stops being chased (an event says why). The first import needs
    --creditor; later ones use the store's creditor when it holds only one.

    \b
    Example:
        relance import samples/ledger-fr.csv --creditor samples/creditor-fr.yaml
        relance import ledger.xlsx --payments reglements.csv --db /srv/relance/relance.db
    """
    profile = load_creditor(creditor) if creditor else None
    sources = source_kwargs(sources)  # --bank, --assign, --terms, --pdf-folder, --max-rows

    def read(currency: str | None, country: str | None):
        return read_ledger(
            ledger,
            debtors=debtors,
            payments=payments,
            mapping=load_mapping(mapping) if mapping else None,
            sheet=sheet,
            default_currency=currency,
            default_country=country,
            creditor=profile,
            **sources,
        )

    if profile is not None:  # read before the store is created: a bad ledger leaves none
        result = read(profile.currency, profile.country)
        parsed = result.raise_for_errors()
        with closing(connect(db_path)) as conn:
            report = import_ledger(conn, parsed, profile, _at(as_of))
        name = profile.name
    else:
        with closing(_open(db_path)) as conn:
            info = creditor_info(conn, resolve_creditor(conn))
            result = read(info["currency"], info["country"])
            parsed = result.raise_for_errors()
            report = import_ledger(conn, parsed, info["key"], _at(as_of))
        name = info["name"]
    echo = click.echo
    if report.nothing_changed:
        echo(
            f"{db_path}: nothing changed for {name} "
            f"({_count(len(report.unchanged), 'invoice')} as before)."
        )
    else:
        echo(
            f"{db_path}: imported {ledger} for {name}: {len(report.new)} new, "
            f"{len(report.changed)} changed, {len(report.unchanged)} unchanged; "
            f"{_count(report.payments, 'payment')} recorded, "
            f"{_count(report.events, 'event')}."
        )
    if report.stopped:
        echo(
            "No longer chased: "
            + ", ".join(f"{number} ({reason})" for number, reason in report.stopped)
        )
    if report.reopened:
        echo(
            "Chased again: "
            + ", ".join(f"{number} ({reason})" for number, reason in report.reopened)
        )
    if report.debtors_changed:
        echo("Debtor details changed: " + ", ".join(report.debtors_changed))
    for problem in result.warnings:
        click.echo(str(problem), err=True)


@cli.command()
@click.argument("invoice")
@click.option("--reason", help="Why the debtor disputes it (opens the dispute).")
@click.option("--close", is_flag=True, help="Close the dispute: the invoice is chased again.")
@click.option("--note", help="With --close: how it was settled.")
@_creditor_option
@db_option
@_event_day_option
def dispute(invoice, reason, close, note, creditor, db_path, as_of) -> None:
    """Open a dispute on an invoice (it is left out of every reminder until closed), or
    close it.

    \b
    Example:
        relance dispute FA-2026-0088 --reason "Brides non conformes au plan"
        relance dispute FA-2026-0088 --close --note "Avoir AV-2026-0031 accepté"
    """
    if close == bool(reason):
        raise click.UsageError("give --reason TEXT to open a dispute, or --close to close it")
    if note and not close:
        raise click.UsageError("--note goes with --close")
    at = _at(as_of)
    with closing(_open(db_path)) as conn:
        key = _creditor(conn, creditor)
        if close:
            inv, name = close_dispute(conn, key, invoice, note, at)
            click.echo(
                f"Dispute on {inv.number} ({inv.debtor_id} {name}) closed: it is chased again."
            )
            return
        inv, name = open_dispute(conn, key, invoice, reason, at)
    click.echo(
        f"{inv.number} ({inv.debtor_id} {name}) disputed: {reason}. It is left out of reminders "
        f"until 'relance dispute {inv.number} --close'."
    )


@cli.command()
@click.argument("debtor_key", metavar="DEBTOR")
@click.option("--amount", required=True, help="The amount promised (1500 or 1 500,00).")
@click.option("--date", "promised", required=True, type=DateType(), help="The day promised.")
@_creditor_option
@db_option
@_event_day_option
def promise(debtor_key, amount, promised, creditor, db_path, as_of) -> None:
    """Record a debtor's promise to pay: its reminders pause until the promised date plus
    3 days' grace, then resume at the step they had reached; a promise not kept by then
    is shown as broken.

    \b
    Example:
        relance promise C002 --amount 4095 --date 2026-11-30
        relance promise "Bérard" --amount "12 480,00" --date 15/12/2026 --as-of 2026-11-16
    """
    try:
        value, currency = parse_amount(amount)
    except BadAmount as exc:
        raise click.BadParameter(str(exc), param_hint="'--amount'") from None
    if value <= ZERO:
        raise click.BadParameter("must be more than zero", param_hint="'--amount'")
    at = _at(as_of)
    if promised < at.date():
        raise click.BadParameter(
            f"{_day(promised)} is before the day of the promise ({_day(at.date())})",
            param_hint="'--date'",
        )
    with closing(_open(db_path)) as conn:
        key = _creditor(conn, creditor)
        p = make_promise(conn, key, debtor_key, value, currency, promised, at)
    shown = f"{to_money(p.amount)}{' ' + p.currency if p.currency else ''}"
    click.echo(
        f"Promise recorded: {p.debtor_id} {p.name} to pay {shown} by {_day(p.promised)}; "
        f"reminders paused until {_day(p.resume_on)}."
    )
    if p.replaces is not None:
        click.echo(f"It replaces the promise of {_day(p.replaces.made)}.")
    for broken in p.broken:
        click.echo(
            f"Earlier promise broken: {to_money(broken.amount)} by {_day(broken.date)} "
            f"(made {_day(broken.made)}), {to_money(broken.received)} received."
        )


@cli.command()
@click.argument("debtor_key", metavar="DEBTOR")
@click.option(
    "--outcome", required=True, type=click.Choice(CALL_OUTCOMES), help="How the call went."
)
@click.option("--note", help="What was said.")
@click.option("--recap", is_flag=True, help="Also write the call-recap letter (needs --creditor).")
@click.option(
    "--amount", "agreed_amount", help="With --recap: the amount the debtor agreed to pay."
)
@click.option("--date", "agreed_date", type=DateType(), help="With --recap: by when.")
@_creditor_option
@db_option
@_event_day_option
def call(
    debtor_key, outcome, note, recap, agreed_amount, agreed_date, creditor, db_path, as_of
) -> None:
    """Log a phone call with a debtor.

    \b
    Example:
        relance call C001 --outcome reached --note "Règlement prévu en fin de mois"
        relance call "Dupont & Fils" --outcome voicemail --as-of 2026-11-16
    """
    if (agreed_amount or agreed_date) and not recap:
        raise click.UsageError("--amount and --date go with --recap")
    if recap and creditor is None:
        raise click.UsageError("--recap needs --creditor FILE: the letter is signed with it")
    at = _at(as_of)
    with closing(_open(db_path)) as conn:
        key = _creditor(conn, creditor)
        debtor_id, name = log_call(conn, key, debtor_key, outcome, note, at)
    click.echo(f"Call logged: {debtor_id} {name}, {outcome}{': ' + note if note else ''}.")
    if outcome == "promise":
        click.echo(f"Record the promise: relance promise {debtor_id} --amount X --date DATE")
    elif outcome == "dispute":
        click.echo("Record the dispute: relance dispute INVOICE --reason TEXT")
    if recap:
        amount = None
        if agreed_amount is not None:
            try:
                amount, _ = parse_amount(agreed_amount)
            except BadAmount as exc:
                raise click.BadParameter(str(exc), param_hint="--amount") from None
        details = {"day": at.date(), "note": note, "amount": amount, "by": agreed_date}
        profile = load_creditor(creditor)
        with closing(_open(db_path)) as conn:
            path = call_recap(
                conn, resolve_creditor(conn, creditor_key(profile)), profile, debtor_id,
                at.date(), details, db_path.parent / "runs" / "recaps", at,
            )  # fmt: skip
        complete = details["amount"] is not None and details["by"]
        missing = "" if complete else " (complete the amount and date agreed)"
        click.echo(f"Call-recap letter: {path}{missing}; recorded in the debtor's history.")


@cli.command()
@click.argument("debtor_key", metavar="DEBTOR")
@click.option("--as-of", type=DateType(), default=None, help="Up to this day (default: today).")
@click.option(
    "--lang", type=click.Choice(["fr", "en"]), help="Language (default: the creditor's)."
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="json: the list the dossier's chronology uses.",
)
@_creditor_option
@db_option
def history(debtor_key, as_of, lang, fmt, creditor, db_path) -> None:
    """A debtor's chronology, oldest first: invoices, due dates, payments, disputes,
    promises (kept or broken), calls and documents; the one the dossier shows.

    \b
    Example:
        relance history C009 --as-of 2026-11-16
        relance history "Fonderie Hoffmann" --lang en --format json
    """
    as_of = as_of or date.today()
    with closing(_open(db_path)) as conn:
        key = _creditor(conn, creditor)
        debtor_id, name = find_debtor(conn, key, debtor_key)
        lang = lang or ("fr" if creditor_info(conn, key)["language"] == "fr" else "en")
        lines = store_history(conn, key, debtor_id, as_of=as_of, lang=lang)
        state = debtor_state(conn, key, debtor_id, as_of)
    if fmt == "json":
        click.echo(json.dumps(lines, indent=2, ensure_ascii=False))
        return
    click.echo(f"{debtor_id} {name}, on {as_of.isoformat()}:")
    for line in lines:
        click.echo(f"{line['date']}  {line['event']}")
    for inv in state.disputed:
        reason = f": {inv.dispute.reason}" if inv.dispute and inv.dispute.reason else ""
        click.echo(f"Disputed, not chased: {inv.number}{reason}")
    p = state.promise
    if p is not None:
        status = {
            "pending": f"pending, reminders paused until {_day(p.resume_on)}",
            "kept": "kept",
            "broken": f"broken ({to_money(p.received)} received)",
            "superseded": "replaced",
        }[p.status]
        click.echo(f"Promise: {to_money(p.amount)} by {_day(p.date)}, {status}.")
