"""Write the DOCX twins of the letters (docxtpl templates, editable in Word/LibreOffice).

    python templates/make_docx.py          # rewrites templates/fr/*.docx and en/*.docx

Each twin carries the same wording as its HTML template, with the same context keys (see
templates/README.md). Jinja in a DOCX: ``{{ value }}`` inside a paragraph; a paragraph that
holds only ``{%p if ... %}``, ``{%p for ... %}``, ``{%p endif %}`` ... is removed when
rendered; table rows repeat with ``{%tr for ... %}`` / ``{%tr endfor %}`` rows.

Once written, a twin can be edited in Word: keep the ``{{ }}`` tags intact.
"""

from __future__ import annotations

import io
import sys
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from relance_docs.render.docx import _fixed_zip  # noqa: E402

FONT = "DejaVu Sans"


# --------------------------------------------------------------------------- building blocks


@dataclass
class P:
    """A paragraph. ``text`` may hold Jinja; ``**bold**`` spans are bold."""

    text: str
    align: str = "justify"
    size: float | None = None
    space_after: float = 4
    style: str | None = None  # a Word paragraph style, e.g. "List Bullet"


@dataclass
class Tag:
    """A paragraph-level Jinja tag: ``Tag("if b2b")`` -> ``{%p if b2b %}``."""

    tag: str


@dataclass
class Table:
    """A table: header cells, one repeated row (``loop`` is the ``for`` clause), and
    optional closing rows; widths in mm; ``numeric`` columns are right-aligned."""

    header: list[str]
    row: list[str]
    loop: str
    widths: list[float]
    numeric: set[int] = field(default_factory=set)
    totals: list[list[str]] = field(default_factory=list)
    empty: str | None = None  # a {%tr else %} row, across all columns, when nothing loops


@dataclass
class Grid:
    """A table of fixed rows (no loop): each row a list of cells, the last cell of a short
    row spanning the remaining columns, or a ``Tag``, which becomes a ``{%tr ... %}`` row
    (conditional rows); an optional bold header; widths in mm; ``numeric`` columns are
    right-aligned; ``borders=False`` for a borderless grid."""

    rows: list
    widths: list[float]
    header: list[str] = field(default_factory=list)
    numeric: set[int] = field(default_factory=set)
    borders: bool = True


@dataclass
class Columns:
    """Blocks side by side: a borderless one-row table, one list of body items per column
    (widths in mm)."""

    columns: list[list]
    widths: list[float]


@dataclass
class Box:
    """Framed lines (payment details)."""

    lines: list[str]


@dataclass
class PageBreak:
    pass


@dataclass
class Heading:
    text: str
    size: float = 11


@dataclass
class Letter:
    subject: str
    body: list
    mode: str | None = None
    annexes: list = field(default_factory=list)
    sheet: bool = False  # an internal sheet: no window address, no salutation


# --------------------------------------------------------------------------- writer


def _runs(paragraph, text: str, size: float | None = None) -> None:
    parts = text.split("**")
    for i, part in enumerate(parts):
        if not part:
            continue
        run = paragraph.add_run(part)
        run.bold = i % 2 == 1
        if size:
            run.font.size = Pt(size)


def _para(doc_or_cell, item: P):
    p = doc_or_cell.add_paragraph()
    _runs(p, item.text, item.size)
    p.alignment = {
        "justify": WD_ALIGN_PARAGRAPH.JUSTIFY,
        "left": WD_ALIGN_PARAGRAPH.LEFT,
        "right": WD_ALIGN_PARAGRAPH.RIGHT,
        "center": WD_ALIGN_PARAGRAPH.CENTER,
    }[item.align]
    p.paragraph_format.space_after = Pt(item.space_after)
    if item.style:
        p.style = item.style
    return p


def _add_table(container, rows: int, cols: int):
    """A table in the document or in a cell; in a cell, without the empty paragraph
    python-docx adds after it (every block here adds its own spacing paragraph)."""
    table = container.add_table(rows=rows, cols=cols)
    after = table._tbl.getnext()
    if after is not None and after.tag == qn("w:p") and not len(after):
        after.getparent().remove(after)
    return table


def _widths(table, widths) -> None:
    """Column widths in mm, on the grid (LibreOffice reads it) and on every cell (Word)."""
    table.autofit = False
    for i, width in enumerate(widths):
        table.columns[i].width = Mm(width)
        for row in table.rows:
            row.cells[i].width = Mm(width)


