"""The day's run: decide, claims, render, e-mails, record; the API behind ``relance run``
and the planned web page.

Order, so that a step is never sent twice and a document is never lost:

1. take the store's run lock (:mod:`.lock`); settle what an interrupted run left
   (:mod:`.recover`);
2. decide every debtor's step (:mod:`.decide`), remembering the last event seen; hold a
   debtor whose e-mail address cannot be used (its reason, with the ledger's line);
3. record the intent (the folder, the decisions), then render the batch into its folder
   (it appears all at once), then write the e-mails into it;
4. record one event per document in one transaction that re-checks that no step was
   recorded meanwhile; then put the e-mails in the outbox.

A kill at any point leaves either nothing (1-3: the next run adopts the folder or decides
again) or everything recorded (4: the e-mails are put in the outbox by the next run).
"""

from __future__ import annotations

import os
import secrets
import signal
import time
from collections.abc import Callable
from contextlib import closing
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path

from ..dunning.plans import Plan, default_plans
from ..law.claims import debtor_claims
from ..mail import MailError
from ..model import CreditorProfile
from ..render.context import DocumentRequest, letter_language
from ..store.db import connect
from ..store.importer import creditor_key
from ..store.state import resolve_creditor
from .decide import Decision, decide, figure, high_water
from .emails import email_for, email_problem, write_email
from .history import history_for
from .ledger import debtor_source, ledger_from_store
from .lock import run_lock
from .record import Document, finish_run, record_documents, record_intent
from .recover import publish_recorded, recover

__all__ = ["DayResult", "checkpoint", "run_day"]

KILL_ENV = "RELANCE_TEST_KILL_AT"
PAUSE_ENV = "RELANCE_TEST_PAUSE_AT"
PAUSE_FILE_ENV = "RELANCE_TEST_PAUSE_FILE"
CHECKPOINTS = ("decided", "intent", "rendering", "rendered", "emails", "recorded", "published")


def render_batch(*args, **kwargs):
    """:func:`relance_docs.render.batch.render_batch`, imported when a batch is made
    (WeasyPrint is slow to import; ``relance run --dry-run`` and ``--help`` need none)."""
    from ..render.batch import render_batch as render

    return render(*args, **kwargs)


def checkpoint(name: str) -> None:
    """A named point of the run, for the tests of kills and interleavings: with
    ``RELANCE_TEST_KILL_AT=name`` the process kills itself there (SIGKILL: no clean-up);
    with ``RELANCE_TEST_PAUSE_AT=name`` it touches ``$RELANCE_TEST_PAUSE_FILE.reached``
    and waits while ``$RELANCE_TEST_PAUSE_FILE`` exists."""
    if os.environ.get(KILL_ENV) == name:
        os.kill(os.getpid(), signal.SIGKILL)
    if os.environ.get(PAUSE_ENV) == name and os.environ.get(PAUSE_FILE_ENV):
        pause = Path(os.environ[PAUSE_FILE_ENV])
        Path(f"{pause}.reached").touch()
        deadline = time.monotonic() + 120
        while pause.exists() and time.monotonic() < deadline:
            time.sleep(0.02)


@dataclass
class DayResult:
    """What one run decided, wrote and recorded."""

    as_of: date
    decisions: list[Decision]
    """Every debtor's decision (the held ones with their reason)."""
    documents: list[Document] = field(default_factory=list)
    folder: Path | None = None
    skipped: list[tuple[str, str]] = field(default_factory=list)
    """(debtor, reason): written but not recorded, a step recorded meanwhile."""
    recovered: tuple[str, ...] = ()
    published: int = 0
    dry_run: bool = False

    @property
    def due(self) -> list[Decision]:
        return [d for d in self.decisions if d.due]

    @property
    def held(self) -> list[Decision]:
        return [d for d in self.decisions if not d.due and d.reason.endswith("held")]

    def warnings(self) -> dict[str, list[str]]:
        """Each warning of the documents (rules layer) once, with the debtors it is for."""
        out: dict[str, list[str]] = {}
        for doc in self.documents:
            for text in doc.warnings:
                out.setdefault(text, []).append(doc.debtor_id)
        return out


