"""Bank statements: the four sample formats, the matching rules and their reasons."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from click.testing import CliRunner

from relance_docs.cli import cli
from relance_docs.intake import read_ledger
from relance_docs.intake.bank import read_statement
from relance_docs.intake.bank.cfonb import parse_cfonb_amount
from relance_docs.intake.matching import Assignment, match_lines
from relance_docs.model import BankLine

from .conftest import SAMPLES, errors, messages

BANK = SAMPLES / "bank"
STATEMENTS = ["releve-fr.camt053.xml", "releve-fr.cfonb", "releve-fr.ofx", "releve-fr.csv"]


@pytest.mark.parametrize("name", STATEMENTS)
def test_every_format_reads_the_same_six_lines(name):
    statement = read_statement(BANK / name)
    assert statement.problems == []
    assert [(x.day, x.amount, x.payer, x.reference) for x in statement.lines] == [
        (
            date(2026, 4, 7),
            Decimal("576.00"),
            "GARAGE DU PILAT THIERRY ROUSSEL",
            "2026-04-07/0000011",
        ),
        (date(2026, 9, 15), Decimal("3000.00"), "PLASTURGIE DE L AIN SA", "2026-09-15/0000027"),
        (date(2026, 10, 20), Decimal("1250.00"), "SCI LES TILLEULS", "2026-10-20/0000031"),
        (date(2026, 10, 31), Decimal("-18.50"), None, "2026-10-31/0000035"),
        (date(2026, 11, 2), Decimal("705.00"), "M MARC DUPUIS", "2026-11-02/0000038"),
        (date(2026, 11, 5), Decimal("-1840.00"), None, "2026-11-05/0000041"),
    ]
    assert "ACOMPTE FA-2026-0078" in statement.lines[1].text


@pytest.mark.parametrize("name", STATEMENTS)
def test_e_invoices_and_a_statement_give_the_csv_balances(name):
    result = read_ledger(
        SAMPLES / "einvoices-fr",
        creditor=None,
        default_country="FR",
        debtors=SAMPLES / "clients-fr.csv",
        bank=[BANK / name],
        assign=BANK / "assign-fr.yaml",
    )
    assert errors(result) == []
    csv = read_ledger(SAMPLES / "ledger-fr.csv").ledger
    assert result.ledger.outstanding_by_currency() == {"EUR": Decimal("101219.20")}
    for inv in csv.invoices:
        assert result.ledger.invoices_of(inv.debtor_id)  # same debtors
    by = {i.number: i.outstanding for i in result.ledger.invoices}
    assert {n: by[n] for n in ("FA-2026-0029", "FA-2026-0078")} == {
        "FA-2026-0029": Decimal("0.00"),
        "FA-2026-0078": Decimal("4500.00"),  # 7 500 - 3 000
    }


def test_every_match_of_the_sample_is_explained():
    result = read_ledger(
        SAMPLES / "einvoices-fr",
        default_country="FR",
        bank=[BANK / "releve-fr.camt053.xml"],
        assign=BANK / "assign-fr.yaml",
    )
    report = result.matching
    assert [(m.line.key, m.rule, m.applied, m.reason) for m in report.matches] == [
        (
            "2026-04-07/0000011",
            "debtor and amount",
            (("FA-2026-0029", Decimal("576.00")),),
            'debtor C004 (the payer "GARAGE DU PILAT THIERRY ROUSSEL" is its name) and 576,00 '
            "is what is due on its invoice FA-2026-0029",
        ),
        (
            "2026-09-15/0000027",
            "invoice number",
            (("FA-2026-0078", Decimal("3000.00")),),
            "the invoice number FA-2026-0078 in the remittance",
        ),
    ]
    assert [(u.line.key, u.reason) for u in report.unmatched] == [
        (
            "2026-11-02/0000038",
            'no invoice number in the remittance and the payer "M MARC DUPUIS" is no debtor '
            "of the ledger (705,00 is due on FA-2026-0098 of C012, but an amount alone never "
            "matches)",
        )
    ]
    assert [u.reason for u in report.ignored] == [f"ignored, as {BANK / 'assign-fr.yaml'}:4 says"]
    assert report.debits == 2
    # The unmatched credit reaches the person who signs, as a warning with its key.
    assert any(
        "credit of 705.00 EUR on 02/11/2026 not matched" in m and "2026-11-02/0000038" in m
        for m in messages(result)
    )


def test_the_csv_ledger_already_counts_the_statement_payments():
    result = read_ledger(SAMPLES / "ledger-fr.csv", bank=[BANK / "releve-fr.cfonb"])
    assert result.ledger.outstanding_by_currency() == {"EUR": Decimal("101219.20")}
    reasons = [u.reason for u in result.matching.unmatched]
    assert any("not counted twice" in r and "FA-2026-0078" in r for r in reasons)
    assert any("not counted twice" in r and "FA-2026-0029" in r for r in reasons)
    assert result.matching.matches == ()


# ----------------------------------------------------------------- the rules, one by one


def _ledger(read):
    return read(
        "Code client;Client;Adresse;Code postal;Ville;Type client;N° facture;Date facture;"
        "Échéance;Montant TTC\n"
        "C1;Alpha SAS;1 rue A;69001;Lyon;Société;F-101;01/08/2026;31/08/2026;100,00\n"
        "C1;Alpha SAS;1 rue A;69001;Lyon;Société;F-102;01/09/2026;30/09/2026;250,00\n"
        "C1;Alpha SAS;1 rue A;69001;Lyon;Société;F-103;01/10/2026;31/10/2026;400,00\n"
        "C2;Beta SARL;2 rue B;69002;Lyon;Société;F-201;01/09/2026;30/09/2026;250,00\n"
        "C2;Beta SARL;2 rue B;69002;Lyon;Société;F-202;01/09/2026;30/09/2026;250,00\n"
    ).ledger


def _line(amount, text="", payer=None, n=1):
    return BankLine(
        day=date(2026, 11, 2),
        amount=Decimal(amount),
        currency="EUR",
        text=text,
        payer=payer,
        source_file="releve.csv",
        source_line=n,
    )


def test_invoice_numbers_in_the_text_spread_oldest_first(read):
    report = match_lines(_ledger(read), [_line("300.00", "VIR F 102 ET F-101")])
    (m,) = report.matches
    # F-101 (due 31/08) then F-102 (due 30/09): 100 + 200 of its 250.
    assert m.applied == (("F-101", Decimal("100.00")), ("F-102", Decimal("200.00")))
    assert m.rule == "invoice number"


def test_a_set_of_invoices_of_the_payer(read):
    report = match_lines(_ledger(read), [_line("650.00", "REGLEMENT", payer="ALPHA")])
    (m,) = report.matches
    assert m.rule == "debtor and invoices"
    # 250 + 400 = 650, the only set of C1's invoices that adds up
    assert [n for n, _ in m.applied] == ["F-102", "F-103"]


def test_two_candidates_are_not_a_match(read):
    report = match_lines(_ledger(read), [_line("250.00", "", payer="BETA SARL")])
    assert report.matches == ()
    assert report.unmatched[0].reason == (
        'debtor C2 (the payer "BETA SARL" is its name) has 2 invoices of 250,00 '
        "(F-201, F-202): assign it"
    )


def test_an_amount_alone_never_matches_across_debtors(read):
    report = match_lines(_ledger(read), [_line("400.00", "VIREMENT", payer="GAMMA SA")])
    assert report.matches == ()
    assert "an amount alone never matches" in report.unmatched[0].reason


def test_the_debtor_code_in_the_text_names_the_payer(read):
    ledger = read(
        "Code client;Client;Type client;N° facture;Date facture;Échéance;Montant TTC\n"
        "C001;Alpha SAS;Société;F-101;01/08/2026;31/08/2026;100,00\n"
        "C002;Beta SAS;Société;F-201;01/08/2026;31/08/2026;100,00\n"
    ).ledger
    report = match_lines(ledger, [_line("100.00", "CLIENT C002 SOLDE")])
    assert report.matches[0].applied == (("F-201", Decimal("100.00")),)
    assert "its code C002 is in the text" in report.matches[0].reason


def test_assignments_invoice_list_debtor_and_ignore(read):
    lines = [_line("100.00", n=1), _line("300.00", n=2), _line("50.00", n=3), _line("9.00", n=4)]
    report = match_lines(
        _ledger(read),
        lines,
        {
            "releve.csv:1": Assignment(("F-103",), "assign.yaml:1"),
            "releve.csv:2": Assignment(("F-201", "F-202"), "assign.yaml:2"),
            "releve.csv:3": Assignment(("C1",), "assign.yaml:3"),
            "releve.csv:4": Assignment((), "assign.yaml:4"),
        },
    )
    assert [m.applied for m in report.matches] == [
        (("F-103", Decimal("100.00")),),
        (("F-201", Decimal("250.00")), ("F-202", Decimal("50.00"))),
        (("F-101", Decimal("50.00")),),
    ]
    assert report.matches[0].reason == "assigned in assign.yaml:1"
    assert report.ignored[0].reason == "ignored, as assign.yaml:4 says"


def test_a_credit_larger_than_the_invoice_leaves_the_rest(read):
    report = match_lines(_ledger(read), [_line("130.00", "FACTURE F-101")])
    (m,) = report.matches
    assert m.left == Decimal("30.00")
    assert "30,00 more than still due, left to assign" in m.reason


def test_a_statement_in_another_currency_is_an_error(read, write):
    ledger = write(
        "ledger.csv",
        "N° facture;Client;Date facture;Échéance;Montant TTC\nF1;Alpha SAS;01/09/2026;01/10/2026;10,00\n",
    )
    statement = write("usd.csv", "Date;Libellé;Montant;Devise\n02/11/2026;VIR F1;10,00;USD\n")
    result = read_ledger(ledger, bank=[statement])
    assert errors(result) == [
        "usd.csv: the statement is in USD but the invoices are in EUR: is it the right account?"
    ]


def test_cfonb_amounts_carry_their_sign_in_the_last_character():
    # 13 digits and a last character: "{" is +0, "A" +1 ... "}" -0, "J" -1 ...
    assert parse_cfonb_amount("0000000012345E", 2) == Decimal("1234.55")
    assert parse_cfonb_amount("0000000012345N", 2) == Decimal("-1234.55")


def test_match_command_text_and_csv(tmp_path):
    args = [
        "match",
        str(SAMPLES / "einvoices-fr"),
        "--creditor",
        str(SAMPLES / "creditor-fr.yaml"),
        "--bank",
        str(BANK / "releve-fr.ofx"),
        "--assign",
        str(BANK / "assign-fr.yaml"),
    ]
    run = CliRunner().invoke(cli, args)
    assert run.exit_code == 0, run.output
    assert "4 credits: 2 matched, 1 not matched, 1 set aside; 2 debits not read." in run.output
    assert "why: the invoice number FA-2026-0078 in the remittance" in run.output
    assert "key: 2026-11-02/0000038" in run.output
    run = CliRunner().invoke(cli, [*args, "--format", "csv"])
    lines = run.output.splitlines()
    assert lines[0] == "key,date,amount,currency,payer,status,invoice,applied,reason"
    assert lines[2].startswith(
        "2026-09-15/0000027,2026-09-15,3000.00,EUR,PLASTURGIE DE L AIN SA,matched,FA-2026-0078,3000.00,"
    )


def test_match_needs_a_statement():
    run = CliRunner().invoke(cli, ["match", str(SAMPLES / "ledger-fr.csv")])
    assert run.exit_code == 2
    assert "give one or more bank statements with --bank FILE" in run.output


def test_import_takes_bank_statements(tmp_path):
    db = tmp_path / "relance.db"
    run = CliRunner().invoke(
        cli,
        [
            "import",
            str(SAMPLES / "einvoices-fr"),
            "--creditor",
            str(SAMPLES / "creditor-fr.yaml"),
            "--debtors",
            str(SAMPLES / "clients-fr.csv"),
            "--bank",
            str(BANK / "releve-fr.camt053.xml"),
            "--db",
            str(db),
            "--as-of",
            "2026-11-16",
        ],
    )
    assert run.exit_code == 0, run.output
    assert "2 payments recorded" in run.output


CAMT = """<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02"><BkToCstmrStmt><Stmt>
<Ntry><Amt Ccy="EUR">350.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts>BOOK</Sts>
 <BookgDt><Dt>2026-11-03</Dt></BookgDt><AcctSvcrRef>B1</AcctSvcrRef>
 <NtryDtls>
  <TxDtls><Amt Ccy="EUR">100.00</Amt><RltdPties><Dbtr><Nm>ALPHA</Nm></Dbtr></RltdPties>
   <RmtInf><Strd><RfrdDocInf><Nb>F-101</Nb></RfrdDocInf></Strd></RmtInf></TxDtls>
  <TxDtls><Amt Ccy="EUR">250.00</Amt><Refs><EndToEndId>F-102</EndToEndId></Refs></TxDtls>
 </NtryDtls></Ntry>
