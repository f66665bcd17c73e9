"""The store's SQLite file: opening it, and its schema as named, ordered migrations.

Each migration is a ``(name, SQL)`` pair, applied once, in order, inside one transaction
that also records its name in the ``migrations`` table; re-opening a database that is up
to date changes nothing. A migration is never edited once released: a change to the
schema is a new migration at the end of :data:`MIGRATIONS`.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from ..errors import RelanceError

__all__ = [
    "DEFAULT_DB",
    "MIGRATIONS",
    "NotFound",
    "StoreError",
    "applied_migrations",
    "connect",
    "migrate",
    "transaction",
]

DEFAULT_DB = Path("relance.db")
BUSY_TIMEOUT_MS = 5000


class StoreError(RelanceError):
    """The store cannot be opened, or refuses an operation."""

    message = "The store cannot be used."


class NotFound(StoreError):
    """No such creditor, debtor or invoice in the store."""

    message = "Not found in the store."


_BOOTSTRAP = """
CREATE TABLE IF NOT EXISTS migrations (
    name TEXT PRIMARY KEY,
    applied_at TEXT NOT NULL
)
"""

MIGRATIONS: tuple[tuple[str, str], ...] = (
    (
        "0001_ledger_snapshots",
        """
        CREATE TABLE creditors (
            key TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            language TEXT,
            currency TEXT,
            country TEXT,
            created_at TEXT NOT NULL
        );
        CREATE TABLE debtors (
            creditor TEXT NOT NULL REFERENCES creditors(key),
            id TEXT NOT NULL,
            name TEXT NOT NULL,
            data TEXT NOT NULL,
            PRIMARY KEY (creditor, id)
        );
        CREATE TABLE invoices (
            creditor TEXT NOT NULL REFERENCES creditors(key),
            number TEXT NOT NULL,
            debtor_id TEXT NOT NULL,
            data TEXT NOT NULL,
            PRIMARY KEY (creditor, number),
            FOREIGN KEY (creditor, debtor_id) REFERENCES debtors(creditor, id)
        );
        CREATE INDEX invoices_by_debtor ON invoices(creditor, debtor_id);
        CREATE TABLE payments (
            creditor TEXT NOT NULL REFERENCES creditors(key),
            invoice_number TEXT NOT NULL,
            date TEXT NOT NULL,
            amount TEXT NOT NULL,
            reference TEXT NOT NULL DEFAULT '',
            occurrence INTEGER NOT NULL DEFAULT 1,
            PRIMARY KEY (creditor, invoice_number, date, amount, reference, occurrence),
            FOREIGN KEY (creditor, invoice_number) REFERENCES invoices(creditor, number)
        );
        """,
    ),
    (
        "0002_event_log",
        """
        CREATE TABLE events (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            at TEXT NOT NULL,
            recorded_at TEXT NOT NULL,
            kind TEXT NOT NULL,
            creditor TEXT NOT NULL REFERENCES creditors(key),
            debtor_id TEXT,
            invoice TEXT,
            data TEXT NOT NULL DEFAULT '{}',
            document TEXT,
            sha256 TEXT,
            rules_version TEXT NOT NULL
        );
        CREATE INDEX events_by_debtor ON events(creditor, debtor_id, id);
        CREATE INDEX events_by_invoice ON events(creditor, invoice, id);
        CREATE TRIGGER events_are_append_only_update BEFORE UPDATE ON events
        BEGIN
            SELECT RAISE(ABORT, 'events are append-only: record a new event instead');
        END;
        CREATE TRIGGER events_are_append_only_delete BEFORE DELETE ON events
        BEGIN
            SELECT RAISE(ABORT, 'events are append-only: record a new event instead');
        END;
        """,
    ),
)


def connect(path: Path | str = DEFAULT_DB) -> sqlite3.Connection:
    """Open (creating it if needed) the store at ``path`` and bring its schema up to date.

    The connection is in autocommit mode: writes go through :func:`transaction`.
    """
    path = Path(path)
    if path.is_dir():
        raise StoreError(f"{path} is a folder, not a database file")
    if not path.parent.is_dir():
        raise StoreError(f"{path}: the folder {path.parent} does not exist")
    try:
        conn = sqlite3.connect(path, isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000)
        conn.row_factory = sqlite3.Row
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = NORMAL")
        migrate(conn)
    except sqlite3.DatabaseError as exc:
        raise StoreError(f"{path}: cannot be used as a relance database ({exc})") from exc
    return conn


@contextmanager
def transaction(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """All the writes of the block, or none of them (``BEGIN IMMEDIATE``: one writer)."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield conn
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


def applied_migrations(conn: sqlite3.Connection) -> list[str]:
    """The names of the migrations applied to this database, in the order applied."""
    conn.execute(_BOOTSTRAP)
    return [r[0] for r in conn.execute("SELECT name FROM migrations ORDER BY rowid")]


def migrate(conn: sqlite3.Connection) -> list[str]:
    """Apply the migrations this database lacks; return their names (empty: up to date)."""
    known = [name for name, _ in MIGRATIONS]
    done = applied_migrations(conn)
    unknown = [name for name in done if name not in known]
    if unknown:
        raise StoreError(
            f"the database has migration {unknown[0]}, unknown to this version of relance: "
            "upgrade relance"
        )
    applied: list[str] = []
    for name, sql in MIGRATIONS:
        if name in done:
            continue
        with transaction(conn):
            # Another process may have applied it since we looked: the lock is ours now.
            if conn.execute("SELECT 1 FROM migrations WHERE name = ?", (name,)).fetchone():
                continue
            for statement in _statements(sql):
                conn.execute(statement)
            conn.execute(
                "INSERT INTO migrations (name, applied_at) VALUES (?, ?)",
                (name, datetime.now(UTC).isoformat(timespec="seconds")),
            )
        applied.append(name)
    return applied


def _statements(sql: str) -> list[str]:
    """The statements of a script, one by one (a trigger's body stays whole).

    ``executescript`` would commit first, taking the migration out of its transaction.
    """
    out: list[str] = []
    current = ""
    for line in sql.splitlines(keepends=True):
        current += line
        if sqlite3.complete_statement(current):
            out.append(current.strip())
            current = ""
    if current.strip():
        raise StoreError(f"incomplete SQL statement in a migration: {current.strip()[:60]}")
    return out
