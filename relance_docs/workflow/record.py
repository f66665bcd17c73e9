"""Recording what a run wrote: one event per document, in one ``BEGIN IMMEDIATE``
transaction that first checks that no step was recorded for the same debtor since the
decisions were made (another writer, a run adopted meanwhile). A debtor found recorded
meanwhile is skipped and reported: its step is never recorded twice.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from decimal import Decimal
from pathlib import Path

from ..money import to_money
from ..store.db import transaction
from ..store.events import (
    ESCALATION,
    FORMAL_NOTICE,
    REMINDER_GENERATED,
    RUN_FINISHED,
    RUN_STARTED,
    record,
    rules_version,
)
from .decide import STEP_EVENTS, Decision, figure

__all__ = [
    "Document",
    "decision_data",
    "finish_run",
    "record_documents",
    "record_intent",
    "run_time",
]


@dataclass(frozen=True)
class Document:
    """One document a run wrote, ready to be recorded."""

    decision: Decision
    path: Path
    sha256: str
    asked: Decimal
    """What the document asks the debtor to pay (``raw["asked"]`` of its context), else
    today's figure (:func:`relance_docs.workflow.decide.figure`)."""
    warnings: tuple[str, ...] = ()
    email: Path | None = None
    message_id: str | None = None
    facts: dict | None = None
    """What an interrupted run's intent kept of the decision (:func:`decision_data`),
    recorded instead of today's claim when the run is adopted."""

    @property
    def debtor_id(self) -> str:
        return self.decision.claim.debtor.id


def run_time(as_of: date) -> datetime:
    """When a run's events happened: noon (UTC) of its day."""
    return datetime.combine(as_of, time(12), tzinfo=UTC)


def _kind(template: str) -> str:
    if template == "formal-notice":
        return FORMAL_NOTICE
    if template == "letter-of-claim":
        return ESCALATION
    return REMINDER_GENERATED


def decision_data(d: Decision) -> dict:
    """What the store keeps of a decision (in the run's intent, then its event)."""
    step = d.step
    assert step is not None
    return {
        "debtor": d.claim.debtor.id,
        "step": step.id,
        "template": step.template,
        "channel": step.channel,
        "plan": d.plan.id if d.plan else None,
        "invoices": [i.invoice.number for i in d.claim.invoices],
        "overdue": to_money(d.claim.principal),
        "figure": to_money(figure(d)),
    }


def record_intent(
    conn: sqlite3.Connection,
    creditor: str,
    as_of: date,
    *,
    run: str,
    folder: Path,
    seen: int,
    decisions: list[Decision],
) -> None:
    """Say, before any file is written, what the run is about to write and where: the
    next run finds it if this one is killed."""
    with transaction(conn):
        record(
            conn, RUN_STARTED, creditor=creditor, at=run_time(as_of),
            data={"run": run, "folder": str(folder.resolve()), "as_of": as_of.isoformat(),
                  "seen": seen, "decisions": [decision_data(d) for d in decisions]},
            rules_version=rules_version(),
        )  # fmt: skip


def finish_run(
    conn: sqlite3.Connection, creditor: str, as_of: date, run: str, outcome: str, reason: str
) -> None:
    """Close a run's intent without documents (``abandoned``, ``set_aside``)."""
    with transaction(conn):
        record(
            conn, RUN_FINISHED, creditor=creditor, at=run_time(as_of),
            data={"run": run, "outcome": outcome, "reason": reason},
            rules_version=rules_version(),
        )  # fmt: skip


def recorded_since(conn: sqlite3.Connection, creditor: str, seen: int) -> dict[str, str]:
    """Debtors with a step recorded after event ``seen``: debtor -> step."""
    marks = ",".join("?" * len(STEP_EVENTS))
    sql = f"SELECT debtor_id, data FROM events WHERE creditor = ? AND id > ? AND kind IN ({marks})"  # noqa: S608 - placeholders only
    out = {}
    for row in conn.execute(sql, (creditor, seen, *sorted(STEP_EVENTS))):
        step = json.loads(row["data"]).get("step")
        if step and row["debtor_id"]:
            out[row["debtor_id"]] = step
    return out


def record_documents(
    conn: sqlite3.Connection,
    creditor: str,
    as_of: date,
    documents: list[Document] | list[tuple[Decision, Path, str]],
    *,
    seen: int | None = None,
    run: str | None = None,
    outcome: str = "recorded",
) -> list[tuple[str, str]]:
    """One event per document (path, sha256, amount asked), and the run's end, in one
    transaction; returns the ``(debtor, reason)`` of the documents not recorded because
    a step was recorded for the debtor after event ``seen``."""
    docs = [
        d if isinstance(d, Document) else Document(d[0], d[1], d[2], figure(d[0]))
        for d in documents
    ]
    at = run_time(as_of)
    version = rules_version()
    skipped: list[tuple[str, str]] = []
    with transaction(conn):
        meanwhile = recorded_since(conn, creditor, seen) if seen is not None else {}
        for doc in docs:
            step = doc.decision.step
            assert step is not None
            if doc.debtor_id in meanwhile:
                skipped.append(
                    (
                        doc.debtor_id,
                        f"step {meanwhile[doc.debtor_id]} was recorded meanwhile by another "
                        f"run: {doc.path.name} is not recorded (do not send it)",
                    )
                )
                continue
            data = dict(doc.facts or decision_data(doc.decision))
            data.pop("debtor", None)
            data.pop("figure", None)
            data["total"] = to_money(doc.asked)
            if run is not None:
                data["run"] = run
            if doc.message_id:
                data["message_id"] = doc.message_id
                data["email"] = str(doc.email)
            record(
                conn, _kind(step.template), creditor=creditor, debtor_id=doc.debtor_id, at=at,
                data=data, document=doc.path, sha256=doc.sha256, rules_version=version,
            )  # fmt: skip
        if run is not None:
            record(
                conn, RUN_FINISHED, creditor=creditor, at=at,
                data={"run": run, "outcome": outcome, "recorded": len(docs) - len(skipped),
                      "skipped": [{"debtor": d, "reason": r} for d, r in skipped]},
                rules_version=version,
            )  # fmt: skip
    return skipped
