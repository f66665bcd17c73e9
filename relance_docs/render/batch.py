"""Many letters at once: chunked WeasyPrint documents, split per letter, a duplex print file.

Speed (``docs``: perf_baseline.md): rendering one PDF per letter spends most of its time
starting and finishing documents. A batch renders chunks of up to ``chunk`` letters of the
same language as *one* WeasyPrint document, in ``jobs`` worker processes (each with its
own parsed stylesheet, one font configuration and tuned garbage collection), then cuts
each chunk into one PDF per letter. A letter's first page is the first page on which the
anchor ``letter-<debtor id>`` of its ``<section>`` appears (a letter may run over several
pages; the anchor is then listed on each of them).

Files: the per-letter PDFs and ``print.pdf`` are written by a small streaming PDF writer
(:class:`_PdfSink`) that copies the objects of the chunk PDFs to disk as it goes: memory
stays bounded whatever the number of letters, and the bytes depend only on the inputs
(the file identifier is a hash of the content; no clock is read).

Nothing half-written: everything goes into a hidden sibling folder
(``.<name>.partial-XXXX``) that becomes ``out_dir`` only once complete; on any error it is
removed.
"""

from __future__ import annotations

import contextlib
import csv
import gc
import hashlib
import io
import itertools
import json
import multiprocessing
import multiprocessing.util
import os
import re
import secrets
import shutil
import threading
from array import array
from collections import OrderedDict, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from datetime import UTC, datetime, time
from pathlib import Path
from typing import IO, Any

from pypdf import PdfReader
from pypdf.generic import (
    ArrayObject,
    DictionaryObject,
    IndirectObject,
    NameObject,
    StreamObject,
    TextStringObject,
)

from ..errors import RelanceError
from ..text import fold
from .context import DocumentRequest
from .documents import FORMATS, render_fragment, wrap_fragments
from .docx import render_docx
from .env import environment, search_path, template_file
from .pdf import drop_state, stylesheet_for, worker_state

__all__ = [
    "BatchItem",
    "BatchResult",
    "OutputExists",
    "RenderFailed",
    "render_batch",
    "write_manifest",
]

PRINT_PDF = "print.pdf"
_CHUNKS = ".chunks"
# Garbage collection in a worker: everything imported and parsed before the first chunk
# is frozen (never scanned again), and the young generation is collected less often.
# Measured here (Python 3.11, 200 letters): within noise of the defaults for speed, and
# peak memory stays about 200 MB a worker; the chunk size is what bounds memory.
_GC_THRESHOLDS = (10_000, 10, 10)


class OutputExists(RelanceError):
    """The output folder exists and is not empty (and replacing it was not asked)."""

    message = "The output folder exists and is not empty."


class RenderFailed(RelanceError):
    """A letter of the batch could not be rendered; nothing was written."""

    message = "A letter could not be rendered; nothing was written."


