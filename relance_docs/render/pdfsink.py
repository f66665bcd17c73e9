"""A small PDF writer that streams copied pages to a file, and numbers them.

:class:`PdfSink` copies the pages of WeasyPrint's chunk PDFs into the per-letter files and
into ``print.pdf``: objects are written as soon as they are reached, so memory stays
bounded whatever the number of pages, and the bytes depend only on the inputs (the file
identifier is a hash of the content; no clock is read).

A page can carry a stamp: "Page n / N" at the foot of every page of a multi-page letter.
A batch renders many letters in one WeasyPrint document, where CSS page counters count the
whole chunk; the stamp, added as each letter is cut out, counts the letter's own pages.
"""

from __future__ import annotations

import hashlib
import io
from array import array
from collections.abc import Mapping, Sequence
from typing import IO, Any

from pypdf import PdfReader
from pypdf.generic import (
    ArrayObject,
    DictionaryObject,
    IndirectObject,
    NameObject,
    StreamObject,
    TextStringObject,
)

__all__ = ["PdfSink", "cut_pages", "page_stamp"]

# Helvetica widths (Adobe AFM, per 1000 units) of the characters of a page stamp.
_WIDTHS = {" ": 278, "/": 278, "P": 667, "a": 556, "g": 556, "e": 556}
_STAMP_SIZE = 7.0
_STAMP_RIGHT = 56.69  # 20 mm: the text's right edge on the right margin
_STAMP_BOTTOM = 28.35  # 10 mm from the bottom edge
_STAMP_FONT = b"/RelancePageNo"


def page_stamp(number: int, total: int, mediabox) -> bytes:
    """The content stream that prints ``Page number / total`` at the page's foot."""
    text = f"Page {number} / {total}"
    width = sum(_WIDTHS.get(ch, 556) for ch in text) * _STAMP_SIZE / 1000
    x = float(mediabox[2]) - _STAMP_RIGHT - width
    y = float(mediabox[1]) + _STAMP_BOTTOM
    return (
        b"q 0.333 g BT %s %s Tf 1 0 0 1 %s %s Tm (%s) Tj ET Q"
        % (_STAMP_FONT, _num(_STAMP_SIZE).encode(), _num(x).encode(), _num(y).encode(),
           text.encode("ascii"))
    )  # fmt: skip


