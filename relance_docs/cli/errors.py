"""The one table from errors to exit codes, and the one place that prints them."""

from __future__ import annotations

import sys

import click

from ..errors import (
    ConfigError,
    LedgerError,
    LedgerHasErrors,
    RelanceError,
)

__all__ = ["EXIT_CODES", "INTERNAL_ERROR", "exit_code_for", "report"]

# Most specific class first. Click itself uses 2 for usage errors.
EXIT_CODES: tuple[tuple[type[RelanceError], int], ...] = (
    (LedgerHasErrors, 3),
    (LedgerError, 3),
    (ConfigError, 4),
    (RelanceError, 1),
)
INTERNAL_ERROR = 70
MAX_PROBLEMS_SHOWN = 20


def exit_code_for(exc: BaseException) -> int:
    for cls, code in EXIT_CODES:
        if isinstance(exc, cls):
            return code
    return INTERNAL_ERROR


def report(exc: BaseException) -> int:
    """Print ``exc`` as plain lines on stderr and return its exit code."""
    problems = getattr(exc, "problems", ())
    errors = [p for p in problems if p.is_error]
    if len(errors) == 1 and not isinstance(exc, LedgerHasErrors):
        errors = []  # the error's own line says it
    for problem in errors[:MAX_PROBLEMS_SHOWN]:
        click.echo(str(problem), err=True)
    if len(errors) > MAX_PROBLEMS_SHOWN:
        click.echo(f"... and {len(errors) - MAX_PROBLEMS_SHOWN} more", err=True)
    if isinstance(exc, RelanceError):
        click.echo(f"Error: {exc}", err=True)
    else:
        click.echo(
            f"Error: internal error ({exc.__class__.__name__}: {exc}); "
            "run again with --debug for the details, and please report it",
            err=True,
        )
    sys.stderr.flush()
    return exit_code_for(exc)
