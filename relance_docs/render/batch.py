"""Many letters at once: chunked WeasyPrint documents, split per letter, a duplex print file.

Speed (``docs``: perf_baseline.md): rendering one PDF per letter spends most of its time
starting and finishing documents. A batch renders chunks of up to ``chunk`` letters of the
same language as *one* WeasyPrint document, in ``jobs`` worker processes (each with its
own parsed stylesheet, one font configuration and tuned garbage collection), then cuts
each chunk into one PDF per letter (:mod:`relance_docs.render.chunks`).

Files: the per-letter PDFs and ``print.pdf`` are written by a small streaming PDF writer
(:mod:`relance_docs.render.pdfsink`) and the manifest row by row
(:mod:`relance_docs.render.manifest`): memory stays bounded whatever the number of letters,
and the bytes depend only on the inputs.

Warnings: every document carries the warnings that stand for it (the rules layer's and
the document's own, :mod:`relance_docs.render.warnings`); with ``strict``, nothing is
written while one stands.

Nothing half-written: everything goes into a hidden sibling folder
(``.<name>.partial-XXXX``) that becomes ``out_dir`` only once complete; on any error it is
removed.
"""

from __future__ import annotations

import contextlib
import hashlib
import re
import secrets
import shutil
from collections import OrderedDict, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pypdf import PdfReader

from ..errors import RelanceError
from ..text import fold
from .chunks import CHUNKS, Letter, RenderFailed, Task, failure, run_tasks
from .context import DocumentRequest
from .documents import FORMATS
from .env import template_file
from .manifest import write_manifest
from .pdf import weasyprint
from .pdfsink import PdfSink, page_stamp
from .warnings import WarningsStand, document_warnings, refuse_warnings

__all__ = [
    "BatchItem",
    "BatchResult",
    "OutputExists",
    "RenderFailed",
    "WarningsStand",
    "file_stem",
    "render_batch",
    "write_manifest",
]

PRINT_PDF = "print.pdf"


class OutputExists(RelanceError):
    """The output folder exists and is not empty (and replacing it was not asked)."""

    message = "The output folder exists and is not empty."


@dataclass(frozen=True)
class BatchItem:
    request: DocumentRequest
    files: dict[str, Path]  # format -> final path
    pages: int
    sha256: dict[str, str]  # format -> hex digest
    raw: dict = field(default_factory=dict, compare=False)  # the context's "raw" figures
    warnings: tuple[str, ...] = ()
    """One-line warnings that stand for this document: the rules layer's (the claim's
    and its assessment's) and the document's own."""


@dataclass(frozen=True)
class BatchResult:
    items: list[BatchItem]
    print_pdf: Path | None


# --------------------------------------------------------------------------- API


def render_batch(
    requests: Sequence[DocumentRequest],
    out_dir: Path,
    *,
    formats: Iterable[str] = ("pdf",),
    jobs: int = 2,
    user_dir: Path | None = None,
    chunk: int = 25,
    progress: Callable[[int, int], Any] | None = None,
    replace: bool = False,
    held: Iterable[Any] | None = None,
    strict: bool = False,
) -> BatchResult:
    """Render every request into ``out_dir`` (one file per letter and format, print.pdf).

    ``progress(done, total)`` is called as letters complete. With ``held`` (even empty),
    the manifest is written too, inside the folder before it appears. With ``strict``,
    :class:`WarningsStand` is raised before anything is written if a document has a
    warning. Raises :class:`OutputExists` if ``out_dir`` is not empty (unless
    ``replace``) and :class:`RenderFailed` naming the debtor and template of a letter that
    fails.
    """
    formats = tuple(dict.fromkeys(formats))
    unknown = [f for f in formats if f not in FORMATS]
    if unknown or not formats:
        raise RenderFailed(f"unknown output format {', '.join(unknown) or '(none)'}")
    out_dir = Path(out_dir)
    _check_target(out_dir, replace=replace)
    requests = list(requests)
    warnings = [document_warnings(req) for req in requests]
    if strict:
        refuse_warnings(requests, warnings)
    _preflight(requests, user_dir)
    if "pdf" in formats:
        weasyprint()  # one line naming a missing system library, before any work
    stems = _file_stems(requests)
    chunks = _plan(requests, max(1, int(chunk)))
    total = len(requests)

    partial = _sibling(out_dir, "partial")
    try:
        if "pdf" in formats:
            (partial / CHUNKS).mkdir()
        tasks = (
            Task(
                index=n,
                letters=tuple((i, requests[i], stems[i]) for i in positions),
                formats=formats,
                user_dir=user_dir,
                folder=partial,
            )
            for n, positions in enumerate(chunks)
        )
        outs: list[Letter | None] = [None] * total
        if progress:
            progress(0, total)
        done = 0
        with contextlib.closing(run_tasks(tasks, len(chunks), jobs)) as results:
            for letters in results:
                for letter in letters:
                    outs[letter.position] = letter
                done += len(letters)
                if progress:
                    progress(done, total)

        items = []
        for req, stem, out, warned in zip(requests, stems, outs, warnings, strict=True):
            assert out is not None
            files = {fmt: out_dir / f"{stem}.{fmt}" for fmt in formats}
            items.append(BatchItem(req, files, out.pages, dict(out.sha256), out.raw, warned))
        print_pdf = None
        if "pdf" in formats and requests:
            _write_print_pdf(partial, requests, outs)
            shutil.rmtree(partial / CHUNKS)
            print_pdf = out_dir / PRINT_PDF
        elif "pdf" in formats:
            shutil.rmtree(partial / CHUNKS)
        result = BatchResult(items, print_pdf)
        if held is not None:
            write_manifest(result, held, partial)
        _swap_in(partial, out_dir, replace=replace)
    except BaseException:
        shutil.rmtree(partial, ignore_errors=True)
        raise
    return result


