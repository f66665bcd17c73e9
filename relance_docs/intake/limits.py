"""Limits on what a reader takes in, so that a small hostile file cannot take gigabytes.

Each limit is far above any real ledger and stated in the README; the one a real user may
outgrow, the number of rows, is an option (``--max-rows``), and the unpacked size allowed
for a workbook or an XML file grows with it.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["DEFAULT_LIMITS", "Limits"]


@dataclass(frozen=True)
class Limits:
    max_rows: int = 1_000_000
    """Rows of one table (CSV, sheet, JSON list, FEC, statement)."""
    max_columns: int = 256
    """Columns of one table; a ledger has 10 to 40."""
    max_cell_chars: int = 32_767
    """Characters in one cell: Excel's own limit, so no real spreadsheet exceeds it."""
    max_line_chars: int = 1_000_000
    """Characters in one line of a text file (CSV, FEC, CFONB, OFX)."""

    @property
    def max_unpacked_bytes(self) -> int:
        """Bytes a file may hold, or unpack to (a workbook's parts, an XML document):
        500 bytes a row, at least 200 MB."""
        return max(200_000_000, self.max_rows * 500)


DEFAULT_LIMITS = Limits()


def number(n: int) -> str:
    """1 000 000: grouped by spaces, readable in French and English alike."""
    return f"{n:,}".replace(",", " ")


def too_many_rows(limits: Limits) -> str:
    return f"has more than {number(limits.max_rows)} rows, the limit (raise it with --max-rows)"


def too_big(size: int, limits: Limits, what: str = "is") -> str:
    return (
        f"{what} {number(round(size / 1e6))} MB, over the limit of "
        f"{number(round(limits.max_unpacked_bytes / 1e6))} MB (it grows with --max-rows)"
    )
