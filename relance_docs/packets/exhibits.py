"""Exhibits (pièces): read them, number every page, put them in one bookmarked PDF.

* :func:`read_exhibit` takes a PDF as it is, or turns a JPEG or PNG scan into a one-page
  A4 PDF (:mod:`.scans`: the picture kept whole, aspect ratio kept, inside 15 mm
  margins). The file's *content* decides what it is, not its name.
  :func:`check_exhibits` reads them all first, so that a packet fails before anything
  is written.
* :func:`stamp` writes a small line (``Pièce n° 3 - page 1/2``) in the top right margin
  of every page, as an overlay in the standard Helvetica font (:mod:`.pdftext`:
  WinAnsiEncoding, so accents, ``°`` and ``€`` print; the text can be extracted and
  searched).
* :func:`combine` puts parts one after the other with an outline: one bookmark per part,
  nested ones for its children.

Reproducible: the same inputs give the same bytes. No clock is read, and the file
identifier (``/ID``) is a hash of the content, as in :mod:`relance_docs.render.batch`.
"""

from __future__ import annotations

import hashlib
import io
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from PIL import Image, ImageFile, UnidentifiedImageError
from pypdf import PageObject, PdfReader, PdfWriter
from pypdf.generic import (
    ArrayObject,
    ByteStringObject,
    DecodedStreamObject,
    DictionaryObject,
    NameObject,
    RectangleObject,
)

from ..errors import RelanceError
from .pdftext import escape, helvetica_width, pdf_num, winansi
from .scans import A4, MARGIN, image_xobject, page_pdf  # noqa: F401 - A4, MARGIN: re-exported

__all__ = [
    "ExhibitError",
    "Part",
    "PdfAssemblyError",
    "check_exhibits",
    "combine",
    "page_count",
    "read_exhibit",
    "stamp",
]

STAMP_SIZE = 9.0  # points
STAMP_RIGHT = 28.35  # 10 mm from the right edge of the visible page to the end of the text
STAMP_TOP = 22.0  # from the top edge of the visible page to the baseline (about 8 mm)
_FONT_NAME = "/RelanceStamp"
_PRODUCER = "relance-docs (pypdf)"

_PNG = b"\x89PNG\r\n\x1a\n"
_JPEG = b"\xff\xd8\xff"


class ExhibitError(RelanceError):
    """An exhibit file cannot be used (missing, empty, damaged, encrypted, other type)."""

    message = "The exhibit cannot be used."


class PdfAssemblyError(RelanceError):
    """PDF bytes handed to :func:`stamp`, :func:`combine` or :func:`page_count` are bad."""

    message = "The PDF cannot be read."


# --------------------------------------------------------------------------- reading


def read_exhibit(path: Path | str) -> bytes:
    """The exhibit at ``path`` as PDF bytes: a PDF as it is, a JPEG or PNG as an A4 page.

    Raises :class:`ExhibitError` (one line naming the file) for a missing, empty or
    unreadable file, an encrypted or page-less PDF, a damaged image, or anything else.
    """
    path = Path(path)
    label = f"exhibit {path}"
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise ExhibitError(f"{label}: file not found") from None
    except IsADirectoryError:
        raise ExhibitError(f"{label}: is a folder, not a file") from None
    except OSError as exc:
        raise ExhibitError(f"{label}: cannot be read ({exc.strerror or exc})") from None
    if not data:
        raise ExhibitError(f"{label}: the file is empty")
    if b"%PDF-" in data[:1024]:
        _check_pdf(data, label)
        return data
    if data.startswith((_PNG, _JPEG)):
        return _image_pdf(data, label)
    raise ExhibitError(f"{label}: not a PDF, JPEG or PNG")


def check_exhibits(paths: Iterable[Path | str]) -> list[bytes]:
    """Read every exhibit (see :func:`read_exhibit`) before anything is written.

    All the files are tried; the error, if any, names every bad one on one line.
    """
    out: list[bytes] = []
    problems: list[str] = []
    for path in paths:
        try:
            out.append(read_exhibit(path))
        except ExhibitError as exc:
            problems.append(str(exc))
    if len(problems) == 1:
        raise ExhibitError(problems[0])
    if problems:
        raise ExhibitError(f"{len(problems)} exhibits cannot be used: " + "; ".join(problems))
    return out


