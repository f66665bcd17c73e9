"""The dunning workflow: the day's run, holds and interactions, over the store.

The API both faces call (the CLI now, a web page later): functions that take records
and return results, and never print. The one place that uses the store for decisions.

- :func:`run_day` (:mod:`.day`): decide, claims, render, e-mails, record, under a lock;
  :func:`recover` settles what a killed run left.
- :func:`decide` (:mod:`.decide`): each debtor's step today, shared with ``relance
  letters``; :func:`history_for`: the store's events as document history.
- :func:`send_outbox` (:mod:`.send`): deliver the pending e-mails and record each step.
- :mod:`.interactions`: import, dispute, promise, call (and its recap letter).
"""

from .day import DayResult, run_day
from .decide import Decision, decide, high_water, received_steps
from .history import history_for
from .ledger import ledger_from_store
from .lock import RunLocked, run_lock
from .record import Document, record_documents
from .recover import Recovery, recover

__all__ = [
    "DayResult",
    "Decision",
    "Document",
    "Recovery",
    "RunLocked",
    "decide",
    "high_water",
    "history_for",
    "ledger_from_store",
    "received_steps",
    "record_documents",
    "recover",
    "run_day",
    "run_lock",
]
