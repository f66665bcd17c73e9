"""A scan as a PDF page: a JPEG or PNG picture on one A4 page, kept whole, aspect ratio
kept, inside 15 mm margins, landscape when the picture is wider than high.

A JPEG is embedded as it is when it can be (grey or RGB, upright), and turned upright and
re-encoded once otherwise; any other picture is turned upright (EXIF orientation),
flattened onto white paper if it is transparent, and compressed without loss. The PDF is
written by hand, with a file identifier that hashes its content: the same picture gives
the same bytes. Reading the file and refusing a damaged one is :mod:`.exhibits`'
business.
"""

from __future__ import annotations

import hashlib
import io
import zlib
from collections.abc import Sequence

from PIL import Image, ImageOps

from .pdftext import pdf_num

__all__ = ["A4", "MARGIN", "image_xobject", "page_pdf"]

A4 = (595.276, 841.89)  # points, portrait
MARGIN = 42.52  # 15 mm around a scan


def image_xobject(img: Image.Image, data: bytes):
    """The picture ``img`` (read from ``data``) as an image XObject: (header, stream, size)."""
    kind = img.format
    orientation = img.getexif().get(0x0112, 1)
    if kind == "JPEG" and img.mode in ("L", "RGB") and orientation in (None, 1):
        return _jpeg_xobject(data, img.size, img.mode)
    upright = ImageOps.exif_transpose(img)
    if kind == "JPEG":
        return _jpeg_xobject(_reencode_jpeg(upright), upright.size, "RGB")
    return _flate_xobject(upright)


def page_pdf(image) -> bytes:
    """A one-page PDF showing ``image`` (from :func:`image_xobject`), centred from the top
    margin of an A4 page."""
    header, stream, (width, height) = image
    page_w, page_h = A4 if height >= width else (A4[1], A4[0])
    scale = min((page_w - 2 * MARGIN) / width, (page_h - 2 * MARGIN) / height)
    w, h = width * scale, height * scale
    x, y = (page_w - w) / 2, page_h - MARGIN - h  # centred, from the top margin
    content = f"q {pdf_num(w)} 0 0 {pdf_num(h)} {pdf_num(x)} {pdf_num(y)} cm /Im0 Do Q".encode()
    objects = [
        b"<</Type /Catalog /Pages 2 0 R>>",
        b"<</Type /Pages /Kids [3 0 R] /Count 1>>",
        b"<</Type /Page /Parent 2 0 R /MediaBox [0 0 %s %s] "
        b"/Resources <</XObject <</Im0 5 0 R>> /ProcSet [/PDF /ImageB /ImageC]>> "
        b"/Contents 4 0 R>>" % (pdf_num(page_w).encode(), pdf_num(page_h).encode()),
        b"<</Length %d>>\nstream\n%s\nendstream" % (len(content), content),
        header + b"\nstream\n" + stream + b"\nendstream",
        b"<</Producer (relance-docs)>>",
    ]
    return _write_pdf(objects, root=1, info=6)


def _jpeg_xobject(data: bytes, size: tuple[int, int], mode: str):
    space = "/DeviceGray" if mode == "L" else "/DeviceRGB"
    header = (
        f"<</Type /XObject /Subtype /Image /Width {size[0]} /Height {size[1]} "
        f"/ColorSpace {space} /BitsPerComponent 8 /Filter /DCTDecode /Length {len(data)}>>"
    ).encode()
    return header, data, size


def _reencode_jpeg(img: Image.Image) -> bytes:
    out = io.BytesIO()
    img.convert("RGB").save(out, "JPEG", quality=92, optimize=False, progressive=False)
    return out.getvalue()


def _flate_xobject(img: Image.Image):
    gray = "/DeviceGray"
    transparent = img.mode in ("RGBA", "LA", "PA", "RGBa", "La") or (
        img.mode == "P" and "transparency" in img.info
    )
    if img.mode == "1":
        bits, space, pixels = 1, gray, img  # packed bits, 1 = white: as PDF wants them
    elif transparent:
        bits, space, pixels = 8, "/DeviceRGB", _on_white(img.convert("RGBA"))
        if img.mode in ("LA", "La"):
            space, pixels = gray, pixels.convert("L")
    elif img.mode.startswith("I"):  # 16-bit grey levels: scale, do not clip
        bits, space, pixels = 8, gray, img.convert("I").point(lambda v: v / 256).convert("L")
    elif img.mode in ("L", "F"):
        bits, space, pixels = 8, gray, img.convert("L")
    else:
        bits, space, pixels = 8, "/DeviceRGB", img.convert("RGB")
    data = zlib.compress(pixels.tobytes(), 6)
    header = (
        f"<</Type /XObject /Subtype /Image /Width {img.size[0]} /Height {img.size[1]} "
        f"/ColorSpace {space} /BitsPerComponent {bits} /Filter /FlateDecode "
        f"/Length {len(data)}>>"
    ).encode()
    return header, data, img.size


def _on_white(img: Image.Image) -> Image.Image:
    """A transparent picture flattened onto white paper."""
    paper = Image.new("RGB", img.size, (255, 255, 255))
    paper.paste(img, mask=img.getchannel("A"))
    return paper


def _write_pdf(objects: Sequence[bytes], *, root: int, info: int) -> bytes:
    """Objects numbered 1..n, an xref table and a trailer whose /ID hashes the content."""
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    identifier = hashlib.sha256(out).hexdigest()[:32].encode()
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += (
        b"trailer\n<</Size %d /Root %d 0 R /Info %d 0 R /ID [<%s> <%s>]>>\n"
        b"startxref\n%d\n%%%%EOF\n" % (len(objects) + 1, root, info, identifier, identifier, xref)
    )
    return bytes(out)