def _check_pdf(data: bytes, label: str) -> None:
    try:
        reader = PdfReader(io.BytesIO(data))
        encrypted = reader.is_encrypted
        if not encrypted:
            pages = len(reader.pages)
            for page in reader.pages:  # every page and its content must decode
                _ = page.mediabox
                contents = page.get_contents()
                if contents is not None:
                    contents.get_data()
    except Exception as exc:  # any parser failure means "damaged"
        raise ExhibitError(f"{label}: not a readable PDF ({_reason(exc)})") from None
    if encrypted:
        raise ExhibitError(
            f"{label}: the PDF is encrypted; save an unprotected copy (print it to PDF)"
        )
    if pages == 0:
        raise ExhibitError(f"{label}: the PDF has no pages")


def _reason(exc: BaseException) -> str:
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text if len(text) <= 120 else text[:117] + "..."


# --------------------------------------------------------------------------- images


def _image_pdf(data: bytes, label: str) -> bytes:
    """A one-page A4 PDF showing the picture in ``data`` (see :mod:`.scans`)."""
    # WeasyPrint sets ImageFile.LOAD_TRUNCATED_IMAGES for the whole process when it is
    # imported; a scan must be whole, so refuse truncation here whatever that flag says.
    truncated = ImageFile.LOAD_TRUNCATED_IMAGES
    ImageFile.LOAD_TRUNCATED_IMAGES = False
    try:
        with Image.open(io.BytesIO(data)) as img:
            img.load()  # a truncated or damaged file fails here, not later
            image = image_xobject(img, data)
    except Image.DecompressionBombError:
        raise ExhibitError(f"{label}: the image is too large") from None
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError) as exc:
        raise ExhibitError(f"{label}: the image cannot be read ({_reason(exc)})") from None
    finally:
        ImageFile.LOAD_TRUNCATED_IMAGES = truncated
    return page_pdf(image)


# --------------------------------------------------------------------------- stamping


def stamp(pdf: bytes, text_for_page: Callable[[int, int], str]) -> bytes:
    """``pdf`` with ``text_for_page(number, total)`` in the top right margin of each page.

    ``number`` counts from 1. The line is right-aligned 10 mm from the right edge of the
    visible page (its crop box), its baseline about 8 mm from the top, upright as the page
    is displayed (``/Rotate`` 0, 90, 180 or 270). Characters outside WinAnsiEncoding are
    replaced by their unaccented letter, or ``?``.
    """
    reader = _reader(pdf)
    writer = PdfWriter(clone_from=reader)
    total = len(writer.pages)
    for number, page in enumerate(writer.pages, 1):
        page.merge_page(_overlay(page, text_for_page(number, total)))
    return _finish(writer)


def _overlay(page: PageObject, text: str) -> PageObject:
    box = page.cropbox
    llx, lly, urx, ury = (float(v) for v in (box.left, box.bottom, box.right, box.top))
    rotation = page.rotation % 360 if page.rotation % 90 == 0 else 0
    # The matrix from "as displayed" coordinates (origin at the bottom left of the visible
    # page, x to the right, y up) to the page's own user space.
    matrix, width, height = {
        0: ((1, 0, 0, 1, llx, lly), urx - llx, ury - lly),
        90: ((0, 1, -1, 0, urx, lly), ury - lly, urx - llx),
        180: ((-1, 0, 0, -1, urx, ury), urx - llx, ury - lly),
        270: ((0, -1, 1, 0, llx, ury), ury - lly, urx - llx),
    }[rotation]
    encoded = winansi(text)
    size = STAMP_SIZE
    room = width - 2 * STAMP_RIGHT
    text_width = helvetica_width(encoded) * size / 1000
    if text_width > room > 0:  # a long line on a narrow page: make it fit
        size *= room / text_width
        text_width = room
    x = max(width - STAMP_RIGHT - text_width, 0.0)
    y = height - STAMP_TOP
    content = "q {m} cm BT {font} {size} Tf 0 g 1 0 0 1 {x} {y} Tm ({text}) Tj ET Q".format(
        m=" ".join(pdf_num(v) for v in matrix),
        font=_FONT_NAME,
        size=pdf_num(size),
        x=pdf_num(x),
        y=pdf_num(y),
        text=escape(encoded).decode("latin-1"),
    ).encode("latin-1")
    overlay = PageObject.create_blank_page(None, urx - llx or 1, ury - lly or 1)
    overlay[NameObject("/MediaBox")] = RectangleObject([llx, lly, urx, ury])  # pypdf clips to it
    font = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Font"),
            NameObject("/Subtype"): NameObject("/Type1"),
            NameObject("/BaseFont"): NameObject("/Helvetica"),
            NameObject("/Encoding"): NameObject("/WinAnsiEncoding"),
        }
    )
    overlay[NameObject("/Resources")] = DictionaryObject(
        {NameObject("/Font"): DictionaryObject({NameObject(_FONT_NAME): font})}
    )
    stream = DecodedStreamObject()
    stream.set_data(content)
    overlay[NameObject("/Contents")] = stream
    return overlay