@dataclass(frozen=True)
class BatchItem:
    request: DocumentRequest
    files: dict[str, Path]  # format -> final path
    pages: int
    sha256: dict[str, str]  # format -> hex digest
    raw: dict = field(default_factory=dict, compare=False)  # the context's "raw" figures


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
) -> BatchResult:
    """Render every request into ``out_dir`` (one file per letter and format, print.pdf).

    ``progress(done, total)`` is called as letters complete. With ``held`` (even empty),
    the manifest is written too, inside the folder before it appears. Raises
    :class:`OutputExists` if ``out_dir`` is not empty (unless ``replace``) and
    :class:`RenderFailed` naming the debtor and template of a letter that fails.
    """
    formats = tuple(dict.fromkeys(formats))
    unknown = [f for f in formats if f not in FORMATS]
    if unknown or not formats:
        raise RenderFailed(f"unknown output format {', '.join(unknown) or '(none)'}")
    out_dir = Path(out_dir)
    _check_target(out_dir, replace=replace)
    requests = list(requests)
    _preflight(requests, formats, user_dir)
    stems = _file_stems(requests)
    chunks = _plan(requests, max(1, int(chunk)))
    total = len(requests)

    partial = _sibling(out_dir, "partial")
    try:
        if "pdf" in formats:
            (partial / _CHUNKS).mkdir()
        tasks = [
            _Task(
                index=n,
                letters=tuple((i, requests[i], stems[i]) for i in positions),
                formats=formats,
                user_dir=user_dir,
                folder=partial,
            )
            for n, positions in enumerate(chunks)
        ]
        outs: list[_Letter | None] = [None] * total
        if progress:
            progress(0, total)
        done = 0
        with contextlib.closing(_run(tasks, jobs)) as results:
            for letters in results:
                for letter in letters:
                    outs[letter.position] = letter
                done += len(letters)
                if progress:
                    progress(done, total)

        items = []
        for req, stem, out in zip(requests, stems, outs, strict=True):
            assert out is not None
            files = {fmt: out_dir / f"{stem}.{fmt}" for fmt in formats}
            items.append(BatchItem(req, files, out.pages, dict(out.sha256), out.raw))
        print_pdf = None
        if "pdf" in formats and requests:
            _write_print_pdf(partial, requests, outs)
            shutil.rmtree(partial / _CHUNKS)
            print_pdf = out_dir / PRINT_PDF
        elif "pdf" in formats:
            shutil.rmtree(partial / _CHUNKS)
        result = BatchResult(items, print_pdf)
        if held is not None:
            write_manifest(result, held, partial)
        _swap_in(partial, out_dir, replace=replace)
    except BaseException:
        shutil.rmtree(partial, ignore_errors=True)
        raise
    return result


def write_manifest(result: BatchResult, held: Iterable[Any], out_dir: Path) -> tuple[Path, Path]:
    """Write ``manifest.json`` and ``manifest.csv`` (one row per letter, then the held)."""
    out_dir = Path(out_dir)
    fmts = [f for f in FORMATS if any(f in item.files for item in result.items)]
    letters = []
    for item in result.items:
        req = item.request
        debtor = req.claim.debtor
        raw = item.raw
        letters.append(
            {
                "debtor_id": debtor.id,
                "debtor_name": debtor.name,
                "template": req.template,
                "channel": req.channel,
                "language": req.language,
                "currency": req.claim.currency,
                "principal": _amount(raw.get("principal")),
                "interest": _amount(raw.get("interest")),
                "fixed": _amount(raw.get("fixed")),
                "total": _amount(raw.get("total")),
                "pages": item.pages,
                "files": {fmt: path.name for fmt, path in item.files.items()},
                "sha256": dict(item.sha256),
            }
        )
    held_rows = [_held(h) for h in held]
    document = {"letters": letters, "held": held_rows}
    if result.print_pdf is not None:
        document["print"] = {
            "file": result.print_pdf.name,
            "pages": _print_pages(result.items),
        }
    json_path = out_dir / "manifest.json"
    _atomic_write(
        json_path,
        (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8"),
    )

    columns = ["status", "debtor_id", "debtor_name", "template", "channel", "language",
               "currency", "principal", "interest", "fixed", "total", "pages"]  # fmt: skip
    for fmt in fmts:
        columns += [fmt, f"{fmt}_sha256"]
    columns.append("reason")
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, columns, lineterminator="\n")
    writer.writeheader()
    for row in letters:
        flat = {k: v for k, v in row.items() if k in columns}
        flat["status"] = "written"
        for fmt in fmts:
            flat[fmt] = row["files"].get(fmt, "")
            flat[f"{fmt}_sha256"] = row["sha256"].get(fmt, "")
        writer.writerow(flat)
    for row in held_rows:
        writer.writerow({"status": "held", "debtor_id": row["debtor"], "reason": row["reason"]})
    csv_path = out_dir / "manifest.csv"
    _atomic_write(csv_path, buffer.getvalue().encode("utf-8"))
    return json_path, csv_path


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


def _preflight(requests: list[DocumentRequest], formats: tuple[str, ...], user_dir) -> None:
    """Fail before any work when a template is missing (one line, naming a letter)."""
    seen = set()
    for req in requests:
        key = (req.template, req.language)
        if key in seen:
            continue
        seen.add(key)
        try:
            template_file(f"{req.template}.html", req.language, user_dir)
            if "docx" in formats:
                template_file(f"{req.template}.docx", req.language, user_dir)
        except RelanceError as exc:
            raise _failure(req, exc) from None


