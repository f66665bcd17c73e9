"""HTML to PDF with WeasyPrint, safely and reproducibly.

WeasyPrint is imported only where a PDF is made (``relance --help`` does not pay for it),
and a machine without its system libraries (Pango, HarfBuzz, fontconfig) gets one line
naming the missing library and the command that installs it, not a traceback.

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
import re
import shutil
from datetime import UTC, date, datetime, time
from functools import cache
from pathlib import Path
from typing import Any

from ..errors import ConfigError

__all__ = [
    "MissingLibrary",
    "drop_state",
    "render_pdf",
    "stylesheet_for",
    "weasyprint",
    "worker_state",
]

INSTALL = (
    "Debian/Ubuntu: sudo apt install libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz0b "
    "fonts-dejavu-core; macOS: brew install pango"
)


class MissingLibrary(ConfigError):
    """WeasyPrint's system libraries are missing: no PDF can be made."""

    message = f"WeasyPrint's system libraries are missing ({INSTALL})"


@cache
def weasyprint():
    """The weasyprint module, or one line naming the missing system library."""
    try:
        import weasyprint as module
    except OSError as exc:  # cffi: "cannot load library 'libpango-1.0-0': ..."
        found = re.search(r"cannot load library '([^']+)'", str(exc))
        library = found.group(1) if found else str(exc).split(":")[0]
        raise MissingLibrary(
            f"PDF output needs the system library {library}, which is not installed "
            f"({INSTALL}); see the README's quick start"
        ) from None
    return module


@cache
def _fetcher_class():
    weasyprint()  # first: one line if a system library is missing
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class _SafeFetcher(URLFetcher):
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

    _SafeFetcher.__name__ = _SafeFetcher.__qualname__ = "SafeFetcher"
    return _SafeFetcher


def __getattr__(name: str):
    # SafeFetcher subclasses WeasyPrint's fetcher: made on first use, like the import.
    if name == "SafeFetcher":
        return _fetcher_class()
    raise AttributeError(name)


def safe_fetcher(roots: tuple[Path, ...]):
    """A :class:`SafeFetcher` for ``roots`` (WeasyPrint is imported here)."""
    return _fetcher_class()(roots)


_STATE: dict[str, Any] = {}
_INHERITED: list[dict[str, Any]] = []


def worker_state() -> dict[str, Any]:
    """This process's font configuration, parsed stylesheets and image cache."""
    weasyprint()
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
        sheets[key] = weasyprint().CSS(
            filename=str(path), font_config=state["fonts"], url_fetcher=safe_fetcher(roots)
        )
    return sheets[key], state["fonts"]


def render_pdf(
    html: str,
    *,
    base_dir: Path,
    roots: tuple[Path, ...],
    stylesheets: tuple[Path, ...],
    as_of: date,
    fetcher=None,
) -> bytes:
    """Render ``html`` (relative URLs resolved against ``base_dir``) to PDF bytes."""
    module = weasyprint()
    stamp = int(datetime.combine(as_of, time(12), tzinfo=UTC).timestamp())
    os.environ["SOURCE_DATE_EPOCH"] = str(stamp)
    fetcher = fetcher or safe_fetcher(roots)
    document = module.HTML(string=html, base_url=base_dir.as_uri() + "/", url_fetcher=fetcher)
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
