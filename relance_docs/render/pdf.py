"""HTML to PDF with WeasyPrint, safely and reproducibly.

Safety: the URL fetcher reads only files inside the allowed folders (the template folders
and the creditor's logo); anything else (another local file, the network, a data: URL in a
name) is refused and recorded. Customer data is escaped by the templates anyway; the
fetcher is the second lock.

Reproducibility: the same HTML gives the same bytes. The PDF identifier is fixed, the
document's dates come from the letter's date, and font subsetting uses a fixed timestamp
(fontTools reads ``SOURCE_DATE_EPOCH``).
"""

from __future__ import annotations

import atexit
import contextlib
import os
import shutil
from datetime import UTC, date, datetime, time
from pathlib import Path
from typing import Any

from weasyprint import CSS, HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

__all__ = ["SafeFetcher", "drop_state", "render_pdf", "stylesheet_for", "worker_state"]


class SafeFetcher(URLFetcher):
    """A fetcher limited to ``file:`` URLs inside ``roots``; refusals are kept."""

    def __init__(self, roots: tuple[Path, ...]) -> None:
        super().__init__(allowed_protocols=("file",))
        self.roots = tuple(r.resolve() for r in roots)
        self.refused: list[str] = []

    def fetch(self, url: str, headers=None):
        if url.startswith("file://"):
            path = Path(url.removeprefix("file://").split("?")[0].split("#")[0])
            try:
                real = path.resolve(strict=True)
            except (OSError, RuntimeError):
                real = None
            if real is not None and any(real == r or r in real.parents for r in self.roots):
                return URLFetcherResponse(url, body=real.read_bytes())
        self.refused.append(url)
        raise ValueError(f"relance does not fetch {url[:80]}")


_STATE: dict[str, Any] = {}
_INHERITED: list[dict[str, Any]] = []


def worker_state() -> dict[str, Any]:
    """This process's font configuration, parsed stylesheets and image cache."""
    from weasyprint.text.fonts import FontConfiguration

    if _STATE.get("pid") != os.getpid():
        if _STATE:
            # Forked from a process that rendered: its FontConfiguration deletes its font
            # folder when collected, and that folder is the parent's. Keep it, disarmed.
            inherited = dict(_STATE)
            with contextlib.suppress(AttributeError):
                inherited["fonts"]._folder = None
            _INHERITED.append(inherited)
            _STATE.clear()
        else:
            atexit.register(drop_state)
        # images: WeasyPrint's cache of decoded images (a creditor's logo)
        _STATE.update(pid=os.getpid(), fonts=FontConfiguration(), sheets={}, images={})
    return _STATE


def drop_state() -> None:
    """Remove this process's temporary font folder (workers end with os._exit)."""
    if _STATE.get("pid") == os.getpid():
        folder = getattr(_STATE["fonts"], "_folder", None)
        if folder:
            shutil.rmtree(folder, ignore_errors=True)
            _STATE["fonts"]._folder = None
        _STATE.clear()


def stylesheet_for(path: Path, roots: tuple[Path, ...]):
    """One parsed CSS per stylesheet and process, with the process's font configuration
    (without one, WeasyPrint ignores @font-face and embeds a system font: 3x slower)."""

    state = worker_state()
    sheets = state["sheets"]
    key = (path, roots)
    if key not in sheets:
        sheets[key] = CSS(
            filename=str(path), font_config=state["fonts"], url_fetcher=SafeFetcher(roots)
        )
    return sheets[key], state["fonts"]


def render_pdf(
    html: str,
    *,
    base_dir: Path,
    roots: tuple[Path, ...],
    stylesheets: tuple[Path, ...],
    as_of: date,
    fetcher: SafeFetcher | None = None,
) -> bytes:
    """Render ``html`` (relative URLs resolved against ``base_dir``) to PDF bytes."""
    stamp = int(datetime.combine(as_of, time(12), tzinfo=UTC).timestamp())
    os.environ["SOURCE_DATE_EPOCH"] = str(stamp)
    fetcher = fetcher or SafeFetcher(roots)
    document = HTML(string=html, base_url=base_dir.as_uri() + "/", url_fetcher=fetcher)
    sheets = []
    fonts = None
    for path in stylesheets:
        sheet, fonts = stylesheet_for(path, roots)
        sheets.append(sheet)
    return document.write_pdf(
        stylesheets=sheets,
        font_config=fonts,
        pdf_identifier=b"relance-docs",
        cache=worker_state()["images"],
    )
