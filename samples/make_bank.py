# ruff: noqa: E501 - the XML templates keep one element per line, as read in the files
"""The bank statement of samples/bank/, in four formats (CAMT.053, CFONB 120, OFX, CSV),
and its assignment file. Run by make_formats.py."""

from __future__ import annotations

import csv
import io
from datetime import date
from decimal import Decimal
from pathlib import Path
from xml.sax.saxutils import escape

from sample_common import CREDITOR

STATEMENT = (
    # day, amount, payer, remittance, reference
    (
        date(2026, 4, 7),
        Decimal("576.00"),
        "GARAGE DU PILAT THIERRY ROUSSEL",
        "REGLEMENT FACTURE MARS",
        "2026-04-07/0000011",
    ),
    (
        date(2026, 9, 15),
        Decimal("3000.00"),
        "PLASTURGIE DE L AIN SA",
        "ACOMPTE FA-2026-0078",
        "2026-09-15/0000027",
    ),
    (
        date(2026, 10, 20),
        Decimal("1250.00"),
        "SCI LES TILLEULS",
        "LOYER PARKING OCTOBRE 2026",
        "2026-10-20/0000031",
    ),
    (date(2026, 10, 31), Decimal("-18.50"), None, "FRAIS TENUE DE COMPTE", "2026-10-31/0000035"),
    (date(2026, 11, 2), Decimal("705.00"), "M MARC DUPUIS", "VIREMENT", "2026-11-02/0000038"),
    (
        date(2026, 11, 5),
        Decimal("-1840.00"),
        None,
        "PRLV URSSAF RHONE ALPES",
        "2026-11-05/0000041",
    ),
)
OPENING = Decimal("48210.35")


def _camt() -> bytes:
    entries = []
    for day, amount, payer, text, ref in STATEMENT:
        sign = "CRDT" if amount > 0 else "DBIT"
        party = f"<RltdPties><Dbtr><Nm>{escape(payer)}</Nm></Dbtr></RltdPties>" if payer else ""
        entries.append(f"""      <Ntry>
        <Amt Ccy="EUR">{abs(amount):.2f}</Amt>
        <CdtDbtInd>{sign}</CdtDbtInd>
        <Sts><Cd>BOOK</Cd></Sts>
        <BookgDt><Dt>{day:%Y-%m-%d}</Dt></BookgDt>
        <ValDt><Dt>{day:%Y-%m-%d}</Dt></ValDt>
        <AcctSvcrRef>{ref}</AcctSvcrRef>
        <BkTxCd><Domn><Cd>PMNT</Cd><Fmly><Cd>{"RCDT" if sign == "CRDT" else "CCRD"}</Cd><SubFmlyCd>{"ESCT" if sign == "CRDT" else "OTHR"}</SubFmlyCd></Fmly></Domn></BkTxCd>
        <NtryDtls><TxDtls>
          <Refs><EndToEndId>NOTPROVIDED</EndToEndId></Refs>
          <Amt Ccy="EUR">{abs(amount):.2f}</Amt>
          {party}
          <RmtInf><Ustrd>{escape(text)}</Ustrd></RmtInf>
        </TxDtls></NtryDtls>
      </Ntry>""")
    closing = OPENING + sum(x[1] for x in STATEMENT)
    body = "\n".join(entries)
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.08">
  <BkToCstmrStmt>
    <GrpHdr><MsgId>STMT-2026-11-16-0001</MsgId><CreDtTm>2026-11-16T06:00:00</CreDtTm></GrpHdr>
    <Stmt>
      <Id>2026-11-16-0001</Id>
      <CreDtTm>2026-11-16T06:00:00</CreDtTm>
      <FrToDt><FrDtTm>2026-04-01T00:00:00</FrDtTm><ToDtTm>2026-11-15T23:59:59</ToDtTm></FrToDt>
      <Acct><Id><IBAN>{CREDITOR["iban"]}</IBAN></Id><Ccy>EUR</Ccy><Ownr><Nm>{escape(CREDITOR["name"])}</Nm></Ownr></Acct>
      <Bal><Tp><CdOrPrtry><Cd>OPBD</Cd></CdOrPrtry></Tp><Amt Ccy="EUR">{OPENING:.2f}</Amt><CdtDbtInd>CRDT</CdtDbtInd><Dt><Dt>2026-04-01</Dt></Dt></Bal>
      <Bal><Tp><CdOrPrtry><Cd>CLBD</Cd></CdOrPrtry></Tp><Amt Ccy="EUR">{closing:.2f}</Amt><CdtDbtInd>CRDT</CdtDbtInd><Dt><Dt>2026-11-15</Dt></Dt></Bal>
{body}
    </Stmt>
  </BkToCstmrStmt>
