"""Benchmark: statutory interest for 1,000,000 invoices in one process.

Target (issue 3): under 10 s on the 2-core machine, i.e. at most a factor of 4 slower than
bare Decimal arithmetic (shared/research/perf_baseline.md: about 390,000 simple two-period
computations per second here). The script prints both, and their ratio.

    python bench/bench_interest.py             # 1,000,000 invoices, 3 runs, median
    python bench/bench_interest.py --invoices 100000 --runs 1

The invoices are a realistic mix: French B2B (70 %), French consumer with a formal notice
(10 %), UK B2B (10 %), German B2B (10 %); due dates spread over the two years before the
computation date, one invoice in ten with a partial payment.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from relance_docs.law.interest import compute_interest

UNTIL = date(2026, 11, 16)


def cases(n: int, seed: int = 7) -> list[dict]:
    rng = random.Random(seed)
    out = []
    for _ in range(n):
        due = UNTIL - timedelta(days=rng.randint(1, 730))
        principal = Decimal(rng.randint(5_000, 5_000_000)) / 100
        roll = rng.random()
        kw = {"principal": principal, "due": due, "until": UNTIL}
        if roll < 0.7:
            kw.update(jurisdiction="FR", creditor_kind="company", debtor_kind="company")
        elif roll < 0.8:
            kw.update(
                jurisdiction="FR",
                creditor_kind="company",
                debtor_kind="consumer",
                notice_received=due + timedelta(days=20),
            )
        elif roll < 0.9:
            kw.update(jurisdiction="GB", creditor_kind="company", debtor_kind="company")
        else:
            kw.update(jurisdiction="DE", creditor_kind="company", debtor_kind="company")
        if rng.random() < 0.1:
            paid_on = due + timedelta(days=rng.randint(1, (UNTIL - due).days))
            kw["payments"] = [(paid_on, (principal / 3).quantize(Decimal("0.01")))]
        out.append(kw)
    return out


def run_engine(batch: list[dict]) -> tuple[float, int]:
    start = time.perf_counter()
    lines = 0
    for kw in batch:
        lines += len(compute_interest(**kw).lines)
    return time.perf_counter() - start, lines


def run_baseline(batch: list[dict]) -> float:
    """Bare Decimal: two periods of simple interest per invoice, as in perf_baseline.md."""
    rate1, rate2, div = Decimal("12.15"), Decimal("12.15"), Decimal(36500)
    start = time.perf_counter()
    for kw in batch:
        p = kw["principal"]
        days = (kw["until"] - kw["due"]).days
        half = days // 2
        (p * rate1 * half / div).quantize(Decimal("0.01")) + (
            p * rate2 * (days - half) / div
        ).quantize(Decimal("0.01"))
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--invoices", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    batch = cases(args.invoices)
    run_engine(batch[:1000])  # load the packs and fill the rate caches once
    engine, lines = [], 0
    for _ in range(args.runs):
        seconds, lines = run_engine(batch)
        engine.append(seconds)
    baseline = [run_baseline(batch) for _ in range(args.runs)]
    e, b = statistics.median(engine), statistics.median(baseline)
    print(f"{args.invoices:,} invoices, {lines:,} interest lines, {args.runs} runs")
    print(f"engine:   median {e:.2f} s  ({args.invoices / e:,.0f} invoices/s)  target < 10 s")
    print(f"baseline: median {b:.2f} s  (bare Decimal, two periods)")
    documented = args.invoices / 390_000
    print(
        f"ratio to perf_baseline.md (390,000/s, {documented:.2f} s): {e / documented:.1f} "
        "(target <= 4)"
    )
    print(f"ratio to this run's bare loop (no dates, no result objects): {e / b:.1f}")


if __name__ == "__main__":
    main()
