"""The FEC file itself (art. A47 A-1 of the Livre des procédures fiscales): its 18
columns, its encoding, and the lines of the customer accounts as plain records.

A first line naming the columns, fields separated by a tab or ``|``, decimal comma, dates
``AAAAMMJJ``, ASCII, ISO 8859-15 or UTF-8; columns 12-13 may be ``Montant`` and ``Sens``
instead of ``Debit`` and ``Credit``. Only the lines of the customer accounts (``411``,
``413``, ``416``) are kept; what they mean (invoices, credit notes, payments, lettering)
is read by :mod:`.fec`.
"""

from __future__ import annotations

import codecs
import io
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path

from ..model import Problem, Severity
from ..money import ZERO, check_size
from ..text import fold
from .limits import Limits, too_many_rows
from .sources import capped_lines

__all__ = ["FEC_COLUMNS", "FecLine", "FecReader", "read_lines"]

FEC_COLUMNS = (
    "JournalCode",
    "JournalLib",
    "EcritureNum",
    "EcritureDate",
    "CompteNum",
    "CompteLib",
    "CompAuxNum",
    "CompAuxLib",
    "PieceRef",
    "PieceDate",
    "EcritureLib",
    "Debit",
    "Credit",
    "EcritureLet",
    "DateLet",
    "ValidDate",
    "Montantdevise",
    "Idevise",
)
_CUSTOMER_ACCOUNTS = ("411", "413", "416")


@dataclass
class FecLine:
    """One line of a customer account."""

    line: int
    journal: str
    sales: bool
    account: str
    debtor: str
    name: str
    piece: str
    day: date
    label: str
    amount: Decimal  # debit positive, credit negative
    letter: str


@dataclass
class FecReader:
    """The problems found in one FEC file, and how many lines it has."""

    label: str
    problems: list[Problem] = field(default_factory=list)
    total: int = 0

    def error(self, line: int | None, message: str) -> None:
        self.problems.append(Problem(self.label, line, message))

    def warn(self, line: int | None, message: str) -> None:
        self.problems.append(Problem(self.label, line, message, severity=Severity.WARNING))


def _encoding(path: Path) -> str:
    decoder = codecs.getincrementaldecoder("utf-8")()
    try:
        with path.open("rb") as fh:
            while chunk := fh.read(1 << 20):
                decoder.decode(chunk)
            decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return "iso-8859-15"
    return "utf-8-sig"


def _fec_date(text: str) -> date:
    text = text.strip()
    if len(text) == 8 and text.isdigit():
        text = f"{text[:4]}-{text[4:6]}-{text[6:]}"
    from .cells import parse_date

    return parse_date(text)


def _fec_amount(text: str) -> Decimal:
    text = text.strip().replace(",", ".")
    if not text:
        return ZERO
    try:
        return check_size(Decimal(text), text)
    except InvalidOperation:
        raise ValueError(f'"{text}" is not an amount') from None


def _is_sales(code: str, label: str) -> bool:
    folded = fold(f"{code} {label}").lower()
    return code.upper().startswith("V") or "vente" in folded or "sales" in folded


def read_lines(path: Path, reader: FecReader, limits: Limits) -> list[FecLine] | None:
    """The lines of the customer accounts, or None when the file cannot be read (the
    reason is a problem of ``reader``)."""
    with path.open("rb") as raw, io.TextIOWrapper(raw, _encoding(path), newline="") as text:
        lines = capped_lines(text, limits.max_line_chars)
        header = next(lines, "").rstrip("\r\n")
        separator = "\t" if "\t" in header else "|"
        names = [h.strip() for h in header.split(separator)]
        folded = [n.casefold() for n in names]
        montant = "montant" in folded and "sens" in folded
        required = [c for c in FEC_COLUMNS if not (montant and c in {"Debit", "Credit"})]
        missing = [c for c in required if c.casefold() not in folded]
        if missing:
            reader.error(
                1,
                f"has {len(names)} columns and lacks {', '.join(missing)}: a FEC has the 18 "
                "columns of art. A47 A-1 LPF (JournalCode ... Idevise), tab or | separated",
            )
            return None
        col = {c: folded.index(c.casefold()) for c in required}
        if montant:
            col["Montant"], col["Sens"] = folded.index("montant"), folded.index("sens")
        width = len(names)
        out: list[FecLine] = []
        reader.total = 0
        for number, raw_line in enumerate(lines, start=2):
            if number > limits.max_rows + 1:
                reader.error(number, too_many_rows(limits))
                return None
            cells = raw_line.rstrip("\r\n").split(separator)
            if len(cells) == 1 and not cells[0].strip():
                continue
            reader.total += 1
            if len(cells) != width:
                reader.error(number, f"has {len(cells)} fields; the header has {width}")
                continue
            account = cells[col["CompteNum"]].strip()
            if not account.startswith(_CUSTOMER_ACCOUNTS):
                continue
            try:
                if montant:
                    value = _fec_amount(cells[col["Montant"]])
                    sens = cells[col["Sens"]].strip().upper()[:1]
                    if sens not in {"D", "C", "+", "-"}:
                        raise ValueError(f'Sens "{cells[col["Sens"]]}" is not D or C')
                    amount = value if sens in {"D", "+"} else -value
                else:
                    amount = _fec_amount(cells[col["Debit"]]) - _fec_amount(cells[col["Credit"]])
                piece_date = cells[col["PieceDate"]].strip() or cells[col["EcritureDate"]]
                day = _fec_date(piece_date)
            except ValueError as exc:  # BadValue is a ValueError
                reader.error(number, str(exc))
                continue
            code = cells[col["JournalCode"]].strip()
            debtor = cells[col["CompAuxNum"]].strip() or account
            out.append(
                FecLine(
                    line=number,
                    journal=code,
                    sales=_is_sales(code, cells[col["JournalLib"]]),
                    account=account,
                    debtor=debtor,
                    name=cells[col["CompAuxLib"]].strip() or cells[col["CompteLib"]].strip(),
                    piece=cells[col["PieceRef"]].strip(),
                    day=day,
                    label=cells[col["EcritureLib"]].strip(),
                    amount=amount,
                    letter=cells[col["EcritureLet"]].strip(),
                )
            )
        return out
