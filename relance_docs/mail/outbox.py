"""The outbox: ``.eml`` files waiting in ``pending/``, delivered over SMTP, at most once.

Layout of an outbox folder::

    pending/*.eml   waiting to be sent (written by :func:`relance_docs.mail.write_eml`)
    sent/*.eml      accepted by the server (or found already accepted in the journal)
    sent.log        journal, one JSON line per accepted message, fsynced at once
    failed.log      one JSON line per failed attempt (the file stays in pending/)

:func:`send_pending` sends the pending files in name order. The guarantee is "never
twice once accepted": right after the server accepts a message (``250`` to ``DATA``) its
``Message-ID`` is appended to ``sent.log`` and fsynced, *then* the file is moved to
``sent/``, *then* ``on_sent`` is called. If anything stops the run between those steps,
the next run finds the file still pending but its ``Message-ID`` in the journal, and
moves it without sending. (SMTP itself cannot rule out a duplicate when the connection
drops after the message was transmitted but before the server's answer arrived.)

A refused or failed delivery (4xx/5xx, lost connection) leaves the file in ``pending/``,
appends the reason to ``failed.log``, and is retried by the next run. Not being able to
connect or log in at all is a :class:`SmtpError` (one line).

The password is read from an environment variable (``RELANCE_SMTP_PASSWORD`` by
default), never from an argument of the command line.
"""

from __future__ import annotations

import json
import os
import smtplib
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email import policy
from email.parser import BytesHeaderParser
from email.utils import getaddresses, parseaddr
from pathlib import Path

from .message import MailError, _fsync_dir
from .smtp import SmtpError, SmtpSession, describe, reply

__all__ = [
    "FAILED_LOG",
    "PASSWORD_ENV",
    "SENT_LOG",
    "SendReport",
    "SmtpError",
    "read_journal",
    "send_pending",
]

PASSWORD_ENV = "RELANCE_SMTP_PASSWORD"  # noqa: S105 (a variable name, not a password)
PENDING = "pending"
SENT = "sent"
SENT_LOG = "sent.log"
FAILED_LOG = "failed.log"


@dataclass
class SendReport:
    """What one :func:`send_pending` run did, by file name.

    ``sent``: delivered in this run. ``failed``: ``(name, reason)``, left in pending/.
    ``skipped``: already in the journal (accepted by an earlier run), moved to sent/
    without being sent again.
    """

    sent: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _append_line(path: Path, entry: dict[str, object]) -> None:
    """Append one JSON line to ``path`` and fsync it before returning."""
    line = json.dumps(entry, ensure_ascii=False, sort_keys=True) + "\n"
    with path.open("a", encoding="utf-8") as fh:
        fh.write(line)
        fh.flush()
        os.fsync(fh.fileno())


def read_journal(outbox: str | os.PathLike[str]) -> dict[str, dict[str, object]]:
    """The entries of ``sent.log`` by ``Message-ID`` (later entries win).

    A torn last line (a crash while appending) is ignored: the message it would have
    recorded was then not confirmed to the caller either.
    """
    path = Path(outbox) / SENT_LOG
    entries: dict[str, dict[str, object]] = {}
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except FileNotFoundError:
        return entries
    for line in text.splitlines():
        try:
            entry = json.loads(line)
        except json.JSONDecodeError:
            continue
        if isinstance(entry, dict) and isinstance(entry.get("message_id"), str):
            entries[entry["message_id"]] = entry
    return entries


def _free_name(folder: Path, name: str) -> Path:
    """``folder/name``, or ``folder/stem.N.eml`` if that is taken (nothing overwritten)."""
    target = folder / name
    n = 1
    while target.exists():
        stem, dot, ext = name.rpartition(".")
        target = folder / (f"{stem}.{n}.{ext}" if dot else f"{name}.{n}")
        n += 1
    return target


def _move_to_sent(path: Path, sent_dir: Path) -> Path:
    sent_dir.mkdir(parents=True, exist_ok=True)
    target = _free_name(sent_dir, path.name)
    os.replace(path, target)
    _fsync_dir(sent_dir)
    _fsync_dir(path.parent)
    return target


