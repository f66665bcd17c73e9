"""What the sample generators share: the French CSV sample read as rows, the creditor,
and one e-invoice's fields from a row (see make_formats.py)."""

from __future__ import annotations

import calendar
import csv
import io
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path

HERE = Path(__file__).resolve().parent
SOURCE = HERE / "ledger-fr.csv"
CREDITOR = {
    "name": "Ateliers Mécaniques du Rhône SAS",
    "siren": "336585906",
    "vat": "FR49336585906",
    "street": "48 rue Pré-Gaudry",
    "postcode": "69007",
    "city": "Lyon",
    "iban": "FR7630004008250001048271917",
}
FACTURX = {"C001", "C004"}
UBL = {"C002"}
COUNTRY_CODES = {"France": "FR", "Allemagne": "DE", "": "FR"}
FIXED = datetime(2026, 11, 16, 9, 0, 0, tzinfo=UTC)


def _rows() -> list[dict[str, str]]:
    text = SOURCE.read_bytes().decode("cp1252")
    return list(csv.DictReader(io.StringIO(text), delimiter=";"))


def _amount(text: str) -> Decimal:
    return Decimal(text.replace("\u00a0", "").replace(" ", "").replace(",", ".") or "0")


def _day(text: str) -> date:
    d, m, y = text.split("/")
    return date(int(y), int(m), int(d))


def _eom(d: date) -> date:
    return d.replace(day=calendar.monthrange(d.year, d.month)[1])


def _doc(row: dict[str, str]) -> dict:
    credit = row["Type"] == "Avoir"
    ttc, ht = abs(_amount(row["Montant TTC"])), abs(_amount(row["Montant HT"]))
    return {
        "number": row["N° facture"],
        "credit": credit,
        "issue": _day(row["Date facture"]),
        "due": _day(row["Échéance"]),
        "ttc": ttc,
        "ht": ht,
        "vat": ttc - ht,
        "rate": Decimal("0.00") if ttc == ht else Decimal("20.00"),
        "label": row["Libellé"],
        "applies_to": row["Libellé"].split("sur ")[-1].split(" ")[0] if credit else None,
        "code": row["Code client"],
        "name": row["Client"],
        "siren": row["SIREN"],
        "vatno": row["N° TVA"],
        "street": row["Adresse"],
        "street2": row["Complément d'adresse"],
        "postcode": row["Code postal"],
        "city": row["Ville"],
        "country": COUNTRY_CODES.get(row["Pays"], "FR"),
        "email": row["Email"],
    }
