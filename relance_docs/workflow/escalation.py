"""Escalation from the store: a court-request packet or a lawyer's dossier for a debtor,
built from the ledger as the store holds it and from the debtor's recorded history.

The same builders as ``relance packet`` and ``relance dossier``
(:mod:`relance_docs.packets`); here the ledger is the store's (what ``relance import``
saw last, with the disputes recorded since), so that the web page needs no ledger file.
"""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

from ..law.claims import debtor_claims, find_debtor_claim
from ..model import CreditorProfile
from ..packets.build import Packet, build_dossier, build_packet
from ..packets.chronology import store_history
from ..store.state import find_debtor
from .history import history_for
from .ledger import ledger_from_store

__all__ = ["dossier_from_store", "packet_from_store"]


def packet_from_store(
    conn: sqlite3.Connection,
    key: str,
    profile: CreditorProfile,
    debtor_key: str,
    procedure: str,
    as_of: date,
    out: Path,
    *,
    draft: bool = False,
    exhibits: list[Path] = (),  # type: ignore[assignment]
) -> Packet:
    """The court-request packet for ``procedure`` (refused, with the reasons, for a route
    the claim is not open to; without exhibits only as a ``draft``, every page marked)."""
    debtor_id, _ = find_debtor(conn, key, debtor_key)
    ledger = ledger_from_store(conn, key, as_of)
    return build_packet(
        ledger,
        profile,
        debtor_id,
        procedure,
        as_of,
        out,
        exhibits=list(exhibits),
        draft=draft,
        history=history_for(conn, key, debtor_id, as_of),
    )


def dossier_from_store(
    conn: sqlite3.Connection,
    key: str,
    profile: CreditorProfile,
    debtor_key: str,
    as_of: date,
    out: Path,
    *,
    documents_root: Path,
    exhibits: list[Path] = (),  # type: ignore[assignment]
) -> Packet:
    """The lawyer's dossier, with the store's real events and the documents sent
    (``documents_root``: the folder the recorded documents' relative paths start from)."""
    debtor_id, _ = find_debtor(conn, key, debtor_key)
    ledger = ledger_from_store(conn, key, as_of)
    lang = "fr" if profile.language == "fr" else "en"
    dc = find_debtor_claim(debtor_claims(ledger, profile, as_of), debtor_id, as_of)
    store = store_history(conn, key, debtor_id, as_of, lang, dc.currency, documents_root)
    return build_dossier(ledger, profile, debtor_id, as_of, out, exhibits=list(exhibits),
                         store=store)  # fmt: skip
