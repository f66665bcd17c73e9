"""The ``relance`` command: a thin click layer over the library.

Errors from the library are printed by :mod:`relance_docs.cli.errors` as one plain line
and mapped to an exit code there; a traceback is shown only with ``--debug``.
"""

from __future__ import annotations

import os
import sys

import click

from .. import __version__
from .errors import report


class RelanceGroup(click.Group):
    """A group whose commands report errors in one place, the same way."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except (click.exceptions.ClickException, click.exceptions.Exit, click.Abort):
            raise
        except BrokenPipeError:
            # The reader went away (``relance check ... | head``): stop quietly, as a
            # pipe's writer does, with the SIGPIPE status; not an internal error.
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            ctx.exit(141)
        except Exception as exc:
            if (ctx.obj or {}).get("debug"):
                raise
            ctx.exit(report(exc))


@click.group(cls=RelanceGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="relance")
@click.option("--debug", is_flag=True, help="Show the full traceback of an error.")
@click.pass_context
def cli(ctx: click.Context, debug: bool) -> None:  # noqa: FBT001
    """Read a ledger of unpaid invoices, apply the law, produce the documents.

    \b
    Example:
        relance check samples/ledger-fr.csv --creditor samples/creditor-fr.yaml
        relance aging samples/ledger-fr.csv --as-of 2026-11-16
    """
    ctx.ensure_object(dict)
    ctx.obj["debug"] = debug


def _register() -> None:
    from . import (  # noqa: F401 - register commands
        deadlines,
        documents,
        kpi,
        law,
        ledger,
        match,
        packets,
        run,
        serve,
        store,
    )


_register()


def main(argv: list[str] | None = None) -> None:
    """Entry point of the ``relance`` console script."""
    try:
        cli.main(args=argv, prog_name="relance")
    except KeyboardInterrupt:  # pragma: no cover - interactive
        click.echo("Interrupted.", err=True)
        sys.exit(130)
