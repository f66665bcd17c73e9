"""Checks on single values a ledger names: e-mail addresses and invoice PDFs (exhibits).

An e-mail address is checked with ``email-validator`` (syntax only, no network): a bad
one is a warning that names the line, so that one debtor's typo never stops the others.
An exhibit named in the ledger (``PDF facture``) must lie inside the ledger's folder, or
inside the folder given with ``--pdf-folder``: an absolute path or a ``../`` that leads out
of it is refused with its line, so that a ledger cannot make a packet carry any file of
the machine.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Protocol

from ..identifiers import email_problem
from ..model import Party, Problem, Severity

__all__ = ["email_problem", "party_problems", "resolve_exhibit"]

_FR_POSTCODE_RE = re.compile(r"^\d{5}$")
_GB_POSTCODE_RE = re.compile(r"^[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}$", re.IGNORECASE)


class _Reporter(Protocol):
    def error(self, label: str, line: int | None, message: str, column: str | None = None): ...

    def warn(self, label: str, line: int | None, message: str, column: str | None = None): ...


def resolve_exhibit(
    name: str,
    base: Path | None,
    header: str,
    report: _Reporter,
    label: str,
    line: int | None,
) -> Path | None:
    """The exhibit's path inside ``base``; None (with an error) when it leads outside."""
    given = Path(name)
    if base is None:
        base = Path()
    if given.is_absolute() or given.drive:
        report.error(
            label,
            line,
            f'{header} "{name}" is an absolute path: name the file relative to the ledger\'s '
            "folder (or to the folder given with --pdf-folder)",
            header,
        )
        return None
    root = base.resolve()
    path = (root / given).resolve()
    if not path.is_relative_to(root):
        report.error(
            label,
            line,
            f'{header} "{name}" leads outside {root}: exhibits must be inside the ledger\'s '
            "folder (or the folder given with --pdf-folder)",
            header,
        )
        return None
    if not path.is_file():
        report.warn(label, line, f"invoice PDF {name} not found in {root}")
    return path


def party_problems(party: Party, label: str) -> list[Problem]:
    """Warnings about a debtor's details: no postal address, a bad e-mail, a postcode
    that is not one of its country."""
    label, line = party.source_file or label, party.source_line
    found: list[str] = []
    if not party.has_postal_address:
        found.append(f"{party.name} has no postal address: letters will need one")
    if party.email and (why := email_problem(party.email)):
        found.append(f'{party.name}: "{party.email}" {why}')
    if party.postcode:
        if party.country in (None, "FR") and not _FR_POSTCODE_RE.match(party.postcode):
            found.append(f'{party.name}: postcode "{party.postcode}" is not 5 digits')
        if party.country == "GB" and not _GB_POSTCODE_RE.match(party.postcode):
            found.append(f'{party.name}: "{party.postcode}" is not a UK postcode')
    return [Problem(label, line, m, severity=Severity.WARNING) for m in found]
