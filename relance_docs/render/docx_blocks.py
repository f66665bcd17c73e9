"""The plain blocks of a Word document on its way from HTML to WordprocessingML: runs of
text, paragraphs, tables and their cells.

:mod:`.docx` makes them from a rendered document's HTML; :mod:`.docx_parts` writes them
as XML. They hold only what both sides need: text, emphasis, size and colour, alignment,
spacing, and the column widths of a table (in mm).
"""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = ["Block", "Cell", "Para", "Run", "Table"]


@dataclass
class Run:
    """Text in one style, or a line break, or a field (page numbers)."""

    text: str
    bold: bool = False
    italic: bool = False
    caps: bool = False
    size: float | None = None
    color: str | None = None
    br: bool = False
    field: str | None = None  # PAGE, NUMPAGES


@dataclass
class Para:
    """A paragraph: its runs, and how it sits on the page."""

    runs: list[Run]
    align: str | None = None  # both, left, right, center
    keep: bool = False
    indent: float = 0.0
    page_break: bool = False
    rule_below: bool = False
    bullet: bool = False
    space_before: float = 0.0
    space_after: float = 0.0

    def text_length(self) -> int:
        return sum(len(r.text) for r in self.runs)


@dataclass
class Cell:
    """A table cell: its blocks, how many columns it spans, a rule under it."""

    blocks: list
    span: int = 1
    rule_below: bool = False

    def text_length(self) -> int:
        longest = 0
        for block in self.blocks:
            if isinstance(block, Para):
                longest = max(longest, block.text_length())
        return longest

    def word_length(self) -> int:
        """The longest run of text that cannot wrap (an amount keeps its no-break
        spaces), at least one character."""
        longest = 1
        for block in self.blocks:
            if isinstance(block, Para):
                text = "".join(r.text for r in block.runs)
                longest = max([longest, *(len(w) for w in text.split(" "))])
        return longest


@dataclass
class Table:
    """A table: rows of cells, its borders, header rows and column widths (mm)."""

    rows: list[list[Cell]]
    borders: str = "none"  # none, rows, box
    header_rows: int = 0
    widths: list[float] = field(default_factory=list)
    nested: bool = False  # inside a cell: as wide as the cell


Block = Para | Table
