"""One document: context -> HTML fragment -> PDF, and its Word twin from the same HTML.

A letter template renders a ``<section class="letter">`` fragment; ``_document.html``
wraps one or more fragments into a page, so that a batch can put many letters into one
PDF (see :mod:`relance_docs.render.batch`) with exactly the same markup as a single one.
The DOCX is built from the same fragment (:mod:`relance_docs.render.docx`): one wording
source per document.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

from markupsafe import Markup

from .context import DocumentRequest, build_context
from .docx import DocxInfo, html_to_docx
from .env import get_template, search_path, template_file

__all__ = [
    "FORMATS",
    "Rendered",
    "docx_info",
    "letter_info",
    "render_document",
    "render_fragment",
    "wrap_fragments",
]

FORMATS = ("pdf", "docx")


@dataclass(frozen=True)
class Rendered:
    request: DocumentRequest
    context: dict
    files: dict[str, bytes]  # format -> bytes
    refused_urls: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()


def render_fragment(request: DocumentRequest, user_dir: Path | None = None) -> tuple[str, dict]:
    context = build_context(request)
    html = get_template(f"{request.template}.html", request.language, user_dir).render(context)
    return html, context


def wrap_fragments(
    fragments: list[str], language: str, title: str, author: str, created: str,
    user_dir: Path | None = None, draft: str | None = None,
) -> str:  # fmt: skip
    """The page around rendered fragments; ``draft`` ("PROJET", "DRAFT") marks every page."""
    # The fragments are rendered templates, escaped already: mark them safe, once.
    return get_template("_document.html", language, user_dir).render(
        fragments=[Markup(f) for f in fragments],  # noqa: S704 - our own escaped output
        lang=language,
        title=title,
        author=author,
        created=created,
        draft=draft,
    )


def pdf_settings(request: DocumentRequest, user_dir: Path | None = None):
    """The folders the fetcher may read and the stylesheet, for this request."""
    return folders_for(request.language, request.creditor.logo, user_dir)


def folders_for(language: str, logo: Path | None, user_dir: Path | None = None):
    """(roots the fetcher may read, stylesheets, base folder) for a language and a logo."""
    roots = search_path(language, user_dir)
    if logo:
        roots = (*roots, logo)
    css = template_file("print.css", language, user_dir)
    return roots, (css,), css.parent


def letter_info(request: DocumentRequest) -> dict[str, str]:
    """The PDF document information of a letter: its title, the creditor, its date."""
    stamp = f"D:{request.as_of:%Y%m%d}120000Z"
    return {
        "/Title": f"{request.template} {request.claim.debtor.name}",
        "/Author": request.creditor.name,
        "/Creator": "relance-docs",
        "/Producer": "relance-docs (WeasyPrint, pypdf)",
        "/CreationDate": stamp,
        "/ModDate": stamp,
    }


def docx_info(request: DocumentRequest) -> DocxInfo:
    """The DOCX properties of a letter: the same title, author and date as its PDF."""
    debtor = request.claim.debtor
    return DocxInfo(
        title=f"{request.template} {debtor.name}",
        author=request.creditor.name,
        day=request.as_of,
        language=request.language,
        subject=f"{debtor.id} {debtor.name}",
    )


def render_document(
    request: DocumentRequest,
    formats: tuple[str, ...] = ("pdf",),
    user_dir: Path | None = None,
) -> Rendered:
    """Render one document in each of ``formats``."""
    from pypdf import PdfReader

    from .pdf import render_pdf, safe_fetcher
    from .pdfsink import cut_pages
    from .warnings import document_warnings

    files: dict[str, bytes] = {}
    fragment, context = render_fragment(request, user_dir)
    refused: tuple[str, ...] = ()
    if "pdf" in formats:
        html = wrap_fragments(
            [fragment],
            request.language,
            title=f"{request.template} {request.claim.debtor.name}",
            author=request.creditor.name,
            created=request.as_of.isoformat(),
            user_dir=user_dir,
        )
        roots, css, base = pdf_settings(request, user_dir)
        fetcher = safe_fetcher(roots)
        pdf = render_pdf(
            html, base_dir=base, roots=roots, stylesheets=css, as_of=request.as_of,
            fetcher=fetcher,
        )  # fmt: skip
        reader = PdfReader(io.BytesIO(pdf))
        # The same cut as in a batch: the letter's information, "Page n / N" if it runs over.
        files["pdf"] = cut_pages(
            reader, 0, len(reader.pages), letter_info(request), request.language
        )
        refused = tuple(fetcher.refused)
    if "docx" in formats:
        files["docx"] = html_to_docx(fragment, docx_info(request))
    return Rendered(request, context, files, refused, document_warnings(request))
