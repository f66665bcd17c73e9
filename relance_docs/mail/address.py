"""Email addresses, checked with ``email-validator`` (syntax only: no network).

One rule for the whole tool (:func:`relance_docs.identifiers.email_problem`): intake warns
with it (the ledger's line), the day's run
holds a debtor whose address fails it (with the reason and the line), and
:func:`relance_docs.mail.build_email` refuses what fails it. Addresses must be ASCII
before the ``@`` (SMTPUTF8 is not assumed of the creditor's server); an international
domain is written in its ASCII (IDNA) form.
"""

from __future__ import annotations

from email_validator import EmailNotValidError, validate_email

from ..identifiers import email_problem
from .message import BadAddress

__all__ = ["address_problem", "check_address"]


def address_problem(text: str | None) -> str | None:
    """Why ``text`` is not a usable email address, or None when it is."""
    text = (text or "").strip()
    if not text:
        return "no email address"
    problem = email_problem(text)
    return f'"{text}" {problem}' if problem else None


def check_address(text: str | None, what: str = "recipient") -> str:
    """The address in the form to send to (ASCII domain); :class:`BadAddress` if unusable."""
    text = (text or "").strip()
    if not text:
        raise BadAddress(f"the {what} has no email address")
    try:
        valid = validate_email(text, check_deliverability=False, allow_smtputf8=False)
    except EmailNotValidError as exc:
        raise BadAddress(f"{what} address {text!r} is not a valid email address ({exc})") from None
    return valid.ascii_email or valid.normalized
