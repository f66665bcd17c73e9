"""The last stage shared by the readers that are not spreadsheets (FEC, e-invoices): join a
debtors file, settle the debtors' kinds, check their details and the credit notes, and
return a :class:`~relance_docs.intake.ledger.LedgerResult` like the spreadsheet's."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path

from ..model import Invoice, Ledger, Party, PartyKind, Payment, Problem, Severity
from .checks import party_problems
from .kinds import settle_kinds
from .ledger import LedgerResult, SourceReport, party_key, read_debtors_file
from .limits import DEFAULT_LIMITS, Limits
from .mapping import ColumnMapping

__all__ = ["assemble"]


def assemble(
    *,
    label: str,
    invoices: list[Invoice],
    parties: dict[str, Party],
    problems: list[Problem],
    sources: list[SourceReport],
    payments: Iterable[Payment] = (),
    debtors: Path | str | None = None,
    mapping: ColumnMapping | None = None,
    default_country: str | None = None,
    default_debtor_kind: PartyKind | None = None,
    limits: Limits = DEFAULT_LIMITS,
    notes: Iterable[str] = (),
) -> LedgerResult:
    """``parties``: keyed by the debtor id the invoices carry."""
    problems = list(problems)
    sources = list(sources)
    if debtors is not None:
        listed, found, read = read_debtors_file(
            debtors,
            mapping=mapping,
            default_country=default_country,
            default_debtor_kind=default_debtor_kind,
            limits=limits,
        )
        problems.extend(found)
        sources.extend(read)
        for debtor_id, own in list(parties.items()):
            other = listed.get(party_key(debtor_id))
            if other is not None:
                parties[debtor_id] = _merge(own, other)
    untyped = {k: p for k, p in parties.items() if p.kind is None}
    settled, found = settle_kinds(
        untyped,
        default_debtor_kind,
        where="no type in the source",
        label=label,
        line=None,
    )
    problems.extend(found)
    parties.update(settled)
    for party in parties.values():
        if debtors is None or party.source_file != str(debtors):
            problems.extend(party_problems(party, label))
    invoices, found = _credit_notes(invoices)
    problems.extend(found)
    used = {inv.debtor_id for inv in invoices}
    ledger = Ledger(
        debtors=tuple(p for k, p in parties.items() if k in used),
        invoices=tuple(invoices),
        payments=tuple(payments),
    )
    return LedgerResult(
        ledger=ledger,
        problems=tuple(sorted(problems, key=Problem.sort_key)),
        sources=tuple(sources),
        notes=tuple(notes),
    )


def _merge(own: Party, listed: Party) -> Party:
    """The debtors file's details win; the source's fill what the file leaves empty."""
    filled = {}
    for name in (
        "registration_number",
        "vat_number",
        "postcode",
        "city",
        "country",
        "email",
        "phone",
        "contact",
        "language",
    ):
        if getattr(listed, name) in (None, "") and getattr(own, name):
            filled[name] = getattr(own, name)
    if not listed.address_lines and own.address_lines:
        filled["address_lines"] = own.address_lines
    return replace(listed, id=own.id, **filled)


def _credit_notes(invoices: list[Invoice]) -> tuple[list[Invoice], list[Problem]]:
    """Check what credit notes apply to; one naming an invoice not in the source is kept
    as a credit of its debtor, with a warning."""
    by_number = {inv.number: inv for inv in invoices}
    found: list[Problem] = []
    out: list[Invoice] = []
    for inv in invoices:
        target = by_number.get(inv.applies_to) if inv.applies_to else None
        where = (inv.source_file or "", inv.source_line)
        if inv.is_credit_note and inv.applies_to and target is None:
            found.append(
                Problem(
                    *where,
                    f"credit note {inv.number} applies to {inv.applies_to}, which is not "
                    "here: counted as a credit of its debtor",
                    severity=Severity.WARNING,
                )
            )
            inv = replace(inv, applies_to=None)
        elif target is not None and target.debtor_id != inv.debtor_id:
            found.append(
                Problem(
                    *where,
                    f"credit note {inv.number} applies to {inv.applies_to}, "
                    "an invoice of another debtor",
                )
            )
        out.append(inv)
    return out, found
