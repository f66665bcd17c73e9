"""Email channel: each email-channel document as an ``.eml`` file, delivered over SMTP.

:func:`build_email` and :func:`write_eml` (:mod:`.message`) make the files;
:func:`send_pending` (:mod:`.outbox`) delivers an outbox's pending files, at most once.
"""

from .message import BadAddress, MailError, build_email, message_id_of, write_eml
from .outbox import PASSWORD_ENV, SendReport, SmtpError, read_journal, send_pending

__all__ = [
    "PASSWORD_ENV",
    "BadAddress",
    "MailError",
    "SendReport",
    "SmtpError",
    "build_email",
    "message_id_of",
    "read_journal",
    "send_pending",
    "write_eml",
]
