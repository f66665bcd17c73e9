"""What a killed run left behind, found by the next run (under the same lock).

A run records its intent (``run_started``: the folder and the decisions) before writing,
and its end (``run_finished``) in the transaction that records its documents. An intent
without an end is a run that was stopped:

- its folder is not there: it stopped before the batch was complete (the batch appears
  all at once); nothing was produced, the decisions are made again (``abandoned``);
- its folder is there and every document named in the intent is in its manifest with a
  sha256 that matches the file: the run is *adopted*: its documents are recorded (the
  same re-check as any run: a step recorded meanwhile is not recorded twice), its
  e-mails written again (the same bytes) and put in the outbox;
- otherwise the folder is renamed ``<folder>.set-aside`` with the reason, and the
  decisions are made again: its files are never recorded nor sent.

Leftover ``.<day>.partial-XXXX`` folders (a batch killed while rendering) are removed.
"""

from __future__ import annotations

import json
import re
import shutil
import sqlite3
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path

from ..dunning.plans import Plan, Step
from ..errors import RelanceError
from ..law.claims import DebtorClaim
from ..model import CreditorProfile, Party
from ..store.events import (
    RUN_FINISHED,
    RUN_STARTED,
    Event,
    events_of,
    file_sha256,
)
from .decide import STEP_EVENTS, Decision
from .emails import email_for, publish, write_email
from .ledger import party_of
from .record import Document, finish_run, record_documents

__all__ = ["Recovery", "publish_recorded", "recover", "unpublished_emails"]

_PARTIAL = re.compile(r"^\.\d{4}-\d{2}-\d{2}(-\d+)?\.partial-[0-9a-f]+$")


@dataclass(frozen=True)
class Recovery:
    """One line per thing found and what was done about it."""

    lines: tuple[str, ...] = ()
    adopted: int = 0  # documents recorded from adopted runs


def unfinished_runs(conn: sqlite3.Connection, creditor: str) -> list[Event]:
    started = events_of(conn, creditor, kinds={RUN_STARTED})
    if not started:
        return []
    ended = {e.data.get("run") for e in events_of(conn, creditor, kinds={RUN_FINISHED})}
    return [e for e in started if e.data.get("run") not in ended]


def recover(
    conn: sqlite3.Connection, creditor: str, profile: CreditorProfile, out: Path
) -> Recovery:
    """Settle every interrupted run of ``creditor`` and clean ``out``; call it under the
    run lock."""
    lines: list[str] = []
    adopted = 0
    folders = {out}
    for intent in unfinished_runs(conn, creditor):
        line, n = _settle(conn, creditor, profile, intent)
        lines.append(line)
        adopted += n
        folders.add(Path(intent.data["folder"]).parent)
    for parent in sorted(folders):
        if not parent.is_dir():
            continue
        for path in sorted(parent.iterdir()):
            if path.is_dir() and _PARTIAL.match(path.name):
                shutil.rmtree(path, ignore_errors=True)
                lines.append(
                    f"{path}: removed (an unfinished batch of an interrupted run; "
                    "nothing in it was recorded)"
                )
    return Recovery(tuple(lines), adopted)


def _finish(conn, creditor: str, intent: Event, outcome: str, reason: str) -> None:
    as_of = date.fromisoformat(intent.data["as_of"])
    finish_run(conn, creditor, as_of, intent.data["run"], outcome, reason)


