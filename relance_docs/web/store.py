"""The page's store and creditor profile: where the views find them."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import closing, contextmanager

from flask import current_app

from ..intake import load_creditor
from ..model import CreditorProfile
from ..store import StoreError, connect
from .i18n import gettext as _
from .uploads import profile_path

__all__ = ["open_store", "require_profile", "stored_profile"]


@contextmanager
def open_store(*, create: bool = False) -> Iterator[sqlite3.Connection]:
    """A connection to the store, closed at the end of the block.

    Without ``create``, a missing store is a one-line error that says to import first.
    """
    path = current_app.config["RELANCE_DB"]
    if not create and not path.is_file():
        raise StoreError(_("No ledger has been imported yet: start with Import."))
    path.parent.mkdir(parents=True, exist_ok=True)
    with closing(connect(path)) as conn:
        yield conn


def stored_profile() -> CreditorProfile | None:
    """The creditor profile kept with the store, or None before the first import."""
    path = profile_path(current_app.config["RELANCE_FILES"])
    return load_creditor(path) if path.is_file() else None


def require_profile() -> CreditorProfile:
    """The profile, or a one-line error that says to import a ledger with it."""
    profile = stored_profile()
    if profile is None:
        raise StoreError(_("No creditor profile yet: import a ledger with its profile first."))
    return profile