def _table(doc, t: Table) -> None:
    cols = len(t.header)
    # header, {%tr for %}, the row, [{%tr else %}, the empty row,] {%tr endfor %}, totals
    last = 3 + (2 if t.empty else 0)
    rows = last + 1 + len(t.totals)
    table = _add_table(doc, rows, cols)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.style = "Table Grid"
    _widths(table, t.widths)
    for i, text in enumerate(t.header):
        cell = table.rows[0].cells[i]
        cell.text = ""
        _runs(cell.paragraphs[0], f"**{text}**", 8.5)
        if i in t.numeric:
            cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
    # docxtpl: a row holding {%tr ... %} is replaced by the tag; its other cells dropped.
    table.rows[1].cells[0].text = f"{{%tr for {t.loop} %}}"
    for i, text in enumerate(t.row):
        cell = table.rows[2].cells[i]
        cell.text = ""
        _runs(cell.paragraphs[0], text, 8.5)
        if i in t.numeric:
            cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
    if t.empty:
        table.rows[3].cells[0].text = "{%tr else %}"
        row = table.rows[4]
        row.cells[0].merge(row.cells[cols - 1])
        row.cells[0].text = ""
        _runs(row.cells[0].paragraphs[0], t.empty, 8.5)
    table.rows[last].cells[0].text = "{%tr endfor %}"
    for r, values in enumerate(t.totals):
        row = table.rows[last + 1 + r]
        # A label followed by empty cells spans them.
        span = 1
        while span < len(values) - 1 and not values[span]:
            span += 1
        for i, text in enumerate(values):
            if 0 < i < span:
                continue
            row.cells[i].text = ""
            _runs(row.cells[i].paragraphs[0], f"**{text}**" if text else "", 8.5)
            if i in t.numeric and i >= span:
                row.cells[i].paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
        if span > 1:
            row.cells[0].merge(row.cells[span - 1])
    doc.add_paragraph().paragraph_format.space_after = Pt(2)


def _grid(doc, g: Grid) -> None:
    cols = len(g.widths)
    table = _add_table(doc, len(g.rows) + (1 if g.header else 0), cols)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    if g.borders:
        table.style = "Table Grid"
    _widths(table, g.widths)
    rows = list(table.rows)
    if g.header:
        for i, text in enumerate(g.header):
            rows[0].cells[i].text = ""
            _runs(rows[0].cells[i].paragraphs[0], f"**{text}**", 8.5)
            if i in g.numeric:
                rows[0].cells[i].paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
        rows = rows[1:]
    for row, values in zip(rows, g.rows, strict=True):
        if isinstance(values, Tag):
            row.cells[0].text = f"{{%tr {values.tag} %}}"
            continue
        if len(values) < cols:
            row.cells[len(values) - 1].merge(row.cells[cols - 1])
        for i, text in enumerate(values):
            cell = row.cells[i]
            cell.text = ""
            _runs(cell.paragraphs[0], text, 8.5)
            if i in g.numeric:
                cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
    doc.add_paragraph().paragraph_format.space_after = Pt(2)


def _columns(doc, c: Columns) -> None:
    table = _add_table(doc, 1, len(c.columns))
    _widths(table, c.widths)
    for cell, items in zip(table.rows[0].cells, c.columns, strict=True):
        first = cell.paragraphs[0]
        _body(cell, items)
        if len(cell._tc.xpath("./w:p | ./w:tbl")) > 1:  # drop the cell's initial empty paragraph
            cell._tc.remove(first._p)
    doc.add_paragraph().paragraph_format.space_after = Pt(2)


def _box(doc, box: Box) -> None:
    table = _add_table(doc, 1, 1)
    table.style = "Table Grid"
    cell = table.rows[0].cells[0]
    cell.text = ""
    for i, line in enumerate(box.lines):
        p = cell.paragraphs[0] if i == 0 else cell.add_paragraph()
        _runs(p, line, 8.5)
    doc.add_paragraph().paragraph_format.space_after = Pt(2)


def _body(doc, items) -> None:
    for item in items:
        if isinstance(item, P):
            _para(doc, item)
        elif isinstance(item, Tag):
            doc.add_paragraph(f"{{%p {item.tag} %}}")
        elif isinstance(item, Table):
            _table(doc, item)
        elif isinstance(item, Box):
            _box(doc, item)
        elif isinstance(item, Grid):
            _grid(doc, item)
        elif isinstance(item, Columns):
            _columns(doc, item)
        elif isinstance(item, Heading):
            p = doc.add_paragraph()
            _runs(p, f"**{item.text}**", item.size)
        elif isinstance(item, PageBreak):
            doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        else:  # pragma: no cover - a mistake in this file
            raise TypeError(item)