_SLUG = re.compile(r"[^a-z0-9]+")
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")
_LIGATURES = str.maketrans({"œ": "oe", "æ": "ae", "ø": "o", "đ": "d", "ł": "l", "ß": "ss"})


def slug(text: str, limit: int = 48) -> str:
    """``"Mécanique Kœhler & Fils"`` -> ``"mecanique-koehler-fils"``."""
    text = _SLUG.sub("-", fold(text).translate(_LIGATURES)).strip("-")
    return text[:limit].rstrip("-") or "x"


def file_stem(request: DocumentRequest) -> str:
    """The file name (without extension) of one document, as in a batch."""
    return _file_stems([request])[0]


def _file_stems(requests: list[DocumentRequest]) -> list[str]:
    """``<debtor id>-<slug of name>-<template>``, unique (case-insensitively)."""
    stems, taken = [], set()
    for req in requests:
        debtor = req.claim.debtor
        ident = _UNSAFE.sub("-", debtor.id).strip("-.") or "debtor"
        stem = f"{ident}-{slug(debtor.name)}-{req.template}"
        if stem.lower() in taken:  # same debtor and template twice: another currency?
            stem = f"{stem}-{req.claim.currency.lower()}"
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


# --------------------------------------------------------------------------- workers


@dataclass(frozen=True)
class _Task:
    index: int
    letters: tuple[tuple[int, DocumentRequest, str], ...]  # (position, request, stem)
    formats: tuple[str, ...]
    user_dir: Path | None
    folder: Path
    suffix: str = ""

    @property
    def chunk_file(self) -> Path:
        return self.folder / _CHUNKS / f"chunk-{self.index:06d}{self.suffix}.pdf"


@dataclass(frozen=True)
class _Letter:
    position: int
    pages: int
    sha256: tuple[tuple[str, str], ...]
    raw: dict
    chunk_file: str | None = None
    first_page: int = 0  # in the chunk file


def _run(tasks: list[_Task], jobs: int):
    """Yield each task's letters as it completes (in-process when one job is enough)."""
    if jobs <= 1 or len(tasks) <= 1:
        with _tuned_gc():
            for task in tasks:
                yield _render_task(task)
        return
    pool = ProcessPoolExecutor(
        max_workers=min(jobs, len(tasks)), mp_context=_mp_context(), initializer=_worker_init
    )
    pending: dict = {}
    queue = iter(tasks)
    try:
        # At most two tasks per worker in flight: results are small, but tasks carry
        # their requests; do not pickle the whole batch up front.
        for task in queue:
            pending[pool.submit(_render_task, task)] = task
            if len(pending) >= 2 * jobs:
                break
        while pending:
            done, _ = wait(pending, return_when=FIRST_COMPLETED)
            for future in done:
                task = pending.pop(future)
                try:
                    letters = future.result()
                except BrokenProcessPool:
                    req = task.letters[0][1]
                    raise RenderFailed(
                        f"a worker process stopped (out of memory?) while rendering the "
                        f"letters from {req.claim.debtor.id} ({req.template})"
                    ) from None
                yield letters
                nxt = next(queue, None)
                if nxt is not None:
                    pending[pool.submit(_render_task, nxt)] = nxt
    finally:
        # On error: cancel what has not started and wait for the running chunks, so that
        # no worker writes into the folder after it is removed.
        pool.shutdown(wait=True, cancel_futures=True)


def _mp_context():
    """fork (workers start at once, sharing what is loaded) unless another thread runs
    (a progress bar's refresh thread: forking it may deadlock); then a fork server that
    has imported this module, or spawn."""
    methods = multiprocessing.get_all_start_methods()
    if "fork" in methods and threading.active_count() == 1:
        return multiprocessing.get_context("fork")
    if "forkserver" in methods:
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload([__name__])
        return context
    return multiprocessing.get_context("spawn")


def _worker_init() -> None:
    # Run at the worker's end (multiprocessing calls its finalizers before os._exit).
    multiprocessing.util.Finalize(None, drop_state, exitpriority=10)
    gc.collect()
    gc.freeze()  # the modules and templates: never garbage, never scanned again
    gc.set_threshold(*_GC_THRESHOLDS)


