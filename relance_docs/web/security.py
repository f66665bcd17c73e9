"""What keeps a local page local: Host check, CSRF, size caps, strict headers, one-line
errors.

- Host header: only the names the server was started for (127.0.0.1, localhost, or the
  ``--host`` given), any port: a page on another site cannot reach the tool through DNS
  rebinding.
- CSRF: Flask-WTF's ``CSRFProtect`` on every POST (token in each form, and in htmx
  requests through the ``X-CSRFToken`` header set in the layout).
- Uploads: ``MAX_CONTENT_LENGTH`` caps the whole request; over it, a 413 page in one line.
- Headers: a Content-Security-Policy that allows only this origin (no inline script, no
  CDN), no framing by other sites, no MIME sniffing, no referrer.
- Errors of the library (:class:`RelanceError`) are shown as the CLI prints them: one
  plain line, never a traceback (the app never runs in debug mode).
"""

from __future__ import annotations

import logging

from flask import Flask, abort, current_app, render_template, request
from flask_wtf.csrf import CSRFError, CSRFProtect
from werkzeug.exceptions import HTTPException

from ..errors import RelanceError
from .i18n import gettext as _

__all__ = ["csrf", "init_app"]

csrf = CSRFProtect()
log = logging.getLogger(__name__)

_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "frame-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
    "frame-ancestors 'self'"
)


def init_app(app: Flask) -> None:
    csrf.init_app(app)
    app.before_request(_check_host)
    app.after_request(_headers)
    app.register_error_handler(CSRFError, _csrf_error)
    app.register_error_handler(413, _too_large)
    app.register_error_handler(RelanceError, _relance_error)
    app.register_error_handler(HTTPException, _http_error)


def host_name(host: str) -> str:
    """The name in a Host header, without its port.

    >>> host_name("127.0.0.1:8000"), host_name("[::1]:8000"), host_name("LocalHost")
    ('127.0.0.1', '[::1]', 'localhost')
    """
    host = host.lower()
    if host.startswith("["):
        return host.split("]", 1)[0] + "]"
    return host.rsplit(":", 1)[0]


def _check_host() -> None:
    if host_name(request.host or "") not in current_app.config["RELANCE_ALLOWED_HOSTS"]:
        abort(400, description="this page answers only on the address it was started for")


def _headers(response):
    response.headers.setdefault("Content-Security-Policy", _CSP)
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("Referrer-Policy", "no-referrer")
    response.headers.setdefault("X-Frame-Options", "SAMEORIGIN")
    response.headers.setdefault("Cache-Control", "no-store")
    return response


def error_page(message: str, status: int):
    """One plain line, in a full page or, for htmx, the fragment that replaces a result."""
    template = "web/_error.html" if request.headers.get("HX-Request") else "web/error.html"
    return render_template(template, message=message), status


def _csrf_error(exc: CSRFError):
    return error_page(
        _("This form has expired or did not come from this page: reload the page and try again."),
        400,
    )


def _too_large(exc):
    limit = request.max_content_length or 0
    return error_page(
        _("The file is too large (limit: %(mb)s MB).", mb=limit // (1024 * 1024)), 413
    )


def _relance_error(exc: RelanceError):
    return error_page(str(exc), 422)


def _http_error(exc: HTTPException):
    return error_page(f"{exc.code} {exc.name}: {exc.description}", exc.code or 500)
