"""The store: one SQLite file (``relance.db`` by default) with the ledger's snapshots and
an append-only event log of everything done to collect each claim.

>>> from relance_docs.store import connect, import_ledger, history   # doctest: +SKIP
>>> conn = connect("relance.db")                                     # doctest: +SKIP
>>> import_ledger(conn, ledger, creditor_profile, at=now).new        # doctest: +SKIP
('FA-2026-0067', ...)
>>> history(conn, "336585906", "C001")[0]                            # doctest: +SKIP
{'date': '22/06/2026', 'event': 'Facture FA-2026-0067 (2220.00 EUR)'}

State is never updated in place without an event: :mod:`.db` (connection, migrations),
:mod:`.events` (the log), :mod:`.importer` (ledger to snapshots and events),
:mod:`.state` (what is derived from them).
"""

from .db import DEFAULT_DB, MIGRATIONS, NotFound, StoreError, connect, transaction
from .events import KINDS, Event, events_of, record, rules_version
from .importer import ImportReport, creditor_key, import_ledger
from .state import (
    PROMISE_GRACE_DAYS,
    DebtorState,
    InvoiceState,
    Promise,
    debtor_state,
    find_debtor,
    find_invoice,
    history,
    open_disputes,
    resolve_creditor,
)

__all__ = [
    "DEFAULT_DB",
    "KINDS",
    "MIGRATIONS",
    "PROMISE_GRACE_DAYS",
    "DebtorState",
    "Event",
    "ImportReport",
    "InvoiceState",
    "NotFound",
    "Promise",
    "StoreError",
    "connect",
    "creditor_key",
    "debtor_state",
    "events_of",
    "find_debtor",
    "find_invoice",
    "history",
    "import_ledger",
    "open_disputes",
    "record",
    "resolve_creditor",
    "rules_version",
    "transaction",
]
