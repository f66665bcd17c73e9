"""Options shared by the commands, and the loading of their inputs."""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any

import click

from ..errors import BadDate
from ..intake import DEFAULT_LIMITS, LedgerResult, load_creditor, load_mapping, read_ledger
from ..intake.cells import parse_date
from ..model import CreditorProfile

__all__ = [
    "SOURCE_OPTIONS",
    "DateType",
    "Inputs",
    "as_of_option",
    "ledger_options",
    "load_inputs",
    "source_kwargs",
]


class DateType(click.ParamType):
    """A date on the command line: 2026-11-16 or 16/11/2026."""

    name = "DATE"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None):
        if isinstance(value, date):
            return value
        try:
            return parse_date(str(value))
        except BadDate as exc:
            hint = "" if "out of range" in str(exc) else " (use 2026-11-16 or 16/11/2026)"
            self.fail(f"{exc}{hint}", param, ctx)


def as_of_option(func: Callable) -> Callable:
    return click.option(
        "--as-of",
        type=DateType(),
        default=None,
        help="The date of the report (default: today). Pass it to get reproducible output.",
    )(func)


SOURCE_OPTIONS = ("bank", "assign", "terms", "pdf_folder", "max_rows")
"""The keyword arguments ``ledger_options`` adds beyond the six historic ones; a command
that takes them itself passes them on with ``**source_kwargs(kwargs)``."""


def ledger_options(func: Callable) -> Callable:
    """LEDGER and the options that say how to read it."""
    path = click.Path(dir_okay=False, path_type=Path)
    decorators = [
        click.argument("ledger", type=click.Path(path_type=Path), metavar="LEDGER"),
        click.option(
            "--creditor",
            type=path,
            help="Creditor profile (YAML): default currency, country and language.",
        ),
        click.option(
            "--mapping",
            type=path,
            help="Column mapping (YAML) for headers relance does not know.",
        ),
        click.option(
            "--debtors",
            type=path,
            help="Separate debtors file, joined on the debtor code (or name); with a FEC or "
            "e-invoices, the debtors' addresses and types.",
        ),
        click.option(
            "--payments",
            type=path,
            help="Separate payments file (date, amount, invoice number).",
        ),
        click.option("--sheet", help="XLSX: the sheet that holds the invoices."),
        click.option(
            "--bank",
            type=path,
            multiple=True,
            help="Bank statement (CAMT.053, CFONB 120, OFX or CSV) whose credits pay "
            "invoices; may be repeated. See 'relance match'.",
        ),
        click.option(
            "--assign",
            type=path,
            help="Assignments (YAML) of the bank credits the matching could not place.",
        ),
        click.option(
            "--terms",
            type=path,
            help="FEC: per-debtor payment terms (YAML, 'C002: 60'); default: the "
            "profile's payment_terms_days.",
        ),
        click.option(
            "--pdf-folder",
            type=click.Path(file_okay=False, path_type=Path),
            help="Folder of the invoice PDFs the ledger names (default: the ledger's folder).",
        ),
        click.option(
            "--max-rows",
            type=click.IntRange(1),
            default=DEFAULT_LIMITS.max_rows,
            show_default=True,
            help="Refuse a table with more rows (a guard against hostile files).",
        ),
    ]
    for decorator in reversed(decorators):
        func = decorator(func)
    return func


@dataclass(frozen=True)
class Inputs:
    result: LedgerResult
    creditor: CreditorProfile | None


def source_kwargs(kwargs: dict[str, Any]) -> dict[str, Any]:
    """Pop the source options of ``kwargs`` (see :data:`SOURCE_OPTIONS`), as
    ``load_inputs``/``read_ledger`` keywords."""
    found = {name: kwargs.pop(name) for name in SOURCE_OPTIONS if name in kwargs}
    if "pdf_folder" in found:
        found["exhibits"] = found.pop("pdf_folder")
    max_rows = found.pop("max_rows", None)
    if max_rows is not None:
        found["limits"] = replace(DEFAULT_LIMITS, max_rows=max_rows)
    return found


def load_inputs(
    ledger: Path,
    creditor: Path | None,
    mapping: Path | None,
    debtors: Path | None,
    payments: Path | None,
    sheet: str | None,
    **sources: Any,
) -> Inputs:
    """The creditor profile and the ledger read with it; ``sources``: ``bank``,
    ``assign``, ``terms``, ``exhibits`` (the invoice PDFs' folder), ``limits`` (see
    :func:`read_ledger`)."""
    profile = load_creditor(creditor) if creditor else None
    column_mapping = load_mapping(mapping) if mapping else None
    result = read_ledger(
        ledger,
        debtors=debtors,
        payments=payments,
        mapping=column_mapping,
        sheet=sheet,
        creditor=profile,
        **sources,
    )
    return Inputs(result=result, creditor=profile)


def pass_ledger(func: Callable) -> Callable:
    """Turn the ledger options into one ``inputs`` argument."""

    @functools.wraps(func)
    def wrapper(ledger, creditor, mapping, debtors, payments, sheet, **kwargs):
        sources = source_kwargs(kwargs)
        inputs = load_inputs(ledger, creditor, mapping, debtors, payments, sheet, **sources)
        return func(inputs=inputs, **kwargs)

    return wrapper