FRAMES = {
    "fr": {
        "phone": "Tél. {{ creditor.phone }}",
        "dateline": "{{ letter.place }}, le {{ letter.date }}",
        "refs": ["Nos réf. : {{ letter.reference }}", "Votre compte client : {{ debtor.id }}"],
        "subject": "Objet : ",
        "salutation": "{{ debtor.salutation }},",
        "closing": "Nous vous prions d'agréer, {{ debtor.salutation }}, l'expression de nos "
        "salutations distinguées.",
        "window": "right",
    },
    "en": {
        "phone": "Tel. {{ creditor.phone }}",
        "dateline": "{{ letter.date }}",
        "refs": ["Our ref: {{ letter.reference }}", "Your account: {{ debtor.id }}"],
        "subject": "",
        "salutation": "{{ debtor.dear }},",
        "closing": "{{ debtor.closing }},",
        "window": "left",
    },
}


def build(lang: str, letter: Letter) -> bytes:
    frame = FRAMES[lang]
    doc = Document()
    section = doc.sections[0]
    section.page_height, section.page_width = Mm(297), Mm(210)
    section.left_margin = section.right_margin = Mm(20)
    section.top_margin, section.bottom_margin = Mm(18), Mm(24)
    style = doc.styles["Normal"]
    style.font.name = FONT
    style.font.size = Pt(9.5)
    style.paragraph_format.space_after = Pt(0)

    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _runs(footer, "{{ creditor.footer_lines|join('\\n') }}", 6.8)
    for run in footer.runs:
        run.font.color.rgb = RGBColor(0x55, 0x55, 0x55)

    sender = [
        "**{{ creditor.name }}**",
        "{{ (creditor.address_lines + [creditor.town_line, creditor.postcode_line])"
        "|select|join('\\n') }}",
        "{% if creditor.phone %}" + frame["phone"] + "{% endif %}",
        "{% if creditor.email %}{{ creditor.email }}{% endif %}",
    ]
    # The window: a borderless two-column table, the address in the window's column.
    head = doc.add_table(rows=2, cols=2)
    widths = (Mm(88), Mm(82)) if frame["window"] == "right" else (Mm(95), Mm(75))
    for row in head.rows:
        row.cells[0].width, row.cells[1].width = widths
    sender_cell = head.rows[0].cells[0 if frame["window"] == "right" else 1]
    sender_cell.text = ""
    for i, line in enumerate(sender):
        p = sender_cell.paragraphs[0] if i == 0 else sender_cell.add_paragraph()
        _runs(p, line, 8.5)
    if not letter.sheet:
        window = head.rows[1].cells[1 if frame["window"] == "right" else 0]
        window.text = ""
        first = window.paragraphs[0]
        first.paragraph_format.space_before = Pt(34)
        if letter.mode:
            _runs(first, f"**{letter.mode}**", 8)
            first = window.add_paragraph()
        _runs(first, "{{ debtor.address_lines|join('\\n') }}")
        doc.add_paragraph().paragraph_format.space_after = Pt(18)
        _para(doc, P(frame["dateline"], align="right" if lang == "fr" else "left"))
        for ref in frame["refs"]:
            _para(doc, P(ref, align="left", size=8.5, space_after=0))
        doc.add_paragraph()
        _para(doc, P(f"**{frame['subject']}{letter.subject}**", align="left", space_after=8))
        _para(doc, P(frame["salutation"], align="left", space_after=6))
    else:
        _para(doc, P(f"**{letter.subject}**", align="left", size=13, space_after=8))
    _body(doc, letter.body)
    if not letter.sheet:
        _para(doc, P(frame["closing"]))
        sign = doc.add_paragraph()
        sign.paragraph_format.space_before = Pt(36)
        sign.paragraph_format.left_indent = Mm(95 if lang == "fr" else 0)
        _runs(sign, "**{{ creditor.signatory }}**")
        _runs(
            sign,
            "{{ ('\\n' + creditor.signatory_title) if creditor.signatory_title else '' }}"
            "{{ '\\n' + creditor.name }}",
        )
    if letter.annexes:
        doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        _body(doc, letter.annexes)
    raw = io.BytesIO()
    doc.save(raw)
    return _fixed_zip(raw.getvalue(), date(2026, 1, 1))


# --------------------------------------------------------------------------- the letters


def all_letters() -> dict[tuple[str, str], Letter]:
    """The letters of docx_fr.py and docx_en.py, keyed by (language, template)."""
    import docx_en
    import docx_fr

    return {
        **{("fr", k): v for k, v in docx_fr.LETTERS.items()},
        **{("en", k): v for k, v in docx_en.LETTERS.items()},
    }


def main() -> None:
    sys.path.insert(0, str(HERE))
    for (lang, name), letter in sorted(all_letters().items()):
        path = HERE / lang / f"{name}.docx"
        path.write_bytes(build(lang, letter))
        print(f"wrote {path.relative_to(HERE.parent)}")


if __name__ == "__main__":
    # The specs import "make_docx": let them find this very module, not a second copy.
    sys.modules.setdefault("make_docx", sys.modules["__main__"])
    main()
