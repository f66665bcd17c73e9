"""How the classes of print.css look in Word: the style (bold, italic, capitals, size,
colour, alignment, keep-with-next, indent) that an HTML element gives the text inside it,
and the space after a block.

:mod:`.docx` walks the HTML and asks :func:`element_style` for each element; the values are
those print.css sets for the PDF, so that the two files look alike.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["SPACE_AFTER", "Style", "classes", "element_style", "restyle", "run_args"]


@dataclass(frozen=True)
class Style:
    """The style of the text being walked."""

    bold: bool = False
    italic: bool = False
    caps: bool = False
    size: float | None = None
    color: str | None = None
    align: str | None = None
    keep: bool = False
    indent: float = 0.0  # mm
    underline: bool = False


def classes(el) -> set[str]:
    """The classes of an HTML element."""
    return set((el.get("class") or "").split())


def element_style(el, style: Style, window: str) -> Style:
    """The style inside ``el``, within ``style``; ``window`` is the side of the address
    window (``left`` or ``right``), which sets the date line and the signature."""
    c = classes(el)
    tag = el.tag
    changes: dict = {}
    if tag in {"strong", "b", "th", "h1", "h2", "h3", "h4"} or c & {"strong", "name"}:
        changes["bold"] = True
    if tag in {"em", "i"}:
        changes["italic"] = True
    if tag == "table" and "items" in c:
        changes["size"] = 8.8  # as print.css sets table.items
    if "small" in c or "under-title" in c or "en-annex-ref" in c:
        changes["size"] = 8.0
    if "mode" in c:
        changes.update(bold=True, caps=True, size=8.0)
    if "subject" in c:
        changes["bold"] = True
    if c & {"muted", "note"}:
        changes["color"] = "555555"
    if "review" in c:
        changes["color"] = "770000"
    if tag in {"h1", "h2", "h3"}:
        changes["size"] = {"h1": 13.0, "h2": 11.0, "h3": 10.0}[tag]
    if tag == "tr" and "total" in c:
        changes["bold"] = True
    if "num" in c:
        changes["align"] = "right"
    if c & {"dateline"}:
        changes["align"] = "right" if window == "right" else "left"
    if tag == "h1" or c & {"under-title", "cover"}:
        changes["align"] = "center"
    if c & {"en-left", "en-form", "fr-sheet", "en-sheet", "head"}:
        changes["align"] = "left"
    if c & {"signature", "closing", "fr-keep", "ending"}:
        changes["keep"] = True
    if "signature" in c and window == "right":
        changes["indent"] = 95.0
    return restyle(style, changes) if changes else style


# Points after the last paragraph of a block, by tag or class (as print.css spaces them).
SPACE_AFTER = {
    "p": 5.0, "h1": 6.0, "h2": 6.0, "h3": 4.0, "dateline": 12.0, "subject": 10.0,
    "salutation": 8.0, "closing": 4.0,
}  # fmt: skip


def restyle(style: Style, changes: dict) -> Style:
    """``style`` with ``changes``."""
    return Style(**{**style.__dict__, **changes})


def run_args(style: Style) -> dict:
    """The keyword arguments of a :class:`~.docx_blocks.Run` in ``style``."""
    return {
        "bold": style.bold,
        "italic": style.italic,
        "caps": style.caps,
        "size": style.size,
        "color": style.color,
    }
