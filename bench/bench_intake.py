"""Benchmark: reading what creditors have, as the commands users run read it.

    python bench/bench_intake.py                  # everything below, 3 runs each, median
    python bench/bench_intake.py --only check     # one part: csv, check, facturx, fec, match
    python bench/bench_intake.py --rows 20000 --runs 1

Parts and targets (2-core machine):

* ``csv``: ``read_ledger`` on a 100,000-row French CSV: < 5 s, < 500 MB (issue 2);
* ``check``: the command itself, ``relance check ledger.csv`` on the same file, timed
  from the shell's side (start-up, imports, printing included; issue 12);
* ``facturx``: a folder of 1,000 Factur-X PDFs: < 20 s (issue 13);
* ``fec``: a FEC of 1,000,000 lines: < 30 s and < 1 GB (issue 13);
* ``match``: a CAMT.053 statement of 10,000 credits matched against 100,000 open
  invoices (reading the statement included): < 10 s (issue 13).

Each run is a fresh process, so its peak memory (ru_maxrss) is its own; for ``check``,
the peak is the ``relance`` process's.
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
from decimal import Decimal
from pathlib import Path
from xml.sax.saxutils import escape

from stdnum import luhn

ROOT = Path(__file__).resolve().parent.parent

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


def make_fec(path: Path, lines: int, seed: int = 11) -> None:
    """A FEC of about ``lines`` lines: sales (3 lines), bank receipts lettered with their
    invoice (2 lines) for two invoices in three, tab separated, ISO 8859-15."""
    rng = random.Random(seed)
    header = (
        "JournalCode\tJournalLib\tEcritureNum\tEcritureDate\tCompteNum\tCompteLib\t"
        "CompAuxNum\tCompAuxLib\tPieceRef\tPieceDate\tEcritureLib\tDebit\tCredit\t"
        "EcritureLet\tDateLet\tValidDate\tMontantdevise\tIdevise"
    )
    out = [header]
    start = date(2026, 1, 1)
    n = 0
    while len(out) < lines:
        n += 1
        code = f"C{rng.randrange(20_000):06d}"
        day = start + timedelta(days=rng.randrange(0, 320))
        d = day.strftime("%Y%m%d")
        ht = rng.randrange(5_000, 2_000_000)
        vat = ht // 5
        money = lambda c: f"{c // 100},{c % 100:02d}"  # noqa: E731
        piece = f"F{n:08d}"
        letter = f"L{n}" if n % 3 else ""
        name = f"Client {code}"
        out.append(
            f"VT\tVentes\t{n}\t{d}\t411000\tClients\t{code}\t{name}\t{piece}\t{d}\t"
            f"Facture {piece}\t{money(ht + vat)}\t0,00\t{letter}\t{d if letter else ''}\t{d}\t\t"
        )
        out.append(
            f"VT\tVentes\t{n}\t{d}\t706000\tVentes\t\t\t{piece}\t{d}\t"
            f"Facture {piece}\t0,00\t{money(ht)}\t\t\t{d}\t\t"
        )
        out.append(
            f"VT\tVentes\t{n}\t{d}\t445710\tTVA\t\t\t{piece}\t{d}\t"
            f"Facture {piece}\t0,00\t{money(vat)}\t\t\t{d}\t\t"
        )
        if letter:
            out.append(
                f"BQ\tBanque\t{n}\t{d}\t512000\tBanque\t\t\tV{n}\t{d}\t"
                f"Virement {piece}\t{money(ht + vat)}\t0,00\t\t\t{d}\t\t"
            )
            out.append(
                f"BQ\tBanque\t{n}\t{d}\t411000\tClients\t{code}\t{name}\tV{n}\t{d}\t"
                f"Virement {piece}\t0,00\t{money(ht + vat)}\t{letter}\t{d}\t{d}\t\t"
            )
    path.write_bytes(("\r\n".join(out) + "\r\n").encode("iso-8859-15"))


def make_facturx(folder: Path, count: int) -> None:
    """``count`` Factur-X PDFs: one page made once with WeasyPrint (PDF/A-3b), the
    invoice's own CII XML embedded in each by the factur-x package."""
    import logging

    from facturx import generate_from_binary
    from weasyprint import HTML

    sys.path.insert(0, str(ROOT / "samples"))
    from make_einvoices import _cii  # the samples' CII writer

    logging.getLogger("factur-x").setLevel(logging.ERROR)
    pdf = HTML(string="<h1>Facture</h1><p>Prestations de maintenance</p>").write_pdf(
        pdf_variant="pdf/a-3b"
    )
    folder.mkdir()
    for n in range(count):
        issued = date(2026, 1, 1) + timedelta(days=n % 300)
        ht = Decimal(100 + n % 900)
        doc = {
            "number": f"FA-{n:06d}",
            "credit": False,
            "issue": issued,
            "due": issued + timedelta(days=30),
            "ttc": ht * Decimal("1.2"),
            "ht": ht,
            "vat": ht * Decimal("0.2"),
            "rate": Decimal("20.00"),
            "label": "Maintenance",
            "applies_to": None,
            "code": f"C{n % 200:04d}",
            "name": f"Client {n % 200} SAS",
            "siren": "",
            "vatno": "",
            "street": f"{n} rue de la République",
            "street2": "",
            "postcode": "69002",
            "city": "Lyon",
            "country": "FR",
            "email": f"compta{n % 200}@example.fr",
        }
        data = generate_from_binary(
            pdf, _cii(doc), flavor="factur-x", level="basicwl", check_xsd=False
        )
        (folder / f"FA-{n:06d}.pdf").write_bytes(data)