# --------------------------------------------------------------------------- planning


def _check_target(out_dir: Path, *, replace: bool) -> None:
    if out_dir.exists() and not out_dir.is_dir():
        raise OutputExists(f"{out_dir} exists and is not a folder")
    if out_dir.is_dir() and any(out_dir.iterdir()):
        if not replace:
            raise OutputExists(
                f"{out_dir} exists and is not empty: choose another folder, or replace it"
            )
        if not (out_dir / "manifest.json").is_file():
            # Only a previous batch is ever replaced, never a folder of other files.
            raise OutputExists(f"{out_dir} does not hold a batch of letters: not replaced")


def _preflight(requests: list[DocumentRequest], user_dir) -> None:
    """Fail before any work when a template is missing (one line, naming a letter)."""
    seen = set()
    for req in requests:
        key = (req.template, req.language)
        if key in seen:
            continue
        seen.add(key)
        try:
            template_file(f"{req.template}.html", req.language, user_dir)
        except RelanceError as exc:
            raise failure(req, exc) from None


_SLUG = re.compile(r"[^a-z0-9]+")
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")
_ID_LIMIT = 40
_LIGATURES = str.maketrans({"œ": "oe", "æ": "ae", "ø": "o", "đ": "d", "ł": "l", "ß": "ss"})


def slug(text: str, limit: int = 48) -> str:
    """``"Mécanique Kœhler & Fils"`` -> ``"mecanique-koehler-fils"``."""
    text = _SLUG.sub("-", fold(text).translate(_LIGATURES)).strip("-")
    return text[:limit].rstrip("-") or "x"


def file_stem(request: DocumentRequest) -> str:
    """The file name (without extension) of one document, as in a batch."""
    return _file_stems([request])[0]


def _file_stems(requests: list[DocumentRequest]) -> list[str]:
    """``<debtor id>-<slug of name>-<template>``, unique (case-insensitively), at most about
    110 characters: a long code is cut and ends with a short hash, so that two codes that
    share their beginning keep different names (a file name has at most 255 bytes)."""
    stems, taken = [], set()
    for req in requests:
        debtor = req.claim.debtor
        ident = _UNSAFE.sub("-", debtor.id).strip("-.") or "debtor"
        if len(ident) > _ID_LIMIT:
            digest = hashlib.sha256(debtor.id.encode("utf-8")).hexdigest()[:8]
            ident = f"{ident[: _ID_LIMIT - 9].rstrip('-.')}-{digest}"
        template = _UNSAFE.sub("-", req.template)[:24]
        stem = f"{ident}-{slug(debtor.name)}-{template}"
        if stem.lower() in taken:  # same debtor and template twice: another currency?
            stem = f"{stem}-{_UNSAFE.sub('-', req.claim.currency.lower())[:8]}"
        base, n = stem, 2
        while stem.lower() in taken:
            stem, n = f"{base}-{n}", n + 1
        taken.add(stem.lower())
        stems.append(stem)
    return stems


