"""The parts of a DOCX package, written as WordprocessingML from plain blocks.

:mod:`relance_docs.render.docx` turns the HTML of a document into :class:`Para` and
:class:`Table` blocks (:mod:`.docx_blocks`); this module writes them, the styles (Arial,
the language), the footer (legal mentions and "Page n / N") and the document properties.
No template file is read and no clock: the parts depend only on their arguments.
"""

from __future__ import annotations

import io
import re
import zipfile
from functools import cache
from xml.sax.saxutils import escape

from lxml import etree

from .docx_blocks import Block, Cell, Para, Run, Table

__all__ = [
    "LANGUAGE_TAGS",
    "Block",
    "Cell",
    "Para",
    "Run",
    "Table",
    "body_xml",
    "footer_xml",
    "paragraphs_of_docx",
    "static_parts",
]

LANGUAGE_TAGS = {"fr": "fr-FR", "en": "en-GB"}
FONT = "Arial"  # on every office machine; the PDF embeds Liberation Sans, same metrics
TEXT_WIDTH_MM = 170.0
_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
# Characters XML 1.0 refuses (a control character in a name must not break the file).
_BAD_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def _twips(mm: float) -> int:
    return round(mm * 1440 / 25.4)


def _text(value: str) -> str:
    return escape(_BAD_XML.sub("", value))


# --------------------------------------------------------------------------- body


def _run(run: Run) -> str:
    props = []
    if run.bold:
        props.append("<w:b/><w:bCs/>")
    if run.italic:
        props.append("<w:i/><w:iCs/>")
    if run.caps:
        props.append("<w:caps/>")
    if run.color:
        props.append(f'<w:color w:val="{run.color}"/>')
    if run.size:
        half = round(run.size * 2)
        props.append(f'<w:sz w:val="{half}"/><w:szCs w:val="{half}"/>')
    rpr = f"<w:rPr>{''.join(props)}</w:rPr>" if props else ""
    if run.br:
        return f"<w:r>{rpr}<w:br/></w:r>"
    if run.field:
        return f'<w:fldSimple w:instr=" {run.field} "><w:r>{rpr}<w:t>1</w:t></w:r></w:fldSimple>'
    parts = run.text.split("\t")
    body = "<w:tab/>".join(
        f'<w:t xml:space="preserve">{_text(part)}</w:t>' if part else "" for part in parts
    )
    return f"<w:r>{rpr}{body}</w:r>"


def _para(p: Para) -> str:
    props = []
    if p.keep:
        props.append("<w:keepNext/><w:keepLines/>")
    if p.page_break:
        props.append("<w:pageBreakBefore/>")
    if p.rule_below:
        props.append('<w:pBdr><w:bottom w:val="single" w:sz="4" w:space="1" w:color="777777"/>'
                     "</w:pBdr>")  # fmt: skip
    spacing = ""
    if p.space_before or p.space_after:
        spacing = (
            f'<w:spacing w:before="{round(p.space_before * 20)}" '
            f'w:after="{round(p.space_after * 20)}"/>'
        )
    props.append(spacing)
    if p.bullet:
        left = _twips(p.indent + 6)
        props.append(f'<w:ind w:left="{left}" w:hanging="{_twips(4)}"/>')
    elif p.indent:
        props.append(f'<w:ind w:left="{_twips(p.indent)}"/>')
    if p.align:
        props.append(f'<w:jc w:val="{p.align}"/>')
    ppr = f"<w:pPr>{''.join(props)}</w:pPr>" if any(props) else ""
    return f"<w:p>{ppr}{''.join(_run(r) for r in p.runs)}</w:p>"


_NONE = '<w:{0} w:val="nil"/>'
_LINE = '<w:{0} w:val="single" w:sz="{1}" w:space="0" w:color="{2}"/>'