def make_statement(path: Path, ledger_path: Path, credits: int, seed: int = 5) -> None:
    """A CAMT.053 of ``credits`` credits paying invoices of the CSV ledger: a third name
    the invoice, a third come from the debtor with the exact amount, a third from
    strangers (left unmatched)."""
    from relance_docs.intake import read_ledger

    rng = random.Random(seed)
    ledger = read_ledger(ledger_path).ledger
    open_ = [i for i in ledger.invoices if i.outstanding > 0]
    entries = []
    for n in range(credits):
        inv = rng.choice(open_)
        party = ledger.debtor(inv.debtor_id)
        kind = n % 3
        text = f"FACTURE {inv.number}" if kind == 0 else "VIREMENT"
        payer = party.name if kind == 1 else f"INCONNU {n}"
        entries.append(
            f'<Ntry><Amt Ccy="EUR">{inv.outstanding:.2f}</Amt><CdtDbtInd>CRDT</CdtDbtInd>'
            f"<Sts><Cd>BOOK</Cd></Sts><BookgDt><Dt>2026-11-{1 + n % 15:02d}</Dt></BookgDt>"
            f"<AcctSvcrRef>R{n:06d}</AcctSvcrRef><NtryDtls><TxDtls><RltdPties><Dbtr><Nm>"
            f"{escape(payer)}</Nm></Dbtr></RltdPties><RmtInf><Ustrd>{text}</Ustrd></RmtInf>"
            "</TxDtls></NtryDtls></Ntry>"
        )
    path.write_text(
        '<?xml version="1.0" encoding="UTF-8"?><Document xmlns="urn:iso:std:iso:20022:tech:'
        'xsd:camt.053.001.08"><BkToCstmrStmt><Stmt>'
        + "\n".join(entries)
        + "</Stmt></BkToCstmrStmt></Document>",
        encoding="utf-8",
    )


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def child(part: str, path: str, extra: str | None) -> None:
    """One measured run, in its own process; prints a JSON line."""
    started = time.perf_counter()
    if part == "check":
        run = subprocess.run(
            [str(Path(sys.executable).with_name("relance")), "check", path],
            capture_output=True,
            check=False,
        )
        seconds = time.perf_counter() - started
        peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        print(json.dumps({"seconds": seconds, "peak_mb": peak, "exit": run.returncode}))
        return
    from relance_docs.intake import read_ledger

    if part == "csv":
        result = read_ledger(path)
    elif part == "facturx":
        result = read_ledger(path, default_country="FR")
    elif part == "fec":
        result = read_ledger(path, payment_terms_days=30)
    else:  # match: the ledger is read first, outside the timing
        result = read_ledger(path)
        from relance_docs.intake.reader import apply_bank

        started = time.perf_counter()
        result = apply_bank(result, [Path(extra)], None)
    seconds = time.perf_counter() - started
    report = result.matching
    print(
        json.dumps(
            {
                "seconds": seconds,
                "peak_mb": _peak_mb(),
                "invoices": len(result.ledger.invoices),
                "debtors": len(result.ledger.debtors),
                "errors": len(result.errors),
                "matched": len(report.matches) if report else None,
                "unmatched": len(report.unmatched) if report else None,
            }
        )
    )


