"""XLSX and JSON ledgers, separate debtors and payments files, and user mappings."""

from datetime import date, datetime
from decimal import Decimal

import openpyxl
import pytest

from relance_docs.errors import MappingError
from relance_docs.intake import load_mapping, read_ledger
from relance_docs.model import PartyKind

from .conftest import errors, messages


def _workbook(path, sheets: dict[str, list[list]]):
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for name, rows in sheets.items():
        ws = wb.create_sheet(name)
        for row in rows:
            ws.append(row)
    wb.save(path)
    return path


INVOICE_HEADER = [
    "Invoice No",
    "Customer",
    "Customer type",
    "Address line 1",
    "Town",
    "Postcode",
    "Country",
    "Invoice date",
    "Due date",
    "Amount",
    "Paid",
]


def test_xlsx_with_real_date_and_number_cells(tmp_path):
    path = _workbook(
        tmp_path / "ledger.xlsx",
        {
            "Invoices": [
                INVOICE_HEADER,
                [
                    "INV-1",
                    "Acme Ltd",
                    "Ltd",
                    "1 High St",
                    "Leeds",
                    "LS1 4AP",
                    "England",
                    datetime(2026, 9, 1),
                    datetime(2026, 10, 1),
                    1234.56,
                    0,
                ],
                # Binary noise from a formula (=A*1.2) must not become a fourth decimal.
                [
                    "INV-2",
                    "Acme Ltd",
                    "Ltd",
                    "1 High St",
                    "Leeds",
                    "LS1 4AP",
                    "England",
                    date(2026, 9, 2),
                    date(2026, 10, 2),
                    1028.8000000000002,
                    28.8,
                ],
                [
                    1003,
                    "Jo Bloggs",
                    "Sole trader",
                    "2 Low Rd",
                    "Cardiff",
                    "CF10 1AA",
                    "Wales",
                    "03/09/2026",
                    "2026-10-03",
                    "£999.99",
                    None,
                ],
            ]
        },
    )
    result = read_ledger(path)
    assert errors(result) == []
    assert result.sources[0].description == "XLSX sheet Invoices"
    one, two, three = result.ledger.invoices
    assert (one.issue_date, one.amount, one.currency) == (
        date(2026, 9, 1),
        Decimal("1234.56"),
        "EUR",
    )
    assert two.amount == Decimal("1028.8")
    assert two.paid == Decimal("28.8")
    assert three.number == "1003"  # a number cell becomes "1003", not "1003.0"
    assert (three.amount, three.currency) == (Decimal("999.99"), "GBP")
    jo = result.ledger.debtor("Jo Bloggs")
    assert (jo.kind, jo.country, jo.subdivision) == (PartyKind.TRADER, "GB", "WLS")


def test_xlsx_sheet_option_and_named_sheets(tmp_path):
    path = _workbook(
        tmp_path / "book.xlsx",
        {
            "Notes": [["nothing here"]],
            "Factures": [
                ["N° facture", "Code client", "Date facture", "Échéance", "Montant TTC"],
                ["F1", "C1", date(2026, 9, 1), date(2026, 10, 1), 500],
            ],
            "Clients": [
                [
                    "Code client",
                    "Raison sociale",
                    "Adresse",
                    "Code postal",
                    "Ville",
                    "Type client",
                ],
                ["C1", "Dupont & Fils SARL", "3 rue de la Paix", 1000, "Bourg-en-Bresse", "SARL"],
            ],
            "Règlements": [
                ["N° facture", "Date de règlement", "Montant"],
                ["F1", date(2026, 10, 5), 200],
                ["F1", date(2026, 10, 20), 100],
            ],
        },
    )
    result = read_ledger(path, sheet="Factures")
    assert errors(result) == []
    assert [s.label.split("/")[-1] for s in result.sources] == [
        "book.xlsx[Factures]",
        "book.xlsx[Clients]",
        "book.xlsx[Règlements]",
    ]
    (invoice,) = result.ledger.invoices
    assert invoice.paid == Decimal("300")
    (party,) = result.ledger.debtors
    assert party.name == "Dupont & Fils SARL"
    assert party.postcode == "01000"  # Excel dropped the leading zero of the Ain postcode
    assert len(result.ledger.payments) == 2


