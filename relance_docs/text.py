"""Text folding shared by header matching and sorting: no accents, no case."""

from __future__ import annotations

import unicodedata
from functools import lru_cache

__all__ = ["fold"]


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Remove accents and case: ``fold("Échéance") == "echeance"``."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
