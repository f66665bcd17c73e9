"""An SMTP session for the outbox: connected and logged in when first needed, opened
again after a failure, and every network or SMTP error told in one line.

STARTTLS, when asked for, is required: a server that does not offer it is an error. A
UTF-8 user name or password goes through AUTH PLAIN or LOGIN, which smtplib's own login
cannot do. Not being able to connect or log in is an :class:`SmtpError`. What is sent,
and the journal that makes it at most once, is :mod:`.outbox`'s business.
"""

from __future__ import annotations

import base64
import contextlib
import smtplib
import socket
import ssl

from .message import MailError

__all__ = ["SmtpError", "SmtpSession", "describe", "reply"]


class SmtpError(MailError):
    """The SMTP server cannot be reached, or refuses the connection or the login."""

    message = "The SMTP server cannot be used."


def _one_line(text: object) -> str:
    return " ".join(str(text).split())


def reply(code: int, text: bytes | str) -> str:
    """A server's reply (code and text) on one line."""
    if isinstance(text, bytes):
        text = text.decode("utf-8", "replace")
    return _one_line(f"{code} {text}")


class SmtpSession:
    """A lazily (re)opened, logged-in SMTP session."""

    def __init__(
        self,
        host: str,
        port: int,
        *,
        starttls: bool,
        user: str | None,
        password: str | None,
        timeout: float,
    ) -> None:
        self.host, self.port, self.starttls = host, port, starttls
        self.user, self.password, self.timeout = user, password, timeout
        self.smtp: smtplib.SMTP | None = None

    @property
    def where(self) -> str:
        return f"{self.host}:{self.port}"

    def get(self) -> smtplib.SMTP:
        if self.smtp is not None and self.smtp.sock is not None:
            return self.smtp
        self.close()
        self.smtp = self._open()
        return self.smtp

    def _open(self) -> smtplib.SMTP:
        where = self.where
        try:
            smtp = smtplib.SMTP(self.host, self.port, timeout=self.timeout)
        except smtplib.SMTPConnectError as exc:
            raise SmtpError(
                f"could not connect to {where}: the server refused the session "
                f"({reply(exc.smtp_code, exc.smtp_error)})"
            ) from None
        except (OSError, smtplib.SMTPException) as exc:
            raise SmtpError(f"could not connect to {where}: {describe(exc)}") from None
        step = "greeting"
        try:
            smtp.ehlo()
            if self.starttls:
                step = "STARTTLS"
                if not smtp.has_extn("starttls"):
                    raise SmtpError(f"the SMTP server {where} does not offer STARTTLS")
                smtp.starttls(context=ssl.create_default_context())
                smtp.ehlo()
            if self.user is not None:
                step = "login"
                if not smtp.has_extn("auth"):
                    raise SmtpError(
                        f"the SMTP server {where} does not offer a login (no AUTH)"
                        + ("" if self.starttls else "; try --starttls")
                    )
                _login(smtp, self.user, self.password or "")
        except SmtpError:
            _quietly_close(smtp)
            raise
        except smtplib.SMTPAuthenticationError as exc:
            _quietly_close(smtp)
            raise SmtpError(
                f"the SMTP server {where} refused the login of user {self.user!r}: "
                f"{reply(exc.smtp_code, exc.smtp_error)}"
            ) from None
        except (OSError, smtplib.SMTPException) as exc:
            _quietly_close(smtp)
            raise SmtpError(f"SMTP {step} with {where} failed: {describe(exc)}") from None
        return smtp

    def drop(self) -> None:
        """Forget a session that failed mid-message (reopened for the next one)."""
        self.close()

    def close(self) -> None:
        if self.smtp is not None:
            smtp, self.smtp = self.smtp, None
            try:
                smtp.quit()
            except (OSError, smtplib.SMTPException):
                _quietly_close(smtp)


def _b64(raw: bytes) -> str:
    return base64.b64encode(raw).decode("ascii")


def _login(smtp: smtplib.SMTP, user: str, password: str) -> None:
    """``smtp.login``, but UTF-8 credentials work too (smtplib encodes them as ASCII).

    Non-ASCII credentials go through AUTH PLAIN (RFC 4616: UTF-8), or AUTH LOGIN.
    """
    if user.isascii() and password.isascii():
        smtp.login(user, password)
        return
    offered = (smtp.esmtp_features.get("auth") or "").upper().split()
    if "PLAIN" in offered:
        code, resp = smtp.docmd("AUTH", "PLAIN " + _b64(f"\0{user}\0{password}".encode()))
    elif "LOGIN" in offered:
        code, resp = smtp.docmd("AUTH", "LOGIN " + _b64(user.encode()))
        if code == 334:
            code, resp = smtp.docmd(_b64(password.encode()))
    else:
        raise smtplib.SMTPException(
            "the server offers no login method that accepts a non-ASCII user or password"
        )
    if code not in (235, 503):
        raise smtplib.SMTPAuthenticationError(code, resp)


def _quietly_close(smtp: smtplib.SMTP) -> None:
    with contextlib.suppress(OSError, smtplib.SMTPException):
        smtp.close()


def describe(exc: BaseException) -> str:
    """One line for a network or SMTP exception."""
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        return (
            "; ".join(
                f"{rcpt} refused: {reply(code, msg)}"
                for rcpt, (code, msg) in exc.recipients.items()
            )
            or "all recipients refused"
        )
    if isinstance(exc, smtplib.SMTPSenderRefused):
        return f"sender {exc.sender} refused: {reply(exc.smtp_code, exc.smtp_error)}"
    if isinstance(exc, smtplib.SMTPResponseException):
        return reply(exc.smtp_code, exc.smtp_error)
    if isinstance(exc, socket.timeout | TimeoutError):
        return "timed out"
    if isinstance(exc, socket.gaierror):
        return f"unknown host ({_one_line(exc.strerror or exc)})"
    if isinstance(exc, ssl.SSLError):
        return f"TLS error ({_one_line(exc.reason or exc)})"
    if isinstance(exc, OSError) and exc.strerror:
        return _one_line(exc.strerror)
    return _one_line(exc) or exc.__class__.__name__