def _envelope(data: bytes) -> tuple[str, str, list[str]]:
    """(Message-ID, envelope sender, recipients) from the headers of an ``.eml``."""
    headers = BytesHeaderParser(policy=policy.compat32).parsebytes(data)
    message_id = " ".join(str(headers.get("Message-ID", "")).split())
    if not message_id:
        raise MailError("no Message-ID header")
    if headers.get_all("Bcc"):
        raise MailError("a Bcc header is not supported (it would be sent to every recipient)")
    sender = parseaddr(str(headers.get("Return-Path") or headers.get("From") or ""))[1]
    if not sender or "@" not in sender:
        raise MailError("no valid From address")
    fields = [str(v) for name in ("To", "Cc") for v in headers.get_all(name, [])]
    recipients = [addr for _, addr in getaddresses(fields) if addr and "@" in addr]
    if not recipients:
        raise MailError("no valid recipient (To/Cc) address")
    return message_id, sender, recipients


def send_pending(
    outbox: str | os.PathLike[str],
    *,
    host: str,
    port: int,
    starttls: bool,
    user: str | None,
    password_env: str = PASSWORD_ENV,
    on_sent: Callable[[Path, str], None] | None = None,
    timeout: float = 30,
) -> SendReport:
    """Deliver every ``outbox/pending/*.eml`` (in name order) over SMTP; see the module.

    ``on_sent(path_in_sent, message_id)`` is called after each file is moved to
    ``sent/``, both for a delivery of this run and for a file found already accepted in
    the journal (a run interrupted before the move): record deliveries idempotently by
    ``message_id``.

    Raises :class:`SmtpError` (one line) when the server cannot be reached or the login
    is refused before anything is sent, and :class:`MailError` when ``user`` is given
    but the ``password_env`` environment variable is not set (checked before connecting).
    """
    outbox = Path(outbox)
    password: str | None = None
    if user is not None:
        password = os.environ.get(password_env)
        if not password:
            raise MailError(
                f"an SMTP user is given but the environment variable {password_env} "
                "holding the password is not set"
            )

    pending_dir, sent_dir = outbox / PENDING, outbox / SENT
    report = SendReport()
    pending = sorted(p for p in pending_dir.glob("*.eml") if p.is_file())
    if not pending:
        return report

    journal = set(read_journal(outbox))
    conn = SmtpSession(
        host, port, starttls=starttls, user=user, password=password, timeout=timeout
    )

    def fail(path: Path, message_id: str, reason: str) -> None:
        report.failed.append((path.name, reason))
        _append_line(
            outbox / FAILED_LOG,
            {
                "at": _now(),
                "file": path.name,
                "message_id": message_id,
                "reason": reason,
                "server": conn.where,
            },
        )

    connected_once = False
    try:
        for path in pending:
            try:
                data = path.read_bytes()
                message_id, sender, recipients = _envelope(data)
            except (OSError, MailError) as exc:
                fail(path, "", describe(exc) if isinstance(exc, OSError) else str(exc))
                continue

            if message_id in journal:  # accepted by an earlier run: never twice
                target = _move_to_sent(path, sent_dir)
                report.skipped.append(path.name)
                if on_sent is not None:
                    on_sent(target, message_id)
                continue

            try:
                smtp = conn.get()
            except SmtpError as exc:
                if not connected_once:
                    raise  # nothing sent at all: one clear error
                fail(path, message_id, str(exc))
                continue
            connected_once = True

            options = ["BODY=8BITMIME"] if _is_8bit(data) and smtp.has_extn("8bitmime") else []
            try:
                refused = smtp.sendmail(sender, recipients, data, mail_options=options)
            except (smtplib.SMTPRecipientsRefused, smtplib.SMTPSenderRefused) as exc:
                fail(path, message_id, describe(exc))
                continue
            except smtplib.SMTPDataError as exc:
                fail(path, message_id, f"message refused: {describe(exc)}")
                continue
            except (OSError, smtplib.SMTPException) as exc:
                conn.drop()
                fail(path, message_id, f"delivery to {conn.where} failed: {describe(exc)}")
                continue

            # Accepted: journal first (fsynced), then move, then tell the caller.
            _append_line(
                outbox / SENT_LOG,
                {
                    "at": _now(),
                    "file": path.name,
                    "from": sender,
                    "message_id": message_id,
                    "refused": {r: reply(c, m) for r, (c, m) in refused.items()},
                    "server": conn.where,
                    "to": recipients,
                },
            )
            journal.add(message_id)
            target = _move_to_sent(path, sent_dir)
            report.sent.append(path.name)
            if on_sent is not None:
                on_sent(target, message_id)
    finally:
        conn.close()
    return report


def _is_8bit(data: bytes) -> bool:
    return not data.isascii()