def _plan(requests: list[DocumentRequest], chunk: int) -> list[list[int]]:
    """Positions grouped in chunks: one language each, at most ``chunk`` letters, and no
    debtor twice (its anchor must be unique in the document)."""
    by_language: dict[str, list[int]] = defaultdict(list)
    for i, req in enumerate(requests):
        by_language[req.language].append(i)
    chunks: list[list[int]] = []
    for positions in by_language.values():
        current: list[int] = []
        anchors: set[str] = set()
        for i in positions:
            anchor = requests[i].claim.debtor.id
            if len(current) >= chunk or anchor in anchors:
                chunks.append(current)
                current, anchors = [], set()
            current.append(i)
            anchors.add(anchor)
        if current:
            chunks.append(current)
    chunks.sort(key=lambda c: c[0])
    return chunks


# --------------------------------------------------------------------------- print.pdf


def _write_print_pdf(folder: Path, requests: list[DocumentRequest], outs) -> None:
    """All letters in request order, each starting on an odd page, one bookmark each."""
    last_use: dict[str, int] = {}
    for i, out in enumerate(outs):
        last_use[out.chunk_file] = i
    readers: OrderedDict[str, PdfReader] = OrderedDict()
    as_of = max(r.as_of for r in requests)
    stamp = f"D:{as_of:%Y%m%d}120000Z"
    with open(folder / PRINT_PDF, "xb") as fh:
        sink = PdfSink(fh, "%PDF-1.7")
        outline = []
        for i, (req, out) in enumerate(zip(requests, outs, strict=True)):
            key = out.chunk_file
            reader = readers.get(key)
            if reader is None:
                reader = readers[key] = PdfReader(folder / CHUNKS / key)
                if len(readers) > 4:  # languages interleaved: keep a few open
                    readers.popitem(last=False)
            readers.move_to_end(key)
            first = None
            for n, p in enumerate(range(out.first_page, out.first_page + out.pages), 1):
                page = reader.pages[p]
                stamp_n = page_stamp(n, out.pages, page.mediabox) if out.pages > 1 else None
                page_id = sink.add_page(key, reader, page, stamp_n)
                first = first or page_id
            debtor = req.claim.debtor
            outline.append((f"{debtor.id} {debtor.name} ({req.template})", first))
            if out.pages % 2 and i < len(outs) - 1:
                sink.add_blank(reader.pages[out.first_page + out.pages - 1].mediabox)
            if last_use[key] == i:
                sink.forget(key)
                readers.pop(key, None)
        sink.close(
            {
                "/Title": f"relance-docs: {len(outs)} letters for printing",
                "/Creator": "relance-docs",
                "/Producer": "relance-docs (WeasyPrint, pypdf)",
                "/CreationDate": stamp,
                "/ModDate": stamp,
            },
            lang=requests[0].language,
            outline=outline,
        )


# --------------------------------------------------------------------------- folders


def _swap_in(partial: Path, out_dir: Path, *, replace: bool) -> None:
    """Make ``partial`` be ``out_dir``; an old non-empty ``out_dir`` only if ``replace``."""
    if out_dir.is_dir() and not any(out_dir.iterdir()):
        out_dir.rmdir()
    if not out_dir.exists():
        partial.rename(out_dir)
        return
    if not replace:
        raise OutputExists(f"{out_dir} appeared while the letters were rendered; not replaced")
    old = _sibling(out_dir, "old")
    old.rmdir()
    out_dir.rename(old)
    try:
        partial.rename(out_dir)
    except BaseException:
        old.rename(out_dir)
        raise
    shutil.rmtree(old, ignore_errors=True)


def _sibling(out_dir: Path, kind: str) -> Path:
    """A new hidden folder next to ``out_dir`` (mode from the umask, unlike mkdtemp)."""
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    for _ in range(100):
        path = out_dir.parent / f".{out_dir.name}.{kind}-{secrets.token_hex(4)}"
        try:
            path.mkdir()
        except FileExistsError:
            continue
        return path
    raise FileExistsError(f"no free temporary folder name next to {out_dir}")  # pragma: no cover
