"""Options shared by the commands, and the loading of their inputs."""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import click

from ..errors import BadDate
from ..intake import LedgerResult, load_creditor, load_mapping, read_ledger
from ..intake.cells import parse_date
from ..model import CreditorProfile

__all__ = ["DateType", "Inputs", "as_of_option", "ledger_options", "load_inputs"]


class DateType(click.ParamType):
    """A date on the command line: 2026-11-16 or 16/11/2026."""

    name = "DATE"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None):
        if isinstance(value, date):
            return value
        try:
            return parse_date(str(value))
        except BadDate as exc:
            self.fail(f"{exc} (use 2026-11-16 or 16/11/2026)", param, ctx)


def as_of_option(func: Callable) -> Callable:
    return click.option(
        "--as-of",
        type=DateType(),
        default=None,
        help="The date of the report (default: today). Pass it to get reproducible output.",
    )(func)


def ledger_options(func: Callable) -> Callable:
    """LEDGER and the options that say how to read it."""
    decorators = [
        click.argument(
            "ledger", type=click.Path(dir_okay=False, path_type=Path), metavar="LEDGER"
        ),
        click.option(
            "--creditor",
            type=click.Path(dir_okay=False, path_type=Path),
            help="Creditor profile (YAML): default currency, country and language.",
        ),
        click.option(
            "--mapping",
            type=click.Path(dir_okay=False, path_type=Path),
            help="Column mapping (YAML) for headers relance does not know.",
        ),
        click.option(
            "--debtors",
            type=click.Path(dir_okay=False, path_type=Path),
            help="Separate debtors file, joined on the debtor code (or name).",
        ),
        click.option(
            "--payments",
            type=click.Path(dir_okay=False, path_type=Path),
            help="Separate payments file (date, amount, invoice number).",
        ),
        click.option("--sheet", help="XLSX: the sheet that holds the invoices."),
    ]
    for decorator in reversed(decorators):
        func = decorator(func)
    return func


@dataclass(frozen=True)
class Inputs:
    result: LedgerResult
    creditor: CreditorProfile | None


def load_inputs(
    ledger: Path,
    creditor: Path | None,
    mapping: Path | None,
    debtors: Path | None,
    payments: Path | None,
    sheet: str | None,
) -> Inputs:
    profile = load_creditor(creditor) if creditor else None
    column_mapping = load_mapping(mapping) if mapping else None
    result = read_ledger(
        ledger,
        debtors=debtors,
        payments=payments,
        mapping=column_mapping,
        sheet=sheet,
        default_currency=profile.currency if profile else None,
        default_country=profile.country if profile else None,
    )
    return Inputs(result=result, creditor=profile)


def pass_ledger(func: Callable) -> Callable:
    """Turn the ledger options into one ``inputs`` argument."""

    @functools.wraps(func)
    def wrapper(ledger, creditor, mapping, debtors, payments, sheet, **kwargs):
        inputs = load_inputs(ledger, creditor, mapping, debtors, payments, sheet)
        return func(inputs=inputs, **kwargs)

    return wrapper
