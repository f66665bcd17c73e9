"""The daily run: for each debtor, the plan step due today, never skipping one.

The store holds the ledger as imported and the events. :func:`ledger_from_store` rebuilds
the ledger (open disputes from ``relance dispute`` included); :func:`decide` gives, for
each debtor claim, the next step of its plan that it has not received, when its offset is
reached and the plan's minimum gap since the last step has passed. A late run catches up
one step at a time. Steps count from the debtor's current episode: events since ten days
before the due date of its oldest overdue invoice (an older, settled episode does not
count). A pending promise pauses the debtor until its date plus the grace.

Documents are recorded as events only once their files are fully written, so a run that
was interrupted leaves nothing half-recorded, and the next run completes the rest.
"""

from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from pathlib import Path

from ..errors import RelanceError
from ..law.claims import DebtorClaim, debtor_claims
from ..model import CreditorProfile, DocumentKind, Invoice, Ledger, Party, PartyKind, Payment
from ..store.events import (
    ESCALATION,
    FORMAL_NOTICE,
    REMINDER_GENERATED,
    events_of,
    record,
    rules_version,
)
from ..store.state import DebtorState, InvoiceState, debtor_states, invoice_states, open_disputes
from .plans import Plan, Step, plan_for

__all__ = ["Decision", "RunLocked", "decide", "ledger_from_store", "record_documents", "run_lock"]

_EPISODE_MARGIN = timedelta(days=10)
_STEP_EVENTS = {REMINDER_GENERATED, FORMAL_NOTICE, ESCALATION}


class RunLocked(RelanceError):
    """Another run holds the store."""


@dataclass(frozen=True)
class Decision:
    claim: DebtorClaim
    plan: Plan | None
    step: Step | None
    reason: str  # why this step today, or why nothing

    @property
    def due(self) -> bool:
        return self.step is not None


def ledger_from_store(
    conn: sqlite3.Connection,
    creditor: str,
    as_of: date,
    invoices: list[InvoiceState] | None = None,
) -> Ledger:
    """The ledger as last imported: chased invoices and credit notes, with the disputes
    opened by ``relance dispute``.

    ``invoices``: ``invoice_states(conn, creditor, as_of)``, if already computed."""
    import json

    if invoices is None:
        invoices = invoice_states(conn, creditor, as_of)
    disputes = open_disputes(conn, creditor, as_of, invoices)
    debtors = []
    for row in conn.execute(
        "SELECT data FROM debtors WHERE creditor = ? ORDER BY id", (creditor,)
    ):
        d = json.loads(row["data"])
        debtors.append(
            Party(
                id=d["id"],
                name=d["name"],
                kind=PartyKind(d["kind"]) if d.get("kind") else None,
                registration_number=d.get("registration_number"),
                vat_number=d.get("vat_number"),
                address_lines=tuple(d.get("address_lines") or ()),
                postcode=d.get("postcode"),
                city=d.get("city"),
                country=d.get("country"),
                subdivision=d.get("subdivision"),
                email=d.get("email"),
                phone=d.get("phone"),
                language=d.get("language"),
                contact=d.get("contact"),
            )
        )
    closed = _closed(conn, creditor)
    chased = []
    # The snapshots already decoded, in the order of the invoice numbers (as ORDER BY
    # number: code point order).
    for state in sorted(invoices, key=lambda i: i.number):
        s = state.snapshot
        if closed.get(state.number) == "no longer in the ledger":
            continue
        dispute = disputes.get(state.number)
        chased.append(
            Invoice(
                number=s["number"],
                debtor_id=s["debtor_id"],
                issue_date=date.fromisoformat(s["issue_date"]),
                due_date=date.fromisoformat(s["due_date"]),
                amount=Decimal(s["amount"]),
                currency=s["currency"],
                paid=Decimal(s.get("paid") or "0"),
                disputed=bool(s.get("disputed")) or dispute is not None,
                dispute_reason=(dispute.reason if dispute else None) or s.get("dispute_reason"),
                pdf_path=Path(s["pdf_path"]) if s.get("pdf_path") else None,
                description=s.get("description"),
                kind=DocumentKind(s.get("kind") or "invoice"),
                applies_to=s.get("applies_to"),
            )
        )
    payments = [
        Payment(date.fromisoformat(r["date"]), Decimal(r["amount"]), r["invoice_number"])
        for r in conn.execute(
            "SELECT invoice_number, date, amount FROM payments WHERE creditor = ?", (creditor,)
        )
    ]
    return Ledger(tuple(debtors), tuple(chased), tuple(payments))


