"""The local web page: the same library as the CLI, for people who never open a terminal.

A Flask application made by :func:`create_app` (Flask's app-factory pattern, as in its
own tutorial): blueprints per page, Jinja templates, htmx for partial updates (vendored,
no CDN, no JavaScript build). Every page calls the library (intake, workflow, reports,
rendering); nothing here decides a step, computes law or writes to the store directly.

Security for a local tool (see ``security.py``): bound to 127.0.0.1 by default, the Host
header checked against the addresses served (DNS rebinding), CSRF on every form,
a cap on uploads, uploaded files kept under server-made names in a folder of the store.
"""

from __future__ import annotations

import secrets
from pathlib import Path

from flask import Flask

__all__ = ["DEFAULT_UPLOAD_LIMIT", "create_app", "keep_profile"]

DEFAULT_UPLOAD_LIMIT = 20 * 1024 * 1024
"""Bytes a request may carry (a ledger and a profile): 20 MB, far above a real export."""


def create_app(
    db_path: Path | str,
    *,
    upload_limit: int = DEFAULT_UPLOAD_LIMIT,
    allowed_hosts: tuple[str, ...] = ("127.0.0.1", "localhost", "[::1]"),
    secret_key: str | None = None,
    testing: bool = False,
) -> Flask:
    """The application for the store ``db_path`` (created by the first import).

    Args:
        upload_limit: the largest request body accepted, in bytes (413 above).
        allowed_hosts: host names the Host header may carry (any port).
        secret_key: signs the session and CSRF tokens; a new random one by default,
            so a restart invalidates old forms.
        testing: Flask's testing mode (errors propagate to the test client).
    """
    from . import i18n, security
    from .views import debtor, imports, kpi, today

    db_path = Path(db_path).resolve()
    app = Flask(__name__)
    app.config.update(
        SECRET_KEY=secret_key or secrets.token_hex(32),
        MAX_CONTENT_LENGTH=upload_limit,
        MAX_FORM_MEMORY_SIZE=512 * 1024,
        MAX_FORM_PARTS=200,
        RELANCE_DB=db_path,
        RELANCE_FILES=db_path.parent / f"{db_path.stem}.files",
        RELANCE_ALLOWED_HOSTS=tuple(h.lower() for h in allowed_hosts),
        SESSION_COOKIE_SAMESITE="Strict",
        SESSION_COOKIE_HTTPONLY=True,
        TESTING=testing,
        WTF_CSRF_TIME_LIMIT=None,  # a page left open all morning still submits
    )
    security.init_app(app)
    i18n.init_app(app)
    for blueprint in (imports.bp, today.bp, debtor.bp, kpi.bp):
        app.register_blueprint(blueprint)
    app.add_url_rule("/", "home", today.home)
    app.add_url_rule("/lang/<code>", "lang", i18n.switch)
    return app


def keep_profile(app: Flask, profile: Path) -> None:
    """Check ``profile`` and keep a copy beside the store: the page signs with it."""
    from ..intake import load_creditor
    from .uploads import keep_profile_file

    load_creditor(profile)  # one line and nothing copied if it is not usable
    keep_profile_file(profile, app.config["RELANCE_FILES"])
