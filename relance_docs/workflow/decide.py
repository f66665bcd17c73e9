"""Today's step for each debtor, from the plans and the store's history: one decision
that ``relance run`` and ``relance letters`` share.

:func:`decide` gives, for each debtor claim, the next step of its plan that it has not
received, when its offset is reached and the plan's minimum gap since the last step has
passed. A late run catches up one step at a time. Steps count from the debtor's current
episode: events since ten days before the due date of its oldest overdue invoice (an
older, settled episode does not count). A pending promise pauses the debtor until its
date plus the grace.

Without a store, ``relance letters`` chooses by age alone
(:func:`relance_docs.dunning.select.select_documents`) and says so.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, replace
from datetime import date, timedelta
from decimal import Decimal

from ..dunning.plans import Plan, Step, plan_for
from ..law.claims import DebtorClaim, debtor_claims
from ..model import CreditorProfile, Ledger
from ..money import ZERO
from ..store.events import ESCALATION, FORMAL_NOTICE, REMINDER_GENERATED, events_of
from ..store.state import DebtorState, debtor_states, invoice_states, open_disputes
from .ledger import ledger_from_store

__all__ = [
    "STEP_EVENTS",
    "Decision",
    "decide",
    "figure",
    "high_water",
    "received_steps",
    "with_store_disputes",
]

_EPISODE_MARGIN = timedelta(days=10)
STEP_EVENTS = frozenset({REMINDER_GENERATED, FORMAL_NOTICE, ESCALATION})


@dataclass(frozen=True)
class Decision:
    claim: DebtorClaim
    plan: Plan | None
    step: Step | None
    reason: str  # why this step today, or why nothing

    @property
    def due(self) -> bool:
        return self.step is not None

    def held(self, reason: str) -> Decision:
        """The same debtor, held today for ``reason``."""
        return replace(self, step=None, reason=reason)


def high_water(conn: sqlite3.Connection) -> int:
    """The id of the last event: a decision made now saw every event up to it."""
    row = conn.execute("SELECT COALESCE(MAX(id), 0) FROM events").fetchone()
    return int(row[0])


def received_steps(
    conn: sqlite3.Connection, creditor: str, debtor_id: str | None = None
) -> dict[str, list[tuple[date, str]]]:
    """(day, step id) of every step document recorded, by debtor, oldest first."""
    out: dict[str, list[tuple[date, str]]] = {}
    for e in events_of(conn, creditor, debtor_id=debtor_id, kinds=STEP_EVENTS):
        step = e.data.get("step")
        if step and e.debtor_id is not None:
            out.setdefault(e.debtor_id, []).append((e.at.date(), step))
    return out


def with_store_disputes(
    conn: sqlite3.Connection,
    creditor_key: str,
    as_of: date,
    ledger: Ledger,
    invoices: list | None = None,
) -> Ledger:
    """``ledger`` with the disputes opened in the store (``relance dispute``) marked."""
    disputes = open_disputes(conn, creditor_key, as_of, invoices)
    return replace(
        ledger,
        invoices=tuple(
            replace(i, disputed=True, dispute_reason=disputes[i.number].reason)
            if i.number in disputes and not i.disputed
            else i
            for i in ledger.invoices
        ),
    )


def decide(
    conn: sqlite3.Connection,
    creditor_key: str,
    profile: CreditorProfile,
    as_of: date,
    plans: tuple[Plan, ...] | None = None,
    *,
    ledger: Ledger | None = None,
) -> list[Decision]:
    """Today's decision for every debtor with something owed or soon due.

    ``ledger``: the ledger to decide on (``relance letters`` passes the file it read);
    by default the one in the store. The store's disputes, promises and steps apply to
    it either way."""
    # The invoices decoded once, every debtor's state and steps in one pass each: no
    # queries per debtor.
    invoices = invoice_states(conn, creditor_key, as_of)
    if ledger is None:
        ledger = ledger_from_store(conn, creditor_key, as_of, invoices)
    else:
        ledger = with_store_disputes(conn, creditor_key, as_of, ledger, invoices)
    states = debtor_states(conn, creditor_key, as_of, invoices)
    steps = received_steps(conn, creditor_key)
    decisions = []
    for dc in debtor_claims(ledger, profile, as_of, with_assessment=False):
        state = states.get(dc.debtor.id)
        decisions.append(
            _decide_one(state, steps.get(dc.debtor.id, []), profile, dc, as_of, plans)
        )
    return decisions


def _decide_one(
    state: DebtorState | None,
    received: list[tuple[date, str]],
    profile: CreditorProfile,
    dc: DebtorClaim,
    as_of: date,
    plans,
) -> Decision:
    d = dc.debtor
    if not dc.invoices and not dc.not_due:
        return Decision(dc, None, None, "only disputed invoices: held")
    if d.kind is None:
        return Decision(dc, None, None, "the debtor's type is not known: held")
    plan = plan_for(profile.country, d.kind, plans)
    if plan is None:
        return Decision(dc, None, None, f"no plan for a {d.kind.value} debtor: held")
    if state is not None and state.paused_until and as_of <= state.paused_until:
        p = state.promise
        return Decision(
            dc, plan, None,
            f"promise of {p.amount} for {p.date.isoformat()}: paused until "
            f"{state.paused_until.isoformat()}",
        )  # fmt: skip
    if dc.invoices:
        oldest = min(i.invoice.due_date for i in dc.invoices)
        amount = dc.principal
    else:
        oldest = min(i.due_date for i in dc.not_due)
        amount = sum((i.outstanding for i in dc.not_due), ZERO)
    days = (as_of - oldest).days
    episode = [(day, step) for day, step in received if day >= oldest - _EPISODE_MARGIN]
    done = {step for _, step in episode}
    last = max((day for day, _ in episode), default=None)
    for step in plan.steps:
        if step.id in done:
            continue
        if step.offset < 0 and dc.invoices:
            continue  # the courtesy reminder is only for invoices not yet due
        if step.min_amount is not None and amount < step.min_amount:
            continue
        if step.offset > days:
            return Decision(
                dc, plan, None, f"next step {step.id} at {step.offset} days ({days} now)"
            )
        if last is not None and (as_of - last).days < plan.min_gap_days:
            ready = last + timedelta(days=plan.min_gap_days)
            return Decision(dc, plan, None, f"next step {step.id} from {ready.isoformat()} (gap)")
        return Decision(dc, plan, step, f"{days} days past due: {step.id}")
    return Decision(dc, plan, None, "every step of the plan has been sent")


def figure(decision: Decision) -> Decimal:
    """Today's figure of a decision: the claim total when something is overdue, else
    what is about to fall due (a courtesy reminder)."""
    dc = decision.claim
    if dc.invoices:
        return dc.total
    return sum((i.outstanding for i in dc.not_due), ZERO)
