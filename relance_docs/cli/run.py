"""``relance run`` (the day's dunning step for each debtor) and ``relance send`` (the
pending emails over SMTP): options and output over :mod:`relance_docs.workflow`."""

from __future__ import annotations

from contextlib import closing
from datetime import UTC, date, datetime, time
from pathlib import Path

import click

from ..dunning.plans import default_plans, load_plan
from ..errors import RelanceError
from ..intake import load_creditor
from ..store.importer import creditor_key
from ..store.state import resolve_creditor
from ..workflow import DayResult, run_day
from ..workflow.send import send_outbox
from . import cli
from .options import DateType
from .store import _open, db_option

__all__ = ["run", "send"]


def _profile_option(func):
    return click.option(
        "--creditor",
        "profile_path",
        required=True,
        type=click.Path(dir_okay=False, exists=True, path_type=Path),
        help="Creditor profile (YAML): the letters are signed with it.",
    )(func)


@cli.command()
@_profile_option
@db_option
@click.option("--as-of", type=DateType(), help="The day of the run (default: today).")
@click.option("--dry-run", is_flag=True, help="Say what would be sent; write nothing.")
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("runs"),
    show_default=True,
    help="Where each day's documents go (a folder per day), and the outbox.",
)
@click.option("--jobs", type=click.IntRange(1, 64), default=2, show_default=True)
@click.option(
    "--plan",
    "plan_files",
    multiple=True,
    type=click.Path(dir_okay=False, exists=True, path_type=Path),
    help="Your own dunning plan (YAML, see rules/plans/), tried before the default ones.",
)
@click.option("--all", "show_all", is_flag=True, help="Also list the debtors waiting.")
def run(profile_path, db_path, as_of, dry_run, out, jobs, plan_files, show_all):
    """The day's run: for each debtor in the store, the next step of its plan if it is
    due (one step at a time, never skipping one, the plan's gap respected), as documents,
    events and emails to send; the held debtors with the reason. A second run the same
    day produces nothing new; a run started while another holds the store is refused; a
    run that was killed is adopted or set aside by the next one.

    \b
    Example:
        relance import samples/ledger-fr.csv --creditor samples/creditor-fr.yaml \\
            --as-of 2026-11-16
        relance run --creditor samples/creditor-fr.yaml --as-of 2026-11-16 --dry-run
    """
    profile = load_creditor(profile_path)
    as_of = as_of or date.today()
    _open(db_path).close()  # an existing store, or one plain line
    plans = (*(load_plan(p) for p in plan_files), *default_plans())
    result = run_day(db_path, profile, as_of, out=out, plans=plans, jobs=jobs, dry_run=dry_run)
    click.echo(_report(result, show_all=show_all), nl=False)
    if result.dry_run or not result.documents:
        click.echo(
            f"{len(result.due)} document(s) due on {as_of.isoformat()}"
            + (" (dry run)" if result.dry_run else "")
        )
        return
    recorded = len(result.documents) - len(result.skipped)
    click.echo(
        f"{len(result.documents)} document(s) written to {result.folder}; {recorded} "
        f"recorded in {db_path}; {result.published} email(s) put in {out / 'outbox' / 'pending'}"
    )
    for debtor, reason in result.skipped:
        click.echo(f"Not recorded: {debtor}: {reason}", err=True)


def _report(result: DayResult, *, show_all: bool) -> str:
    """The run as text: one join, not a print per line (100,000 debtors)."""
    lines = [f"Recovered: {line}" for line in result.recovered]
    waiting = 0
    for d in result.decisions:
        who = f"{d.claim.debtor.id} {d.claim.debtor.name}"
        if d.due:
            lines.append(f"-> {d.step.template:<16} {who}: {d.reason}")
        elif d.reason.endswith("held"):
            lines.append(f"   held             {who}: {d.reason}")
        elif show_all:
            lines.append(f"   waiting          {who}: {d.reason}")
        else:
            waiting += 1
    if waiting:
        lines.append(f"{waiting} debtor(s) waiting for their next step (--all lists them)")
    for text, debtors in result.warnings().items():
        lines.append(f"Warning ({', '.join(dict.fromkeys(debtors))}): {text}")
    return "".join(f"{line}\n" for line in lines)


@cli.command()
@_profile_option
@db_option
@click.option(
    "--outbox",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("runs") / "outbox",
    show_default=True,
)
@click.option("--as-of", type=DateType(), help="The day of the sending (default: today).")
@click.option("--smtp-host", required=True)
@click.option("--smtp-port", type=int, default=587, show_default=True)
@click.option("--starttls", is_flag=True, help="Upgrade the connection with STARTTLS.")
@click.option("--user", help="SMTP login; the password is read from RELANCE_SMTP_PASSWORD.")
def send(profile_path, db_path, outbox, as_of, smtp_host, smtp_port, starttls, user):
    """Deliver the pending emails over SMTP and record each delivery (the step it
    delivered, dated --as-of); a failed one is retried on the next send, and a message
    accepted once is never sent again. The password comes from the environment variable
    RELANCE_SMTP_PASSWORD, never a flag.

    \b
    Example:
        relance send --creditor samples/creditor-fr.yaml --as-of 2026-11-16 \\
            --smtp-host smtp.example.com --starttls --user recouvrement@example.com
    """
    profile = load_creditor(profile_path)
    at = (
        datetime.combine(as_of, time(12), tzinfo=UTC)
        if as_of
        else datetime.now(UTC).replace(microsecond=0)
    )
    with closing(_open(db_path)) as conn:
        key = resolve_creditor(conn, creditor_key(profile))
        report = send_outbox(
            conn, key, outbox, at=at, host=smtp_host, port=smtp_port, starttls=starttls,
            user=user,
        )  # fmt: skip
    if report is None:
        click.echo("Nothing to send.")
        return
    for name, reason in report.failed:
        click.echo(f"Not sent, will retry: {name}: {reason}", err=True)
    click.echo(
        f"Sent {len(report.sent)}, already sent {len(report.skipped)}, "
        f"failed {len(report.failed)}."
    )
    if report.failed:
        raise RelanceError(
            f"{len(report.failed)} email(s) not delivered; run 'relance send' again"
        )
