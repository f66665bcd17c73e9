"""The Word twin of a document, built from the same rendered HTML as its PDF.

Every document has one wording source, its Jinja template (``templates/<lang>/*.html``).
The template is rendered once; the HTML goes to WeasyPrint for the PDF and, here, to a
DOCX: paragraphs, tables, bold and italic runs, the window address, the signature, the
footer with the creditor's legal mentions and the page number. The wording of the two
files is therefore the same by construction, and ``tests/render/test_one_source.py``
compares them paragraph by paragraph for every template.

Word and LibreOffice open the result; it asks for Arial (the PDF embeds Liberation Sans,
metric-compatible), is marked fr-FR or en-GB, and its properties name the creditor and
the letter's date. The package is written without a template file or a clock: the same
HTML gives the same bytes.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from datetime import date

from lxml import html as lxml_html

from .docx_blocks import Block, Cell, Para, Run, Table
from .docx_parts import LANGUAGE_TAGS, body_xml, footer_xml, paragraphs_of_docx, static_parts
from .docx_style import SPACE_AFTER, Style, classes, element_style, restyle, run_args

__all__ = ["LANGUAGE_TAGS", "DocxInfo", "html_to_docx", "paragraphs_of_docx"]

_BLOCK = {
    "section", "div", "p", "h1", "h2", "h3", "h4", "ul", "ol", "li", "table", "thead",
    "tbody", "tfoot", "tr", "td", "th", "blockquote",
}  # fmt: skip
_SPACES = " \t\n\r\f"


@dataclass(frozen=True)
class DocxInfo:
    """The document's properties: who wrote it, when, in which language."""

    title: str
    author: str
    day: date
    language: str  # fr, en
    subject: str = ""


def html_to_docx(fragment: str, info: DocxInfo) -> bytes:
    """The DOCX of one rendered document (a ``<section>`` fragment of HTML)."""
    root = lxml_html.fragment_fromstring(fragment, create_parent="div")
    walker = _Walker(info.language)
    walker.container(root, Style(), walker.body)
    stamp = (info.day.year, info.day.month, info.day.day, 12, 0, 0)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in static_parts(info, walker.language).items():
            _put(z, name, data, stamp)
        _put(z, "word/document.xml", body_xml(walker.body, walker.language), stamp)
        _put(z, "word/footer1.xml", footer_xml(walker.footer), stamp)
    return out.getvalue()


def _put(z: zipfile.ZipFile, name: str, data: bytes, stamp) -> None:
    info = zipfile.ZipInfo(name, date_time=stamp)
    info.compress_type = zipfile.ZIP_DEFLATED
    z.writestr(info, data)


# --------------------------------------------------------------------------- walking