def test_xlsx_missing_sheet(tmp_path):
    path = _workbook(tmp_path / "book.xlsx", {"A": [["x"]], "B": [["y"]]})
    assert errors(read_ledger(path, sheet="Factures")) == [
        'book.xlsx: has no sheet "Factures" (sheets: A, B)'
    ]


def test_separate_debtors_invoices_and_payments_csv(write):
    invoices = write(
        "factures.csv",
        (
            "N° facture;Code client;Date facture;Échéance;Montant TTC\n"
            "F1;C1;01/09/2026;01/10/2026;1 000,00\n"
            "F2;C2;01/09/2026;01/10/2026;250,00\n"
            "F3;C9;01/09/2026;01/10/2026;250,00\n"
        ),
    )
    debtors = write(
        "clients.csv",
        (
            "Code client;Raison sociale;Type client;Adresse;Code postal;Ville\n"
            "C1;Alpha SAS;Société;1 rue A;69001;Lyon\n"
            "C2;Mme Béatrice Roux;Particulier;2 rue B;57000;Metz\n"
            "C2;Doublon;Particulier;2 rue B;57000;Metz\n"
        ),
    )
    payments = write(
        "reglements.csv",
        (
            "N° facture;Date de règlement;Montant;Référence\n"
            "F1;10/10/2026;400,00;VIR 123\n"
            "F1;10/10/2026;400,00;VIR 123\n"
            "F7;11/10/2026;10,00;CHQ 9\n"
            "F2;12/10/2026;-5,00;\n"
        ),
    )
    result = read_ledger(invoices, debtors=debtors, payments=payments)
    assert messages(result) == [
        'clients.csv:4: debtor "C2" appears twice (first at line 3)',
        'factures.csv:4: debtor "C9" is not in the debtors file',
        "reglements.csv:3: warning: same payment as line 2: counted twice",
        "reglements.csv:4: payment for invoice F7, which is not in the ledger",
        "reglements.csv:5: Montant -5.00 is not a positive payment",
    ]
    f1 = result.ledger.invoices[0]
    assert (f1.debtor_id, f1.paid, f1.outstanding) == ("C1", Decimal("800.00"), Decimal("200.00"))
    assert [d.id for d in result.ledger.debtors] == ["C1", "C2"]


def test_payments_above_the_invoice(write):
    invoices = write(
        "f.csv",
        "N° facture;Client;Date facture;Échéance;Montant\nF1;A;01/09/2026;01/10/2026;100,00\n",
    )
    payments = write(
        "p.csv", "N° facture;Date;Montant\nF1;02/10/2026;60,00\nF1;03/10/2026;60,00\n"
    )
    assert errors(read_ledger(invoices, payments=payments)) == [
        "p.csv:3: payments for invoice F1 total 120.00, more than its amount 100.00"
    ]


def test_json_list_and_object_forms_with_line_numbers(write):
    listed = write(
        "l.json",
        """[
  {"invoice_number": "F1", "client": "Alpha SAS", "date facture": "2026-09-01",
   "due_date": "2026-10-01", "amount": 1234.50, "adresse": ["1 rue A", "Bât. B"],
   "code postal": "69001", "ville": "Lyon"},
  {"invoice_number": "F2", "client": "Alpha SAS", "date facture": "2026-09-01",
   "due_date": "2026-08-01", "amount": "99,90", "adresse": ["1 rue A", "Bât. B"],
   "code postal": "69001", "ville": "Lyon"}
]""",
    )
    result = read_ledger(listed)
    assert errors(result) == ["l.json:5: due_date 2026-08-01 is before date facture 2026-09-01"]
    assert result.ledger.invoices[0].amount == Decimal("1234.50")
    assert result.ledger.debtors[0].address_lines == ("1 rue A", "Bât. B")

    nested = write(
        "o.json",
        """{
  "debtors": [{"id": "C1", "name": "Beta Ltd", "address": "1 Main St", "city": "York",
               "postcode": "YO1 7HH", "country": "GB", "type": "company"}],
  "invoices": [{"invoice": "I1", "customer_id": "C1", "invoice_date": "2026-09-01",
                "due_date": "2026-10-01", "amount": 10, "currency": "GBP"}],
  "payments": [{"invoice": "I1", "date": "2026-10-02", "amount": 4}]
}""",
    )
    result = read_ledger(nested)
    assert messages(result) == []
    (invoice,) = result.ledger.invoices
    assert (invoice.debtor_id, invoice.currency, invoice.paid) == ("C1", "GBP", Decimal("4"))


