"""Benchmark: the real ``relance letters`` command against naive WeasyPrint, interleaved.

Targets (issues 7 and 12): the batch at least 4x naive WeasyPrint, in letters per second
of wall time, in the same run on the 2-core machine; memory across all processes
independent of the batch size and below 1 GB at 10,000 letters.

    python bench/bench_letters.py                            # 1,000 letters, 3 rounds
    python bench/bench_letters.py --letters 10000 --rounds 1 --no-naive   # memory at 10k
    python bench/bench_letters.py --format pdf,docx          # with the Word twins

The ledger: ``--letters`` debtors, each a copy (own code) of one of the French sample
debtors (samples/ledger-fr.csv, samples/creditor-fr.yaml), with one to three invoices that
fell due five days before the reference date 2026-11-16: each gets its first reminder, a
one-page letter.

Each round runs, one after the other (interleaved, so that the load of the shared machine
hits both alike):

- naive: a cold Python process renders ``--naive-letters`` of the same letters, one
  WeasyPrint document each, with default settings (a stylesheet parsed per letter, no font
  configuration: the system font is embedded in full); only its rendering loop is timed;
- batch: a cold process runs the real command, ``relance letters LEDGER --creditor ...
  --as-of 2026-11-16 --format FORMAT --jobs JOBS``: reading the ledger, the claims, the
  rendering, print.pdf and the manifest, every import included.

Reported: medians over the rounds of wall time and CPU time (user + system of the process
and all its children) per letter, the ratio of letters per second, and the peak memory of
the whole process tree (sum of RSS, and of PSS, which counts pages shared after a fork
once), sampled every 0.1 s from /proc (Linux).
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
AS_OF = "2026-11-16"
RELANCE = [sys.executable, "-m", "relance_docs"]


# --------------------------------------------------------------------------- the ledger


def write_ledger(path: Path, debtors: int) -> None:
    """``debtors`` copies of the sample debtors, each 5 days late on 1-3 invoices."""
    with (ROOT / "samples" / "ledger-fr.csv").open(encoding="cp1252", newline="") as fh:
        rows = list(csv.DictReader(fh, delimiter=";"))
    people: dict[str, dict] = {}
    for row in rows:
        if row["Type client"] in {"Société", "Artisan", "Profession libérale"}:
            people.setdefault(row["Code client"], row)
    sample = list(people.values())
    fields = list(rows[0].keys())
    with path.open("w", encoding="utf-8", newline="") as fh:
        out = csv.DictWriter(fh, fields, delimiter=";")
        out.writeheader()
        for i in range(debtors):
            base = dict(sample[i % len(sample)])
            code = f"B{i:06d}"
            for k in range(1 + i % 3):
                row = dict(base)
                amount = 480 + 37 * ((i + k) % 50)
                row.update({
                    "Code client": code,
                    "N° facture": f"F-{i:06d}-{k}",
                    "Type": "Facture",
                    "Date facture": "12/10/2026",
                    "Échéance": "11/11/2026",
                    "Montant HT": f"{amount},00",
                    "Montant TTC": f"{amount * 6 // 5},00",
                    "Réglé": "0,00",
                    "Litige": "non",
                    "Motif du litige": "",
                    "Libellé": f"Prestation {k + 1}",
                })  # fmt: skip
                out.writerow(row)


# --------------------------------------------------------------------------- measuring


def _children(pid: int) -> list[int]:
    out = []
    for task in Path(f"/proc/{pid}/task").glob("*/children"):
        with contextlib.suppress(OSError):
            out += [int(x) for x in task.read_text().split()]
    return out


def _tree(pid: int) -> list[int]:
    todo, seen = [pid], []
    while todo:
        p = todo.pop()
        seen.append(p)
        todo += _children(p)
    return seen


_TICKS = os.sysconf("SC_CLK_TCK")


def _cpu(pid: int) -> float | None:
    """User + system CPU seconds of one process (its own, not its children's)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / _TICKS


def _memory(pid: int) -> tuple[int, int]:
    """(RSS, PSS) of one process in kB; zeros once it has gone."""
    try:
        text = Path(f"/proc/{pid}/smaps_rollup").read_text()
    except OSError:
        return 0, 0
    values = {}
    for line in text.splitlines():
        parts = line.split()
        if len(parts) >= 2 and parts[0] in {"Rss:", "Pss:"}:
            values[parts[0]] = int(parts[1])
    return values.get("Rss:", 0), values.get("Pss:", 0)


class Watch:
    """Peak RSS and PSS of a process tree, sampled in a thread."""

    def __init__(self, pid: int) -> None:
        self.pid, self.rss, self.pss, self.processes = pid, 0, 0, 0
        self.main_rss = 0
        self.seen: set[int] = set()
        self.cpu: dict[int, float] = {}  # pid -> last CPU seconds seen
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.is_set():
            pids = _tree(self.pid)
            sizes = [_memory(p) for p in pids]
            for p in pids:
                cpu = _cpu(p)
                if cpu is not None:
                    self.cpu[p] = cpu
            self.seen.update(pids)
            self.rss = max(self.rss, sum(s[0] for s in sizes))
            self.pss = max(self.pss, sum(s[1] for s in sizes))
            self.main_rss = max(self.main_rss, sizes[0][0] if sizes else 0)
            self.processes = max(self.processes, len(pids))
            self._stop.wait(0.1)

    def stop(self) -> None:
        self._stop.set()
        self._thread.join()


def run_measured(cmd: list[str], cwd: Path) -> dict:
    """Run ``cmd`` to its end: wall and CPU seconds (with every child), peak memory."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.Popen(
        cmd, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env={**os.environ, "COLUMNS": "200"},
    )  # fmt: skip
    watch = Watch(proc.pid)
    out, err = proc.communicate()
    wall = time.perf_counter() - start
    watch.stop()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(cmd[:4])}... failed ({proc.returncode}):\n{err[-2000:]}")
    # CPU of the whole tree: what the command and the children it waited for used, or the
    # sum over every process seen (a fork server's workers are not waited for by the
    # command), whichever is larger; the samples miss at most the last 0.1 s of each.
    waited = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    cpu = max(waited, sum(watch.cpu.values()))
    return {
        "wall": wall, "cpu": cpu, "out": out, "rss_mb": watch.rss / 1024,
        "pss_mb": watch.pss / 1024, "main_mb": watch.main_rss / 1024,
        "processes": watch.processes,
    }  # fmt: skip


NAIVE = r"""
import sys, time
from datetime import date
from pathlib import Path
sys.path.insert(0, {root!r})
from weasyprint import CSS, HTML
from relance_docs.dunning.select import select_documents
from relance_docs.intake import load_creditor, read_ledger
from relance_docs.law.claims import debtor_claims
from relance_docs.render.context import DocumentRequest, letter_language
from relance_docs.render.documents import render_fragment, wrap_fragments

as_of = date.fromisoformat({as_of!r})
creditor = load_creditor(Path({root!r}) / "samples" / "creditor-fr.yaml")
ledger = read_ledger(Path({ledger!r})).raise_for_errors()
choices, _ = select_documents(debtor_claims(ledger, creditor, as_of), creditor, as_of)
requests = [
    DocumentRequest(c.step.template, c.claim, creditor, as_of,
                    letter_language(c.claim.debtor, creditor))
    for c in choices[:{n}]
]
css = Path({root!r}) / "templates" / "print.css"
out = Path({out!r})
out.mkdir()
start = time.perf_counter()
for req in requests:
    fragment, _ = render_fragment(req)
    html = wrap_fragments([fragment], req.language, "letter", "bench", {as_of!r})
    pdf = HTML(string=html, base_url=str(css.parent) + "/").write_pdf(
        stylesheets=[CSS(filename=str(css))])
    (out / (req.claim.debtor.id + ".pdf")).write_bytes(pdf)
print(len(requests), time.perf_counter() - start)
"""


def naive(ledger: Path, n: int, out: Path) -> dict:
    code = NAIVE.format(root=str(ROOT), as_of=AS_OF, ledger=str(ledger), n=n, out=str(out))
    result = run_measured([sys.executable, "-c", code], ROOT)
    count, seconds = result["out"].split()
    result["letters"], result["loop"] = int(count), float(seconds)
    return result


def batch(ledger: Path, out: Path, formats: str, jobs: int) -> dict:
    cmd = [
        *RELANCE, "letters", str(ledger), "--creditor", str(ROOT / "samples" / "creditor-fr.yaml"),
        "--as-of", AS_OF, "--format", formats, "--jobs", str(jobs), "--out", str(out),
    ]  # fmt: skip
    result = run_measured(cmd, ROOT)
    import json

    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    result["letters"] = len(manifest["letters"])
    result["pages"] = sum(item["pages"] for item in manifest["letters"])
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--letters", type=int, default=1000, help="letters in the batch")
    parser.add_argument("--naive-letters", type=int, default=60, help="letters rendered naively")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--format", default="pdf")
    parser.add_argument("--no-naive", action="store_true")
    args = parser.parse_args(argv)

    naive_runs, batch_runs = [], []
    with tempfile.TemporaryDirectory(prefix="bench-letters-") as tmp:
        tmp_path = Path(tmp)
        ledger = tmp_path / "ledger.csv"
        write_ledger(ledger, args.letters)
        for r in range(args.rounds):
            if not args.no_naive:
                n = naive(ledger, args.naive_letters, tmp_path / f"naive-{r}")
                naive_runs.append(n)
                print(f"round {r + 1} naive: {n['letters']} letters, loop {n['loop']:.1f} s = "
                      f"{n['letters'] / n['loop']:.2f} letters/s; process CPU {n['cpu']:.1f} s, "
                      f"peak {n['rss_mb']:.0f} MB", flush=True)  # fmt: skip
            b = batch(ledger, tmp_path / f"batch-{r}", args.format, args.jobs)
            batch_runs.append(b)
            print(f"round {r + 1} batch: {b['letters']} letters ({b['pages']} pages) in "
                  f"{b['wall']:.1f} s = {b['letters'] / b['wall']:.2f} letters/s; CPU "
                  f"{b['cpu']:.1f} s = {b['cpu'] / b['letters'] * 1000:.0f} ms a letter; peak "
                  f"{b['rss_mb']:.0f} MB RSS / {b['pss_mb']:.0f} MB PSS over "
                  f"{b['processes']} processes, main process {b['main_mb']:.0f} MB",
                  flush=True)  # fmt: skip
    med = statistics.median
    rate = med(b["letters"] / b["wall"] for b in batch_runs)
    print(f"\nbatch ({args.letters} letters, --format {args.format}, --jobs {args.jobs}): "
          f"median {rate:.2f} letters/s wall, "
          f"{med(b['cpu'] / b['letters'] for b in batch_runs) * 1000:.0f} ms CPU a letter, "
          f"peak {max(b['rss_mb'] for b in batch_runs):.0f} MB RSS / "
          f"{max(b['pss_mb'] for b in batch_runs):.0f} MB PSS (all processes), "
          f"main process {max(b['main_mb'] for b in batch_runs):.0f} MB")  # fmt: skip
    if naive_runs:
        naive_rate = med(n["letters"] / n["loop"] for n in naive_runs)
        naive_cpu = med(n["cpu"] / n["letters"] for n in naive_runs)
        print(f"naive: median {naive_rate:.2f} letters/s (rendering loop only), about "
              f"{naive_cpu * 1000:.0f} ms CPU a letter (process, imports included)")  # fmt: skip
        print(f"ratio batch/naive: {rate / naive_rate:.2f}x in letters/s (target >= 4x)")
    print(f"10,000 letters at this rate: {10_000 / rate / 60:.1f} min")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