<Ntry><Amt Ccy="EUR">99.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts>PDNG</Sts>
 <BookgDt><Dt>2026-11-04</Dt></BookgDt></Ntry>
<Ntry><Amt Ccy="EUR">250.00</Amt><CdtDbtInd>DBIT</CdtDbtInd><RvslInd>true</RvslInd>
 <Sts>BOOK</Sts><BookgDt><Dt>2026-11-05</Dt></BookgDt></Ntry>
</Stmt></BkToCstmrStmt></Document>
"""


def test_camt_batch_bookings_pending_entries_and_reversals(write):
    statement = read_statement(write("releve.xml", CAMT))
    assert statement.problems == []
    assert statement.fmt == "CAMT.053 (camt.053.001.02)"
    assert [(x.amount, x.reference, x.text, x.source_line) for x in statement.lines] == [
        (Decimal("100.00"), "B1/1", "F-101", 6),  # structured: the invoice number
        (Decimal("250.00"), "B1/2", "F-102", 8),  # the end-to-end id
        # the pending 99,00 is not money received; a reversed debit is a credit
        (Decimal("250.00"), None, "", 12),
    ]


def test_a_cfonb_line_of_the_wrong_length(write):
    line = (BANK / "releve-fr.cfonb").read_text().splitlines()
    path = write("releve.cfonb", "\r\n".join([line[0], line[1][:100], *line[2:]]) + "\r\n")
    statement = read_statement(path)
    assert [str(p).split("/")[-1] for p in statement.problems] == [
        "releve.cfonb:2: is 100 characters long; a CFONB 120 line has 120"
    ]


def test_an_assignment_file_with_a_bad_line(write, read):
    from relance_docs.errors import MappingError
    from relance_docs.intake import load_assignments

    path = write("assign.yaml", '"K1": FA-1\n"K2": {a: b}\n')
    with pytest.raises(MappingError) as caught:
        load_assignments(path)
    assert str(caught.value) == (
        f"{path}:2: 'K2' must name an invoice, a list of invoices, a debtor code or ignore"
    )
