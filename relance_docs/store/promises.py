"""Promises to pay, from a debtor's events: each promise with what was paid after it,
and whether it was kept, broken, superseded by a newer one, or is still pending.

A promise pauses the reminders until its date plus :data:`PROMISE_GRACE_DAYS`. It is kept
when the payments recorded after it, and before the next promise, dated by the end of the
grace and by ``as_of``, reach its amount; superseded when a newer promise is made within
the grace; otherwise broken the day after the grace. A later payment does not mend a
broken promise. Nothing here reads the store: :mod:`.state` gives the events.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal

from ..money import ZERO
from .events import PAYMENT_RECORDED, PROMISE_MADE, Event

__all__ = [
    "BROKEN",
    "KEPT",
    "PENDING",
    "PROMISE_GRACE_DAYS",
    "SUPERSEDED",
    "Promise",
    "read_promises",
]

PROMISE_GRACE_DAYS = 3
"""Days after a promised date before reminders resume and the promise counts as broken."""

PENDING, KEPT, BROKEN, SUPERSEDED = "pending", "kept", "broken", "superseded"


@dataclass(frozen=True)
class Promise:
    made: date
    amount: Decimal
    date: date
    currency: str | None
    received: Decimal
    """Payments recorded after the promise (and before the next one), dated by the end of
    the grace and by ``as_of``: a later payment does not mend a broken promise."""
    status: str
    """``pending``, ``kept``, ``broken`` or ``superseded`` (a newer promise replaced it)."""
    settled_on: date | None = None
    """The day it was kept (the payment that completed it) or broken."""

    @property
    def resume_on(self) -> date:
        """The last day reminders stay paused for this promise."""
        return self.date + timedelta(days=PROMISE_GRACE_DAYS)


def _day(at: datetime) -> date:
    return at.date()


def _payment_day(event: Event) -> date:
    when = event.data.get("date")
    return date.fromisoformat(when) if when else _day(event.at)


def read_promises(events: list[Event], as_of: date) -> list[Promise]:
    """The promises in a debtor's ``events`` (up to ``as_of``), oldest first, each with
    its status."""
    made = [(n, e) for n, e in enumerate(events) if e.kind == PROMISE_MADE]
    out = []
    for k, (n, e) in enumerate(made):
        amount = Decimal(e.data["amount"])
        promised = date.fromisoformat(e.data["date"])
        resume_on = promised + timedelta(days=PROMISE_GRACE_DAYS)
        end = made[k + 1][0] if k + 1 < len(made) else len(events)
        received, settled = ZERO, None
        for p in events[n + 1 : end]:
            if p.kind != PAYMENT_RECORDED or _payment_day(p) > min(as_of, resume_on):
                continue
            received += Decimal(p.data["amount"])
            if received >= amount and settled is None:
                settled = _payment_day(p)
        if received >= amount:
            status = KEPT
        elif k + 1 < len(made) and _day(made[k + 1][1].at) <= resume_on:
            status, settled = SUPERSEDED, None
        elif as_of > resume_on:
            status, settled = BROKEN, resume_on + timedelta(days=1)
        else:
            status, settled = PENDING, None
        out.append(
            Promise(
                _day(e.at), amount, promised, e.data.get("currency"), received, status, settled
            )
        )
    return out
