"""Regenerate the samples of every other format from samples/ledger-fr.csv.

    python samples/make_formats.py

Each file mirrors the French CSV sample (Ateliers Mécaniques du Rhône SAS, the same 12
debtors, 30 invoices and 1 credit note), so that each gives the same balances:

* ``einvoices-fr/``: the 31 documents as e-invoices (Factur-X PDFs for C001 and C004,
  made here with WeasyPrint as PDF/A-3b and the ``factur-x`` package; UBL 2.1 for C002;
  CII for the others). They are the invoices as issued: the two payments of the CSV are
  not in them, they come from the bank statements.
* ``bank/releve-fr.*``: one statement in four formats (CAMT.053, CFONB 120, OFX, CSV)
  with the two payments of the CSV (3 000,00 naming FA-2026-0078; 576,00 from the
  Garage du Pilat naming no invoice), two credits that must not match (a rent, and
  705,00 from a stranger, the amount of an open invoice of C012) and two debits.
  ``bank/assign-fr.yaml`` sets the rent aside.
* ``fec/336585906FEC20261116.txt``: the FEC of the year so far (ISO 8859-15, tab
  separated): the same 31 documents, earlier invoices paid and lettered, the opening
  entry of the 2025 invoice, and the two payments.
* ``clients-fr.csv`` and ``terms-fr.yaml``: the debtors' details and payment terms that
  a FEC or e-invoices lack.

Everything is deterministic (fixed dates, no clock): running the script again gives the
same bytes.
"""

from __future__ import annotations

import csv
import io
from collections import Counter, defaultdict
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

from make_bank import write_bank
from make_einvoices import write_einvoices
from sample_common import HERE, _day, _doc, _eom, _rows

# --------------------------------------------------------------------------- debtors, terms

CLIENT_COLUMNS = (
    "Code client",
    "Client",
    "Type client",
    "SIREN",
    "N° TVA",
    "Adresse",
    "Complément d'adresse",
    "Code postal",
    "Ville",
    "Pays",
    "Email",
    "Téléphone",
    "Langue",
    "Contact",
)


def write_clients(rows: list[dict[str, str]], base: Path) -> None:
    seen: dict[str, dict[str, str]] = {}
    for row in rows:
        seen.setdefault(row["Code client"], row)
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(CLIENT_COLUMNS)
    for row in seen.values():
        writer.writerow([row[c] for c in CLIENT_COLUMNS])
    (base / "clients-fr.csv").write_bytes(b"\xef\xbb\xbf" + buffer.getvalue().encode())


def _terms_of(issue: date, due: date) -> str | None:
    for days in (30, 60):
        if issue + timedelta(days=days) == due:
            return str(days)
    if _eom(issue + timedelta(days=45)) == due:
        return "45 fin de mois"
    return None


