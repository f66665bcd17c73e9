"""Bank statements: the lines of CAMT.053, CFONB 120, OFX and CSV statements.

Each reader takes a file and returns a :class:`Statement`: its lines (money in and out)
and the problems met, each with the file and the line or XML element. Nothing here knows
the ledger; :mod:`relance_docs.intake.matching` matches the credits to invoices.

The readers are small and our own: the CAMT reader reads the structured remittance
(``RfrdDocInf/Nb``, the invoice number a payer's software sends) that ``pycamt`` skips,
``python-cfonb`` has not been released since 2021, and OFX statements from banks are
often not strict enough for a validating parser.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ...model import BankLine, Problem
from ..limits import DEFAULT_LIMITS, Limits

__all__ = ["Statement", "read_statement"]


@dataclass
class Statement:
    label: str
    fmt: str
    lines: list[BankLine] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    def error(self, line: int | None, message: str) -> None:
        self.problems.append(Problem(self.label, line, message))

    @property
    def credits(self) -> list[BankLine]:
        return [x for x in self.lines if x.amount > 0]


def _kind(path: Path, head: bytes) -> str:
    suffix = path.suffix.lower()
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if suffix in {".ofx", ".qfx"} or text.upper().startswith((b"OFXHEADER", b"<OFX")):
        return "ofx"
    if suffix == ".xml" or text.startswith(b"<"):
        return "camt"
    if suffix == ".csv":
        return "csv"
    first = text.split(b"\n", 1)[0].rstrip(b"\r")
    if first[:2] in {b"01", b"04", b"05", b"07"} and len(first) == 120:
        return "cfonb"
    if suffix in {".cfonb", ".120", ".dat"}:
        return "cfonb"
    return "csv"


def read_statement(
    path: Path | str, limits: Limits = DEFAULT_LIMITS, *, label: str | None = None
) -> Statement:
    """Read one statement file of any supported format (told from its content)."""
    path = Path(path)
    label = label or str(path)
    try:
        size = path.stat().st_size
        with path.open("rb") as fh:
            head = fh.read(4096)
    except FileNotFoundError:
        return _failed(label, "file not found")
    except IsADirectoryError:
        return _failed(label, "is a folder, not a bank statement")
    except OSError as exc:
        return _failed(label, f"cannot be read ({exc.strerror})")
    if not head.strip():
        return _failed(label, "the file is empty")
    if size > limits.max_unpacked_bytes:
        from ..limits import too_big

        return _failed(label, too_big(size, limits, "the statement is"))
    kind = _kind(path, head)
    if kind == "camt":
        from .camt import read_camt

        return read_camt(path, label, limits)
    if kind == "ofx":
        from .ofx import read_ofx

        return read_ofx(path, label, limits)
    if kind == "cfonb":
        from .cfonb import read_cfonb

        return read_cfonb(path, label, limits)
    from .table import read_bank_csv

    return read_bank_csv(path, label, limits)


def _failed(label: str, message: str) -> Statement:
    statement = Statement(label, "unknown")
    statement.error(None, message)
    return statement
