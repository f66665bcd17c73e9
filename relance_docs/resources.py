"""Where the shipped data lives: ``templates/`` and ``rules/``.

In a source checkout they are at the top of the repository; in an installed wheel they
are copied into ``relance_docs/_data/`` (see ``pyproject.toml``). Both are found the same
way, whatever the current directory.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

__all__ = ["data_dir", "rules_dir", "templates_dir"]

_PACKAGE = Path(__file__).resolve().parent


@cache
def data_dir(name: str) -> Path:
    """The folder ``name`` (``templates`` or ``rules``) shipped with the package."""
    for candidate in (_PACKAGE / "_data" / name, _PACKAGE.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(  # pragma: no cover - a broken installation
        f"relance-docs is installed without its '{name}' folder; reinstall it"
    )


def rules_dir() -> Path:
    return data_dir("rules")


def templates_dir() -> Path:
    return data_dir("templates")
