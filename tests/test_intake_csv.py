"""CSV ledgers as French and British spreadsheets really write them."""

from datetime import date
from decimal import Decimal

from relance_docs.model import DocumentKind, PartyKind

from .conftest import errors, messages

FR_HEADER = (
    "N° facture;Client;Type client;SIREN;Adresse;Code postal;Ville;"
    "Date facture;Échéance;Montant TTC;Réglé;Litige\r\n"
)


def test_french_excel_csv_cp1252(read):
    text = FR_HEADER + (
        "F2026-001;Dupont & Fils SARL;Société;732829320;3 rue de la Paix;69002;Lyon;"
        "01/09/2026;01/10/2026;1\u00a0234,56;0,00;non\r\n"
        "F2026-002;Crèmerie Zoé Lefèvre;Artisan;;8 allée des Cèdres;67000;Strasbourg;"
        "15/09/2026;15/10/2026;500,00;120,50;\r\n"
    )
    result = read(text, encoding="cp1252")
    assert errors(result) == []
    assert result.sources[0].description == "CSV, Windows-1252, semicolon-separated"
    first, second = result.ledger.invoices
    assert first.number == "F2026-001"
    assert first.amount == Decimal("1234.56")
    assert first.issue_date == date(2026, 9, 1)
    assert first.due_date == date(2026, 10, 1)
    assert first.currency == "EUR"
    assert second.paid == Decimal("120.50")
    assert second.outstanding == Decimal("379.50")
    dupont, lefevre = result.ledger.debtors
    assert dupont.name == "Dupont & Fils SARL"
    assert dupont.kind is PartyKind.COMPANY
    assert dupont.registration_number == "732829320"
    assert lefevre.name == "Crèmerie Zoé Lefèvre"
    assert lefevre.kind is PartyKind.TRADER
    assert lefevre.address_lines == ("8 allée des Cèdres",)


def test_utf8_with_bom_and_comma_delimiter(read):
    text = (
        "\ufeffInvoice No,Customer,Customer type,Address,Postcode,Town,Country,"
        "Invoice date,Due date,Amount,Paid\n"
        'INV-7,"Smith, Jones & Co Ltd",Ltd,1 High Street,BS1 4DJ,Bristol,England,'
        '2026-09-01,2026-10-01,"1,234.56",0\n'
    )
    result = read(text)
    assert errors(result) == []
    assert result.sources[0].description == "CSV, UTF-8 with BOM, comma-separated"
    (invoice,) = result.ledger.invoices
    assert invoice.amount == Decimal("1234.56")
    (party,) = result.ledger.debtors
    assert party.name == "Smith, Jones & Co Ltd"
    assert (party.country, party.subdivision) == ("GB", "ENG")


def test_tab_separated_utf16_from_excel_unicode_text(read):
    text = (
        "N° facture\tClient\tAdresse\tCode postal\tVille\tDate facture\tÉchéance\tMontant\n"
        "A1\tÉtablissements Bérard\t2 quai Saint-Vincent\t69001\tLyon\t02.03.2026\t"
        "02.04.2026\t99,90\n"
    )
    result = read(text, encoding="utf-16")
    assert errors(result) == []
    assert result.sources[0].description == "CSV, UTF-16, tab-separated"
    assert result.ledger.invoices[0].issue_date == date(2026, 3, 2)
    assert result.ledger.debtors[0].name == "Établissements Bérard"


def test_title_lines_above_the_header_are_skipped(read):
    text = (
        "Balance âgée clients au 31/10/2026;;;;;\n"
        ";;;;;\n"
        "N° facture;Client;Date facture;Échéance;Montant TTC;Ville\n"
        "F1;Alpha SAS;01/09/2026;01/10/2026;10,00;Lyon\n"
    )
    result = read(text)
    assert errors(result) == []
    assert result.ledger.invoices[0].source_line == 4


def test_headers_match_whatever_their_case_accents_and_numero_sign(read):
    text = (
        "NUMERO DE FACTURE;raison sociale;DATE D'EMISSION;date d'échéance;total ttc;"
        "Montant HT\n"
        "F1;Alpha SAS;01/09/2026;01/10/2026;120,00;100,00\n"
    )
    result = read(text)
    assert [c for c, _ in result.sources[0].columns] == [
        "NUMERO DE FACTURE",
        "raison sociale",
        "DATE D'EMISSION",
        "date d'échéance",
        "total ttc",
        "Montant HT",
    ]
    assert result.ledger.invoices[0].amount_excl_tax == Decimal("100.00")