def _closed(conn: sqlite3.Connection, creditor: str) -> dict[str, str | None]:
    from ..store.importer import lifecycle

    return lifecycle(conn, creditor)


def received_steps(
    conn: sqlite3.Connection, creditor: str, debtor_id: str
) -> list[tuple[date, str]]:
    """(day, step id) of every step document recorded for the debtor, oldest first."""
    out = []
    for e in events_of(conn, creditor, debtor_id=debtor_id, kinds=_STEP_EVENTS):
        step = e.data.get("step")
        if step:
            out.append((e.at.date(), step))
    return out


def _received_steps_by_debtor(
    conn: sqlite3.Connection, creditor: str
) -> dict[str, list[tuple[date, str]]]:
    """:func:`received_steps` of every debtor, by id, in one query."""
    out: dict[str, list[tuple[date, str]]] = {}
    for e in events_of(conn, creditor, kinds=_STEP_EVENTS):
        step = e.data.get("step")
        if step and e.debtor_id is not None:
            out.setdefault(e.debtor_id, []).append((e.at.date(), step))
    return out


def decide(
    conn: sqlite3.Connection,
    creditor_key: str,
    profile: CreditorProfile,
    as_of: date,
    plans: tuple[Plan, ...] | None = None,
) -> list[Decision]:
    """Today's decision for every debtor with something owed or soon due."""
    # The invoices decoded once, every debtor's state and steps in one pass each: no
    # queries per debtor.
    invoices = invoice_states(conn, creditor_key, as_of)
    ledger = ledger_from_store(conn, creditor_key, as_of, invoices)
    states = debtor_states(conn, creditor_key, as_of, invoices)
    steps = _received_steps_by_debtor(conn, creditor_key)
    decisions = []
    for dc in debtor_claims(ledger, profile, as_of, with_assessment=False):
        d = dc.debtor  # from the store's debtors: every one has a state
        decisions.append(_decide_one(states[d.id], steps.get(d.id, []), profile, dc, as_of, plans))
    return decisions


def _decide_one(
    state: DebtorState,
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
    if state.paused_until and as_of <= state.paused_until:
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
        amount = sum((i.outstanding for i in dc.not_due), Decimal(0))
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


def record_documents(
    conn: sqlite3.Connection,
    creditor_key: str,
    as_of: date,
    done: list[tuple[Decision, Path, str]],
) -> None:
    """One event per written document (its path and sha256), in one transaction."""
    from ..store.db import transaction

    at = datetime.combine(as_of, time(12), tzinfo=UTC)
    version = rules_version()
    with transaction(conn):
        for decision, path, sha in done:
            step = decision.step
            assert step is not None
            kind = FORMAL_NOTICE if step.template == "formal-notice" else REMINDER_GENERATED
            if step.template == "letter-of-claim":
                kind = ESCALATION
            record(
                conn,
                kind,
                creditor=creditor_key,
                debtor_id=decision.claim.debtor.id,
                at=at,
                data={
                    "step": step.id,
                    "template": step.template,
                    "channel": step.channel,
                    "plan": decision.plan.id if decision.plan else None,
                    "invoices": [i.invoice.number for i in decision.claim.invoices],
                    "total": str(decision.claim.total),
                },
                document=path,
                sha256=sha,
                rules_version=version,
            )


class run_lock:  # noqa: N801 - used as a context manager, like open()
    """An exclusive lock file next to the store; a second run is refused in one line."""

    def __init__(self, db: Path) -> None:
        self.path = Path(f"{db}.lock")

    def __enter__(self):
        try:
            fd = os.open(self.path, os.O_CREAT | os.O_EXCL | os.O_WRONLY)
        except FileExistsError:
            pid = self.path.read_text().strip() if self.path.exists() else "?"
            if pid.isdigit() and not _alive(int(pid)):
                self.path.unlink(missing_ok=True)  # a run that was killed
                return self.__enter__()
            raise RunLocked(
                f"another run is in progress (process {pid}, lock {self.path}); wait for it"
            ) from None
        os.write(fd, str(os.getpid()).encode())
        os.close(fd)
        return self

    def __exit__(self, *exc) -> None:
        self.path.unlink(missing_ok=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # pragma: no cover - another user's process
        return True
    return True
