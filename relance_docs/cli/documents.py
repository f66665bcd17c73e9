"""Commands that write documents: ``letter`` (one) and ``letters`` (the batch)."""

from __future__ import annotations

import os
import tempfile
from datetime import date
from decimal import Decimal
from pathlib import Path

import click
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn
from rich.table import Table

from ..dunning.select import Choice, Held, select_documents
from ..errors import BadValue, RelanceError
from ..law.claims import debtor_claims, find_debtor_claim
from ..model import CreditorProfile, HistoryEntry
from ..render.batch import file_stem, render_batch
from ..render.context import LETTER_TEMPLATES, DocumentRequest, letter_language
from ..render.documents import FORMATS, render_document
from ..render.formatting import money
from ..render.past import parse_stated
from ..render.warnings import document_warnings, group, refuse_warnings
from ..workflow.letters import letter_steps, store_beside
from . import cli
from .options import as_of_option, ledger_options, pass_ledger
from .output import console

__all__ = ["letter", "letters", "print_warnings", "stated_option", "strict_option"]


class FormatsType(click.ParamType):
    name = "pdf,docx"

    def convert(self, value, param, ctx) -> tuple[str, ...]:
        if isinstance(value, tuple):
            return value
        items = tuple(dict.fromkeys(x.strip().lower() for x in str(value).split(",") if x.strip()))
        bad = [x for x in items if x not in FORMATS]
        if bad or not items:
            self.fail(f"'{value}': use pdf, docx or pdf,docx", param, ctx)
        return items


def _formats_option(func):
    return click.option(
        "--format",
        "formats",
        type=FormatsType(),
        default="pdf",
        show_default=True,
        help="pdf, docx (editable in Word and LibreOffice) or both: pdf,docx.",
    )(func)


def _templates_option(func):
    return click.option(
        "--templates",
        "user_templates",
        type=click.Path(file_okay=False, exists=True, path_type=Path),
        help="Your own templates, searched before the shipped ones (DIR/fr, DIR/en, DIR).",
    )(func)


def stated_option(func):
    return click.option(
        "--stated",
        "stated",
        multiple=True,
        metavar="[DEBTOR:]STEP:DATE",
        help="Something done before that the letter may mention, e.g. reminder-1:2026-10-02 "
        "or formal-notice:2026-10-20 (letters: C001:reminder-1:2026-10-02 for one debtor). "
        "Recorded in the manifest. Without it (or a store), the wording is neutral.",
    )(func)


def strict_option(func):
    return click.option(
        "--strict",
        is_flag=True,
        help="Write nothing while a warning stands (an unverified rate, a payment with no "
        "date, a credit note set by relance...).",
    )(func)


def stated_history(stated: tuple[str, ...], as_of: date) -> dict[str | None, list[HistoryEntry]]:
    """``--stated`` values by debtor code (None: every debtor); one plain line if bad."""
    out: dict[str | None, list[HistoryEntry]] = {}
    for text in stated:
        try:
            debtor, entry = parse_stated(text, as_of)
        except BadValue as exc:
            raise click.BadParameter(str(exc).removeprefix(f"--stated '{text}': ")) from None
        out.setdefault(debtor, []).append(entry)
    return out


def _history_for(debtor_id: str, stated: dict) -> tuple[HistoryEntry, ...]:
    entries = [*stated.get(None, []), *stated.get(debtor_id, [])]
    return tuple(sorted(entries, key=lambda e: e.day))


def _merged(*histories: tuple[HistoryEntry, ...]) -> tuple[HistoryEntry, ...]:
    return tuple(sorted((e for h in histories for e in h), key=lambda e: e.day))


def print_warnings(per_document: list[tuple[str, tuple[str, ...]]]) -> None:
    """Every warning once, with the documents it stands for."""
    grouped = group(per_document)
    if not grouped:
        return
    out = console()
    out.print(f"[bold]Warnings ({len(grouped)}), check them before you sign:[/bold]")
    for warning, who in grouped:
        names = ", ".join(who[:8]) + (f" and {len(who) - 8} more" if len(who) > 8 else "")
        out.print(f"  Warning: {escape(warning)} [{escape(names)}]")