def test_unused_columns_are_reported(read):
    text = "N° facture;Client;Date facture;Échéance;Montant;Commercial\nF1;A;01/09/2026;01/10/2026;1,00;Paul\n"
    result = read(text)
    assert result.sources[0].unused_columns == ("Commercial",)


def test_ambiguous_amount_is_a_problem_not_a_guess(read):
    text = FR_HEADER.replace(";Réglé;Litige", "") + (
        "F1;Alpha SAS;Société;;1 rue A;69001;Lyon;01/09/2026;01/10/2026;1.234\n"
    )
    result = read(text)
    assert errors(result) == [
        'ledger.csv:2: Montant TTC "1.234" is ambiguous (thousands separator or decimals?)'
    ]


def test_the_rest_of_the_file_settles_an_ambiguous_amount(read):
    # Line 3 shows a decimal comma, so "1.234" on line 2 is one thousand two hundred...
    text = (
        "N° facture;Client;Date facture;Échéance;Montant TTC\n"
        "F1;Alpha SAS;01/09/2026;01/10/2026;1.234\n"
        "F2;Alpha SAS;01/09/2026;01/10/2026;56,78\n"
    )
    result = read(text)
    assert errors(result) == []
    assert [i.amount for i in result.ledger.invoices] == [Decimal("1234"), Decimal("56.78")]


def test_impossible_and_unreadable_dates(read):
    text = (
        "N° facture;Client;Date facture;Échéance;Montant TTC\n"
        "F1;Alpha SAS;31/02/2025;01/10/2026;10,00\n"
        "F2;Alpha SAS;01/09/2026;le 3 mars;10,00\n"
        "F3;Alpha SAS;45901;01/10/2026;10,00\n"
        "F4;Alpha SAS;01/09/2026;;10,00\n"
    )
    assert errors(read(text)) == [
        'ledger.csv:2: Date facture "31/02/2025" is not a real date',
        'ledger.csv:3: Échéance "le 3 mars" is not a date (expected dd/mm/yyyy or yyyy-mm-dd)',
        'ledger.csv:4: Date facture "45901" looks like an Excel serial number, not a date '
        "(format the column as dates before exporting)",
        "ledger.csv:5: Échéance is empty",
    ]


def test_row_checks(read):
    text = (
        "N° facture;Client;Type;Date facture;Échéance;Montant TTC;Réglé;Devise\n"
        "F1;Alpha SAS;Facture;01/09/2026;01/08/2026;100,00;;EUR\n"
        "F2;Alpha SAS;Facture;01/09/2026;01/10/2026;-50,00;;EUR\n"
        "F3;Alpha SAS;Facture;01/09/2026;01/10/2026;100,00;150,00;EUR\n"
        "F4;Alpha SAS;Facture;01/09/2026;01/10/2026;100,00;;XYZ\n"
        "F1;Alpha SAS;Facture;02/09/2026;02/10/2026;100,00;;EUR\n"
        "F5;Alpha SAS;Facture;01/09/2026;01/10/2026;100,005;;EUR\n"
        "F6;Alpha SAS;Facture;01/09/2026;01/10/2026;£100,00;;EUR\n"
    )
    assert errors(read(text)) == [
        "ledger.csv:2: Échéance 01/08/2026 is before Date facture 01/09/2026",
        'ledger.csv:3: Montant TTC "-50,00" is negative but the row is not a credit note: '
        "write Avoir in its Type column",
        'ledger.csv:4: Réglé "150,00" is more than Montant TTC "100,00"',
        'ledger.csv:5: Devise "XYZ" is not a known currency (use an ISO code such as EUR or GBP)',
        "ledger.csv:6: invoice number F1 appears twice (first at line 2)",
        'ledger.csv:7: Montant TTC "100,005" has more than 2 decimals',
        "ledger.csv:8: Devise says EUR but the amount is in GBP",
    ]


def test_credit_notes(read):
    text = (
        "N° facture;Client;Type;Date facture;Échéance;Montant TTC;Facture d'origine\n"
        "F1;Alpha SAS;Facture;01/09/2026;01/10/2026;500,00;\n"
        "AV1;Alpha SAS;Avoir;05/09/2026;05/09/2026;-120,00;F1\n"
        "AV2;Alpha SAS;Avoir;06/09/2026;06/09/2026;30,00;\n"
        "AV3;Alpha SAS;Avoir;06/09/2026;06/09/2026;30,00;F9\n"
    )
    result = read(text)
    assert errors(result) == [
        "ledger.csv:5: credit note AV3 applies to F9, which is not in the ledger"
    ]
    notes = [i for i in result.ledger.invoices if i.kind is DocumentKind.CREDIT_NOTE]
    # A credit note written as a positive amount is still a credit: stored negative.
    assert [(n.number, n.amount, n.applies_to) for n in notes] == [
        ("AV1", Decimal("-120.00"), "F1"),
        ("AV2", Decimal("-30.00"), None),
        ("AV3", Decimal("-30.00"), "F9"),
    ]


