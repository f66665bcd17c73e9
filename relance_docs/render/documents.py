"""One document: context -> HTML fragment -> PDF, and the DOCX twin.

A letter template renders a ``<section class="letter">`` fragment; ``_document.html``
wraps one or more fragments into a page, so that a batch can put many letters into one
PDF (see :mod:`relance_docs.render.batch`) with exactly the same markup as a single one.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from markupsafe import Markup

from .context import DocumentRequest, build_context
from .docx import render_docx
from .env import environment, get_template, search_path, template_file
from .pdf import SafeFetcher, render_pdf

__all__ = ["FORMATS", "Rendered", "render_document", "render_fragment", "wrap_fragments"]

FORMATS = ("pdf", "docx")


@dataclass(frozen=True)
class Rendered:
    request: DocumentRequest
    context: dict
    files: dict[str, bytes]  # format -> bytes
    refused_urls: tuple[str, ...] = ()


def render_fragment(request: DocumentRequest, user_dir: Path | None = None) -> tuple[str, dict]:
    context = build_context(request)
    html = get_template(f"{request.template}.html", request.language, user_dir).render(context)
    return html, context


def wrap_fragments(
    fragments: list[str], language: str, title: str, author: str, created: str,
    user_dir: Path | None = None,
) -> str:  # fmt: skip
    # The fragments are rendered templates, escaped already: mark them safe, once.
    return get_template("_document.html", language, user_dir).render(
        fragments=[Markup(f) for f in fragments],  # noqa: S704 - our own escaped output
        lang=language,
        title=title,
        author=author,
        created=created,
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


def render_document(
    request: DocumentRequest,
    formats: tuple[str, ...] = ("pdf",),
    user_dir: Path | None = None,
) -> Rendered:
    """Render one document in each of ``formats``."""
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
        fetcher = SafeFetcher(roots)
        files["pdf"] = render_pdf(
            html, base_dir=base, roots=roots, stylesheets=css, as_of=request.as_of,
            fetcher=fetcher,
        )  # fmt: skip
        refused = tuple(fetcher.refused)
    if "docx" in formats:
        source = template_file(f"{request.template}.docx", request.language, user_dir)
        env = environment(request.language, user_dir)
        files["docx"] = render_docx(source, context, env, request.as_of)
    return Rendered(request, context, files, refused)
