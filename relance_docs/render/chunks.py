"""The workers of a batch: render a chunk of letters, cut it into one PDF per letter.

A chunk is up to ``chunk`` letters of one language rendered as *one* WeasyPrint document
(perf_baseline.md: starting and finishing documents is most of the cost of one PDF per
letter). A letter's first page is the first page on which the anchor ``letter-<debtor
id>`` of its ``<section>`` appears. Each letter's Word twin is built from the same HTML
fragment (:mod:`relance_docs.render.docx`).

Every failure becomes a one-line, picklable :class:`RenderFailed` naming the debtor and
the template.
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import io
import itertools
import multiprocessing
import multiprocessing.util
import os
import threading
from collections.abc import Iterable
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from datetime import UTC, datetime, time
from pathlib import Path

from pypdf import PdfReader

from ..errors import RelanceError
from .context import DocumentRequest
from .documents import docx_info, letter_info, pdf_settings, render_fragment, wrap_fragments
from .docx import html_to_docx
from .env import search_path
from .parties import anchor as anchor_of
from .pdf import drop_state, stylesheet_for, worker_state
from .pdfsink import cut_pages

__all__ = ["CHUNKS", "Letter", "RenderFailed", "Task", "failure", "render_task", "run_tasks"]

# Garbage collection in a worker: everything imported and parsed before the first chunk
# is frozen (never scanned again), and the young generation is collected less often.
# Measured here (Python 3.11, 200 letters): within noise of the defaults for speed, and
# peak memory stays about 200 MB a worker; the chunk size is what bounds memory.
_GC_THRESHOLDS = (10_000, 10, 10)
# A worker renders at most this many chunks, then a fresh one takes over (fork server).
_RECYCLE = 40
# Up to this many chunks, workers are forked from the main process (no start-up cost).
_SMALL = 8

CHUNKS = ".chunks"


class RenderFailed(RelanceError):
    """A letter of the batch could not be rendered; nothing was written."""

    message = "A letter could not be rendered; nothing was written."


@dataclass(frozen=True)
class Task:
    index: int
    letters: tuple[tuple[int, DocumentRequest, str], ...]  # (position, request, stem)
    formats: tuple[str, ...]
    user_dir: Path | None
    folder: Path
    suffix: str = ""

    @property
    def chunk_file(self) -> Path:
        return self.folder / CHUNKS / f"chunk-{self.index:06d}{self.suffix}.pdf"


@dataclass(frozen=True)
class Letter:
    position: int
    pages: int
    sha256: tuple[tuple[str, str], ...]
    raw: dict
    chunk_file: str | None = None
    first_page: int = 0  # in the chunk file


def render_task(task: Task) -> list[Letter]:
    """Render one chunk; every failure becomes a one-line, picklable RenderFailed."""
    try:
        return _render_chunk(task)
    except RenderFailed:
        raise
    except Exception as exc:
        raise failure(task.letters[0][1], exc) from None


def _render_chunk(task: Task) -> list[Letter]:
    fragments, raws, digests = [], [], []
    for _, req, stem in task.letters:
        try:
            fragment, context = render_fragment(req, task.user_dir)
            digest = {}
            if "docx" in task.formats:
                data = html_to_docx(fragment, docx_info(req))
                digest["docx"] = write_file(task.folder / f"{stem}.docx", data)
        except Exception as exc:
            raise failure(req, exc) from None
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
        letters.append(
            Letter(position, pages, tuple(sorted(digest.items())), raws[n], name, first)
        )
    return letters


def _pdf_letters(task: Task, fragments: list[str]) -> list[tuple[int, str, str, int]]:
    """Render the chunk, save it, cut it: per letter (pages, sha256, chunk file, first page)."""
    try:
        pdf, starts = render_chunk_pdf(task, fragments)
    except Exception as exc:
        if len(task.letters) == 1:
            raise failure(task.letters[0][1], exc) from None
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
        data = cut_pages(reader, starts[n], ends[n], letter_info(req), req.language)
        sha = write_file(task.folder / f"{stem}.pdf", data)
        out.append((ends[n] - starts[n], sha, task.chunk_file.name, starts[n]))
    return out


def _single(task: Task, i: int, item) -> Task:
    return Task(task.index, (item,), task.formats, task.user_dir, task.folder, f"-{i:04d}")


def _isolate(task: Task, exc: Exception) -> None:
    """A chunk failed: find the letter that fails alone and name it."""
    for i, item in enumerate(task.letters):
        _, req, _ = item
        try:
            fragment, _ = render_fragment(req, task.user_dir)
            render_chunk_pdf(_single(task, i, item), [fragment])
        except Exception as alone:
            raise failure(req, alone) from None
    first, last = task.letters[0][1], task.letters[-1][1]
    raise RenderFailed(
        f"the letters {first.claim.debtor.id} to {last.claim.debtor.id} ({first.template}) "
        f"render alone but not together: {one_line(exc)}"
    ) from None


def render_chunk_pdf(task: Task, fragments: list[str]) -> tuple[bytes, list[int] | None]:
    """One WeasyPrint document for the chunk; its bytes and each letter's first page."""
    from .pdf import safe_fetcher, weasyprint

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
    document = (
        weasyprint()
        .HTML(string=html, base_url=base.as_uri() + "/", url_fetcher=safe_fetcher(roots_t))
        .render(stylesheets=[sheet], font_config=fonts, cache=worker_state()["images"])
    )
    seen: dict[str, int] = {}
    for number, page in enumerate(document.pages):
        for anchor in page.anchors:
            seen.setdefault(anchor, number)  # a long letter lists its anchor on each page
    starts = [seen.get(anchor_of(req.claim.debtor.id)) for _, req, _ in task.letters]
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