def _table(t: Table) -> str:
    columns = max((sum(c.span for c in row) for row in t.rows), default=1)
    widths = t.widths if len(t.widths) == columns else [TEXT_WIDTH_MM / columns] * columns
    if t.borders == "box":
        borders = "".join(_LINE.format(s, 4, "333333") for s in ("top", "left", "bottom", "right"))
        borders += _NONE.format("insideH") + _NONE.format("insideV")
    elif t.borders == "rows":
        borders = "".join(_NONE.format(s) for s in ("top", "left", "right", "insideV"))
        borders += _LINE.format("bottom", 2, "BBBBBB") + _LINE.format("insideH", 2, "BBBBBB")
    else:
        borders = "".join(
            _NONE.format(s) for s in ("top", "left", "bottom", "right", "insideH", "insideV")
        )
    out = [
        "<w:tbl><w:tblPr>"
        + (
            '<w:tblW w:w="5000" w:type="pct"/>'
            if t.nested
            else f'<w:tblW w:w="{_twips(sum(widths))}" w:type="dxa"/>'
        )
        + f"<w:tblBorders>{borders}</w:tblBorders>"
        + ('<w:tblLayout w:type="autofit"/>' if t.nested else '<w:tblLayout w:type="fixed"/>')
        + '<w:tblCellMar><w:top w:w="28" w:type="dxa"/><w:left w:w="85" w:type="dxa"/>'
        '<w:bottom w:w="28" w:type="dxa"/><w:right w:w="85" w:type="dxa"/></w:tblCellMar>'
        "</w:tblPr><w:tblGrid>"
        + "".join(f'<w:gridCol w:w="{_twips(w)}"/>' for w in widths)
        + "</w:tblGrid>"
    ]
    for n, row in enumerate(t.rows):
        header = n < t.header_rows
        trpr = "<w:trPr><w:cantSplit/>" + ("<w:tblHeader/>" if header else "") + "</w:trPr>"
        out.append(f"<w:tr>{trpr}")
        position = 0
        for cell in row:
            width = sum(widths[position : position + cell.span])
            position += cell.span
            props = [f'<w:tcW w:w="{_twips(width)}" w:type="dxa"/>']
            if cell.span > 1:
                props.append(f'<w:gridSpan w:val="{cell.span}"/>')
            if cell.rule_below or (header and t.borders == "rows"):
                props.append(f"<w:tcBorders>{_LINE.format('bottom', 6, '333333')}</w:tcBorders>")
            out.append(f"<w:tc><w:tcPr>{''.join(props)}</w:tcPr>")
            out.append(_blocks(cell.blocks, in_cell=True))
            out.append("</w:tc>")
        out.append("</w:tr>")
    out.append("</w:tbl>")
    return "".join(out)


_GAP = (
    '<w:p><w:pPr><w:spacing w:before="0" w:after="0" w:line="160" w:lineRule="exact"/>'
    "</w:pPr></w:p>"
)


def _blocks(blocks: list, *, in_cell: bool = False) -> str:
    out = []
    for n, block in enumerate(blocks):
        if isinstance(block, Para):
            out.append(_para(block))
            continue
        out.append(_table(block))
        if not in_cell and n < len(blocks) - 1:
            out.append(_GAP)  # a little air between a table and what follows
    if not blocks or not isinstance(blocks[-1], Para):
        out.append("<w:p/>")  # a cell, and the body, end with a paragraph
    return "".join(out)


def body_xml(blocks: list, language: str) -> bytes:
    margins = (
        f'<w:pgMar w:top="{_twips(18)}" w:right="{_twips(20)}" w:bottom="{_twips(24)}" '
        f'w:left="{_twips(20)}" w:header="{_twips(10)}" w:footer="{_twips(8)}" w:gutter="0"/>'
    )
    return (
        f'{_HEAD}<w:document xmlns:w="{_W}" xmlns:r="{_R}"><w:body>'
        + _blocks(blocks)
        + '<w:sectPr><w:footerReference w:type="default" r:id="rId3"/>'
        f'<w:pgSz w:w="11906" w:h="16838"/>{margins}</w:sectPr>'
        "</w:body></w:document>"
    ).encode("utf-8")


def footer_xml(lines: list[str]) -> bytes:
    small = Run("", size=7.0, color="555555")
    paras = [
        Para([Run(line, size=small.size, color=small.color)], align="center")
        for line in lines
        if line
    ]
    paras.append(
        Para(
            [
                Run("Page ", size=7.0, color="555555"),
                Run("", size=7.0, color="555555", field="PAGE"),
                Run(" / ", size=7.0, color="555555"),
                Run("", size=7.0, color="555555", field="NUMPAGES"),
            ],
            align="right",
        )
    )
    return (
        f'{_HEAD}<w:ftr xmlns:w="{_W}" xmlns:r="{_R}">'
        + "".join(_para(p) for p in paras)
        + "</w:ftr>"
    ).encode("utf-8")


# --------------------------------------------------------------------------- package


_CT = "application/vnd.openxmlformats-officedocument"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


