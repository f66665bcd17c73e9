"""Regenerate samples/ledger-uk.xlsx: the sales ledger of Harbour Lane Joinery Ltd.

    python samples/make_ledger_uk.py

The workbook is deterministic: fixed document properties (2026-11-16, the samples'
reference date) and fixed timestamps inside the zip, so running this again gives the
same bytes. Amounts are typed number cells and dates typed date cells, as a real
sales-ledger export opened in Excel would have them.

VAT is 20 %, rounded down to the penny at invoice level (HMRC allows rounding the VAT
total of an invoice down, VAT Notice 700); that is how a net of £833.33 gives £999.99 and a
net of £833.34 gives £1,000.00, the two sides of the first Late Payment band.
"""

from __future__ import annotations

import io
import zipfile
from datetime import date, datetime, timedelta
from decimal import ROUND_DOWN, Decimal
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.xml.functions import tostring

OUT = Path(__file__).with_name("ledger-uk.xlsx")
FIXED = datetime(2026, 11, 16, 9, 0, 0)

HEADERS = [
    "Account",
    "Customer",
    "Customer type",
    "Company No",
    "VAT No",
    "Address line 1",
    "Address line 2",
    "Town",
    "Postcode",
    "Country",
    "Email",
    "Contact",
    "Invoice No",
    "Invoice date",
    "Due date",
    "Net amount",
    "Amount",
    "Paid",
    "Currency",
    "Disputed",
    "Dispute reason",
    "Description",
]

# account: (customer, type, company no, VAT no, address 1, address 2, town, postcode,
#           country, email, contact, payment terms in days)
CUSTOMERS = {
    "ASHF001": (
        "Ashford Interiors Ltd",
        "Ltd",
        "09481736",
        "GB715024081",
        "Unit 7, Holbeck Works",
        "41 Water Lane",
        "Leeds",
        "LS11 5QN",
        "England",
        "accounts@ashford-interiors.example",
        "Mr Daniel Ashford",
        30,
    ),
    "BRAM001": (
        "Bramley & Hart Developments Ltd",
        "Ltd",
        "11853027",
        "GB134366532",
        "3 Queen Square",
        "",
        "Bath",
        "BA1 2HG",
        "England",
        "purchase.ledger@bramleyhart.example",
        "Ms Rebecca Hart",
        30,
    ),
    "CALE001": (
        "Caledonian Fit-Out Ltd",
        "Ltd",
        "SC612487",
        "GB917344281",
        "28 Bath Road",
        "Leith",
        "Edinburgh",
        "EH6 7JR",
        "Scotland",
        "invoices@caledonian-fitout.example",
        "Mr Callum Fraser",
        30,
    ),
    "TAFF001": (
        "Taff Vale Property Ltd",
        "Company",
        "10274519",
        "GB897138823",
        "Suite 4, Britannia House",
        "Mount Stuart Square",
        "Cardiff",
        "CF10 5FL",
        "Wales",
        "accounts@taffvale-property.example",
        "Mrs Sian Llewellyn",
        30,
    ),
    "OKEF001": (
        "Dan O'Keefe Building Services",
        "Sole trader",
        "",
        "",
        "12 Tredworth Road",
        "",
        "Gloucester",
        "GL1 4QU",
        "England",
        "dan@okeefe-building.example",
        "Mr Dan O'Keefe",
        30,
    ),
    "PRIC001": (
        "Mrs Eleanor Price",
        "Consumer",
        "",
        "",
        "Flat 2, 19 Royal York Crescent",
        "Clifton",
        "Bristol",
        "BS8 4JX",
        "England",
        "eleanor.price@mailbox.example",
        "",
        14,
    ),
    "MERI001": (
        "Meridian Hotels (South West) Ltd",
        "Ltd",
        "07736284",
        "GB345869553",
        "The Meridian",
        "Southernhay East",
        "Exeter",
        "EX1 1QD",
        "England",
        "ap@meridian-hotels.example",
        "Mr Oliver Grant",
        30,
    ),
    "WESS001": (
        "Wessex Homes plc",
        "Company",
        "03918462",
        "GB671868045",
        "Wessex House",
        "Station Road",
        "Swindon",
        "SN1 1DQ",
        "England",
        "supplier.payments@wessexhomes.example",
        "Ms Priya Shah",
        60,
    ),
}