def failure(req: DocumentRequest, exc: BaseException) -> RenderFailed:
    debtor = req.claim.debtor
    return RenderFailed(f"{debtor.id} {debtor.name} ({req.template}): {one_line(exc)}")


def one_line(exc: BaseException) -> str:
    text = " ".join(str(exc).split())
    if not isinstance(exc, RelanceError):
        text = f"{type(exc).__name__}: {text}" if text else type(exc).__name__
    return text if len(text) <= 240 else text[:237] + "..."


def write_file(path: Path, data: bytes) -> str:
    with open(path, "xb") as fh:
        fh.write(data)
    return hashlib.sha256(data).hexdigest()


# --------------------------------------------------------------------------- the pool


def run_tasks(tasks: Iterable[Task], count: int, jobs: int):
    """Yield each task's letters as it completes (in-process when one job is enough)."""
    if jobs <= 1 or count <= 1:
        with _tuned_gc():
            for task in tasks:
                yield render_task(task)
        return
    context = _mp_context(count)
    recycle = {} if context.get_start_method() == "fork" else {"max_tasks_per_child": _RECYCLE}
    pool = ProcessPoolExecutor(
        max_workers=min(jobs, count), mp_context=context, initializer=_worker_init, **recycle
    )
    pending: dict = {}
    queue = iter(tasks)
    try:
        # At most two tasks per worker in flight: results are small, but tasks carry
        # their requests; do not pickle the whole batch up front.
        for task in queue:
            pending[pool.submit(render_task, task)] = task
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
                    pending[pool.submit(render_task, nxt)] = nxt
    finally:
        # On error: cancel what has not started and wait for the running chunks, so that
        # no worker writes into the folder after it is removed.
        pool.shutdown(wait=True, cancel_futures=True)


def _mp_context(count: int):
    """How workers start. A large batch: from a fork server that has imported this module
    and WeasyPrint, so that a worker does not inherit the main process's heap (the ledger,
    every claim: hundreds of MB at 10,000 letters) and is replaced after ``_RECYCLE``
    chunks (its memory does not grow with the batch). A small batch: fork, which starts at
    once, unless another thread runs (a progress bar's refresh thread: forking it may
    deadlock). Spawn where neither exists."""
    methods = multiprocessing.get_all_start_methods()
    if "fork" in methods and count <= _SMALL and threading.active_count() == 1:
        return multiprocessing.get_context("fork")
    if "forkserver" in methods:
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload([__name__, "relance_docs.render.preload"])
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