# --------------------------------------------------------------------------- combining


@dataclass(frozen=True)
class Part:
    """One part of a combined PDF, with its bookmark title.

    A part with ``children`` is a heading: its pages are its children's, in order, and
    its bookmark points to the first of them; its own ``pdf`` is then not written (pass
    ``b""``, or the first child's). A part without children must have pages.
    """

    title: str
    pdf: bytes = b""
    children: Sequence[Part] = field(default_factory=list)


def combine(parts: Sequence[Part], *, title: str | None = None) -> bytes:
    """All the pages of ``parts`` in order, with one bookmark per part (nested for children).

    Form fields, links and annotations of the parts are kept; their own outlines are not.
    """
    writer = PdfWriter()
    tree = _add_parts(writer, parts)
    if not writer.pages:
        raise PdfAssemblyError("nothing to combine: the parts have no pages")
    _add_outline(writer, tree, None)
    writer.page_mode = "/UseOutlines"
    info = {"/Producer": _PRODUCER, "/Creator": "relance-docs"}
    if title:
        info["/Title"] = title
    writer.add_metadata(info)
    return _finish(writer)


def _add_parts(writer: PdfWriter, parts: Sequence[Part]) -> list[tuple[Part, int, list]]:
    """Append the pages of ``parts``; their outline tree as (part, first page, children)."""
    tree = []
    for part in parts:
        first = len(writer.pages)
        if part.children:
            tree.append((part, first, _add_parts(writer, part.children)))
        else:
            _add_pages(writer, part)
            tree.append((part, first, []))
    return tree


def _add_outline(writer: PdfWriter, tree: list[tuple[Part, int, list]], parent) -> None:
    for part, first, children in tree:
        item = writer.add_outline_item(
            title=part.title, page_number=first, parent=parent, is_open=True
        )
        _add_outline(writer, children, item)


def _add_pages(writer: PdfWriter, part: Part) -> None:
    if not part.pdf:
        raise PdfAssemblyError(f"part '{part.title}' has no pages")
    reader = _reader(part.pdf, f"part '{part.title}'")
    if not reader.pages:
        raise PdfAssemblyError(f"part '{part.title}' has no pages")
    writer.append(reader, import_outline=False)


def page_count(pdf: bytes) -> int:
    """The number of pages of ``pdf``."""
    return len(_reader(pdf).pages)


def _reader(pdf: bytes, what: str = "PDF") -> PdfReader:
    try:
        reader = PdfReader(io.BytesIO(pdf))
        if reader.is_encrypted:
            raise PdfAssemblyError(f"{what}: encrypted")
        _ = len(reader.pages)
    except PdfAssemblyError:
        raise
    except Exception as exc:  # any parser failure means "damaged"
        raise PdfAssemblyError(f"{what}: not a readable PDF ({_reason(exc)})") from None
    return reader


def _finish(writer: PdfWriter) -> bytes:
    """The writer's bytes, with a file identifier that hashes them (no random /ID)."""
    writer._ID = None  # pypdf has no public way to set a fixed /ID
    first = io.BytesIO()
    writer.write(first)
    digest = hashlib.sha256(first.getvalue()).digest()[:16]
    writer._ID = ArrayObject([ByteStringObject(digest), ByteStringObject(digest)])
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