# account, invoice date, net amount, paid, dispute reason (or ""), description
INVOICES = [
    (
        "WESS001",
        date(2026, 2, 9),
        "14375.00",
        "0",
        "",
        "Plot 14-22 Kingsdown: supply of internal door sets and architraves",
    ),
    (
        "BRAM001",
        date(2026, 3, 16),
        "20750.00",
        "10000.00",
        "",
        "Bespoke oak staircase and galleried landing, 3 Queen Square",
    ),
    (
        "MERI001",
        date(2026, 5, 11),
        "6487.50",
        "0",
        "Two bedroom door sets not fitted to the FD30 fire-rating specification",
        "Supply and fit of 24 fire doors, first floor refurbishment",
    ),
    (
        "CALE001",
        date(2026, 6, 8),
        "8333.33",
        "0",
        "",
        "Reception desk and wall panelling in European walnut",
    ),
    (
        "TAFF001",
        date(2026, 7, 27),
        "3920.00",
        "0",
        "",
        "Replacement sash windows (6 no.), Mount Stuart Square",
    ),
    (
        "ASHF001",
        date(2026, 8, 12),
        "833.34",
        "0",
        "",
        "Oak-veneered door set, ironmongery and delivery",
    ),
    (
        "WESS001",
        date(2026, 8, 17),
        "9120.00",
        "0",
        "",
        "Plot 23-30 Kingsdown: skirting, architraves and window boards",
    ),
    (
        "OKEF001",
        date(2026, 8, 24),
        "833.33",
        "0",
        "",
        "Machined softwood mouldings to customer profile",
    ),
    (
        "BRAM001",
        date(2026, 9, 7),
        "8333.34",
        "0",
        "",
        "Fitted library shelving in painted MDF, second floor",
    ),
    (
        "PRIC001",
        date(2026, 9, 15),
        "1575.00",
        "0",
        "",
        "Made-to-measure fitted wardrobes, main bedroom",
    ),
    ("MERI001", date(2026, 9, 21), "2050.00", "0", "", "Bar counter repairs and refinishing"),
    (
        "TAFF001",
        date(2026, 9, 28),
        "612.50",
        "0",
        "",
        "Repair of communal entrance door and frame",
    ),
    ("WESS001", date(2026, 9, 28), "4280.00", "0", "", "Show home: bespoke understairs storage"),
    (
        "CALE001",
        date(2026, 10, 5),
        "2716.50",
        "0",
        "",
        "Meeting room joinery: acoustic slatted panels",
    ),
    (
        "ASHF001",
        date(2026, 10, 20),
        "437.50",
        "0",
        "",
        "Remedial work to cupboard doors after site visit",
    ),
    (
        "BRAM001",
        date(2026, 10, 26),
        "1250.00",
        "0",
        "",
        "Window seat and radiator cover, ground floor",
    ),
    ("OKEF001", date(2026, 10, 30), "190.00", "0", "", "Oak sill, cut to size"),
]

MONEY = "#,##0.00"
DATE = "DD/MM/YYYY"


def gross(net: Decimal) -> Decimal:
    """Net plus 20 % VAT, the VAT rounded down to the penny."""
    return net + (net * Decimal("0.2")).quantize(Decimal("0.01"), rounding=ROUND_DOWN)


def build() -> Workbook:
    wb = Workbook()
    ws = wb.active
    ws.title = "Invoices"
    ws.append(HEADERS)
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for n, (account, issued, net, paid, reason, description) in enumerate(INVOICES):
        c = CUSTOMERS[account]
        net_d = Decimal(net)
        ws.append(
            [
                account,
                c[0],
                c[1],
                c[2] or None,
                c[3] or None,
                c[4],
                c[5] or None,
                c[6],
                c[7],
                c[8],
                c[9],
                c[10] or None,
                f"INV-{24017 + 3 * n + n % 2}",
                issued,
                issued + timedelta(days=c[11]),
                float(net_d),
                float(gross(net_d)),
                float(Decimal(paid)),
                "GBP",
                "yes" if reason else "no",
                reason or None,
                description,
            ]
        )
        row = ws.max_row
        for col in (14, 15):
            ws.cell(row, col).number_format = DATE
        for col in (16, 17, 18):
            ws.cell(row, col).number_format = MONEY
    widths = [10, 32, 13, 12, 14, 30, 22, 12, 10, 10, 36, 20, 11, 12, 12, 12, 12, 12, 9, 9, 60, 60]
    for i, width in enumerate(widths, start=1):
        ws.column_dimensions[ws.cell(1, i).column_letter].width = width
    ws.freeze_panes = "A2"
    props = wb.properties
    props.creator = "Harbour Lane Joinery Ltd"
    props.lastModifiedBy = "Harbour Lane Joinery Ltd"
    props.title = "Sales ledger - open items"
    props.created = FIXED
    props.modified = FIXED
    return wb


def save(wb: Workbook, path: Path) -> None:
    """Save with fixed zip timestamps so the file is byte-for-byte reproducible."""
    buffer = io.BytesIO()
    wb.save(buffer)  # openpyxl stamps "modified" with the current time: put it back
    buffer.seek(0)
    wb.properties.modified = FIXED
    core = tostring(wb.properties.to_tree())
    out = io.BytesIO()
    with zipfile.ZipFile(buffer) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=FIXED.timetuple()[:6])
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o600 << 16
            data = core if info.filename == "docProps/core.xml" else src.read(info.filename)
            dst.writestr(fixed, data)
    path.write_bytes(out.getvalue())


if __name__ == "__main__":
    save(build(), OUT)
    print(f"wrote {OUT} ({len(INVOICES)} invoices)")
