"""Text and numbers written by hand into a PDF content stream: numbers in their short
form, a line of text in the standard Helvetica font (WinAnsiEncoding, escaped for a PDF
string), and its width from Adobe's metrics, to right-align it without a font file.
"""

from __future__ import annotations

import unicodedata

__all__ = ["escape", "helvetica_width", "pdf_num", "winansi"]


def pdf_num(value: float) -> str:
    """``value`` with at most four decimals and no trailing zero (``12.5``, ``0``)."""
    return f"{value:.4f}".rstrip("0").rstrip(".") or "0"


def winansi(text: str) -> bytes:
    """``text`` on one line in WinAnsiEncoding; a character outside it becomes its
    unaccented letter, or ``?``."""
    out = bytearray()
    for char in " ".join(text.split()):
        try:
            code = char.encode("cp1252")
        except UnicodeEncodeError:
            base = unicodedata.normalize("NFKD", char).encode("cp1252", "ignore")
            code = base if base else b"?"
        out += code
    return bytes(out)


def escape(data: bytes) -> bytes:
    """``data`` as the inside of a PDF string: ``( ) \\`` escaped, other bytes octal."""
    out = bytearray()
    for byte in data:
        if byte in b"()\\":
            out += b"\\" + bytes([byte])
        elif 32 <= byte < 127:
            out.append(byte)
        else:
            out += b"\\%03o" % byte
    return bytes(out)


def helvetica_width(data: bytes) -> float:
    """Width of WinAnsi-encoded ``data`` in Helvetica, in 1/1000 of the font size."""
    return float(sum(_HELVETICA[b - 32] if b >= 32 else 0 for b in data))


# Glyph widths of Helvetica for WinAnsiEncoding codes 32..255, from Adobe's Core 14 AFM
# metrics (Helvetica.afm); 0 for the codes WinAnsi leaves unused.
_HELVETICA = (
    278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278,
    556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556,
    1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778,
    667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556,
    333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556,
    556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584, 0,
    556, 0, 222, 556, 333, 1000, 556, 556, 333, 1000, 667, 333, 1000, 0, 611, 0,
    0, 222, 222, 333, 333, 350, 556, 1000, 333, 1000, 500, 333, 944, 0, 500, 667,
    278, 333, 556, 556, 556, 556, 260, 556, 333, 737, 370, 556, 584, 333, 737, 333,
    400, 584, 333, 333, 333, 556, 537, 278, 333, 333, 365, 556, 834, 834, 834, 611,
    667, 667, 667, 667, 667, 667, 1000, 722, 667, 667, 667, 667, 278, 278, 278, 278,
    722, 722, 778, 778, 778, 778, 778, 584, 778, 722, 722, 722, 722, 667, 667, 611,
    556, 556, 556, 556, 556, 556, 889, 500, 556, 556, 556, 556, 278, 278, 278, 278,
    556, 556, 556, 556, 556, 556, 556, 584, 611, 556, 556, 556, 556, 500, 556, 500,
)  # fmt: skip