@contextlib.contextmanager
def _tuned_gc():
    """The workers' GC settings, in this process for a while (restored after)."""
    before = gc.get_threshold()
    freeze = gc.get_freeze_count() == 0  # the caller's own freeze is left alone
    if freeze:
        gc.collect()
        gc.freeze()
    gc.set_threshold(*_GC_THRESHOLDS)
    try:
        yield
    finally:
        gc.set_threshold(*before)
        if freeze:
            gc.unfreeze()


def _render_task(task: _Task) -> list[_Letter]:
    """Render one chunk; every failure becomes a one-line, picklable RenderFailed."""
    try:
        return _render_chunk(task)
    except RenderFailed:
        raise
    except Exception as exc:
        req = task.letters[0][1]
        raise _failure(req, exc) from None


def _render_chunk(task: _Task) -> list[_Letter]:
    fragments, raws, digests = [], [], []
    for _, req, stem in task.letters:
        try:
            fragment, context = render_fragment(req, task.user_dir)
            digest = {}
            if "docx" in task.formats:
                source = template_file(f"{req.template}.docx", req.language, task.user_dir)
                env = environment(req.language, task.user_dir)
                data = render_docx(source, context, env, req.as_of)
                digest["docx"] = _write_file(task.folder / f"{stem}.docx", data)
        except Exception as exc:
            raise _failure(req, exc) from None
        fragments.append(fragment)
        raws.append(context.get("raw", {}))
        digests.append(digest)
    if "pdf" in task.formats:
        placed = _pdf_letters(task, fragments)
    else:
        placed = [(0, "", None, 0)] * len(fragments)
    letters = []
    for n, (position, _, _) in enumerate(task.letters):
        pages, sha, name, first = placed[n]
        digest = {**digests[n], **({"pdf": sha} if sha else {})}
        sha256 = tuple(sorted(digest.items()))
        letters.append(_Letter(position, pages, sha256, raws[n], name, first))
    return letters


def _pdf_letters(task: _Task, fragments: list[str]) -> list[tuple[int, str, str, int]]:
    """Render the chunk, save it, cut it: per letter (pages, sha256, chunk file, first page)."""
    try:
        pdf, starts = _render_pdf(task, fragments)
    except Exception as exc:
        if len(task.letters) == 1:
            raise _failure(task.letters[0][1], exc) from None
        _isolate(task, exc)  # raises, naming the letter that fails on its own
        raise
    if starts is None:  # a template without the letter's anchor: one letter at a time
        return [
            placed
            for i, item in enumerate(task.letters)
            for placed in _pdf_letters(_single(task, i, item), [fragments[i]])
        ]
    task.chunk_file.write_bytes(pdf)
    reader = PdfReader(io.BytesIO(pdf))
    ends = [*starts[1:], len(reader.pages)]
    out = []
    for n, (_, req, stem) in enumerate(task.letters):
        buffer = io.BytesIO()
        sink = _PdfSink(buffer, reader.pdf_header)
        for p in range(starts[n], ends[n]):
            sink.add_page(0, reader, reader.pages[p])
        sink.close(_letter_info(req), lang=req.language)
        sha = _write_file(task.folder / f"{stem}.pdf", buffer.getvalue())
        out.append((ends[n] - starts[n], sha, task.chunk_file.name, starts[n]))
    return out


def _single(task: _Task, i: int, item) -> _Task:
    return _Task(task.index, (item,), task.formats, task.user_dir, task.folder, f"-{i:04d}")


def _isolate(task: _Task, exc: Exception) -> None:
    """A chunk failed: find the letter that fails alone and name it."""
    for i, item in enumerate(task.letters):
        _, req, _ = item
        try:
            fragment, _ = render_fragment(req, task.user_dir)
            _render_pdf(_single(task, i, item), [fragment])
        except Exception as alone:
            raise _failure(req, alone) from None
    first, last = task.letters[0][1], task.letters[-1][1]
    raise RenderFailed(
        f"the letters {first.claim.debtor.id} to {last.claim.debtor.id} ({first.template}) "
        f"render alone but not together: {_one_line(exc)}"
    ) from None


