"""One entry point for every source a creditor has: :func:`read_ledger`.

What the path is decides the reader:

* a folder, a ``.xml`` or a ``.pdf``: e-invoices (Factur-X/ZUGFeRD PDFs, UBL 2.1, CII),
  :mod:`.einvoice`;
* a text file whose first line names the FEC's columns (``JournalCode``...): the FEC,
  :mod:`.fec`;
* anything else: a spreadsheet (CSV, XLSX, JSON), :mod:`.ledger`.

Bank statements (``bank=``) are then matched to the open invoices (:mod:`.matching`):
each match becomes a payment, and each credit not matched a warning, so that it reaches
the person who signs.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from ..errors import MappingError
from ..model import CreditorProfile, PartyKind, Problem, Severity
from ..money import ZERO
from ..yamlio import load_yaml
from .bank import read_statement
from .ledger import LedgerResult, read_spreadsheet
from .limits import DEFAULT_LIMITS, Limits
from .mapping import ColumnMapping
from .matching import Assignment, MatchReport, match_lines

__all__ = ["load_assignments", "read_ledger", "source_kind"]

FEC_COLUMNS = ("JournalCode", "JournalLib", "EcritureNum", "EcritureDate", "CompteNum")


def source_kind(path: Path) -> str:
    """``einvoices``, ``fec`` or ``spreadsheet``."""
    if path.is_dir() or path.suffix.lower() in {".xml", ".pdf"}:
        return "einvoices"
    try:
        with path.open("rb") as fh:
            head = fh.read(4096)
    except OSError:
        return "spreadsheet"
    first = head.split(b"\n", 1)[0].lstrip(b"\xef\xbb\xbf").decode("latin-1")
    if all(name.casefold() in first.casefold() for name in FEC_COLUMNS):
        return "fec"
    return "spreadsheet"


def read_ledger(
    path: Path | str,
    *,
    debtors: Path | str | None = None,
    payments: Path | str | None = None,
    mapping: ColumnMapping | None = None,
    sheet: str | None = None,
    default_currency: str | None = None,
    default_country: str | None = None,
    creditor: CreditorProfile | None = None,
    default_debtor_kind: PartyKind | None = None,
    payment_terms_days: int | None = None,
    terms: Path | str | None = None,
    bank: Sequence[Path | str] = (),
    assign: Path | str | None = None,
    exhibits: Path | str | None = None,
    limits: Limits = DEFAULT_LIMITS,
) -> LedgerResult:
    """Read and check a creditor's invoices, from whichever source they are in.

    Args:
        path: a ledger (CSV, XLSX, JSON), a FEC, or e-invoices (a folder, a file).
        debtors: a separate debtors file, joined on the debtor's code (or name); with a
            FEC or e-invoices, it gives the addresses and types they lack.
        payments: a separate payments file, keyed by invoice number.
        mapping: the user's column mapping.
        sheet: the invoices sheet of an XLSX workbook.
        default_currency, default_country: for sources that do not say (default: the
            creditor's).
        creditor: the creditor profile: default currency, country, debtor kind and
            payment terms.
        default_debtor_kind: the kind of a debtor the source does not describe
            (default: the profile's ``default_debtor_kind``).
        payment_terms_days: days from invoice date to due date, for a FEC (default: the
            profile's ``payment_terms_days``).
        terms: a YAML file of per-debtor payment terms (``C002: 60``), for a FEC.
        bank: bank statements (CAMT.053, CFONB 120, OFX, CSV) whose credits pay invoices.
        assign: a YAML file assigning the credits the matching could not place.
        exhibits: the folder where the invoice PDFs named by the ledger are (default:
            the ledger's folder); no exhibit may lie outside it.
        limits: size limits (rows, columns, cell size).

    Returns:
        The ledger, every problem found (sorted by file and line), what was read, and
        the bank matching when ``bank`` was given.
    """
    path = Path(path)
    if creditor is not None:
        default_currency = default_currency or creditor.currency
        default_country = default_country or creditor.country
        default_debtor_kind = default_debtor_kind or creditor.default_debtor_kind
        if payment_terms_days is None:
            payment_terms_days = creditor.payment_terms_days
    kind = source_kind(path)
    common = {
        "debtors": debtors,
        "mapping": mapping,
        "default_currency": default_currency,
        "default_country": default_country,
        "default_debtor_kind": default_debtor_kind,
        "limits": limits,
    }
    if kind == "einvoices":
        from .einvoice import read_einvoices

        result = read_einvoices(path, payment_terms_days=payment_terms_days, **common)
    elif kind == "fec":
        from .fec import read_fec

        result = read_fec(path, payment_terms_days=payment_terms_days, terms=terms, **common)
    else:
        result = read_spreadsheet(
            path,
            payments=payments,
            sheet=sheet,
            exhibits=Path(exhibits) if exhibits else None,
            **common,
        )
    if bank:
        result = apply_bank(result, [Path(b) for b in bank], assign, limits)
    return result


def load_assignments(path: Path | str) -> dict[str, Assignment]:
    """The user's assignment file: one line per bank line, its key and what it pays.

    ``KEY: FA-2026-0117``, ``KEY: [FA-2026-0165, FA-2026-0211]``, ``KEY: C003`` (a
    debtor: its oldest invoices first) or ``KEY: ignore``; KEY is the bank's reference
    of the line, or ``file:line``, as ``relance match`` shows it.
    """
    doc = load_yaml(Path(path), MappingError)
    out: dict[str, Assignment] = {}
    for key, value in doc.data.items():
        where = doc.where(key)
        if isinstance(value, str) and value.strip():
            targets = () if value.strip().lower() == "ignore" else (value.strip(),)
        elif isinstance(value, list) and value and all(isinstance(v, str) for v in value):
            targets = tuple(v.strip() for v in value)
        else:
            raise MappingError(
                f"'{key}' must name an invoice, a list of invoices, a debtor code or ignore",
                location=where,
            )
        out[str(key)] = Assignment(targets, where)
    return out


def apply_bank(
    result: LedgerResult,
    statements: Sequence[Path],
    assign: Path | str | None,
    limits: Limits = DEFAULT_LIMITS,
) -> LedgerResult:
    """Read the statements, match their credits, and apply the matches as payments."""
    problems = list(result.problems)
    lines = []
    read = []
    for path in statements:
        statement = read_statement(path, limits)
        problems.extend(statement.problems)
        lines.extend(statement.lines)
        read.append((statement.label, statement.fmt, len(statement.lines)))
        currencies = {x.currency for x in statement.credits}
        ledger_currencies = {inv.currency for inv in result.ledger.invoices}
        if currencies and ledger_currencies and not currencies & ledger_currencies:
            problems.append(
                Problem(
                    statement.label,
                    None,
                    f"the statement is in {', '.join(sorted(currencies))} but the invoices "
                    f"are in {', '.join(sorted(ledger_currencies))}: is it the right account?",
                )
            )
    if any(p.is_error for p in problems) or not lines:
        return replace(
            result,
            problems=tuple(sorted(problems, key=Problem.sort_key)),
            matching=MatchReport(statements=tuple(read)),
        )
    assignments = load_assignments(assign) if assign else {}
    report = match_lines(result.ledger, lines, assignments)
    report = replace(report, statements=tuple(read))
    paid: dict[str, object] = {}
    for payment in report.payments:
        paid[payment.invoice_number] = paid.get(payment.invoice_number, ZERO) + payment.amount  # type: ignore[operator]
    invoices = tuple(
        replace(inv, paid=inv.paid + paid[inv.number]) if inv.number in paid else inv  # type: ignore[operator]
        for inv in result.ledger.invoices
    )
    ledger = replace(
        result.ledger,
        invoices=invoices,
        payments=result.ledger.payments + report.payments,
    )
    for m in report.unmatched:
        problems.append(
            Problem(
                m.line.source_file or "",
                m.line.source_line,
                f"credit of {m.line.amount} {m.line.currency} on {m.line.day:%d/%m/%Y} not "
                f"matched: {m.reason} (key {m.line.key} in an --assign file)",
                severity=Severity.WARNING,
            )
        )
    for m in report.matches:
        if m.left > 0:
            problems.append(
                Problem(
                    m.line.source_file or "",
                    m.line.source_line,
                    f"credit of {m.line.amount} {m.line.currency}: {m.left} beyond what the "
                    f"invoices it pays still owe is not applied (key {m.line.key})",
                    severity=Severity.WARNING,
                )
            )
    return replace(
        result,
        ledger=ledger,
        problems=tuple(sorted(problems, key=Problem.sort_key)),
        matching=report,
    )