def run_day(
    db: Path,
    profile: CreditorProfile,
    as_of: date,
    *,
    out: Path,
    plans: tuple[Plan, ...] | None = None,
    jobs: int = 2,
    dry_run: bool = False,
    progress: Callable[[int, int], object] | None = None,
) -> DayResult:
    """The day's run on the store ``db`` for ``profile``; see the module."""
    plans = plans if plans is not None else default_plans()
    with closing(connect(db)) as conn:
        key = resolve_creditor(conn, creditor_key(profile))
        if dry_run:  # nothing written: no lock needed, nothing settled
            return DayResult(as_of, _decisions(conn, key, profile, as_of, plans), dry_run=True)
        with run_lock(db):
            recovery = recover(conn, key, profile, out)
            seen = high_water(conn)
            decisions = _decisions(conn, key, profile, as_of, plans)
            result = DayResult(as_of, decisions, recovered=recovery.lines)
            checkpoint("decided")
            due = result.due
            if due:
                _write(conn, key, profile, as_of, due, out, jobs, seen, result, progress)
            result.published = publish_recorded(conn, key, out / "outbox")
            checkpoint("published")
    return result


def _decisions(conn, key: str, profile, as_of: date, plans) -> list[Decision]:
    """The decisions, with a debtor held when its e-mail step cannot be sent."""
    ledger = None
    out = []
    for d in decide(conn, key, profile, as_of, plans):
        if d.due and d.step.channel == "email":
            problem = email_problem(d.claim.debtor, profile)
            if problem:
                ledger = ledger or ledger_from_store(conn, key, as_of)
                where = debtor_source(ledger, d.claim.debtor)
                d = d.held(
                    f"{where + ': ' if where else ''}{problem}: the {d.step.id} step "
                    f"({d.step.template}, by email) cannot be sent; held"
                )
        out.append(d)
    return out


def _write(conn, key, profile, as_of, due, out, jobs, seen, result, progress) -> None:
    ids = {d.claim.debtor.id for d in due}
    full = {
        c.debtor.id: c
        for c in debtor_claims(ledger_from_store(conn, key, as_of), profile, as_of)
        if c.debtor.id in ids
    }
    requests = []
    for d in due:
        claim = full[d.claim.debtor.id]
        requests.append(
            DocumentRequest(
                d.step.template,
                claim,
                profile,
                as_of,
                letter_language(claim.debtor, profile),
                d.step.channel,
                d.step.id,
                history=history_for(conn, key, claim.debtor.id, as_of),
            )
        )
    folder = _day_folder(out, as_of)
    run = f"{as_of.isoformat()}-{secrets.token_hex(4)}"
    record_intent(conn, key, as_of, run=run, folder=folder, seen=seen, decisions=due)
    checkpoint("intent")

    def tick(done: int, total: int) -> None:
        if done:
            checkpoint("rendering")
        if progress is not None:
            progress(done, total)

    held = [{"debtor": d.claim.debtor.id, "reason": d.reason} for d in result.held]
    try:
        batch = render_batch(requests, folder, jobs=jobs, held=held, progress=tick)
    except Exception as exc:  # nothing was written (the batch appears whole or not at all)
        finish_run(conn, key, as_of, run, "abandoned", f"the batch failed: {exc}")
        raise
    checkpoint("rendered")
    result.folder = folder
    for d, item in zip(due, batch.items, strict=True):
        pdf = item.files["pdf"]
        raw_asked = (item.raw or {}).get("asked")
        asked = Decimal(str(raw_asked)) if raw_asked is not None else figure(d)
        shown = getattr(item, "warnings", None) or item.request.claim.warnings
        warnings = tuple(dict.fromkeys(str(w) for w in shown))
        doc = Document(d, pdf, item.sha256["pdf"], asked, warnings)
        if d.step.channel == "email":
            try:
                msg = email_for(
                    profile=profile, debtor=item.request.claim.debtor,
                    language=item.request.language, template=d.step.template,
                    step=d.step.id, as_of=as_of, pdf=pdf,
                )  # fmt: skip
            except MailError as exc:  # checked before: only a race with the profile
                result.skipped.append((d.claim.debtor.id, f"{exc}; not recorded"))
                continue
            eml, message_id = write_email(msg, folder, f"{as_of.isoformat()}-{pdf.stem}")
            doc = Document(d, pdf, doc.sha256, asked, warnings, eml, message_id)
        result.documents.append(doc)
    checkpoint("emails")
    result.skipped += record_documents(
        conn, key, as_of, result.documents, seen=seen, run=run, outcome="recorded"
    )
    checkpoint("recorded")


def _day_folder(out: Path, as_of: date) -> Path:
    folder = out / as_of.isoformat()
    n = 2
    while folder.exists() or folder.with_name(f"{folder.name}.set-aside").exists():
        folder = out / f"{as_of.isoformat()}-{n}"
        n += 1
    return folder
