"""The whole exception hierarchy of relance-docs.

Every error the library raises on purpose derives from :class:`RelanceError`. Each class
carries a default ``message``; the CLI maps classes to exit codes in one table
(:mod:`relance_docs.cli.errors`) and prints one plain line.

Row-level problems in a ledger are *values* (:class:`relance_docs.model.Problem`), not
exceptions: exceptions are for stopping.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .model import Problem

__all__ = [
    "BadAmount",
    "BadDate",
    "BadValue",
    "ConfigError",
    "CreditorProfileError",
    "LedgerError",
    "LedgerHasErrors",
    "MappingError",
    "RelanceError",
    "RulesDataError",
]


class RelanceError(Exception):
    """Top-level error of relance-docs; raise a subclass."""

    message = "relance-docs could not complete the operation."

    def __init__(self, message: str | None = None, *, location: str | None = None) -> None:
        self.location = location
        super().__init__(message or self.message)

    def __str__(self) -> str:
        text = super().__str__() or self.message
        return f"{self.location}: {text}" if self.location else text


class BadValue(RelanceError, ValueError):
    """A single value (an amount, a date, a yes/no cell) cannot be read."""

    message = "The value cannot be read."


class BadAmount(BadValue):
    """An amount is not a number, or is ambiguous."""

    message = "The amount cannot be read."


class BadDate(BadValue):
    """A date is not in a recognised format, or does not exist."""

    message = "The date cannot be read."


class LedgerError(RelanceError):
    """The ledger cannot be used."""

    message = "The ledger cannot be used."


class LedgerHasErrors(LedgerError):
    """The ledger was read but has error-level problems; nothing is written."""

    message = "The ledger has errors; nothing was written."

    def __init__(self, problems: Sequence[Problem], message: str | None = None) -> None:
        self.problems = tuple(problems)
        n = sum(1 for p in self.problems if p.is_error)
        super().__init__(
            message
            or f"the ledger has {n} error{'s' if n != 1 else ''}; nothing was written "
            "(run 'relance check' to see them all)"
        )


class ConfigError(RelanceError):
    """A configuration file (creditor profile, column mapping) is invalid."""

    message = "The configuration file is invalid."


class RulesDataError(ConfigError):
    """A file under ``rules/`` is malformed, or lacks a value a computation needs."""

    message = "The rules data is invalid."


class CreditorProfileError(ConfigError):
    """The creditor profile YAML is missing, malformed or has invalid identifiers."""

    message = "The creditor profile is invalid."

    def __init__(
        self,
        message: str | None = None,
        *,
        location: str | None = None,
        problems: Sequence[Problem] = (),
    ) -> None:
        self.problems = tuple(problems)
        super().__init__(message, location=location)


class MappingError(ConfigError):
    """The column-mapping YAML given with --mapping is invalid."""

    message = "The column mapping is invalid."