class _Walker:
    """Turns the HTML tree into blocks; inline content gathers into paragraphs."""

    def __init__(self, language: str) -> None:
        self.language = language
        self.body: list[Block] = []
        self.footer: list[str] = []
        self.window = "right"  # the section says (window-left, window-right)
        self._window_space = 80.0  # points above the address: 32 mm down the page
        self.page_break = False  # the next paragraph starts a page
        self.depth = 0  # tables being walked (a table in a cell is nested)

    # ---- styles
    def style_of(self, el, style: Style) -> Style:
        return element_style(el, style, self.window)

    # ---- blocks
    def container(self, el, style: Style, out: list[Block]) -> None:
        """Children of a block element: runs of inline content become paragraphs."""
        runs: list[Run] = []
        para_style = style

        def flush() -> None:
            nonlocal runs
            if runs and any(r.text.strip(_SPACES) or r.br or r.field for r in runs):
                out.append(self.paragraph(runs, para_style, el))
            runs = []

        if el.text:
            runs.append(Run(el.text, **run_args(style)))
        for child in el:
            if not isinstance(child.tag, str):  # a comment
                if child.tail:
                    runs.append(Run(child.tail, **run_args(style)))
                continue
            if child.tag in _BLOCK:
                flush()
                self.block(child, style, out)
            else:
                self.inline(child, style, runs)
            if child.tail:
                runs.append(Run(child.tail, **run_args(style)))
        flush()

    def block(self, el, style: Style, out: list[Block]) -> None:
        c = classes(el)
        if c & {"legal1", "legal2"}:
            text = _collapse(el.text_content())
            if text:
                self.footer.append(text)
            return
        if "letter" in c:
            if "window-left" in c:
                self.window = "left"
            elif "window-right" in c:
                self.window = "right"
        if c & {"annex"} or (el.tag == "section" and "letter" in c and out):
            self.page_break = True
        style = self.style_of(el, style)
        if el.tag == "table":
            out.append(self.table(el, style))
            return
        if "head" in c:
            self._head(el, style, out)
            return
        if c & {"box", "review"}:
            cell: list[Block] = []
            self.container(el, style, cell)
            out.append(Table([[Cell(cell)]], borders="box", widths=[170.0]))
            return
        if "form-line" in c:
            out.append(Para([Run("")], rule_below=True))
            return
        if "space" in c:
            out.append(Para([Run("")], space_after=30.0, keep=style.keep))
            return
        if el.tag in {"ul", "ol"}:
            for n, li in enumerate(x for x in el if x.tag == "li"):
                mark = f"{n + 1}." if el.tag == "ol" else "•"
                items: list[Block] = []
                self.container(li, style, items)
                for i, item in enumerate(items):
                    if isinstance(item, Para):
                        if i == 0:
                            item.runs.insert(0, Run(mark + "\t"))
                        item.bullet = True
                    out.append(item)
            return
        start = len(out)
        self.container(el, style, out)
        if el.tag in {"h1", "h2", "h3", "h4"}:
            for item in out[start:]:
                if isinstance(item, Para):
                    item.keep = True
                    item.space_before = 6.0
        after = SPACE_AFTER.get(el.tag, 0.0)
        for name, points in SPACE_AFTER.items():
            if name in c:
                after = max(after, points)
        last = out[-1] if len(out) > start else None
        if after and isinstance(last, Para):
            last.space_after = max(last.space_after, after)

    def _head(self, head, style: Style, out: list[Block]) -> None:
        """A letter's head: the sender block and the window address, side by side, in the
        page's left-to-right order."""
        cells: list[list[Block]] = []
        self.depth += 1
        for child in head:
            if not isinstance(child.tag, str):
                continue
            c = classes(child)
            cell: list[Block] = []
            if "recipient" in c:
                cell.append(Para([Run("")], space_after=self._window_space))
                self.container(child, self.style_of(child, style), cell)
            else:
                self.container(child, self.style_of(child, Style(size=8.5)), cell)
            cells.append(cell)
        self.depth -= 1
        widths = [90.0, 80.0] if self.window == "right" else [95.0, 75.0]
        out.append(Table([[Cell(c) for c in cells]], borders="none", widths=widths[: len(cells)]))
        out.append(Para([Run("")], space_after=10.0))

    def table(self, el, style: Style) -> Table:
        c = classes(el)
        self.depth += 1
        rows: list[list[Cell]] = []
        header_rows = 0
        for part in el:
            if not isinstance(part.tag, str):
                continue
            trs = [part] if part.tag == "tr" else [x for x in part if x.tag == "tr"]
            for tr in trs:
                row_style = self.style_of(tr, style)
                cells = []
                for td in tr:
                    if not isinstance(td.tag, str) or td.tag not in {"td", "th"}:
                        continue
                    cell_style = self.style_of(td, row_style)
                    blocks: list[Block] = []
                    self.container(td, restyle(cell_style, {"indent": 0.0}), blocks)
                    cells.append(
                        Cell(
                            blocks,
                            span=int(td.get("colspan") or 1),
                            rule_below="en-line" in classes(td),
                        )
                    )
                rows.append(cells)
                if part.tag == "thead":
                    header_rows += 1
        borders = "rows" if c & {"items"} else "none"
        nested = self.depth > 1
        self.depth -= 1
        return Table(
            rows, borders=borders, header_rows=header_rows, widths=_widths(rows), nested=nested
        )

    # ---- inline
    def inline(self, el, style: Style, runs: list[Run]) -> None:
        c = classes(el)
        if el.tag == "br":
            runs.append(Run("", br=True))
            return
        if el.tag == "img":
            return  # a logo: the DOCX leaves room for the user's own letterhead
        if "en-tick" in c:
            runs.append(Run("\u25a1 ", **run_args(style)))
        elif "en-blank" in c:
            width = 40 if "en-full" in c else 18 if "wide" in c else 10
            runs.append(Run("_" * width, **run_args(style)))
        style = self.style_of(el, style)
        if el.text:
            runs.append(Run(el.text, **run_args(style)))
        for child in el:
            if isinstance(child.tag, str):
                if child.tag in _BLOCK:  # a block inside an inline: flattened
                    runs.append(Run("", br=True))
                    self.inline(child, style, runs)
                else:
                    self.inline(child, style, runs)
            if child.tail:
                runs.append(Run(child.tail, **run_args(style)))

    def paragraph(self, runs: list[Run], style: Style, el) -> Para:
        para = Para(
            _trim(runs),
            align=style.align or ("both" if self.language == "fr" else "left"),
            keep=style.keep,
            indent=style.indent,
            page_break=self.page_break,
        )
        self.page_break = False
        return para


def _collapse(text: str) -> str:
    return " ".join(text.split(None)) if text else ""


def _trim(runs: list[Run]) -> list[Run]:
    """HTML white space: runs of spaces become one, none at the start or end."""
    out: list[Run] = []
    space_before = True  # at the start, a leading space is dropped
    for run in runs:
        if run.br or run.field:
            out.append(run)
            space_before = True
            continue
        text = run.text
        collapsed = []
        for ch in text:
            if ch in _SPACES:
                if not space_before:
                    collapsed.append(" ")
                space_before = True
            else:
                collapsed.append(ch)
                space_before = False
        if collapsed:
            out.append(
                Run("".join(collapsed), run.bold, run.italic, run.caps, run.size, run.color)
            )
    while out and not out[-1].br and not out[-1].field and out[-1].text.endswith(" "):
        last = out[-1]
        text = last.text.rstrip(" ")
        if text:
            out[-1] = Run(text, last.bold, last.italic, last.caps, last.size, last.color)
            break
        out.pop()
    return out


def _widths(rows: list[list[Cell]], width: float = 170.0) -> list[float]:
    """Column widths (mm) over the text width: each column at least as wide as its longest
    word (amounts and dates never wrap), the rest shared by the length of the texts."""
    columns = max((sum(c.span for c in row) for row in rows), default=1)
    need = [1] * columns
    want = [1] * columns
    for row in rows:
        position = 0
        for cell in row:
            if cell.span == 1 and position < columns:
                need[position] = max(need[position], cell.word_length())
                want[position] = max(want[position], min(cell.text_length(), 70))
            position += cell.span
    per_char = 1.85  # mm for a character of 8.8 pt Arial (digits 0.556 em), with margins
    base = [n * per_char + 2.5 for n in need]
    spare = width - sum(base)
    if spare <= 0:
        return [width * b / sum(base) for b in base]
    extra = [max(w - n, 0) for w, n in zip(want, need, strict=True)]
    if not sum(extra):
        return [b + spare / columns for b in base]
    return [b + spare * e / sum(extra) for b, e in zip(base, extra, strict=True)]