@cache
def _fixed(language: str) -> dict[str, bytes]:
    tag = LANGUAGE_TAGS.get(language, "en-GB")
    types = (
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
        'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
        f'<Override PartName="/word/document.xml" ContentType="{_CT}.wordprocessingml.'
        'document.main+xml"/>'
        f'<Override PartName="/word/styles.xml" ContentType="{_CT}.wordprocessingml.styles+xml"/>'
        f'<Override PartName="/word/settings.xml" ContentType="{_CT}.wordprocessingml.'
        'settings+xml"/>'
        f'<Override PartName="/word/footer1.xml" ContentType="{_CT}.wordprocessingml.footer+xml"/>'
        '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-'
        'package.core-properties+xml"/>'
        f'<Override PartName="/docProps/app.xml" ContentType="{_CT}.extended-properties+xml"/>'
        "</Types>"
    )
    rels = (
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        f'<Relationship Id="rId1" Type="{_REL}/officeDocument" Target="word/document.xml"/>'
        '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/'
        'relationships/metadata/core-properties" Target="docProps/core.xml"/>'
        f'<Relationship Id="rId3" Type="{_REL}/extended-properties" Target="docProps/app.xml"/>'
        "</Relationships>"
    )
    doc_rels = (
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        f'<Relationship Id="rId1" Type="{_REL}/styles" Target="styles.xml"/>'
        f'<Relationship Id="rId2" Type="{_REL}/settings" Target="settings.xml"/>'
        f'<Relationship Id="rId3" Type="{_REL}/footer" Target="footer1.xml"/>'
        "</Relationships>"
    )
    fonts = f'<w:rFonts w:ascii="{FONT}" w:hAnsi="{FONT}" w:eastAsia="{FONT}" w:cs="{FONT}"/>'
    styles = (
        f'<w:styles xmlns:w="{_W}"><w:docDefaults><w:rPrDefault><w:rPr>{fonts}'
        f'<w:sz w:val="20"/><w:szCs w:val="20"/><w:lang w:val="{tag}" w:eastAsia="{tag}" '
        f'w:bidi="{tag}"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr>'
        '<w:spacing w:after="0" w:line="264" w:lineRule="auto"/></w:pPr></w:pPrDefault>'
        '</w:docDefaults><w:style w:type="paragraph" w:default="1" w:styleId="Normal">'
        '<w:name w:val="Normal"/><w:qFormat/></w:style>'
        '<w:style w:type="table" w:default="1" w:styleId="TableNormal">'
        '<w:name w:val="Normal Table"/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/>'
        '<w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="85" w:type="dxa"/>'
        '<w:bottom w:w="0" w:type="dxa"/><w:right w:w="85" w:type="dxa"/></w:tblCellMar>'
        "</w:tblPr></w:style></w:styles>"
    )
    settings = (
        f'<w:settings xmlns:w="{_W}"><w:zoom w:percent="100"/>'
        '<w:defaultTabStop w:val="709"/><w:autoHyphenation w:val="false"/>'
        '<w:characterSpacingControl w:val="doNotCompress"/>'
        '<w:compat><w:compatSetting w:name="compatibilityMode" '
        'w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat>'
        "</w:settings>"
    )
    return {
        "[Content_Types].xml": (_HEAD + types).encode(),
        "_rels/.rels": (_HEAD + rels).encode(),
        "word/_rels/document.xml.rels": (_HEAD + doc_rels).encode(),
        "word/styles.xml": (_HEAD + styles).encode(),
        "word/settings.xml": (_HEAD + settings).encode(),
    }


def static_parts(info, language: str) -> dict[str, bytes]:
    """Every part but the body and the footer: content types, relations, styles,
    settings, and the properties (title, author, date, language)."""
    stamp = f"{info.day.isoformat()}T12:00:00Z"
    tag = LANGUAGE_TAGS.get(language, "en-GB")
    core = (
        '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/'
        'core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" '
        'xmlns:dcterms="http://purl.org/dc/terms/" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        f"<dc:title>{_text(info.title)}</dc:title>"
        f"<dc:subject>{_text(info.subject)}</dc:subject>"
        f"<dc:creator>{_text(info.author)}</dc:creator>"
        f"<cp:lastModifiedBy>{_text(info.author)}</cp:lastModifiedBy>"
        f"<dc:language>{tag}</dc:language>"
        f'<dcterms:created xsi:type="dcterms:W3CDTF">{stamp}</dcterms:created>'
        f'<dcterms:modified xsi:type="dcterms:W3CDTF">{stamp}</dcterms:modified>'
        "</cp:coreProperties>"
    )
    app = (
        '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/'
        f'extended-properties"><Application>relance-docs</Application>'
        f"<Company>{_text(info.author)}</Company></Properties>"
    )
    return {
        **_fixed(language),
        "docProps/core.xml": (_HEAD + core).encode("utf-8"),
        "docProps/app.xml": (_HEAD + app).encode("utf-8"),
    }


# --------------------------------------------------------------------------- reading


def paragraphs_of_docx(data: bytes) -> list[str]:
    """The text of every paragraph of the body, in order (tables cell by cell)."""
    ns = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        tree = etree.fromstring(z.read("word/document.xml"))
    out = []
    for p in tree.iter(f"{ns}p"):
        parts = []
        for node in p.iter(f"{ns}t", f"{ns}br", f"{ns}tab"):
            if node.tag == f"{ns}t":
                parts.append(node.text or "")
            elif node.tag == f"{ns}tab":
                parts.append("\t")
            else:
                parts.append("\n")
        out.append("".join(parts))
    return out