def write_terms(rows: list[dict[str, str]], base: Path) -> dict[str, str]:
    found: dict[str, Counter] = defaultdict(Counter)
    for row in rows:
        if row["Type"] == "Avoir":
            continue
        terms = _terms_of(_day(row["Date facture"]), _day(row["Échéance"]))
        if terms:
            found[row["Code client"]][terms] += 1
    chosen = {code: counts.most_common(1)[0][0] for code, counts in sorted(found.items())}
    lines = [
        "# Payment terms per debtor, for sources with no due date (the FEC).",
        "# Days after the invoice date, or N fin de mois (then to the end of that month).",
        *(f"{code}: {terms}" for code, terms in chosen.items()),
    ]
    (base / "terms-fr.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return chosen


# --------------------------------------------------------------------------- FEC

FEC_HEADER = (
    "JournalCode\tJournalLib\tEcritureNum\tEcritureDate\tCompteNum\tCompteLib\tCompAuxNum\t"
    "CompAuxLib\tPieceRef\tPieceDate\tEcritureLib\tDebit\tCredit\tEcritureLet\tDateLet\t"
    "ValidDate\tMontantdevise\tIdevise"
)


def _fec_amount(value: Decimal) -> str:
    return f"{value:.2f}".replace(".", ",") if value else "0,00"


def write_fec(rows: list[dict[str, str]], base: Path) -> None:
    entries: list[tuple] = []  # (date, journal, lines)
    letters = iter(
        f"{a}{b}{c}" for a in "ABCDEFGH" for b in "ABCDEFGHIJKLMNOPQRSTUVWXYZ" for c in "A"
    )
    used = {row["N° facture"] for row in rows}
    names = {row["Code client"]: row["Client"].replace("–", "-") for row in rows}

    def sale(d: dict, day: date, letter: str = "", date_let: str = "") -> list[tuple]:
        sign = -1 if d["credit"] else 1
        label = f"{'Avoir' if d['credit'] else 'Facture'} {d['number']} {names[d['code']]}"
        out = [
            (
                "411000",
                "Clients",
                d["code"],
                names[d["code"]],
                d["number"],
                label,
                d["ttc"] if sign > 0 else 0,
                d["ttc"] if sign < 0 else 0,
                letter,
                date_let,
            ),
            (
                "706000",
                "Prestations de services",
                "",
                "",
                d["number"],
                label,
                d["ht"] if sign < 0 else 0,
                d["ht"] if sign > 0 else 0,
                "",
                "",
            ),
        ]
        if d["vat"]:
            out.append(
                (
                    "445710",
                    "TVA collectée",
                    "",
                    "",
                    d["number"],
                    label,
                    d["vat"] if sign < 0 else 0,
                    d["vat"] if sign > 0 else 0,
                    "",
                    "",
                )
            )
        return out

    def bank(code: str, amount: Decimal, piece: str, label: str, letter="", date_let=""):
        return [
            ("512000", "Banque BNP Paribas", "", "", piece, label, amount, 0, "", ""),
            ("411000", "Clients", code, names[code], piece, label, 0, amount, letter, date_let),
        ]

    # Earlier invoices of the year, paid on time and lettered: the history a FEC holds.
    pool = [n for n in range(1, 60) if f"FA-2026-{n:04d}" not in used]
    codes = sorted(names)
    for i, n in enumerate(pool[:40]):
        code = codes[i % len(codes)]
        issued = date(2026, 1, 5) + timedelta(days=3 * i)
        ht = Decimal(400 + 37 * (i % 9) * 5)
        vat = Decimal("0") if code == "C010" else (ht * Decimal("0.2")).quantize(Decimal("0.01"))
        d = {
            "number": f"FA-2026-{n:04d}",
            "credit": False,
            "ttc": ht + vat,
            "ht": ht,
            "vat": vat,
            "code": code,
        }
        letter = next(letters)
        paid_on = issued + timedelta(days=28)
        entries.append((issued, "VT", sale(d, issued, letter, f"{paid_on:%Y%m%d}")))
        entries.append(
            (
                paid_on,
                "BQ",
                bank(
                    code,
                    d["ttc"],
                    f"VIR{paid_on:%m%d}{i:02d}",
                    f"Virement reçu {names[code]} {d['number']}",
                    letter,
                    f"{paid_on:%Y%m%d}",
                ),
            )
        )
    # The 31 documents of ledger-fr.csv.
    for row in rows:
        d = _doc(row)
        letter = date_let = ""
        if d["number"] == "FA-2026-0029":  # paid in full: lettered with its payment
            letter, date_let = next(letters), "20260407"
            entries.append(
                (
                    date(2026, 4, 7),
                    "BQ",
                    bank(
                        d["code"],
                        d["ttc"],
                        "VIR040701",
                        "Virement reçu GARAGE DU PILAT",
                        letter,
                        date_let,
                    ),
                )
            )
        journal = "AN" if d["issue"].year < 2026 else "VT"
        entries.append(
            (
                d["issue"] if journal == "VT" else date(2026, 1, 1),
                journal,
                sale(d, d["issue"], letter, date_let),
            )
        )
    # The part payment of FA-2026-0078: not lettered, its label names the invoice.
    entries.append(
        (
            date(2026, 9, 15),
            "BQ",
            bank("C003", Decimal("3000.00"), "VIR091501", "Virement reçu acompte FA-2026-0078"),
        )
    )
    journals = {"AN": "A nouveaux", "VT": "Ventes", "BQ": "Banque BNP Paribas"}
    order = {"AN": 0, "VT": 1, "BQ": 2}
    entries.sort(key=lambda x: (x[0], order[x[1]]))
    lines = [FEC_HEADER]
    for num, (day, journal, items) in enumerate(entries, start=1):
        piece_date = day
        for (
            account,
            account_label,
            aux,
            aux_label,
            piece,
            label,
            debit,
            credit,
            let,
            dlet,
        ) in items:
            if journal in {"VT", "AN"}:
                piece_date = next(
                    (_day(r["Date facture"]) for r in rows if r["N° facture"] == piece), day
                )
            lines.append(
                "\t".join(
                    (
                        journal,
                        journals[journal],
                        f"{journal}{num:05d}",
                        f"{day:%Y%m%d}",
                        account,
                        account_label,
                        aux,
                        aux_label,
                        piece,
                        f"{piece_date:%Y%m%d}",
                        label,
                        _fec_amount(Decimal(debit)),
                        _fec_amount(Decimal(credit)),
                        let,
                        dlet,
                        f"{day:%Y%m%d}",
                        "",
                        "",
                    )
                )
            )
    out = base / "fec"
    out.mkdir(exist_ok=True)
    text = "\r\n".join(lines) + "\r\n"
    (out / "336585906FEC20261116.txt").write_bytes(text.encode("iso-8859-15"))


def main() -> None:
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=HERE, help="folder (default: samples/)")
    base = parser.parse_args().out
    base.mkdir(parents=True, exist_ok=True)
    rows = _rows()
    write_clients(rows, base)
    write_terms(rows, base)
    write_fec(rows, base)
    write_bank(base)
    write_einvoices(rows, base)
    print(f"wrote clients-fr.csv, terms-fr.yaml, fec/, bank/, einvoices-fr/ in {base}")


if __name__ == "__main__":
    main()