def _settle(
    conn: sqlite3.Connection, creditor: str, profile: CreditorProfile, intent: Event
) -> tuple[str, int]:
    data = intent.data
    folder = Path(data["folder"])
    as_of = date.fromisoformat(data["as_of"])
    if not folder.is_dir():
        reason = "stopped before its batch was complete: nothing was produced"
        _finish(conn, creditor, intent, "abandoned", reason)
        return f"Run of {as_of.isoformat()} ({folder.name}): {reason}; decided again.", 0
    try:
        docs = _verified(conn, creditor, profile, folder, data)
    except RelanceError as exc:
        aside = _free(folder.with_name(f"{folder.name}.set-aside"))
        folder.rename(aside)
        reason = f"{exc}; moved to {aside.name}, never to be sent"
        _finish(conn, creditor, intent, "set_aside", reason)
        return f"{folder}: set aside: {reason}; decided again.", 0
    skipped = record_documents(
        conn, creditor, as_of, docs, seen=data["seen"], run=data["run"], outcome="adopted"
    )
    line = (
        f"{folder}: adopted: {len(docs) - len(skipped)} document(s) of an interrupted run "
        "recorded (sha256 checked)"
    )
    for debtor, reason in skipped:
        line += f"; {debtor}: {reason}"
    return line + ".", len(docs) - len(skipped)


def _free(path: Path) -> Path:
    candidate, n = path, 2
    while candidate.exists():
        candidate = path.with_name(f"{path.name}-{n}")
        n += 1
    return candidate


def _verified(
    conn: sqlite3.Connection,
    creditor: str,
    profile: CreditorProfile,
    folder: Path,
    data: dict,
) -> list[Document]:
    """The intent's documents, each checked against the folder's manifest and its file."""
    try:
        manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
        letters = {(x["debtor_id"], x["template"]): x for x in manifest["letters"]}
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise RelanceError(
            f"no readable manifest.json to check its files against ({exc})"
        ) from None
    as_of = date.fromisoformat(data["as_of"])
    docs = []
    for d in data["decisions"]:
        entry = letters.get((d["debtor"], d["template"]))
        if entry is None:
            raise RelanceError(f"the manifest has no {d['template']} for {d['debtor']}")
        name, sha = entry.get("files", {}).get("pdf"), entry.get("sha256", {}).get("pdf")
        path = folder / str(name)
        if not name or not sha or not path.is_file() or file_sha256(path) != sha:
            raise RelanceError(
                f"{path.name} is missing or differs from its sha256 in the manifest"
            )
        decision = _decision(conn, creditor, d, as_of)
        asked = Decimal(str(entry.get("asked") or d["figure"]))
        doc = Document(decision, path, sha, asked, facts=d)
        if d["channel"] == "email":
            debtor = decision.claim.debtor
            msg = email_for(
                profile=profile, debtor=debtor, language=str(entry.get("language") or "fr"),
                template=d["template"], step=d["step"], as_of=as_of, pdf=path,
            )  # fmt: skip
            eml, message_id = write_email(msg, folder, f"{as_of.isoformat()}-{path.stem}")
            doc = Document(decision, path, sha, asked, (), eml, message_id, facts=d)
        docs.append(doc)
    return docs


def _decision(conn, creditor: str, d: dict, as_of: date) -> Decision:
    """A decision rebuilt from what the intent kept: the debtor and the step."""
    row = conn.execute(
        "SELECT data FROM debtors WHERE creditor = ? AND id = ?", (creditor, d["debtor"])
    ).fetchone()
    debtor = party_of(json.loads(row["data"])) if row else Party(d["debtor"], d["debtor"])
    claim = DebtorClaim(debtor, "", as_of, (), (), (), None, None, ())
    plan = Plan(d["plan"], "", (), (), 0, (), "") if d.get("plan") else None
    return Decision(claim, plan, Step(d["step"], 0, d["template"], d["channel"]), "adopted")


def unpublished_emails(conn: sqlite3.Connection, creditor: str) -> list[tuple[Path, str]]:
    """The e-mails of recorded documents (their file in the run's folder, Message-ID)."""
    out = []
    for e in events_of(conn, creditor, kinds=STEP_EVENTS):
        if e.data.get("message_id") and e.data.get("email"):
            out.append((Path(e.data["email"]), e.data["message_id"]))
    return out


def publish_recorded(conn: sqlite3.Connection, creditor: str, outbox: Path) -> int:
    """Put every recorded e-mail not yet in the outbox into it (idempotent)."""
    return publish(outbox, unpublished_emails(conn, creditor))
