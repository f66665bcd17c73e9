"""The e-mail that carries an email-channel document, and the outbox it waits in.

The wording is in ``templates/<lang>/email-subject.txt``, ``email-body.txt`` and
``email-body.html``, rendered by the one Jinja environment (autoescape on; the text parts
turn it off in the template itself). The message is deterministic (same document, same
bytes, same Message-ID), so writing it again after a crash gives the same file, and the
outbox's journal can tell it was sent.
"""

from __future__ import annotations

import os
import shutil
from datetime import UTC, date, datetime, time
from email.message import EmailMessage
from pathlib import Path

from ..mail.address import address_problem
from ..mail.message import build_email, message_id_of, write_eml
from ..mail.outbox import PENDING, SENT, read_journal
from ..model import CreditorProfile, Party
from ..render.env import get_template
from ..render.formatting import long_date

__all__ = ["email_for", "email_problem", "publish"]

HEADER_DEBTOR = "X-Relance-Debtor"
HEADER_STEP = "X-Relance-Step"
HEADER_TEMPLATE = "X-Relance-Template"


def email_problem(debtor: Party, profile: CreditorProfile) -> str | None:
    """Why no e-mail can go to ``debtor`` from ``profile``, or None."""
    if not profile.email:
        return "the creditor profile has no email address to send from"
    problem = address_problem(profile.email)
    if problem:
        return f"the creditor profile's email: {problem}"
    return address_problem(debtor.email)


def email_for(
    *,
    profile: CreditorProfile,
    debtor: Party,
    language: str,
    template: str,
    step: str | None,
    as_of: date,
    pdf: Path,
) -> EmailMessage:
    """The e-mail for one document (the PDF attached); raises
    :class:`~relance_docs.mail.BadAddress` for an unusable address."""
    signatory = profile.signatory
    context = {
        "creditor": {"name": profile.name, "phone": profile.phone, "email": profile.email},
        "signatory": {"name": signatory.name, "title": signatory.title},
        "debtor": {"id": debtor.id, "name": debtor.name},
        "template": template,
        "date": long_date(as_of, language),
    }

    def render(name: str) -> str:
        return get_template(name, language).render(context)

    msg = build_email(
        sender_name=profile.name,
        sender_email=profile.email or "",
        to_name=debtor.name,
        to_email=debtor.email,
        subject=render("email-subject.txt").strip(),
        text=render("email-body.txt").strip() + "\n",
        html=render("email-body.html"),
        pdf=pdf.read_bytes(),
        pdf_name=pdf.name,
        message_id_domain=(profile.email or "").rpartition("@")[2],
        date=datetime.combine(as_of, time(9), tzinfo=UTC),
    )
    msg[HEADER_DEBTOR] = debtor.id
    msg[HEADER_STEP] = step or ""
    msg[HEADER_TEMPLATE] = template
    return msg


def write_email(msg: EmailMessage, folder: Path, stem: str) -> tuple[Path, str]:
    """Write the message into the run's folder (``emails/STEM.eml``); its path and id."""
    path = write_eml(msg, folder / "emails" / f"{stem}.eml")
    return path, message_id_of(msg)


def publish(outbox: Path, emails: list[tuple[Path, str]]) -> int:
    """Put each recorded e-mail (its file in the run's folder, its Message-ID) into
    ``outbox/pending/``, unless it is already there, in ``sent/`` or in the journal:
    safe to repeat after any crash. Returns how many were added."""
    if not emails:
        return 0
    journal = read_journal(outbox)
    pending, sent = outbox / PENDING, outbox / SENT
    added = 0
    for path, message_id in emails:
        name = path.name
        if message_id in journal or (pending / name).exists() or (sent / name).exists():
            continue
        if not path.is_file():
            continue  # the run's folder was moved away: nothing to send from it
        pending.mkdir(parents=True, exist_ok=True)
        tmp = pending / f".{name}.tmp"
        shutil.copyfile(path, tmp)
        os.replace(tmp, pending / name)
        added += 1
    return added
