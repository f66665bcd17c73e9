"""Delivering the outbox: each e-mail accepted by the server is recorded once, as the
step it delivered (``reminder_sent``), dated by the day of the send."""

from __future__ import annotations

import email
import email.policy
import sqlite3
from datetime import datetime
from pathlib import Path

from ..mail.outbox import PENDING, SENT, SendReport, read_journal, send_pending
from ..store.db import transaction
from ..store.events import REMINDER_SENT, events_of, record, rules_version
from .emails import HEADER_DEBTOR, HEADER_STEP, HEADER_TEMPLATE

__all__ = ["send_outbox"]


def send_outbox(
    conn: sqlite3.Connection,
    creditor: str,
    outbox: Path,
    *,
    at: datetime,
    host: str,
    port: int,
    starttls: bool,
    user: str | None,
    timeout: float = 30,
) -> SendReport | None:
    """Send ``outbox/pending/*.eml`` (see :func:`relance_docs.mail.send_pending`) and
    record each delivery once (by Message-ID), dated ``at``; None when nothing is pending.
    A delivery in the journal but not in the store (a send killed in between) is recorded
    first."""
    if not (outbox / PENDING).is_dir():
        return None
    known = {e.data.get("message_id") for e in events_of(conn, creditor, kinds={REMINDER_SENT})}

    def on_sent(path: Path, message_id: str) -> None:
        if message_id in known:
            return
        msg = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
        with transaction(conn):
            record(
                conn, REMINDER_SENT, creditor=creditor,
                debtor_id=msg.get(HEADER_DEBTOR) or None, at=at,
                data={"message_id": message_id, "step": msg.get(HEADER_STEP) or None,
                      "template": msg.get(HEADER_TEMPLATE) or None, "channel": "email",
                      "to": str(msg.get("To"))},
                document=path, rules_version=rules_version(),
            )  # fmt: skip
        known.add(message_id)

    # A send killed after the server accepted a message and its journal line was written
    # but before it was recorded: record it now, from the journal (never sent again).
    for message_id, entry in read_journal(outbox).items():
        path = outbox / SENT / str(entry.get("file"))
        if message_id not in known and path.is_file():
            on_sent(path, message_id)
    return send_pending(
        outbox, host=host, port=port, starttls=starttls, user=user, on_sent=on_sent,
        timeout=timeout,
    )  # fmt: skip
