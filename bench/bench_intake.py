"""Benchmark: read and check a 100,000-row French CSV ledger.

Targets (issue 2): under 5 s and under 500 MB peak memory on the 2-core machine.

    python bench/bench_intake.py            # 100,000 rows, 3 runs, median
    python bench/bench_intake.py --rows 20000 --runs 1

Each run is a fresh process, so its peak memory (ru_maxrss) is its own.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from stdnum import luhn

HEADER = (
    "Code client;Client;Type client;SIREN;Adresse;Code postal;Ville;Pays;Email;"
    "N° facture;Type;Date facture;Échéance;Montant HT;Montant TTC;Réglé;Litige;Libellé"
)
KINDS = [
    "Société",
    "Société",
    "Société",
    "Artisan",
    "Particulier",
    "Administration",
    "Profession libérale",
]
CITIES = [
    ("69002", "Lyon"),
    ("67000", "Strasbourg"),
    ("57000", "Metz"),
    ("75011", "Paris"),
    ("13001", "Marseille"),
    ("33000", "Bordeaux"),
]


def _siren(rng: random.Random) -> str:
    body = str(rng.randrange(10_000_000, 99_999_999))
    return body + luhn.calc_check_digit(body)


def make_ledger(path: Path, rows: int, seed: int = 7) -> None:
    rng = random.Random(seed)
    debtors = []
    for i in range(max(1, rows // 5)):
        postcode, city = rng.choice(CITIES)
        kind = rng.choice(KINDS)
        debtors.append(
            (
                f"C{i:06d}",
                f"Société Élan & Fils n°{i}",
                kind,
                "" if kind == "Particulier" else _siren(rng),
                f"{rng.randint(1, 200)} rue de la République",
                postcode,
                city,
                "France",
                f"compta{i}@example.fr",
            )
        )
    start = date(2025, 1, 1)
    lines = [HEADER]
    for n in range(rows):
        d = rng.choice(debtors)
        issued = start + timedelta(days=rng.randrange(0, 680))
        due = issued + timedelta(days=rng.choice((30, 45, 60)))
        ht = rng.randrange(5_000, 2_000_000)  # cents
        ttc = ht * 12 // 10
        paid = rng.choice((0, 0, 0, ttc // 2, ttc))
        money = lambda c: f"{c // 100}\u00a0{c % 100:02d}".replace("\u00a0", ",")  # noqa: E731
        amount = f"{ttc // 100:,}".replace(",", "\u00a0") + f",{ttc % 100:02d}"
        lines.append(
            ";".join(
                (
                    *d,
                    f"F{n:07d}",
                    "Facture",
                    issued.strftime("%d/%m/%Y"),
                    due.strftime("%d/%m/%Y"),
                    money(ht),
                    amount,
                    money(paid),
                    rng.choice(("non", "non", "", "oui")),
                    "Prestations de maintenance",
                )
            )
        )
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode("cp1252"))


def child(path: str) -> None:
    from relance_docs.intake import read_ledger

    started = time.perf_counter()
    result = read_ledger(path)
    seconds = time.perf_counter() - started
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        json.dumps(
            {
                "seconds": seconds,
                "peak_mb": peak_mb,
                "invoices": len(result.ledger.invoices),
                "debtors": len(result.ledger.debtors),
                "errors": len(result.errors),
            }
        )
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child)
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "ledger-100k.csv"
        make_ledger(path, args.rows)
        print(f"ledger: {args.rows} rows, {path.stat().st_size / 1e6:.1f} MB (cp1252, ';')")
        runs = []
        for _ in range(args.runs):
            out = subprocess.run(
                [sys.executable, __file__, "--child", str(path)],
                check=True,
                capture_output=True,
                text=True,
            )
            runs.append(json.loads(out.stdout))
    seconds = statistics.median(r["seconds"] for r in runs)
    peak = max(r["peak_mb"] for r in runs)
    last = runs[-1]
    print(f"read {last['invoices']} invoices, {last['debtors']} debtors, {last['errors']} errors")
    print(
        f"median time: {seconds:.2f} s over {len(runs)} runs "
        f"({args.rows / seconds:,.0f} rows/s); peak memory: {peak:.0f} MB"
    )
    ok = seconds < 5 and peak < 500
    print(f"targets (< 5 s, < 500 MB for 100,000 rows): {'met' if ok else 'NOT met'}")
    return 0 if ok or args.rows != 100_000 else 1


if __name__ == "__main__":
    sys.exit(main())