def _need_creditor(creditor: CreditorProfile | None) -> CreditorProfile:
    if creditor is None:
        raise click.UsageError("--creditor is required: the letters are signed by the creditor")
    return creditor


def _write_atomically(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".partial")
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _request(
    choice: Choice, creditor, as_of, template=None, language=None, history=()
) -> DocumentRequest:
    dc = choice.claim
    return DocumentRequest(
        template=template or choice.step.template,
        claim=dc,
        creditor=creditor,
        as_of=as_of,
        language=language or letter_language(dc.debtor, creditor),
        channel=choice.step.channel,
        step=choice.step.id,
        history=tuple(history),
    )


@cli.command()
@ledger_options
@click.option("--debtor", "debtor_key", required=True, help="The debtor's code or name.")
@click.option(
    "--template",
    type=click.Choice(LETTER_TEMPLATES),
    help="The document to write (default: the debtor's step in its dunning plan).",
)
@click.option("--language", type=click.Choice(["fr", "en"]), help="Default: the debtor's.")
@as_of_option
@_formats_option
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path(),
    show_default=True,
    help="Folder for the file(s).",
)
@_templates_option
@stated_option
@strict_option
@pass_ledger
def letter(
    inputs, debtor_key, template, language, as_of, formats, out, user_templates, stated, strict
):
    """Write one document for one debtor: its next reminder, or the --template you name.

    \b
    Example:
        relance letter samples/ledger-fr.csv --creditor samples/creditor-fr.yaml \\
            --debtor C001 --as-of 2026-11-16
        relance letter samples/ledger-fr.csv --creditor samples/creditor-fr.yaml \\
            --debtor "Dupont & Fils" --template statement --format pdf,docx --as-of 2026-11-16
        relance letter samples/ledger-fr.csv --creditor samples/creditor-fr.yaml \\
            --debtor C002 --template reminder-3 --stated reminder-1:2026-10-02 --as-of 2026-11-16
    """
    creditor = _need_creditor(inputs.creditor)
    as_of = as_of or date.today()
    stated_entries = stated_history(stated, as_of)
    ledger = inputs.result.raise_for_errors()
    claims = debtor_claims(ledger, creditor, as_of)
    found = find_debtor_claim(claims, debtor_key, as_of)
    choices, held = select_documents((found,), creditor, as_of, template=template)
    for h in held:
        click.echo(f"Held: {h.debtor_id} {h.debtor_name}: {h.reason}", err=True)
    if not choices:
        reasons = "; ".join(h.reason for h in held) or "nothing is due"
        raise RelanceError(f"no document for {found.debtor.name}: {reasons}")
    choice = choices[0]
    if template == "reminder-0" and choice.claim.invoices:
        raise RelanceError("a courtesy reminder is for invoices not yet due; this debtor is late")
    unknown = set(stated_entries) - {None, choice.claim.debtor.id}
    if unknown:
        raise click.BadParameter(
            f"--stated names {', '.join(sorted(unknown))}, not the debtor {choice.claim.debtor.id}"
        )
    history = _history_for(choice.claim.debtor.id, stated_entries)
    request = _request(choice, creditor, as_of, template, language, history)
    if strict:
        refuse_warnings([request], [document_warnings(request)])
    rendered = render_document(request, formats, user_templates)
    stem = file_stem(request)  # the same name as in a batch
    for fmt, data in rendered.files.items():
        path = out / f"{stem}.{fmt}"
        _write_atomically(path, data)
        click.echo(f"Wrote {path}")
    if rendered.refused_urls:
        click.echo(f"Refused to fetch: {', '.join(rendered.refused_urls)}", err=True)
    print_warnings([(choice.claim.debtor.id, rendered.warnings)])


