"""Benchmark: import a 100,000-invoice ledger (20,000 debtors) into a fresh store, import
it again, then decide every debtor's step as ``relance run --dry-run`` does; and time the
commands users run, ``relance import`` and ``relance run --dry-run --all`` (every
decision printed), each in a fresh process, wall and CPU time.

Targets (issue): the import under 60 s; the dry-run decision for every debtor under 20 s
and under 1 GB of memory, on the 2-core machine.

    python bench/bench_run.py               # 100,000 invoices, 1 run
    python bench/bench_run.py --runs 3      # median of 3 (a fresh store each time)
    python bench/bench_run.py --rows 20000

The ledger is the one of bench/bench_intake.py (same generator, same seed), read with
``relance_docs.intake.read_ledger``; the creditor is samples/creditor-fr.yaml; ``as_of``
is the middle of the generated due dates, and the import is dated that day at noon, as
``relance import --as-of`` would. Each run is two fresh processes: one reads the ledger
and imports it twice (the second import must record nothing), the other opens the store
and decides, so each peak memory (ru_maxrss) is its own.
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from bench_intake import make_ledger  # noqa: E402

CREDITOR = ROOT / "samples" / "creditor-fr.yaml"
IMPORT_TARGET_S = 60
DECIDE_TARGET_S = 20
DECIDE_TARGET_MB = 1024


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _at(as_of: date) -> datetime:
    return datetime.combine(as_of, datetime.min.time().replace(hour=12)).astimezone()


def child_import(ledger_path: str, db: str) -> dict:
    from relance_docs.intake import load_creditor, read_ledger
    from relance_docs.store.db import connect
    from relance_docs.store.importer import import_ledger

    profile = load_creditor(CREDITOR)
    started = time.perf_counter()
    ledger = read_ledger(ledger_path).raise_for_errors()
    read_s = time.perf_counter() - started
    dues = sorted(i.due_date for i in ledger.invoices)
    as_of = dues[0] + (dues[-1] - dues[0]) / 2
    conn = connect(db)
    started = time.perf_counter()
    first = import_ledger(conn, ledger, profile, _at(as_of))
    import_s = time.perf_counter() - started
    started = time.perf_counter()
    again = import_ledger(conn, ledger, profile, _at(as_of))
    reimport_s = time.perf_counter() - started
    conn.close()
    return {
        "as_of": as_of.isoformat(),
        "read_s": read_s,
        "import_s": import_s,
        "reimport_s": reimport_s,
        "invoices": len(ledger.invoices),
        "debtors": len(ledger.debtors),
        "events": first.events,
        "new": len(first.new),
        "reimport_events": again.events,
        "reimport_unchanged": len(again.unchanged),
        "peak_mb": _peak_mb(),
    }


def child_decide(db: str, as_of: str, profile_out: str | None = None) -> dict:
    from relance_docs.intake import load_creditor
    from relance_docs.store.db import connect
    from relance_docs.store.importer import creditor_key
    from relance_docs.workflow import decide

    profile = load_creditor(CREDITOR)
    key = creditor_key(profile)
    conn = connect(db)
    day = date.fromisoformat(as_of)
    started = time.perf_counter()
    if profile_out:
        import cProfile

        prof = cProfile.Profile()
        decisions = prof.runcall(decide, conn, key, profile, day)
        prof.dump_stats(profile_out)
    else:
        decisions = decide(conn, key, profile, day)
    seconds = time.perf_counter() - started
    reasons: dict[str, int] = {}
    for d in decisions:
        head = d.step.id if d.step else d.reason.split(":")[0].split(" at ")[0].split(" from ")[0]
        reasons[head] = reasons.get(head, 0) + 1
    return {
        "decide_s": seconds,
        "decisions": len(decisions),
        "due": sum(1 for d in decisions if d.due),
        "digest": _digest(decisions),
        "reasons": dict(sorted(reasons.items(), key=lambda kv: -kv[1])[:8]),
        "peak_mb": _peak_mb(),
    }


def _digest(decisions) -> str:
    """A fingerprint of every decision (debtor, step, reason, amounts): equal before and
    after an optimisation means the same decisions."""
    import hashlib

    h = hashlib.sha256()
    for d in decisions:
        c = d.claim
        line = (
            c.debtor.id,
            d.plan.id if d.plan else None,
            d.step.id if d.step else None,
            d.reason,
            str(c.principal),
            str(c.total),
            tuple(i.invoice.number for i in c.invoices),
        )
        h.update(repr(line).encode() + b"\n")
    return h.hexdigest()[:16]


def _cli(*args: str) -> tuple[float, float, int]:
    """Run ``relance ARGS`` as users do (a fresh process, the output to a pipe), and
    return its wall time, its CPU time and the lines it printed."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    out = subprocess.run(
        [sys.executable, "-m", "relance_docs", *args], check=True, capture_output=True,
        text=True,
    )  # fmt: skip
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, len(out.stdout.splitlines())