def test_invalid_json_says_where(write):
    path = write("bad.json", '[\n  {"invoice": "F1",\n   "amount": 12,,\n  }\n]')
    assert errors(read_ledger(path)) == [
        "bad.json:3: invalid JSON: Expecting property name enclosed in double quotes"
    ]


def test_mapping_file(write):
    ledger = write(
        "export.csv",
        (
            "Pièce;Tiers;Cat;Date pièce;Date limite;Solde TTC;Commercial\n"
            "VT-1;Gamma SARL;PRO;01/09/2026;01/10/2026;1.234;Paul\n"
        ),
    )
    mapping = load_mapping(
        write(
            "mapping.yaml",
            (
                "columns:\n"
                "  debtor_name: Tiers\n"
                "  debtor_kind: Cat\n"
                "  due_date: Date limite\n"
                "  amount: Solde TTC\n"
                "decimal_separator: ','\n"
                "debtor_types:\n"
                "  PRO: company\n"
            ),
        )
    )
    result = read_ledger(ledger, mapping=mapping)
    assert errors(result) == []
    (invoice,) = result.ledger.invoices
    # The mapping declares a decimal comma: "1.234" is one thousand two hundred...
    assert (invoice.number, invoice.amount) == ("VT-1", Decimal("1234"))
    assert result.ledger.debtors[0].kind is PartyKind.COMPANY
    assert result.sources[0].unused_columns == ("Commercial",)


def test_mapping_with_three_decimal_amount_is_refused(write):
    ledger = write(
        "export.csv",
        (
            "Pièce;Tiers;Date pièce;Date limite;Solde TTC\n"
            "VT-1;Gamma SARL;01/09/2026;01/10/2026;1,234\n"
        ),
    )
    mapping = load_mapping(
        write(
            "m.yaml",
            "columns:\n  due_date: Date limite\n  amount: Solde TTC\n  debtor_name: Tiers\ndecimal_separator: ','\n",
        )
    )
    # With a decimal comma declared, 1,234 is 1.234 EUR: three decimals, refused.
    assert errors(read_ledger(ledger, mapping=mapping)) == [
        'export.csv:2: Solde TTC "1,234" has more than 2 decimals'
    ]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("columns:\n  numero: Pièce\n", "m.yaml:2: 'numero' is not a field of invoices"),
        ("colonnes:\n  a: b\n", "m.yaml:1: unknown setting 'colonnes'"),
        ("decimal_separator: ';'\n", "m.yaml:1: decimal_separator must be"),
        ("debtor_types:\n  PRO: entreprise\n", "m.yaml:2: 'entreprise' is not a kind"),
        ("columns: [a\n", "m.yaml:2: invalid YAML"),
        ("currency: ECU\n", 'm.yaml:1: "ECU" is not a known currency'),
    ],
)
def test_bad_mapping_files(write, text, message):
    with pytest.raises(MappingError) as info:
        load_mapping(write("m.yaml", text))
    assert str(info.value).split("/")[-1].startswith(message)


def test_mapping_names_a_missing_column(write):
    ledger = write(
        "e.csv",
        "N° facture;Client;Date facture;Échéance;Montant\nF1;A;01/09/2026;01/10/2026;1,00\n",
    )
    mapping = load_mapping(write("m.yaml", "columns:\n  amount: Solde TTC\n"))
    assert errors(read_ledger(ledger, mapping=mapping)) == [
        'e.csv:1: the mapping names column "Solde TTC" for amount, but the file has no such column'
    ]