</Document>
""".encode()


def _cfonb_amount(value: Decimal) -> str:
    units = int(abs(value) * 100)
    digits, last = f"{units // 10:013d}", units % 10
    sign = ("{ABCDEFGHI" if value >= 0 else "}JKLMNOPQR")[last]
    return digits + sign


def _cfonb() -> bytes:
    bank, desk, account = "30004", "00825", "00010482719"
    lines = []

    def record(code: str, middle: str) -> str:
        line = f"{code}{bank}    {desk}EUR2 {account}{middle}"
        assert len(line) <= 120, line
        return line.ljust(120)

    start = date(2026, 4, 1)
    lines.append(record("01", f"  {start:%d%m%y}{' ' * 50}{_cfonb_amount(OPENING)}"))
    for day, amount, payer, text, ref in STATEMENT:
        op = "05" if amount > 0 else "11"
        label = (f"VIR SEPA {payer}" if payer else text)[:31].ljust(31)
        number = ref.rsplit("/", 1)[1]
        lines.append(
            f"04{bank}0134{desk}EUR2 {account}{op}{day:%d%m%y}  {day:%d%m%y}{label}  "
            f"{number}  {_cfonb_amount(amount)}".ljust(120)
        )
        if payer:
            lines.append(
                f"05{bank}0134{desk}EUR2 {account}{op}{day:%d%m%y}     NPY"
                f"{payer[:70].ljust(70)}".ljust(120)
            )
            lines.append(
                f"05{bank}0134{desk}EUR2 {account}{op}{day:%d%m%y}     LCC"
                f"{text[:70].ljust(70)}".ljust(120)
            )
    closing = OPENING + sum(x[1] for x in STATEMENT)
    end = date(2026, 11, 15)
    lines.append(record("07", f"  {end:%d%m%y}{' ' * 50}{_cfonb_amount(closing)}"))
    for line in lines:
        assert len(line) == 120, (len(line), line)
    return ("\r\n".join(lines) + "\r\n").encode("ascii")


def _ofx() -> bytes:
    items = []
    for day, amount, payer, text, ref in STATEMENT:
        kind = "CREDIT" if amount > 0 else "DEBIT"
        name = f"<NAME>{escape(payer)}\n" if payer else ""
        items.append(
            f"<STMTTRN>\n<TRNTYPE>{kind}\n<DTPOSTED>{day:%Y%m%d}\n<TRNAMT>{amount:.2f}\n"
            f"<FITID>{ref}\n{name}<MEMO>{escape(text)}\n</STMTTRN>"
        )
    body = "\n".join(items)
    closing = OPENING + sum(x[1] for x in STATEMENT)
    return f"""OFXHEADER:100
DATA:OFXSGML
VERSION:102
SECURITY:NONE
ENCODING:USASCII
CHARSET:1252
COMPRESSION:NONE
OLDFILEUID:NONE
NEWFILEUID:NONE

<OFX>
<SIGNONMSGSRSV1><SONRS><STATUS><CODE>0<SEVERITY>INFO</STATUS><DTSERVER>20261116060000<LANGUAGE>FRA</SONRS></SIGNONMSGSRSV1>
<BANKMSGSRSV1><STMTTRNRS><TRNUID>1<STATUS><CODE>0<SEVERITY>INFO</STATUS>
<STMTRS><CURDEF>EUR
<BANKACCTFROM><BANKID>30004<BRANCHID>00825<ACCTID>00010482719<ACCTTYPE>CHECKING</BANKACCTFROM>
<BANKTRANLIST><DTSTART>20260401<DTEND>20261115
{body}
</BANKTRANLIST>
<LEDGERBAL><BALAMT>{closing:.2f}<DTASOF>20261115</LEDGERBAL>
</STMTRS></STMTTRNRS></BANKMSGSRSV1>
</OFX>
""".replace("\n", "\r\n").encode("ascii")


def _bank_csv() -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(
        ("Date opération", "Libellé", "Donneur d'ordre", "Référence", "Débit", "Crédit")
    )
    for day, amount, payer, text, ref in STATEMENT:
        money = f"{abs(amount):.2f}".replace(".", ",")
        writer.writerow(
            (
                f"{day:%d/%m/%Y}",
                text,
                payer or "",
                ref,
                money if amount < 0 else "",
                money if amount > 0 else "",
            )
        )
    return buffer.getvalue().encode("cp1252")


def write_bank(base: Path) -> None:
    out = base / "bank"
    out.mkdir(exist_ok=True)
    (out / "releve-fr.camt053.xml").write_bytes(_camt())
    (out / "releve-fr.cfonb").write_bytes(_cfonb())
    (out / "releve-fr.ofx").write_bytes(_ofx())
    (out / "releve-fr.csv").write_bytes(_bank_csv())
    (out / "assign-fr.yaml").write_text(
        "# Credits that relance match could not place, and what they pay.\n"
        "# KEY (the bank's reference, or file:line): an invoice, a list, a debtor code,\n"
        "# or ignore (money that is not a customer's payment).\n"
        '"2026-10-20/0000031": ignore   # rent of a parking space, not a customer\n',
        encoding="utf-8",
    )
