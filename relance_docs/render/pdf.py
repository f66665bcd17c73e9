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

import os
from datetime import UTC, date, datetime, time
from functools import cache
from pathlib import Path

from weasyprint import CSS, HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

from ..resources import templates_dir

__all__ = ["SafeFetcher", "render_pdf", "stylesheet"]


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


@cache
def stylesheet(path: Path) -> CSS:
    """One parsed CSS per stylesheet file and process (perf_baseline.md: shared CSS)."""
    return CSS(filename=str(path), url_fetcher=SafeFetcher((templates_dir(),)))


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
    return document.write_pdf(
        stylesheets=[stylesheet(s) for s in stylesheets],
        pdf_identifier=b"relance-docs",
    )
