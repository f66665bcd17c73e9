"""Benchmark: letters per second, one PDF per letter (naive) against the batch path.

Targets (issue): the batch path at least 4x the naive path in the same run on the 2-core
machine; 10,000 one-page letters in under 12 minutes; peak memory under 1 GB whatever
the number of letters (perf_baseline.md has the measurements behind the design).

    python bench/bench_letters.py                          # 200 letters, both paths
    python bench/bench_letters.py --letters 10000 --batch-only

The letters are the French sample debtors (samples/ledger-fr.csv with
samples/creditor-fr.yaml, reference date 2026-11-16) with template reminder-1, cycled,
each copy with its own debtor id so that files do not clash.

Naive: what the issue calls one WeasyPrint document per letter with default settings:
for each letter its HTML is rendered with a freshly parsed stylesheet and no font
configuration (so the system font is embedded in full), in this process. Single: the
one-document path ``relance letter`` uses (``render_document``: shared CSS, the
pre-subsetted font), printed for information.
Batch: ``render_batch`` (chunks of letters per WeasyPrint document, worker processes,
split per letter, print.pdf). Peak memory is ``ru_maxrss``: of this process (which also
ran the naive path) and of the largest worker.
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
from dataclasses import replace
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from relance_docs.intake import load_creditor, read_ledger  # noqa: E402
from relance_docs.law.claims import debtor_claims  # noqa: E402
from relance_docs.render.batch import render_batch  # noqa: E402
from relance_docs.render.context import DocumentRequest  # noqa: E402
from relance_docs.render.documents import (  # noqa: E402
    render_document,
    render_fragment,
    wrap_fragments,
)

AS_OF = date(2026, 11, 16)


def requests(n: int, template: str = "reminder-1") -> list[DocumentRequest]:
    ledger = read_ledger(ROOT / "samples" / "ledger-fr.csv").ledger
    creditor = load_creditor(ROOT / "samples" / "creditor-fr.yaml")
    claims = debtor_claims(ledger, creditor, AS_OF)
    out = []
    for i in range(n):
        claim = claims[i % len(claims)]
        debtor = replace(claim.debtor, id=f"{claim.debtor.id}-{i:05d}")
        out.append(DocumentRequest(template, replace(claim, debtor=debtor), creditor, AS_OF, "fr"))
    return out


def peak_mb() -> tuple[float, float]:
    """ru_maxrss of this process and of the largest finished child, in MB (Linux: KB)."""
    scale = 1024 * 1024 if sys.platform == "darwin" else 1024
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024 / scale / 1024
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024 / scale / 1024
    return own, kids


def cpu_seconds() -> float:
    """CPU time of this process and its finished children: load-independent cost."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def naive(reqs: list[DocumentRequest], folder: Path) -> tuple[float, float]:
    from weasyprint import CSS, HTML

    folder.mkdir()
    css = ROOT / "templates" / "print.css"
    start, cpu = time.perf_counter(), cpu_seconds()
    for req in reqs:
        fragment, _ = render_fragment(req)
        html = wrap_fragments([fragment], req.language, "letter", "bench", "2026-11-16")
        pdf = HTML(string=html, base_url=str(ROOT / "templates") + "/").write_pdf(
            stylesheets=[CSS(filename=str(css))]
        )
        (folder / f"{req.claim.debtor.id}.pdf").write_bytes(pdf)
    return time.perf_counter() - start, cpu_seconds() - cpu


def single(reqs: list[DocumentRequest], folder: Path) -> tuple[float, float]:
    folder.mkdir()
    start, cpu = time.perf_counter(), cpu_seconds()
    for req in reqs:
        pdf = render_document(req, ("pdf",)).files["pdf"]
        (folder / f"{req.claim.debtor.id}.pdf").write_bytes(pdf)
    return time.perf_counter() - start, cpu_seconds() - cpu


def batch(reqs: list[DocumentRequest], folder: Path, jobs: int, chunk: int) -> tuple[float, float]:
    step = max(1, len(reqs) // 10)
    marks = {"next": step}

    def progress(done: int, total: int) -> None:
        if done >= marks["next"] or done == total:
            print(f"  batch: {done}/{total}", file=sys.stderr, flush=True)
            marks["next"] = done + step

    start, cpu = time.perf_counter(), cpu_seconds()
    result = render_batch(reqs, folder, jobs=jobs, chunk=chunk, progress=progress)
    elapsed, cpu = time.perf_counter() - start, cpu_seconds() - cpu
    pages = sum(item.pages for item in result.items)
    print(f"  batch: {pages} letter pages, print.pdf {result.print_pdf.stat().st_size:,} bytes")
    return elapsed, cpu


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--letters", type=int, default=200)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--chunk", type=int, default=25)
    parser.add_argument("--batch-only", action="store_true")
    args = parser.parse_args(argv)

    reqs = requests(args.letters)
    n = len(reqs)
    with tempfile.TemporaryDirectory(prefix="bench-letters-") as tmp:
        tmp_path = Path(tmp)
        naive_rate = naive_cpu = None
        if not args.batch_only:
            seconds, naive_cpu = naive(reqs, tmp_path / "naive")
            naive_rate = n / seconds
            own, _ = peak_mb()
            print(f"naive: {n} letters in {seconds:.1f} s = {naive_rate:.1f} letters/s, "
                  f"{naive_cpu / n * 1000:.0f} ms CPU a letter (peak {own:.0f} MB)")  # fmt: skip
            seconds_one, _ = single(reqs, tmp_path / "single")
            print(f"single (relance letter's path): {n / seconds_one:.1f} letters/s")
        seconds, cpu = batch(reqs, tmp_path / "batch", args.jobs, args.chunk)
        rate = n / seconds
        own, kids = peak_mb()
        print(f"batch: {n} letters in {seconds:.1f} s = {rate:.1f} letters/s, "
              f"{cpu / n * 1000:.0f} ms CPU a letter "
              f"(--jobs {args.jobs}, chunks of {args.chunk}; CPU used {cpu / seconds:.2f} "
              f"cores on average: below {args.jobs} when the machine is shared)")  # fmt: skip
        print(f"peak memory: this process {own:.0f} MB, largest worker {kids:.0f} MB, "
              f"bound {own + args.jobs * kids:.0f} MB")  # fmt: skip
        if naive_rate:
            print(f"ratio batch/naive: {rate / naive_rate:.2f}x wall (target >= 4x), "
                  f"{naive_cpu / cpu:.2f}x in CPU time")  # fmt: skip
        print(f"10,000 letters at this rate: {10_000 / rate / 60:.1f} min (target < 12 min)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