@cli.command()
@ledger_options
@as_of_option
@_formats_option
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder for the batch (default: letters-AS_OF). It must not exist, or be empty.",
)
@click.option(
    "--force", is_flag=True, help="Replace the --out folder if it holds an earlier batch."
)
@click.option(
    "--jobs",
    type=click.IntRange(1, 64),
    default=min(2, os.cpu_count() or 1),
    show_default=True,
    help="Worker processes.",
)
@_templates_option
@click.option(
    "--db",
    "db_path",
    type=click.Path(dir_okay=False, exists=True, path_type=Path),
    help="The store whose history decides the steps (default: relance.db beside the "
    "ledger, if there is one); without one, the steps follow the age of the invoices.",
)
@stated_option
@strict_option
@pass_ledger
def letters(inputs, as_of, formats, out, force, jobs, user_templates, db_path, stated, strict):
    """Write the day's batch: for each debtor the step its dunning plan has reached, one
    file per debtor, a print-ready print.pdf (each letter on an odd page, for duplex),
    manifest.csv and manifest.json; disputed invoices and unclear cases are held back and
    listed with the reason.

    \b
    Example:
        relance letters samples/ledger-fr.csv --creditor samples/creditor-fr.yaml \\
            --as-of 2026-11-16
        relance letters samples/ledger-uk.xlsx --creditor samples/creditor-uk.yaml \\
            --as-of 2026-11-16 --format pdf,docx --out uk-letters
        relance letters samples/ledger-fr.csv --creditor samples/creditor-fr.yaml \\
            --as-of 2026-11-16 --stated C001:reminder-1:2026-10-02 --strict --out checked
    """
    creditor = _need_creditor(inputs.creditor)
    as_of = as_of or date.today()
    stated_entries = stated_history(stated, as_of)
    ledger = inputs.result.raise_for_errors()
    for problem in inputs.result.warnings:
        click.echo(str(problem), err=True)
    out = out or Path(f"letters-{as_of.isoformat()}")
    db = store_beside(click.get_current_context().params.get("ledger"), db_path)
    steps = letter_steps(ledger, creditor, as_of, db)
    choices, held = steps.choices, steps.held
    requests = [
        _request(
            c,
            creditor,
            as_of,
            # What the store recorded, and what the user states (--stated)
            history=_merged(
                steps.histories.get(c.claim.debtor.id, ()),
                _history_for(c.claim.debtor.id, stated_entries),
            ),
        )
        for c in choices
    ]
    click.echo(steps.source + ".")
    if not requests:
        click.echo("Nothing to send today.")
        _print_held(held)
        return
    out_console = console()
    with Progress(
        "[progress.description]{task.description}",
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=out_console,
        transient=True,
        disable=not out_console.is_terminal,
    ) as bar:
        task = bar.add_task("Rendering", total=len(requests))
        result = render_batch(
            requests,
            out,
            formats=formats,
            jobs=jobs,
            user_dir=user_templates,
            held=[h.as_dict() for h in held],
            replace=force,
            strict=strict,
            progress=lambda done, total: bar.update(task, completed=done, total=total),
        )
    _print_summary(result, held, out)


def _print_summary(result, held: list[Held], out: Path) -> None:
    out_console = console()
    table = Table(title=f"{len(result.items)} documents in {out}", title_justify="left")
    for name in ("Debtor", "Document", "Language", "Asked", "Pages"):
        table.add_column(name, justify="right" if name in {"Asked", "Pages"} else "left")
    for item in result.items:
        req = item.request
        dc = req.claim
        asked = item.raw.get("asked")
        table.add_row(
            escape(f"{dc.debtor.id} {dc.debtor.name}"),
            req.template,
            req.language,
            money(Decimal(asked), dc.currency, req.language) if asked is not None else "",
            str(item.pages),
        )
    out_console.print(table)
    if result.print_pdf:
        out_console.print(f"Print: {result.print_pdf}  Manifest: {out / 'manifest.csv'}")
    _print_held(held)
    print_warnings([(item.request.claim.debtor.id, item.warnings) for item in result.items])


def _print_held(held: list[Held]) -> None:
    if not held:
        return
    out_console = console()
    out_console.print("Held back:")
    for h in held:
        out_console.print(f"  {escape(h.debtor_id)} {escape(h.debtor_name)}: {escape(h.reason)}")
