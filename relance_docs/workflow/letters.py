"""The steps of ``relance letters``: from the store when there is one, through the same
:func:`~relance_docs.workflow.decide.decide` as ``relance run`` (so both agree), else by
the age of the oldest invoice alone, and the batch says which."""

from __future__ import annotations

from contextlib import closing
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from ..dunning.plans import Plan
from ..dunning.select import Choice, Held, select_documents
from ..law.claims import debtor_claims
from ..model import CreditorProfile, HistoryEntry, Ledger
from ..store.db import NotFound, connect
from ..store.importer import creditor_key
from ..store.state import resolve_creditor
from .decide import decide, with_store_disputes
from .history import history_for

__all__ = ["LetterSteps", "letter_steps", "store_beside"]


@dataclass(frozen=True)
class LetterSteps:
    choices: list[Choice]
    held: list[Held]
    source: str
    """One line for the batch's summary: where the steps come from."""
    histories: dict[str, tuple[HistoryEntry, ...]] = field(default_factory=dict)


def store_beside(ledger_path: Path | None, db: Path | None) -> Path | None:
    """The store to read: ``db`` if given, else ``relance.db`` beside the ledger."""
    if db is not None:
        return db
    if ledger_path is None:
        return None
    candidate = Path(ledger_path).resolve().parent / "relance.db"
    return candidate if candidate.is_file() else None


def letter_steps(
    ledger: Ledger,
    profile: CreditorProfile,
    as_of: date,
    db: Path | None,
    plans: tuple[Plan, ...] | None = None,
) -> LetterSteps:
    """Each debtor's step today, and the debtors held with their reason."""
    if db is None or not Path(db).is_file():
        choices, held = select_documents(debtor_claims(ledger, profile, as_of), profile, as_of)
        return LetterSteps(
            choices, held, "Steps chosen by the age of the oldest invoice alone (no store: "
            "the reminders already sent are not known; 'relance import' keeps them)",
        )  # fmt: skip
    with closing(connect(db)) as conn:
        try:
            key = resolve_creditor(conn, creditor_key(profile))
        except NotFound:
            choices, held = select_documents(debtor_claims(ledger, profile, as_of), profile, as_of)
            return LetterSteps(
                choices, held, f"Steps chosen by age alone: {profile.name} is not in {db}"
            )
        marked = with_store_disputes(conn, key, as_of, ledger)
        full = {(c.debtor.id, c.currency): c for c in debtor_claims(marked, profile, as_of)}
        choices, held, histories = [], [], {}
        for d in decide(conn, key, profile, as_of, plans, ledger=marked):
            dc = full[(d.claim.debtor.id, d.claim.currency)]
            for inv in dc.disputed:
                why = f": {inv.dispute_reason}" if inv.dispute_reason else ""
                reason = f"invoice {inv.number} is disputed{why}"
                held.append(Held(dc.debtor.id, dc.debtor.name, reason, (inv.number,)))
            if d.due:
                oldest = min(
                    [i.invoice.due_date for i in dc.invoices] or [i.due_date for i in dc.not_due]
                )
                choices.append(Choice(dc, d.plan, d.step, (as_of - oldest).days))
                histories[dc.debtor.id] = history_for(conn, key, dc.debtor.id, as_of)
            elif dc.invoices:
                held.append(Held(dc.debtor.id, dc.debtor.name, d.reason))
    return LetterSteps(
        choices, held,
        f"Steps from the store {db}, as 'relance run' decides them (nothing is recorded: "
        "'relance run' records what it sends)",
        histories,
    )  # fmt: skip
