"""Spreadsheet habits: negative credit notes with no type, and debtors with no type."""

from __future__ import annotations

from decimal import Decimal

from click.testing import CliRunner

from relance_docs.cli import cli
from relance_docs.intake import load_creditor
from relance_docs.model import DocumentKind, PartyKind

from .conftest import SAMPLES, errors, messages

HEADER = "N° facture;Client;Adresse;Code postal;Ville;Date facture;Échéance;Montant TTC\n"


def test_a_negative_amount_with_no_type_is_a_credit_note(read):
    result = read(
        HEADER + "FA-1;Alpha SAS;1 rue A;69001;Lyon;01/09/2026;01/10/2026;1 000,00\n"
        "AV-7;Alpha SAS;1 rue A;69001;Lyon;05/09/2026;05/09/2026;-150,00\n"
    )
    assert errors(result) == []
    note = result.ledger.invoices[1]
    assert note.kind is DocumentKind.CREDIT_NOTE and note.amount == Decimal("-150.00")
    assert (
        'ledger.csv:3: warning: AV-7: Montant TTC "-150,00" is negative and the row has no '
        "type: read as a credit note"
    ) in messages(result)
    # 1 000,00 - 150,00 = 850,00 owed by Alpha
    assert result.ledger.outstanding_by_currency() == {"EUR": Decimal("850.00")}


def test_a_negative_credit_note_applies_to_the_invoice_its_column_names(read):
    result = read(
        HEADER.replace("\n", ";Facture d'origine\n")
        + "FA-1;Alpha SAS;1 rue A;69001;Lyon;01/09/2026;01/10/2026;1 000,00;\n"
        "AV-7;Alpha SAS;1 rue A;69001;Lyon;05/09/2026;05/09/2026;-150,00;FA-1\n"
    )
    assert errors(result) == []
    assert result.ledger.invoices[1].applies_to == "FA-1"
    assert any("read as a credit note on FA-1" in m for m in messages(result))


def test_a_negative_amount_typed_facture_stays_an_error(read):
    result = read(
        "N° facture;Type;Client;Date facture;Échéance;Montant TTC\n"
        "FA-1;Facture;Alpha SAS;01/09/2026;01/10/2026;-150,00\n"
    )
    assert errors(result) == [
        'ledger.csv:2: Montant TTC "-150,00" is negative but the row is not a credit note: '
        "write Avoir in its Type column"
    ]


def test_an_empty_type_cell_with_a_negative_amount_is_a_credit_note(read):
    result = read(
        "N° facture;Type;Client;Date facture;Échéance;Montant TTC\n"
        "AV-1;;Alpha SAS;01/09/2026;01/09/2026;-150,00\n"
    )
    assert errors(result) == []
    assert result.ledger.invoices[0].is_credit_note


def _kinds(read, names: list[str], **kw) -> dict[str, PartyKind | None]:
    text = "N° facture;Client;SIREN;N° TVA;Date facture;Échéance;Montant TTC\n" + "".join(
        f"F{i};{name};{siren};{vat};01/09/2026;01/10/2026;10,00\n"
        for i, (name, siren, vat) in enumerate(names)
    )
    result = read(text, **kw)
    assert errors(result) == []
    return result, {d.name: d.kind for d in result.ledger.debtors}