def _render_pdf(task: _Task, fragments: list[str]) -> tuple[bytes, list[int] | None]:
    """One WeasyPrint document for the chunk; its bytes and each letter's first page."""
    from weasyprint import HTML

    from .documents import pdf_settings
    from .pdf import SafeFetcher

    first = task.letters[0][1]
    roots: dict[Path, None] = {}
    for _, req, _ in task.letters:
        req_roots, (css,), base = pdf_settings(req, task.user_dir)
        roots.update(dict.fromkeys(req_roots))
    roots_t = tuple(roots)
    sheet, fonts = stylesheet_for(css, tuple(search_path(first.language, task.user_dir)))
    html = wrap_fragments(
        fragments,
        first.language,
        title=f"{first.template} ({len(fragments)})",
        author=first.creditor.name,
        created=first.as_of.isoformat(),
        user_dir=task.user_dir,
    )
    # Fonts are subset with this fixed timestamp (fontTools reads it): same bytes each run.
    stamp = datetime.combine(first.as_of, time(12), tzinfo=UTC).timestamp()
    os.environ["SOURCE_DATE_EPOCH"] = str(int(stamp))
    document = HTML(
        string=html, base_url=base.as_uri() + "/", url_fetcher=SafeFetcher(roots_t)
    ).render(stylesheets=[sheet], font_config=fonts, cache=worker_state()["images"])
    seen: dict[str, int] = {}
    for number, page in enumerate(document.pages):
        for anchor in page.anchors:
            seen.setdefault(anchor, number)  # a long letter lists its anchor on each page
    starts = [seen.get(f"letter-{req.claim.debtor.id}") for _, req, _ in task.letters]
    if len(starts) == 1:
        starts = [0]  # one letter: all the pages are its own, anchor or not
    ok = (
        all(s is not None for s in starts)
        and starts[0] == 0
        and all(a < b for a, b in itertools.pairwise(starts))
    )
    pdf = document.write_pdf(pdf_identifier=b"relance-docs")
    del document
    return pdf, starts if ok else None  # type: ignore[return-value]


def _failure(req: DocumentRequest, exc: BaseException) -> RenderFailed:
    debtor = req.claim.debtor
    return RenderFailed(f"{debtor.id} {debtor.name} ({req.template}): {_one_line(exc)}")


def _one_line(exc: BaseException) -> str:
    text = " ".join(str(exc).split())
    if not isinstance(exc, RelanceError):
        text = f"{type(exc).__name__}: {text}" if text else type(exc).__name__
    return text if len(text) <= 240 else text[:237] + "..."


def _write_file(path: Path, data: bytes) -> str:
    with open(path, "xb") as fh:
        fh.write(data)
    return hashlib.sha256(data).hexdigest()


def _letter_info(req: DocumentRequest) -> dict[str, str]:
    stamp = f"D:{req.as_of:%Y%m%d}120000Z"
    return {
        "/Title": f"{req.template} {req.claim.debtor.name}",
        "/Author": req.creditor.name,
        "/Creator": "relance-docs",
        "/Producer": "relance-docs (WeasyPrint, pypdf)",
        "/CreationDate": stamp,
        "/ModDate": stamp,
    }


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
        sink = _PdfSink(fh, "%PDF-1.7")
        outline = []
        for i, (req, out) in enumerate(zip(requests, outs, strict=True)):
            key = out.chunk_file
            reader = readers.get(key)
            if reader is None:
                reader = readers[key] = PdfReader(folder / _CHUNKS / key)
                if len(readers) > 4:  # languages interleaved: keep a few open
                    readers.popitem(last=False)
            readers.move_to_end(key)
            first = None
            for p in range(out.first_page, out.first_page + out.pages):
                page_id = sink.add_page(key, reader, reader.pages[p])
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


def _print_pages(items: list[BatchItem]) -> int:
    total = 0
    for n, item in enumerate(items):
        total += item.pages + (item.pages % 2 if n < len(items) - 1 else 0)
    return total