TARGETS = {  # part -> (seconds, MB or None)
    "csv": (5, 500),
    "check": (None, None),
    "facturx": (20, None),
    "fec": (30, 1000),
    "match": (10, None),
}


def _measure(part: str, path: Path, runs: int, extra: Path | None = None) -> dict:
    results = []
    for _ in range(runs):
        cmd = [sys.executable, __file__, "--child", part, str(path)]
        if extra:
            cmd += ["--extra", str(extra)]
        out = subprocess.run(cmd, check=True, capture_output=True, text=True)
        results.append(json.loads(out.stdout))
    seconds = statistics.median(r["seconds"] for r in results)
    peak = max(r["peak_mb"] for r in results)
    limit_s, limit_mb = TARGETS[part]
    verdict = ""
    if limit_s is not None:
        ok = seconds < limit_s and (limit_mb is None or peak < limit_mb)
        target = f"< {limit_s} s" + (f", < {limit_mb} MB" if limit_mb else "")
        verdict = f"; target {target}: {'met' if ok else 'NOT met'}"
    last = {k: v for k, v in results[-1].items() if k not in {"seconds", "peak_mb"}}
    print(f"{part}: median {seconds:.2f} s over {runs} runs, peak {peak:.0f} MB {last}{verdict}")
    return {
        "part": part,
        "seconds": seconds,
        "peak_mb": peak,
        "ok": not verdict.endswith("NOT met"),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--only", choices=sorted(TARGETS), action="append")
    parser.add_argument("--fec-lines", type=int, default=1_000_000)
    parser.add_argument("--pdfs", type=int, default=1_000)
    parser.add_argument("--credits", type=int, default=10_000)
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    parser.add_argument("--extra", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child[0], args.child[1], args.extra)
        return 0
    parts = args.only or list(TARGETS)
    outcomes = []
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        ledger = tmp / "ledger-100k.csv"
        if {"csv", "check", "match"} & set(parts):
            make_ledger(ledger, args.rows)
            print(f"ledger: {args.rows} rows, {ledger.stat().st_size / 1e6:.1f} MB (cp1252, ';')")
        for part in ("csv", "check"):
            if part in parts:
                outcomes.append(_measure(part, ledger, args.runs))
        if "facturx" in parts:
            folder = tmp / "facturx"
            started = time.perf_counter()
            make_facturx(folder, args.pdfs)
            print(f"facturx: {args.pdfs} PDFs written in {time.perf_counter() - started:.0f} s")
            outcomes.append(_measure("facturx", folder, args.runs))
        if "fec" in parts:
            fec = tmp / "336585906FEC20261231.txt"
            make_fec(fec, args.fec_lines)
            print(f"fec: {args.fec_lines} lines, {fec.stat().st_size / 1e6:.0f} MB")
            outcomes.append(_measure("fec", fec, args.runs))
        if "match" in parts:
            statement = tmp / "releve.xml"
            make_statement(statement, ledger, args.credits)
            print(f"match: {args.credits} credits against the {args.rows}-row ledger")
            outcomes.append(_measure("match", ledger, args.runs, statement))
    full = args.rows == 100_000 and args.fec_lines == 1_000_000 and args.pdfs == 1_000
    return 0 if all(o["ok"] for o in outcomes) or not full else 1


if __name__ == "__main__":
    sys.exit(main())