def test_kinds_inferred_from_the_legal_form_or_the_numbers(read):
    result, kinds = _kinds(
        read,
        [
            ("Dupont & Fils SARL", "", ""),
            ("Harbour Lane Joinery Ltd.", "", ""),
            ("Schäfer Antriebstechnik GmbH", "", ""),
            ("Garage du Pilat – Thierry Roussel EI", "", ""),
            ("Cabinet d'architecture Lefèvre", "913737060", ""),
            ("Atelier Morel", "", "FR19913737060"),
            ("Mme Hélène Fabre", "", ""),
            ("Mr John Smith", "", ""),
            ("Communauté de communes des Balcons du Gier", "200036127", ""),
        ],
    )
    assert kinds == {
        "Dupont & Fils SARL": PartyKind.COMPANY,
        "Harbour Lane Joinery Ltd.": PartyKind.COMPANY,
        "Schäfer Antriebstechnik GmbH": PartyKind.COMPANY,
        "Garage du Pilat – Thierry Roussel EI": PartyKind.TRADER,
        "Cabinet d'architecture Lefèvre": PartyKind.COMPANY,
        "Atelier Morel": PartyKind.COMPANY,
        # A title never makes a consumer; a public body's SIREN is not a company's.
        "Mme Hélène Fabre": None,
        "Mr John Smith": None,
        "Communauté de communes des Balcons du Gier": None,
    }
    shown = messages(result)
    assert (
        "ledger.csv:2: warning: Dupont & Fils SARL: read as a company from the legal form SARL "
        "in its name"
    ) in shown
    assert any(
        "Atelier Morel: read as a company from its VAT number FR19913737060" in m for m in shown
    )
    assert any(
        "Mme Hélène Fabre: no debtor type, no legal form in its name and no SIREN or VAT "
        "number: its documents are held" in m
        for m in shown
    )
    assert any(
        "its SIREN 200036127 starts with 2, as those of public bodies do" in m for m in shown
    )


def test_the_profile_default_wins_with_one_warning(read):
    result, kinds = _kinds(
        read,
        [("Mme Hélène Fabre", "", ""), ("Dupont & Fils SARL", "", "")],
        default_debtor_kind=PartyKind.COMPANY,
    )
    assert set(kinds.values()) == {PartyKind.COMPANY}
    assert [m for m in messages(result) if "kind" in m or "read as" in m] == [
        "ledger.csv:1: warning: 2 debtors with no debtor-type column (Type client): read as "
        "a company from the creditor profile's default_debtor_kind"
    ]


def test_a_written_type_is_never_overridden(read):
    result = read(
        "N° facture;Client;Type client;Date facture;Échéance;Montant TTC\n"
        "F1;Dupont SARL;Particulier;01/09/2026;01/10/2026;10,00\n",
        default_debtor_kind=PartyKind.COMPANY,
    )
    assert result.ledger.debtors[0].kind is PartyKind.CONSUMER


def _b2b_export(tmp_path):
    """ledger-fr.csv as a French Excel export without its two type columns and with the
    credit note as a plain negative line; a profile that sells only to businesses."""
    text = (SAMPLES / "ledger-fr.csv").read_bytes().decode("cp1252")
    lines = [line.split(";") for line in text.splitlines()]
    header = lines[0]
    drop = {header.index("Type client"), header.index("Type")}
    kept = [";".join(c for i, c in enumerate(cells) if i not in drop) for cells in lines]
    ledger = tmp_path / "export.csv"
    ledger.write_bytes(("\r\n".join(kept) + "\r\n").encode("cp1252"))
    profile = tmp_path / "creditor.yaml"
    profile.write_text(
        (SAMPLES / "creditor-fr.yaml").read_text(encoding="utf-8")
        + "default_debtor_kind: company\n",
        encoding="utf-8",
    )
    return ledger, profile


def test_an_export_with_no_types_from_a_b2b_creditor_gives_a_full_batch(tmp_path, read):
    ledger, profile = _b2b_export(tmp_path)
    from relance_docs.intake import read_ledger

    result = read_ledger(ledger, creditor=load_creditor(profile))
    assert errors(result) == []
    # The same balance as the sample: 101 219,20 (README, samples/README.md).
    assert result.ledger.outstanding_by_currency() == {"EUR": Decimal("101219.20")}
    assert {d.kind for d in result.ledger.debtors} == {PartyKind.COMPANY}
    out = tmp_path / "batch"
    run = CliRunner().invoke(
        cli,
        [
            "letters",
            str(ledger),
            "--creditor",
            str(profile),
            "--as-of",
            "2026-11-16",
            "--out",
            str(out),
            "--format",
            "pdf",
        ],
    )
    assert run.exit_code == 0, run.output
    written = sorted(p.name.split("-")[0] for p in out.glob("C0*.pdf"))
    # A letter for each of the 12 debtors (C009 for its undisputed FA-2026-0104): with
    # no type column, none is held for an unknown type.
    assert written == [f"C{n:03d}" for n in range(1, 13)]
    assert "type is not known" not in run.output
    assert "C009 Fonderie Hoffmann SA: invoice FA-2026-0063 is disputed" in run.output
