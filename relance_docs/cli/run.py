"""``relance run`` (the day's dunning step for each debtor) and ``relance send`` (the
pending emails over SMTP)."""

from __future__ import annotations

import email
import email.policy
from datetime import UTC, date, datetime, time
from pathlib import Path

import click
from rich.markup import escape

from ..dunning.plans import default_plans, load_plan
from ..dunning.run import decide, record_documents, run_lock
from ..errors import RelanceError
from ..intake import load_creditor
from ..law.claims import debtor_claims
from ..mail.message import build_email, write_eml
from ..mail.outbox import send_pending
from ..render.batch import render_batch
from ..render.context import DocumentRequest, letter_language
from ..store.events import REMINDER_SENT, events_of, record, rules_version
from ..store.importer import creditor_key
from ..store.state import resolve_creditor
from . import cli
from .options import DateType
from .output import console
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
    help="Where each day's documents go (a folder per day).",
)
@click.option("--jobs", type=click.IntRange(1, 64), default=2, show_default=True)
@click.option(
    "--plan",
    "plan_files",
    multiple=True,
    type=click.Path(dir_okay=False, exists=True, path_type=Path),
    help="Your own dunning plan (YAML, see rules/plans/), tried before the default ones.",
)
def run(profile_path, db_path, as_of, dry_run, out, jobs, plan_files):
    """The day's run: for each debtor in the store, the next step of its plan if it is
    due (one step at a time, never skipping one, the plan's gap respected), as documents,
    events and emails to send; the held and waiting debtors with the reason. A second run
    the same day produces nothing new; two runs at once are refused.

    \b
    Example:
        relance import samples/ledger-fr.csv --creditor samples/creditor-fr.yaml
        relance run --creditor samples/creditor-fr.yaml --as-of 2026-11-16 --dry-run
    """
    profile = load_creditor(profile_path)
    as_of = as_of or date.today()
    conn = _open(db_path)
    key = resolve_creditor(conn, creditor_key(profile))
    plans = (*(load_plan(p) for p in plan_files), *default_plans())
    decisions = decide(conn, key, profile, as_of, plans)
    due = [d for d in decisions if d.due]
    out_console = console()
    for d in decisions:
        mark = f"-> {d.step.template}" if d.step else "   "
        who = escape(f"{d.claim.debtor.id} {d.claim.debtor.name}")
        out_console.print(f"{mark:<20} {who}: {escape(d.reason)}")
    if dry_run or not due:
        out_console.print(
            f"{len(due)} document(s) due on {as_of.isoformat()}"
            + (" (dry run)" if dry_run else "")
        )
        return
    with run_lock(db_path):
        ids = {d.claim.debtor.id for d in due}
        full = {
            c.debtor.id: c
            for c in debtor_claims(_ledger(conn, key, as_of), profile, as_of)
            if c.debtor.id in ids
        }
        requests = [
            DocumentRequest(
                d.step.template,
                full[d.claim.debtor.id],
                profile,
                as_of,
                letter_language(d.claim.debtor, profile),
                d.step.channel,
                d.step.id,
            )
            for d in due
        ]
        folder = _day_folder(out, as_of)
        result = render_batch(requests, folder, jobs=jobs, held=[])
        done = []
        for d, item in zip(due, result.items, strict=True):
            pdf = item.files["pdf"]
            done.append((d, pdf, item.sha256["pdf"]))
            if d.step.channel == "email":
                _write_email(d, profile, pdf, folder, out, as_of)
        record_documents(conn, key, as_of, done)
    out_console.print(f"{len(done)} document(s) written to {folder}; events recorded in {db_path}")


def _ledger(conn, key, as_of):
    from ..dunning.run import ledger_from_store

    return ledger_from_store(conn, key, as_of)


def _day_folder(out: Path, as_of: date) -> Path:
    folder = out / as_of.isoformat()
    n = 2
    while folder.exists():  # an earlier run of the same day (or an interrupted one)
        folder = out / f"{as_of.isoformat()}-{n}"
        n += 1
    return folder


def _write_email(decision, profile, pdf: Path, folder: Path, out: Path, as_of: date) -> None:
    debtor = decision.claim.debtor
    if not debtor.email or not profile.email:
        return  # printed with the letters instead: the manifest lists it
    fr = letter_language(debtor, profile) == "fr"
    subject = (
        f"{profile.name} — votre compte {debtor.id}"
        if fr
        else f"{profile.name} — your account {debtor.id}"
    )
    text = (
        f"Madame, Monsieur,\n\nVeuillez trouver ci-joint notre courrier du {as_of:%d/%m/%Y} "
        f"concernant votre compte {debtor.id}.\n\nCordialement,\n"
        f"{profile.signatory.name}\n{profile.name}\n"
        if fr
        else f"Dear Sir or Madam,\n\nPlease find attached our letter of {as_of:%d/%m/%Y} about "
        f"your account {debtor.id}.\n\nYours faithfully,\n"
        f"{profile.signatory.name}\n{profile.name}\n"
    )
    html = (
        "<p>"
        + text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace("\n\n", "</p><p>")
        .replace("\n", "<br>")
        + "</p>"
    )
    msg = build_email(
        sender_name=profile.name, sender_email=profile.email, to_name=debtor.name,
        to_email=debtor.email, subject=subject, text=text, html=html, pdf=pdf.read_bytes(),
        pdf_name=pdf.name, message_id_domain=profile.email.split("@")[-1],
        date=datetime.combine(as_of, time(9), tzinfo=UTC),
    )  # fmt: skip
    msg["X-Relance-Debtor"] = debtor.id
    msg["X-Relance-Step"] = decision.step.id
    write_eml(msg, out / "outbox" / "pending" / f"{as_of.isoformat()}-{pdf.stem}.eml")


@cli.command()
@_profile_option
@db_option
@click.option(
    "--outbox",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("runs") / "outbox",
    show_default=True,
)
@click.option("--smtp-host", required=True)
@click.option("--smtp-port", type=int, default=587, show_default=True)
@click.option("--starttls", is_flag=True, help="Upgrade the connection with STARTTLS.")
@click.option("--user", help="SMTP login; the password is read from RELANCE_SMTP_PASSWORD.")
def send(profile_path, db_path, outbox, smtp_host, smtp_port, starttls, user):
    """Deliver the pending emails over SMTP and record each delivery; a failed one is
    retried on the next send, and a message accepted once is never sent again. The
    password comes from the environment variable RELANCE_SMTP_PASSWORD, never a flag.

    \b
    Example:
        relance send --creditor samples/creditor-fr.yaml --smtp-host smtp.example.com \\
            --starttls --user recouvrement@example.com
    """
    profile = load_creditor(profile_path)
    conn = _open(db_path)
    key = resolve_creditor(conn, creditor_key(profile))
    if not (outbox / "pending").is_dir():
        click.echo("Nothing to send.")
        return
    known = {e.data.get("message_id") for e in events_of(conn, key, kinds={REMINDER_SENT})}

    def on_sent(path: Path, message_id: str) -> None:
        if message_id in known:
            return
        msg = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
        record(
            conn, REMINDER_SENT, creditor=key, debtor_id=msg.get("X-Relance-Debtor"),
            at=datetime.now(UTC), data={"message_id": message_id, "step": None,
            "to": str(msg.get("To"))}, document=path, rules_version=rules_version(),
        )  # fmt: skip
        conn.commit()
        known.add(message_id)

    report = send_pending(
        outbox, host=smtp_host, port=smtp_port, starttls=starttls, user=user, on_sent=on_sent
    )
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