def test_disputes(read):
    text = (
        "N° facture;Client;Date facture;Échéance;Montant TTC;Litige;Motif du litige\n"
        "F1;A SAS;01/09/2026;01/10/2026;10,00;oui;Livraison incomplète\n"
        "F2;A SAS;01/09/2026;01/10/2026;10,00;x;\n"
        "F3;A SAS;01/09/2026;01/10/2026;10,00;non;\n"
        "F4;A SAS;01/09/2026;01/10/2026;10,00;Produit défectueux;\n"
        "F5;A SAS;01/09/2026;01/10/2026;10,00;;Prix contesté\n"
        "F6;A SAS;01/09/2026;01/10/2026;10,00;1;\n"
        "F7;A SAS;01/09/2026;01/10/2026;10,00;false;\n"
    )
    result = read(text)
    assert errors(result) == []
    assert [(i.number, i.disputed, i.dispute_reason) for i in result.ledger.invoices] == [
        ("F1", True, "Livraison incomplète"),
        ("F2", True, None),
        ("F3", False, None),
        ("F4", True, "Produit défectueux"),  # free text in the flag column is the reason
        ("F5", True, "Prix contesté"),  # a reason with no flag is a dispute
        ("F6", True, None),
        ("F7", False, None),
    ]


def test_debtor_kinds_in_french_and_english(read):
    rows = [
        ("société", PartyKind.COMPANY),
        ("SARL", PartyKind.COMPANY),
        ("Particulier", PartyKind.CONSUMER),
        ("consumer", PartyKind.CONSUMER),
        ("Administration", PartyKind.PUBLIC),
        ("public body", PartyKind.PUBLIC),
        ("Profession libérale", PartyKind.PROFESSIONAL),
        ("association", PartyKind.PROFESSIONAL),
        ("Auto-entrepreneur", PartyKind.TRADER),
        ("sole trader", PartyKind.TRADER),
        ("Commerçant", PartyKind.TRADER),
    ]
    text = "N° facture;Client;Type client;Date facture;Échéance;Montant\n" + "".join(
        f"F{i};Debtor {i};{word};01/09/2026;01/10/2026;1,00\n" for i, (word, _) in enumerate(rows)
    )
    result = read(text)
    assert errors(result) == []
    assert [d.kind for d in result.ledger.debtors] == [kind for _, kind in rows]


def test_unknown_and_vague_debtor_kinds(read):
    text = (
        "N° facture;Client;Type client;Adresse;Code postal;Ville;Date facture;Échéance;Montant\n"
        "F1;A;Martien;1 rue A;69001;Lyon;01/09/2026;01/10/2026;1,00\n"
        "F2;B;Pro;1 rue B;69001;Lyon;01/09/2026;01/10/2026;1,00\n"
    )
    result = read(text)
    assert messages(result) == [
        'ledger.csv:2: Type client "Martien" is not a debtor type (use société, commerçant, '
        "profession libérale, particulier or administration; or company, sole trader, "
        "professional, consumer or public)",
        'ledger.csv:3: warning: Type client "Pro" read as a commercial company; write '
        "profession libérale or association if it is not one",
    ]


def test_identifiers_are_checked(read):
    text = (
        "N° facture;Client;SIREN;N° TVA;Adresse;Code postal;Ville;Pays;"
        "Date facture;Échéance;Montant\n"
        "F1;A SAS;732829321;;1 rue A;69001;Lyon;France;01/09/2026;01/10/2026;1,00\n"
        "F2;B SAS;73282932;;1 rue B;69001;Lyon;France;01/09/2026;01/10/2026;1,00\n"
        "F3;C SAS;;FR00732829320;1 rue C;69001;Lyon;France;01/09/2026;01/10/2026;1,00\n"
        "F4;D SAS;73282932000074;FR44732829320;1 rue D;69001;Lyon;;01/09/2026;01/10/2026;1,00\n"
        "F5;E GmbH;;DE136695975;Hauptstr. 1;76133;Karlsruhe;Allemagne;01/09/2026;01/10/2026;1,00\n"
    )
    result = read(text)
    assert errors(result) == [
        'ledger.csv:2: SIREN "732829321" has an invalid checksum',
        'ledger.csv:3: SIREN/SIRET "73282932" must have 9 (SIREN) or 14 (SIRET) digits',
        'ledger.csv:4: VAT number "FR00732829320" has an invalid checksum',
        'ledger.csv:6: VAT number "DE136695975" has an invalid checksum',
    ]
    # A SIRET is valid; the VAT key 44 = (12 + 3 * (732829320 % 97)) % 97.
    good = next(d for d in result.ledger.debtors if d.name == "D SAS")
    assert (good.registration_number, good.vat_number) == ("73282932000074", "FR44732829320")


