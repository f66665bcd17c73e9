"""Finding what the user names in the store: the creditor (the store's only one, or the
one given), its recorded details, and a debtor by its code or by its name.

Each answers or stops with one line that says what to do (:class:`~.db.NotFound`,
:class:`~.db.StoreError`). An invoice is found by :func:`.state.find_invoice`, which
gives its state.
"""

from __future__ import annotations

import sqlite3

from ..text import fold
from .db import NotFound, StoreError

__all__ = ["creditor_info", "find_debtor", "resolve_creditor"]


def resolve_creditor(conn: sqlite3.Connection, key: str | None = None) -> str:
    """``key`` if the store has that creditor; without a key, the store's only creditor."""
    rows = conn.execute("SELECT key, name FROM creditors ORDER BY key").fetchall()
    if key is not None:
        if any(r["key"] == key for r in rows):
            return key
        raise NotFound(
            f"creditor {key} is not in the store: run 'relance import LEDGER --creditor FILE' "
            "first"
        )
    if not rows:
        raise StoreError("the store is empty: run 'relance import LEDGER --creditor FILE' first")
    if len(rows) > 1:
        names = ", ".join(f"{r['name']} ({r['key']})" for r in rows[:5])
        raise StoreError(f"the store holds several creditors ({names}): give --creditor FILE")
    return rows[0]["key"]


def creditor_info(conn: sqlite3.Connection, creditor: str) -> dict:
    """The creditor's name, language, currency and country as recorded at its first
    import."""
    row = conn.execute(
        "SELECT key, name, language, currency, country FROM creditors WHERE key = ?",
        (creditor,),
    ).fetchone()
    if row is None:
        raise NotFound(f"no creditor '{creditor}' in the store")
    return dict(row)


def find_debtor(conn: sqlite3.Connection, creditor: str, key: str) -> tuple[str, str]:
    """The ``(id, name)`` of the debtor whose code is ``key`` or whose name contains it
    (accents and case ignored)."""
    rows = conn.execute(
        "SELECT id, name FROM debtors WHERE creditor = ? ORDER BY id", (creditor,)
    ).fetchall()
    wanted = fold(key.strip())
    found = [r for r in rows if fold(r["id"]) == wanted] or [
        r for r in rows if fold(r["name"]) == wanted
    ]
    found = found or [r for r in rows if wanted and wanted in fold(r["name"])]
    if not found:
        raise NotFound(f"no debtor '{key}' in the store")
    if len(found) > 1:
        names = ", ".join(f"{r['id']} ({r['name']})" for r in found[:5])
        raise StoreError(f"'{key}' matches several debtors: {names}; give the code")
    return found[0]["id"], found[0]["name"]
