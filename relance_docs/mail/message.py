"""One email per email-channel document: a deterministic MIME message and its ``.eml`` file.

The message is ``multipart/mixed``: a ``multipart/alternative`` (plain text, then HTML,
both UTF-8 quoted-printable) followed by the letter as an ``application/pdf`` attachment
whose file name is encoded per RFC 2231. Headers with accents (display names, subject)
are RFC 2047 encoded words; everything on the wire is 7-bit, so no server needs
8BITMIME.

Nothing reads the clock or a random source: the ``Date`` header comes from the caller,
and the ``Message-ID`` and MIME boundaries are derived from a hash of the content. The
same document therefore always gives the same bytes and the same ``Message-ID``, which is
what lets the outbox (:mod:`relance_docs.mail.outbox`) guarantee that a message accepted
once by a server is never sent again.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import tempfile
from datetime import datetime
from email import policy
from email.headerregistry import Address
from email.message import EmailMessage
from pathlib import Path

from ..errors import RelanceError

__all__ = [
    "BadAddress",
    "MailError",
    "build_email",
    "message_id_of",
    "write_eml",
]

_LOCAL_RE = re.compile(r"^[A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]+$")
_LABEL_RE = re.compile(r"^(?!-)[A-Za-z0-9-]{1,63}(?<!-)$")


class MailError(RelanceError):
    """An email cannot be built, written or sent."""

    message = "The email cannot be built or sent."


class BadAddress(MailError):
    """A sender or recipient email address is missing or invalid."""

    message = "The email address is missing or invalid."


def _domain(domain: str, what: str, shown: str) -> str:
    try:
        ascii_domain = domain.encode("idna").decode("ascii")
    except UnicodeError:
        raise BadAddress(f"{what} address {shown!r} has an invalid domain") from None
    labels = ascii_domain.rstrip(".").split(".")
    if len(labels) < 2 or not all(_LABEL_RE.match(label) for label in labels):
        raise BadAddress(f"{what} address {shown!r} has an invalid domain")
    return ascii_domain.rstrip(".").lower()


def _address(name: str | None, email: str | None, what: str) -> Address:
    """A validated :class:`Address`; ``what`` ("recipient", "sender") names it in errors."""
    from .address import check_address  # the one rule (email-validator)

    email = (email or "").strip()
    checked = check_address(email, what)
    local, _, domain = checked.rpartition("@")
    if not _LOCAL_RE.match(local):
        raise BadAddress(f"{what} address {email!r} is not a valid email address")
    domain = _domain(domain, what, email)
    display = " ".join((name or "").split())  # no CR/LF: no header injection
    try:
        return Address(display_name=display, username=local, domain=domain)
    except (ValueError, IndexError):  # HeaderDefect is a ValueError
        raise BadAddress(f"{what} address {email!r} is not a valid email address") from None


def _digest(fields: dict[str, str], pdf: bytes) -> str:
    h = hashlib.sha256()
    h.update(json.dumps(fields, sort_keys=True, ensure_ascii=False).encode("utf-8"))
    h.update(b"\0")
    h.update(pdf)
    return h.hexdigest()


def build_email(
    *,
    sender_name: str,
    sender_email: str,
    to_name: str,
    to_email: str | None,
    subject: str,
    text: str,
    html: str,
    pdf: bytes,
    pdf_name: str,
    message_id_domain: str,
    date: datetime,
) -> EmailMessage:
    """The email of one document, with the letter ``pdf`` attached as ``pdf_name``.

    ``date`` is the ``Date`` header (a naive datetime is written with ``-0000``, "zone
    unknown"). The ``Message-ID`` is ``<relance.HASH@message_id_domain>`` where HASH is
    a hash of every argument: rebuilding the same document gives the same id.

    Raises :class:`BadAddress` (one line) for a missing or invalid sender or recipient
    address, or an invalid ``message_id_domain``.
    """
    sender = _address(sender_name, sender_email, "sender")
    recipient = _address(to_name, to_email, "recipient")
    id_domain = (message_id_domain or "").strip()
    if not id_domain:
        raise BadAddress("no domain for the Message-ID")
    id_domain = _domain(id_domain, "Message-ID", id_domain)
    file_name = " ".join((pdf_name or "").split()).replace("/", "_").replace("\\", "_")
    if not file_name:
        raise MailError("the PDF attachment has no file name")
    subject = " ".join(subject.split())

    digest = _digest(
        {
            "from": str(sender),
            "to": str(recipient),
            "subject": subject,
            "text": text,
            "html": html,
            "pdf_name": file_name,
            "date": date.isoformat(),
        },
        pdf,
    )

    msg = EmailMessage(policy=policy.SMTP)
    msg["From"] = sender
    msg["To"] = recipient
    msg["Subject"] = subject
    msg["Date"] = date
    msg["Message-ID"] = f"<relance.{digest[:40]}@{id_domain}>"
    msg.set_content(text, subtype="plain", charset="utf-8", cte="quoted-printable")
    msg.add_alternative(html, subtype="html", charset="utf-8", cte="quoted-printable")
    msg.add_attachment(
        pdf, maintype="application", subtype="pdf", filename=file_name, cte="base64"
    )

    # Deterministic boundaries (a hash, never random), and no MIME-Version in sub-parts.
    msg.set_boundary(f"=_mixed_{digest[:32]}")
    for part in msg.iter_parts():
        if part.get_content_type() == "multipart/alternative":
            part.set_boundary(f"=_alt_{digest[32:64]}")
            for sub in part.iter_parts():
                del sub["MIME-Version"]
        del part["MIME-Version"]
    return msg


def message_id_of(msg: EmailMessage) -> str:
    """The ``Message-ID`` of ``msg`` (with its angle brackets), or ``""``."""
    return str(msg.get("Message-ID", "")).strip()


def write_eml(msg: EmailMessage, path: str | os.PathLike[str]) -> Path:
    """Write ``msg`` to ``path`` atomically (temporary sibling, fsync, ``os.replace``).

    The bytes are exactly those sent over SMTP (CRLF line endings). Parent folders are
    created. Returns the path.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    data = msg.as_bytes(policy=policy.SMTP)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    _fsync_dir(path.parent)
    return path


def _fsync_dir(folder: Path) -> None:
    """Make a rename durable (POSIX); a no-op where folders cannot be opened."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