def test_debtor_without_postal_address_is_a_warning(read):
    text = "N° facture;Client;Date facture;Échéance;Montant\nF1;Alpha SAS;01/09/2026;01/10/2026;1,00\n"
    assert "ledger.csv:2: warning: Alpha SAS has no postal address: letters will need one" in (
        messages(read(text))
    )


def test_repeated_debtor_columns_that_disagree_are_flagged(read):
    text = (
        "Code client;Client;Adresse;Code postal;Ville;N° facture;Date facture;Échéance;Montant\n"
        "C1;Alpha SAS;1 rue A;69001;Lyon;F1;01/09/2026;01/10/2026;1,00\n"
        "C1;Alpha SAS;9 rue Z;69001;Lyon;F2;01/09/2026;01/10/2026;1,00\n"
        "C1;Alpha SAS;9 rue Z;69001;Lyon;F3;01/09/2026;01/10/2026;1,00\n"
    )
    result = read(text)
    assert len(result.ledger.debtors) == 1
    assert messages(result) == [
        "ledger.csv:2: warning: Alpha SAS: read as a company from the legal form SAS in its name",
        "ledger.csv:3: warning: Alpha SAS: the address differs from line 2 (line 2's is used)",
    ]


def test_totals_line_is_named_as_such(read):
    text = (
        "N° facture;Client;Date facture;Échéance;Montant\n"
        "F1;Alpha SAS;01/09/2026;01/10/2026;1,00\n"
        "Total;;;;1,00\n"
    )
    assert errors(read(text)) == [
        "ledger.csv:3: looks like a totals line: remove it (relance computes the totals itself)"
    ]


def test_missing_required_column_names_the_aliases(read):
    text = "N° facture;Client;Date facture;Montant\nF1;A;01/09/2026;1,00\n"
    assert errors(read(text)) == [
        'ledger.csv:1: no column for the due date (expected a header such as "Date '
        'd\'échéance", "Date échéance" or "Échéance"; or name yours in a --mapping file)'
    ]


def test_outstanding_column_instead_of_paid(read):
    text = (
        "N° facture;Client;Date facture;Échéance;Montant TTC;Reste dû\n"
        "F1;Alpha SAS;01/09/2026;01/10/2026;1 000,00;400,00\n"
    )
    (invoice,) = read(text).ledger.invoices
    assert (invoice.amount, invoice.paid, invoice.outstanding) == (
        Decimal("1000.00"),
        Decimal("600.00"),
        Decimal("400.00"),
    )


def test_an_unquoted_separator_inside_a_value_is_caught(read):
    text = (
        "Invoice No,Customer,Invoice date,Due date,Amount\n"
        "I1,Acme Ltd,2026-09-01,2026-10-01,1,234.56\n"
    )
    assert errors(read(text)) == [
        "ledger.csv:2: has 6 cells but the header has 5 (an unquoted comma inside a value?)"
    ]


def test_the_headers_named_in_the_issue_are_recognised():
    from relance_docs.intake.columns import match_columns

    expected = {
        "N° facture": "invoice_number",
        "Numéro de facture": "invoice_number",
        "Invoice No": "invoice_number",
        "Date facture": "issue_date",
        "Date d'émission": "issue_date",
        "Invoice date": "issue_date",
        "Date d'échéance": "due_date",
        "Échéance": "due_date",
        "Due date": "due_date",
        "Montant TTC": "amount",
        "Total TTC": "amount",
        "Amount": "amount",
        "Réglé": "paid",
        "Paid": "paid",
        "Client": "debtor_name",
        "Raison sociale": "debtor_name",
        "SIREN": "registration_number",
        "Adresse": "address1",
        "Code postal": "postcode",
        "Ville": "city",
        "Pays": "country",
        "Email": "email",
        "Langue": "language",
        "Type client": "debtor_kind",
        "Litige": "disputed",
    }
    for header, field in expected.items():
        assert match_columns([header], "invoices").fields == {field: 0}, header