def _child(*args: str) -> dict:
    out = subprocess.run(
        [sys.executable, __file__, *args], check=True, capture_output=True, text=True
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--profile", help="write a cProfile of decide() to this file")
    parser.add_argument("--child-import", nargs=2, help=argparse.SUPPRESS)
    parser.add_argument("--child-decide", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child_import:
        print(json.dumps(child_import(*args.child_import)))
        return 0
    if args.child_decide:
        print(json.dumps(child_decide(*args.child_decide, args.profile)))
        return 0

    imports, decides = [], []
    with tempfile.TemporaryDirectory() as tmp:
        ledger = Path(tmp) / "ledger.csv"
        make_ledger(ledger, args.rows)
        print(f"ledger: {args.rows:,} rows, {ledger.stat().st_size / 1e6:.1f} MB")
        for n in range(args.runs):
            db = Path(tmp) / f"relance-{n}.db"
            imp = _child("--child-import", str(ledger), str(db))
            extra = ["--profile", args.profile] if args.profile else []
            dec = _child("--child-decide", str(db), imp["as_of"], *extra)
            # The commands users run: relance import into a fresh store, then relance run
            # --dry-run (decide and print every decision) on it.
            cli_db = Path(tmp) / f"cli-{n}.db"
            wall, cpu, _ = _cli("import", str(ledger), "--creditor", str(CREDITOR),
                                "--db", str(cli_db), "--as-of", imp["as_of"])  # fmt: skip
            imp["cli_import_s"], imp["cli_import_cpu_s"] = wall, cpu
            wall, cpu, lines = _cli("run", "--creditor", str(CREDITOR), "--db", str(cli_db),
                                    "--as-of", imp["as_of"], "--dry-run", "--all")  # fmt: skip
            dec["cli_run_s"], dec["cli_run_cpu_s"], dec["cli_run_lines"] = wall, cpu, lines
            imports.append(imp)
            decides.append(dec)
            print(
                f"run {n + 1}: read {imp['read_s']:.2f} s, import {imp['import_s']:.2f} s, "
                f"re-import {imp['reimport_s']:.2f} s, decide {dec['decide_s']:.2f} s; "
                f"CLI: relance import {imp['cli_import_s']:.2f} s, relance run --dry-run --all "
                f"{dec['cli_run_s']:.2f} s ({dec['cli_run_lines']:,} lines)"
            )
    imp, dec = imports[-1], decides[-1]
    print(
        f"store: {imp['invoices']:,} invoices, {imp['debtors']:,} debtors, "
        f"{imp['events']:,} events; as_of {imp['as_of']}"
    )
    print(
        f"re-import: {imp['reimport_events']} events, "
        f"{imp['reimport_unchanged']:,} invoices unchanged"
    )
    print(
        f"decisions: {dec['decisions']:,}, {dec['due']:,} due; digest {dec['digest']}; "
        f"{dec['reasons']}"
    )
    med = lambda rows, k: statistics.median(r[k] for r in rows)  # noqa: E731
    import_s, reimport_s = med(imports, "import_s"), med(imports, "reimport_s")
    decide_s = med(decides, "decide_s")
    import_mb = max(r["peak_mb"] for r in imports)
    decide_mb = max(r["peak_mb"] for r in decides)
    print(f"medians over {args.runs} run(s):")
    print(f"  import      {import_s:7.2f} s   (target < {IMPORT_TARGET_S} s)")
    print(f"  re-import   {reimport_s:7.2f} s   (target < {IMPORT_TARGET_S} s, no event)")
    print(f"  decide      {decide_s:7.2f} s   (target < {DECIDE_TARGET_S} s)")
    cli_import = med(imports, "cli_import_s")
    cli_run = med(decides, "cli_run_s")
    print(
        f"  relance import               {cli_import:7.2f} s wall, "
        f"{med(imports, 'cli_import_cpu_s'):.2f} s CPU (target < {IMPORT_TARGET_S} s)"
    )
    print(f"  relance run --dry-run --all  {cli_run:7.2f} s wall, "
          f"{med(decides, 'cli_run_cpu_s'):.2f} s CPU (target < {DECIDE_TARGET_S} s)")  # fmt: skip
    print(f"peak memory: import process {import_mb:.0f} MB (read + 2 imports), "
          f"decide process {decide_mb:.0f} MB (target < {DECIDE_TARGET_MB} MB)")  # fmt: skip
    ok = (
        import_s < IMPORT_TARGET_S
        and reimport_s < IMPORT_TARGET_S
        and all(r["reimport_events"] == 0 for r in imports)
        and decide_s < DECIDE_TARGET_S
        and decide_mb < DECIDE_TARGET_MB
        and cli_import < IMPORT_TARGET_S
        and cli_run < DECIDE_TARGET_S
    )
    print(f"targets: {'met' if ok else 'NOT met'}")
    return 0 if ok or args.rows != 100_000 else 1


if __name__ == "__main__":
    sys.exit(main())