class _PdfSink:
    """A minimal PDF writer that streams copied pages to a file.

    Objects of a source PDF (a chunk) are renumbered and written as soon as they are
    reached, each once per source (the fonts of a chunk are shared by its letters); only
    their offsets stay in memory. Pages are hung under the root page-tree node, then under
    intermediate nodes of 256 pages. References to a page not copied (a link to another
    letter) become null. The /ID is a hash of the content: same content, same bytes.
    """

    GROUP = 256

    def __init__(self, fh: IO[bytes], header: str) -> None:
        self.fh = fh
        self.hash = hashlib.sha256()
        self.offsets = array("q", [0])  # object number -> offset (0: free/reserved)
        self.position = 0
        self.remap: dict[Any, dict[int, int]] = {}
        self.root_pages = self._reserve()
        self.root_kids: list[int] = []
        self.groups: list[tuple[int, list[int]]] = []
        self.count = 0
        self._write(header.encode("ascii") + b"\n%\xe2\xe3\xcf\xd3\n")

    # ---- low level
    def _write(self, data: bytes) -> None:
        self.fh.write(data)
        self.hash.update(data)
        self.position += len(data)

    def _reserve(self) -> int:
        self.offsets.append(0)
        return len(self.offsets) - 1

    def _object(self, number: int, body: bytes) -> None:
        self.offsets[number] = self.position
        self._write(b"%d 0 obj\n" % number + body + b"\nendobj\n")

    # ---- pages
    def _parent(self) -> int:
        n = self.count
        if n < self.GROUP:
            return self.root_pages
        if (n - self.GROUP) % self.GROUP == 0:
            group = self._reserve()
            self.groups.append((group, []))
            self.root_kids.append(group)
        return self.groups[-1][0]

    def _hang(self, parent: int, page: int) -> None:
        if parent == self.root_pages:
            self.root_kids.append(page)
        else:
            self.groups[-1][1].append(page)
        self.count += 1

    def add_page(self, source: Any, reader: PdfReader, page: DictionaryObject) -> int:
        remap = self.remap.setdefault(source, {})
        ref = page.indirect_reference
        number = remap.get(ref.idnum) if ref is not None else None
        if number is None:
            number = self._reserve()
            if ref is not None:
                remap[ref.idnum] = number
        parent = self._parent()
        queue: list[tuple[int, Any]] = []
        body = io.BytesIO()
        body.write(b"<</Parent %d 0 R" % parent)
        for key, value in page.items():
            if key == "/Parent":
                continue
            body.write(b"\n")
            NameObject(key).write_to_stream(body)
            body.write(b" ")
            self._dump(value, body, reader, remap, queue)
        body.write(b">>")
        self._object(number, body.getvalue())
        self._hang(parent, number)
        while queue:
            target, obj = queue.pop()
            out = io.BytesIO()
            self._dump(obj, out, reader, remap, queue)
            self._object(target, out.getvalue())
        return number

    def add_blank(self, mediabox) -> int:
        number = self._reserve()
        parent = self._parent()
        box = " ".join(_num(float(v)) for v in mediabox)
        self._object(
            number, b"<</Type /Page /Parent %d 0 R /MediaBox [%s] /Resources <<>>>>"
            % (parent, box.encode())
        )  # fmt: skip
        self._hang(parent, number)
        return number

    def forget(self, source: Any) -> None:
        """No more pages from ``source``: drop its renumbering table."""
        self.remap.pop(source, None)

    def _dump(self, obj, out, reader, remap, queue) -> None:
        if isinstance(obj, IndirectObject):
            number = remap.get(obj.idnum)
            if number is None:
                target = reader.get_object(obj)
                if isinstance(target, DictionaryObject) and target.get("/Type") in (
                    "/Page",
                    "/Pages",
                    "/Catalog",
                ):
                    out.write(b"null")  # never pull in another page (or the whole tree)
                    return
                number = remap[obj.idnum] = self._reserve()
                queue.append((number, target))
            out.write(b"%d 0 R" % number)
        elif isinstance(obj, StreamObject):
            data = obj._data  # as stored (still encoded): copied, never recompressed
            out.write(b"<<")
            for key, value in obj.items():
                if key == "/Length":
                    continue
                NameObject(key).write_to_stream(out)
                out.write(b" ")
                self._dump(value, out, reader, remap, queue)
                out.write(b"\n")
            out.write(b"/Length %d>>\nstream\n" % len(data))
            out.write(data)
            out.write(b"\nendstream")
        elif isinstance(obj, DictionaryObject):
            out.write(b"<<")
            for key, value in obj.items():
                NameObject(key).write_to_stream(out)
                out.write(b" ")
                self._dump(value, out, reader, remap, queue)
                out.write(b"\n")
            out.write(b">>")
        elif isinstance(obj, ArrayObject | list):
            out.write(b"[")
            for n, value in enumerate(obj):
                if n:
                    out.write(b" ")
                self._dump(value, out, reader, remap, queue)
            out.write(b"]")
        elif obj is None:
            out.write(b"null")
        else:
            obj.write_to_stream(out)

    # ---- end
    def close(
        self,
        info: Mapping[str, str],
        *,
        lang: str | None = None,
        outline: Sequence[tuple[str, int]] = (),
    ) -> str:
        """Write the page tree, outline, catalog, info, xref and trailer; the file's sha256."""
        for group, kids in self.groups:
            self._object(
                group,
                b"<</Type /Pages /Parent %d 0 R /Count %d /Kids [%s]>>"
                % (self.root_pages, len(kids), _refs(kids)),
            )
        self._object(
            self.root_pages,
            b"<</Type /Pages /Count %d /Kids [%s]>>" % (self.count, _refs(self.root_kids)),
        )
        catalog = b"<</Type /Catalog /Pages %d 0 R" % self.root_pages
        if lang:
            catalog += b" /Lang " + _text(lang)
        if outline:
            root = self._reserve()
            numbers = [self._reserve() for _ in outline]
            for n, (title, page) in enumerate(outline):
                entry = b"<</Title %s /Parent %d 0 R /Dest [%d 0 R /XYZ null null null]" % (
                    _text(title),
                    root,
                    page,
                )
                if n:
                    entry += b" /Prev %d 0 R" % numbers[n - 1]
                if n < len(numbers) - 1:
                    entry += b" /Next %d 0 R" % numbers[n + 1]
                self._object(numbers[n], entry + b">>")
            self._object(
                root,
                b"<</Type /Outlines /First %d 0 R /Last %d 0 R /Count %d>>"
                % (numbers[0], numbers[-1], len(numbers)),
            )
            catalog += b" /Outlines %d 0 R /PageMode /UseOutlines" % root
        catalog_id = self._reserve()
        self._object(catalog_id, catalog + b">>")
        info_id = self._reserve()
        self._object(
            info_id,
            b"<<" + b"".join(_name(k) + b" " + _text(v) for k, v in info.items()) + b">>",
        )
        identifier = self.hash.hexdigest()[:32].encode()
        xref = self.position
        size = len(self.offsets)
        lines = [b"xref\n0 %d\n0000000000 65535 f \n" % size]
        lines += [b"%010d 00000 n \n" % self.offsets[n] for n in range(1, size)]
        self._write(b"".join(lines))
        self._write(
            b"trailer\n<</Size %d /Root %d 0 R /Info %d 0 R /ID [<%s> <%s>]>>\n"
            b"startxref\n%d\n%%%%EOF\n" % (size, catalog_id, info_id, identifier, identifier, xref)
        )
        return self.hash.hexdigest()


def _name(name: str) -> bytes:
    out = io.BytesIO()
    NameObject(name).write_to_stream(out)
    return out.getvalue()


def _text(value: str) -> bytes:
    out = io.BytesIO()
    TextStringObject(value).write_to_stream(out)
    return out.getvalue()


def _refs(numbers: list[int]) -> bytes:
    return b" ".join(b"%d 0 R" % n for n in numbers)


def _num(value: float) -> str:
    return f"{value:.6f}".rstrip("0").rstrip(".") or "0"


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


def _atomic_write(path: Path, data: bytes) -> None:
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)


def _amount(value) -> str | None:
    return None if value is None else str(value)


def _held(entry: Any) -> dict[str, str]:
    if isinstance(entry, Mapping):
        debtor, reason = entry.get("debtor"), entry.get("reason")
    else:
        debtor, reason = entry
    if hasattr(debtor, "id"):  # a Party
        debtor = debtor.id
    return {"debtor": str(debtor), "reason": str(reason)}