class PdfSink:
    """A minimal PDF writer that streams copied pages to a file.

    Objects of a source PDF (a chunk) are renumbered and written as soon as they are
    reached, each once per source (the fonts of a chunk are shared by its letters); only
    their offsets stay in memory. Pages are hung under the root page-tree node, then under
    intermediate nodes of 256 pages. References to a page not copied (a link to another
    letter) become null. The /ID is a hash of the content: same content, same bytes.
    """

    GROUP = 256

    def __init__(self, fh: IO[bytes], header: str) -> None:
        self.fh = fh
        self.hash = hashlib.sha256()
        self.offsets = array("q", [0])  # object number -> offset (0: free/reserved)
        self.position = 0
        self.remap: dict[Any, dict[int, int]] = {}
        self.root_pages = self._reserve()
        self.root_kids: list[int] = []
        self.groups: list[tuple[int, list[int]]] = []
        self.count = 0
        self.stamp_font: int | None = None
        self.save_state: int | None = None
        self._write(header.encode("ascii") + b"\n%\xe2\xe3\xcf\xd3\n")

    # ---- low level
    def _write(self, data: bytes) -> None:
        self.fh.write(data)
        self.hash.update(data)
        self.position += len(data)

    def _reserve(self) -> int:
        self.offsets.append(0)
        return len(self.offsets) - 1

    def _object(self, number: int, body: bytes) -> None:
        self.offsets[number] = self.position
        self._write(b"%d 0 obj\n" % number + body + b"\nendobj\n")

    # ---- pages
    def _parent(self) -> int:
        n = self.count
        if n < self.GROUP:
            return self.root_pages
        if (n - self.GROUP) % self.GROUP == 0:
            group = self._reserve()
            self.groups.append((group, []))
            self.root_kids.append(group)
        return self.groups[-1][0]

    def _hang(self, parent: int, page: int) -> None:
        if parent == self.root_pages:
            self.root_kids.append(page)
        else:
            self.groups[-1][1].append(page)
        self.count += 1

    def add_page(
        self, source: Any, reader: PdfReader, page: DictionaryObject, stamp: bytes | None = None
    ) -> int:
        """Copy ``page`` of ``reader`` (objects of ``source`` are written once); with a
        ``stamp`` (see :func:`page_stamp`), draw it over the page."""
        remap = self.remap.setdefault(source, {})
        ref = page.indirect_reference
        number = remap.get(ref.idnum) if ref is not None else None
        if number is None:
            number = self._reserve()
            if ref is not None:
                remap[ref.idnum] = number
        parent = self._parent()
        queue: list[tuple[int, Any]] = []
        body = io.BytesIO()
        body.write(b"<</Parent %d 0 R" % parent)
        keys = list(page.keys())
        if stamp is not None and "/Resources" not in keys:
            keys.append("/Resources")
        for key in keys:
            if key == "/Parent":
                continue
            body.write(b"\n")
            NameObject(key).write_to_stream(body)
            body.write(b" ")
            value = page.get(key)
            if stamp is not None and key == "/Contents":
                body.write(b"[%d 0 R " % self._save_state())
                contents = value.get_object() if isinstance(value, IndirectObject) else value
                if isinstance(contents, ArrayObject):
                    for item in contents:
                        self._dump(item, body, reader, remap, queue)
                        body.write(b" ")
                else:
                    self._dump(value, body, reader, remap, queue)
                    body.write(b" ")
                # The page's own content may leave its coordinate system changed (WeasyPrint
                # flips it): save the state before it, restore it before the stamp.
                body.write(b"%d 0 R]" % self._stream(b"Q\n" + stamp))
            elif stamp is not None and key == "/Resources":
                self._resources(value, body, reader, remap, queue)
            else:
                self._dump(value, body, reader, remap, queue)
        body.write(b">>")
        self._object(number, body.getvalue())
        self._hang(parent, number)
        while queue:
            target, obj = queue.pop()
            out = io.BytesIO()
            self._dump(obj, out, reader, remap, queue)
            self._object(target, out.getvalue())
        return number

    def _save_state(self) -> int:
        if self.save_state is None:
            self.save_state = self._stream(b"q")
        return self.save_state

    def _stream(self, data: bytes) -> int:
        number = self._reserve()
        self._object(number, b"<</Length %d>>\nstream\n%s\nendstream" % (len(data), data))
        return number

    def _resources(self, value, out, reader, remap, queue) -> None:
        """The page's resources, with the stamp's font added to its fonts."""
        resources = value.get_object() if value is not None else DictionaryObject()
        if self.stamp_font is None:
            self.stamp_font = self._reserve()
            self._object(
                self.stamp_font,
                b"<</Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding>>",
            )
        out.write(b"<<")
        for key, item in resources.items():
            if key == "/Font":
                continue
            NameObject(key).write_to_stream(out)
            out.write(b" ")
            self._dump(item, out, reader, remap, queue)
            out.write(b"\n")
        out.write(b"/Font <<")
        fonts = resources.get("/Font")
        for key, item in (fonts.get_object() if fonts is not None else {}).items():
            NameObject(key).write_to_stream(out)
            out.write(b" ")
            self._dump(item, out, reader, remap, queue)
            out.write(b"\n")
        out.write(b"%s %d 0 R>>>>" % (_STAMP_FONT, self.stamp_font))

    def add_blank(self, mediabox) -> int:
        number = self._reserve()
        parent = self._parent()
        box = " ".join(_num(float(v)) for v in mediabox)
        self._object(
            number, b"<</Type /Page /Parent %d 0 R /MediaBox [%s] /Resources <<>>>>"
            % (parent, box.encode())
        )  # fmt: skip
        self._hang(parent, number)
        return number

    def forget(self, source: Any) -> None:
        """No more pages from ``source``: drop its renumbering table."""
        self.remap.pop(source, None)

    def _dump(self, obj, out, reader, remap, queue) -> None:
        if isinstance(obj, IndirectObject):
            number = remap.get(obj.idnum)
            if number is None:
                target = reader.get_object(obj)
                if isinstance(target, DictionaryObject) and target.get("/Type") in (
                    "/Page",
                    "/Pages",
                    "/Catalog",
                ):
                    out.write(b"null")  # never pull in another page (or the whole tree)
                    return
                number = remap[obj.idnum] = self._reserve()
                queue.append((number, target))
            out.write(b"%d 0 R" % number)
        elif isinstance(obj, StreamObject):
            data = obj._data  # as stored (still encoded): copied, never recompressed
            out.write(b"<<")
            for key, value in obj.items():
                if key == "/Length":
                    continue
                NameObject(key).write_to_stream(out)
                out.write(b" ")
                self._dump(value, out, reader, remap, queue)
                out.write(b"\n")
            out.write(b"/Length %d>>\nstream\n" % len(data))
            out.write(data)
            out.write(b"\nendstream")
        elif isinstance(obj, DictionaryObject):
            out.write(b"<<")
            for key, value in obj.items():
                NameObject(key).write_to_stream(out)
                out.write(b" ")
                self._dump(value, out, reader, remap, queue)
                out.write(b"\n")
            out.write(b">>")
        elif isinstance(obj, ArrayObject | list):
            out.write(b"[")
            for n, value in enumerate(obj):
                if n:
                    out.write(b" ")
                self._dump(value, out, reader, remap, queue)
            out.write(b"]")
        elif obj is None:
            out.write(b"null")
        else:
            obj.write_to_stream(out)

    # ---- end
    def close(
        self,
        info: Mapping[str, str],
        *,
        lang: str | None = None,
        outline: Sequence[tuple[str, int]] = (),
    ) -> str:
        """Write the page tree, outline, catalog, info, xref and trailer; the file's sha256."""
        for group, kids in self.groups:
            self._object(
                group,
                b"<</Type /Pages /Parent %d 0 R /Count %d /Kids [%s]>>"
                % (self.root_pages, len(kids), _refs(kids)),
            )
        self._object(
            self.root_pages,
            b"<</Type /Pages /Count %d /Kids [%s]>>" % (self.count, _refs(self.root_kids)),
        )
        catalog = b"<</Type /Catalog /Pages %d 0 R" % self.root_pages
        if lang:
            catalog += b" /Lang " + _text(lang)
        if outline:
            root = self._reserve()
            numbers = [self._reserve() for _ in outline]
            for n, (title, page) in enumerate(outline):
                entry = b"<</Title %s /Parent %d 0 R /Dest [%d 0 R /XYZ null null null]" % (
                    _text(title),
                    root,
                    page,
                )
                if n:
                    entry += b" /Prev %d 0 R" % numbers[n - 1]
                if n < len(numbers) - 1:
                    entry += b" /Next %d 0 R" % numbers[n + 1]
                self._object(numbers[n], entry + b">>")
            self._object(
                root,
                b"<</Type /Outlines /First %d 0 R /Last %d 0 R /Count %d>>"
                % (numbers[0], numbers[-1], len(numbers)),
            )
            catalog += b" /Outlines %d 0 R /PageMode /UseOutlines" % root
        catalog_id = self._reserve()
        self._object(catalog_id, catalog + b">>")
        info_id = self._reserve()
        self._object(
            info_id,
            b"<<" + b"".join(_name(k) + b" " + _text(v) for k, v in info.items()) + b">>",
        )
        identifier = self.hash.hexdigest()[:32].encode()
        xref = self.position
        size = len(self.offsets)
        lines = [b"xref\n0 %d\n0000000000 65535 f \n" % size]
        lines += [b"%010d 00000 n \n" % self.offsets[n] for n in range(1, size)]
        self._write(b"".join(lines))
        self._write(
            b"trailer\n<</Size %d /Root %d 0 R /Info %d 0 R /ID [<%s> <%s>]>>\n"
            b"startxref\n%d\n%%%%EOF\n" % (size, catalog_id, info_id, identifier, identifier, xref)
        )
        return self.hash.hexdigest()


def cut_pages(
    reader: PdfReader, start: int, end: int, info: Mapping[str, str], lang: str | None
) -> bytes:
    """Pages ``start`` to ``end`` (excluded) of ``reader`` as a PDF of their own, each
    page stamped "Page n / N" when there is more than one."""
    buffer = io.BytesIO()
    sink = PdfSink(buffer, reader.pdf_header)
    total = end - start
    for n, p in enumerate(range(start, end), 1):
        page = reader.pages[p]
        sink.add_page(0, reader, page, page_stamp(n, total, page.mediabox) if total > 1 else None)
    sink.close(info, lang=lang)
    return buffer.getvalue()


def _name(name: str) -> bytes:
    out = io.BytesIO()
    NameObject(name).write_to_stream(out)
    return out.getvalue()


def _text(value: str) -> bytes:
    out = io.BytesIO()
    TextStringObject(value).write_to_stream(out)
    return out.getvalue()


def _refs(numbers: list[int]) -> bytes:
    return b" ".join(b"%d 0 R" % n for n in numbers)


def _num(value: float) -> str:
    return f"{value:.6f}".rstrip("0").rstrip(".") or "0"
