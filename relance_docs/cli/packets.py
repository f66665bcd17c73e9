"""Commands for escalation: ``packet`` (a court request), ``dossier`` (for a lawyer) and
``form-fields`` (to write a form mapping)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import click
from rich.markup import escape

from ..packets.build import build_packet
from ..packets.data import PACKET_PROCEDURES
from ..packets.dossier import build_dossier
from . import cli
from .documents import print_warnings, stated_history, stated_option, strict_option
from .options import DateType, as_of_option, ledger_options, pass_ledger
from .output import console


def _exhibit_option(func):
    return click.option(
        "--exhibit",
        "exhibits",
        multiple=True,
        type=click.Path(dir_okay=False, path_type=Path),
        help="An exhibit to add (PDF, or a JPEG/PNG scan); repeat for several.",
    )(func)


def _report(result, what: str, who: str) -> None:
    out = console()
    for line in dict.fromkeys(result.review):
        out.print(f"[bold red]Review:[/bold red] {escape(line)}")
    out.print(f"Wrote {what} {result.folder}/ ({len(result.files)} files): {result.combined}")
    for title in result.outline:
        out.print(f"  - {escape(title)}")
    print_warnings([(who, tuple(result.warnings))])


def _folder_name(prefix: str, key: str, as_of: date, suffix: str = "") -> Path:
    """A default folder name from a debtor key of any length or content."""
    from ..render.batch import slug

    return Path(f"{prefix}-{slug(key, 40)}{suffix}-{as_of.isoformat()}")


@cli.command()
@ledger_options
@click.option("--debtor", "debtor_key", required=True, help="The debtor's code or name.")
@click.option(
    "--procedure",
    required=True,
    type=click.Choice(list(PACKET_PROCEDURES)),
    help="The route (see relance assess).",
)
@as_of_option
@click.option(
    "--form",
    "blank_form",
    type=click.Path(dir_okay=False, exists=True, path_type=Path),
    help="The official blank fillable PDF, to be filled too.",
)
@click.option(
    "--form-mapping",
    type=click.Path(dir_okay=False, exists=True, path_type=Path),
    help="Field mapping for --form (default: rules/forms/<form version>.yaml).",
)
@click.option(
    "--letter-of-claim",
    type=DateType(),
    help="gb.money_claim_online: the date the letter of claim was sent.",
)
@_exhibit_option
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), help="Folder to create.")
@click.option(
    "--templates",
    "user_templates",
    type=click.Path(file_okay=False, exists=True, path_type=Path),
    help="Your own templates, searched first.",
)
@click.option(
    "--draft",
    is_flag=True,
    help="Write the packet even without any exhibit: every page is marked PROJET / DRAFT.",
)
@stated_option
@strict_option
@pass_ledger
def packet(
    inputs, debtor_key, procedure, as_of, blank_form, form_mapping, letter_of_claim, exhibits,
    out, user_templates, draft, stated, strict,
):  # fmt: skip
    """A court-request packet: the request on plain paper, the form data sheet (and the
    official form filled, with --form), the bordereau and the stamped exhibits, in a
    folder and one bookmarked PDF. Refused, with the reasons, for a route the claim is not
    eligible for; without any exhibit, written only as a --draft.

    \b
    Example:
        relance packet samples/ledger-fr.csv --creditor samples/creditor-fr.yaml \\
            --debtor C002 --procedure fr.injonction_de_payer --as-of 2026-11-16 \\
            --stated formal-notice:2026-10-20 --draft
        relance packet samples/ledger-fr.csv --creditor samples/creditor-fr.yaml \\
            --debtor C010 --procedure eu.order_for_payment --exhibit contract.pdf \\
            --as-of 2026-11-16 --out packet-c010
    """
    if inputs.creditor is None:
        raise click.UsageError("--creditor is required: the request is the creditor's")
    as_of = as_of or date.today()
    stated_entries = stated_history(stated, as_of)
    history = tuple(sorted((e for v in stated_entries.values() for e in v), key=lambda e: e.day))
    ledger = inputs.result.raise_for_errors()
    out = out or _folder_name("packet", debtor_key, as_of, f"-{procedure.split('.')[-1]}")
    result = build_packet(
        ledger, inputs.creditor, debtor_key, procedure, as_of, out,
        exhibits=list(exhibits), blank_form=blank_form, form_mapping=form_mapping,
        letter_of_claim=letter_of_claim, user_dir=user_templates, draft=draft,
        history=history, strict=strict,
    )  # fmt: skip
    _report(result, "the packet", debtor_key)


@cli.command()
@ledger_options
@click.option("--debtor", "debtor_key", required=True, help="The debtor's code or name.")
@as_of_option
@_exhibit_option
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), help="Folder to create.")
@click.option(
    "--db",
    "db_path",
    type=click.Path(dir_okay=False, path_type=Path),
    default=Path("relance.db"),
    show_default=True,
    help="The store, if there is one: its history and the documents sent go in the dossier.",
)
@strict_option
@pass_ledger
def dossier(inputs, debtor_key, as_of, exhibits, out, db_path, strict):
    """The lawyer's escalation dossier: one bookmarked PDF (cover, summary, chronology,
    recovery routes with their reasons, interest line by line, statement, documents sent,
    exhibits), a ZIP of the separate parts and an index.json.

    \b
    Example:
        relance dossier samples/ledger-fr.csv --creditor samples/creditor-fr.yaml \\
            --debtor C002 --as-of 2026-11-16
    """
    if inputs.creditor is None:
        raise click.UsageError("--creditor is required: the dossier is the creditor's")
    as_of = as_of or date.today()
    ledger = inputs.result.raise_for_errors()
    out = out or _folder_name("dossier", debtor_key, as_of)
    store = _store_history(db_path, inputs.creditor, ledger, debtor_key, as_of)
    result = build_dossier(
        ledger, inputs.creditor, debtor_key, as_of, out, exhibits=list(exhibits),
        store=store, strict=strict,
    )  # fmt: skip
    _report(result, "the dossier", debtor_key)


def _store_history(db_path: Path, creditor, ledger, debtor_key: str, as_of: date):
    """The store's events and documents for the debtor, when a store exists."""
    if not db_path.is_file():
        return None
    from ..law.claims import debtor_claims, find_debtor_claim
    from ..packets.chronology import store_history
    from ..store.db import StoreError, connect
    from ..store.importer import creditor_key
    from ..store.state import find_debtor, resolve_creditor

    conn = connect(db_path)
    try:
        key = creditor_key(creditor)
        try:
            debtor_id, _ = find_debtor(conn, resolve_creditor(conn, key), debtor_key)
        except StoreError:
            return None  # this creditor or debtor is not in the store: ledger only
        lang = "fr" if creditor.language == "fr" else "en"
        dc = find_debtor_claim(debtor_claims(ledger, creditor, as_of), debtor_key, as_of)
        return store_history(
            conn, key, debtor_id, as_of, lang, dc.currency, db_path.resolve().parent
        )
    finally:
        conn.close()


@cli.command(name="form-fields")
@click.argument("blank", type=click.Path(dir_okay=False, exists=True, path_type=Path))
def form_fields_command(blank):
    """List the fillable fields of a PDF form, to write a mapping (rules/forms/README.md).

    \b
    Example:
        relance form-fields cerfa_12946-02.pdf
    """
    from ..packets.forms import form_fields

    for f in form_fields(blank):
        extra = f" options={list(f.options)}" if getattr(f, "options", None) else ""
        click.echo(f"{f.name}\t{f.type}\tpage {f.page}{extra}")
