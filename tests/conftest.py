"""Shared helpers: ledgers written inline next to the assertions that read them."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from relance_docs.intake import read_ledger

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
REFERENCE_DATE = "2026-11-16"  # the samples' fixed reference date (README)


@pytest.fixture
def write(tmp_path: Path):
    """write(name, text, encoding="utf-8") -> path; text lines joined as given."""

    def _write(name: str, text: str | bytes, encoding: str = "utf-8") -> Path:
        path = tmp_path / name
        path.write_bytes(text if isinstance(text, bytes) else text.encode(encoding))
        return path

    return _write


@pytest.fixture
def read(write):
    """read(text, name="ledger.csv", encoding=..., **read_ledger kwargs) -> LedgerResult."""

    def _read(text: str | bytes, name: str = "ledger.csv", encoding: str = "utf-8", **kw):
        return read_ledger(write(name, text, encoding), **kw)

    return _read


def _shown(problem) -> str:
    return str(replace(problem, file=Path(problem.file).name))


def messages(result) -> list[str]:
    """Every problem as the user sees it, with the folder part of the path removed."""
    return [_shown(p) for p in result.problems]


def errors(result) -> list[str]:
    return [_shown(p) for p in result.problems if p.is_error]
