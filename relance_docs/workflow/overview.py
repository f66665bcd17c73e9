"""What a person looks at before acting: a debtor's file, and any document previewed
without being recorded. The API of the web page's Today and Debtor pages (the CLI has
``history``, ``assess`` and ``letter`` for the same facts).

Nothing here writes to the store: a preview is rendered in memory and never becomes an
event, so looking at a letter can never count as sending it.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from ..dunning.plans import Plan, default_plans
from ..law.claims import DebtorClaim, debtor_claims
from ..model import CreditorProfile, Party
from ..render.context import LETTER_TEMPLATES, DocumentRequest, letter_language
from ..store.db import StoreError
from ..store.state import DebtorState, debtor_state, find_debtor, history
from .decide import Decision, decide
from .history import history_for
from .ledger import ledger_from_store

__all__ = ["DebtorFile", "Preview", "debtor_file", "preview_document"]


@dataclass(frozen=True)
class DebtorFile:
    """One debtor as of a day: who, what is owed, what happened, what is next, which
    court routes are open (with their reasons)."""

    debtor: Party
    state: DebtorState
    claims: tuple[DebtorClaim, ...]
    """One per currency, with the procedures assessed."""
    decision: Decision | None
    """Today's step (or why none); None when nothing is owed."""
    chronology: list[dict]
    """``[{"date": "dd/mm/yyyy", "event": text}]``, oldest first, in the language asked."""


def debtor_file(
    conn: sqlite3.Connection,
    key: str,
    profile: CreditorProfile,
    debtor_key: str,
    as_of: date,
    *,
    lang: str = "fr",
    plans: tuple[Plan, ...] | None = None,
) -> DebtorFile:
    """The file of the debtor ``debtor_key`` (code or name) on ``as_of``."""
    debtor_id, _ = find_debtor(conn, key, debtor_key)
    ledger = ledger_from_store(conn, key, as_of)
    claims = tuple(c for c in debtor_claims(ledger, profile, as_of) if c.debtor.id == debtor_id)
    decisions = [
        d
        for d in decide(conn, key, profile, as_of, plans or default_plans())
        if d.claim.debtor.id == debtor_id
    ]
    return DebtorFile(
        debtor=ledger.debtor(debtor_id),
        state=debtor_state(conn, key, debtor_id, as_of),
        claims=claims,
        decision=decisions[0] if decisions else None,
        chronology=history(conn, key, debtor_id, as_of=as_of, lang=lang),
    )


@dataclass(frozen=True)
class Preview:
    """A document rendered for looking at, not recorded."""

    name: str
    pdf: bytes
    template: str
    warnings: tuple[str, ...]


def preview_document(
    conn: sqlite3.Connection,
    key: str,
    profile: CreditorProfile,
    debtor_key: str,
    as_of: date,
    *,
    template: str | None = None,
    plans: tuple[Plan, ...] | None = None,
    user_dir: Path | None = None,
) -> Preview:
    """The debtor's document of the day (its step's template), or ``template``, as it
    would be written on ``as_of``, with the store's history; nothing is recorded."""
    from ..render.batch import file_stem
    from ..render.documents import render_document

    debtor_id, _ = find_debtor(conn, key, debtor_key)
    decisions = [
        d
        for d in decide(conn, key, profile, as_of, plans or default_plans())
        if d.claim.debtor.id == debtor_id
    ]
    if template is None:
        due = [d for d in decisions if d.due]
        if not due:
            reason = decisions[0].reason if decisions else "nothing is owed"
            raise StoreError(f"no document for {debtor_id} on {as_of:%d/%m/%Y}: {reason}")
        template, channel, step = due[0].step.template, due[0].step.channel, due[0].step.id
    elif template not in LETTER_TEMPLATES:
        raise StoreError(f"unknown document '{template}'")
    else:
        channel, step = "letter", None
    ledger = ledger_from_store(conn, key, as_of)
    claims = [c for c in debtor_claims(ledger, profile, as_of) if c.debtor.id == debtor_id]
    if not claims:
        raise StoreError(f"nothing is owed by {debtor_id} on {as_of:%d/%m/%Y}")
    claim = claims[0]
    request = DocumentRequest(
        template,
        claim,
        profile,
        as_of,
        letter_language(claim.debtor, profile),
        channel,
        step,
        history=history_for(conn, key, debtor_id, as_of),
    )
    rendered = render_document(request, formats=("pdf",), user_dir=user_dir)
    warnings = tuple(dict.fromkeys(str(w) for w in claim.warnings))
    return Preview(f"{file_stem(request)}.pdf", rendered.files["pdf"], template, warnings)
