"""Model: the immutable records that flow from intake to the documents.

Amounts are Decimal (incl. tax unless named otherwise); dates are ``datetime.date``.
Records never change: a stage that needs a different record makes a new one with
:func:`dataclasses.replace`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from enum import StrEnum
from pathlib import Path

from .money import ZERO

__all__ = [
    "BankLine",
    "CreditorProfile",
    "DocumentKind",
    "HistoryEntry",
    "Invoice",
    "Ledger",
    "Party",
    "PartyKind",
    "Payment",
    "Problem",
    "Severity",
    "Signatory",
]


class PartyKind(StrEnum):
    """What kind of person a creditor or debtor is; the law depends on it."""

    COMPANY = "company"
    """A commercial company (société commerciale, Ltd, GmbH)."""
    TRADER = "trader"
    """A registered individual trader (commerçant, artisan, auto-entrepreneur, sole trader)."""
    PROFESSIONAL = "professional"
    """A non-commercial professional: liberal profession, association, farmer."""
    CONSUMER = "consumer"
    """A natural person not acting for a trade or profession (particulier)."""
    PUBLIC = "public"
    """A public body (State, local authority, public establishment)."""


class DocumentKind(StrEnum):
    INVOICE = "invoice"
    CREDIT_NOTE = "credit_note"


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, slots=True)
class Problem:
    """Something wrong in an input file: a value, not an exception.

    ``str(problem)`` is the line a user sees: ``ledger.csv:17: Montant TTC "1.234" is
    ambiguous (thousands separator or decimals?)``.
    """

    file: str
    line: int | None
    message: str
    column: str | None = None
    severity: Severity = Severity.ERROR

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        prefix = "" if self.is_error else "warning: "
        return f"{where}: {prefix}{self.message}"

    def sort_key(self) -> tuple[str, int, int]:
        return (self.file, self.line or 0, 0 if self.is_error else 1)


@dataclass(frozen=True, slots=True)
class Party:
    """A debtor (or any party to a claim).

    Attributes:
        id: the debtor's key in the ledger (its account code, or its name when the
            ledger has no code).
        kind: company, trader, professional, consumer or public; None when the ledger
            does not say (the rules layer then asks for review rather than guess).
        registration_number: SIREN/SIRET (France) or company number (UK), compacted.
        country: ISO 3166 alpha-2; None when the ledger does not say.
        subdivision: a region code the calendars use, when the ledger says it (the UK
            nation: ENG, WLS, SCT, NIR).
        language: ``fr`` or ``en``; None to use the creditor's.
    """

    id: str
    name: str
    kind: PartyKind | None = None
    registration_number: str | None = None
    vat_number: str | None = None
    address_lines: tuple[str, ...] = ()
    postcode: str | None = None
    city: str | None = None
    country: str | None = None
    subdivision: str | None = None
    email: str | None = None
    phone: str | None = None
    language: str | None = None
    contact: str | None = None
    source_file: str | None = None
    source_line: int | None = None

    @property
    def has_postal_address(self) -> bool:
        return bool(self.address_lines and self.city and (self.postcode or self.country))


@dataclass(frozen=True, slots=True)
class Invoice:
    """An invoice or a credit note (a credit note has a negative ``amount``).

    Attributes:
        amount: total including tax (TTC); negative for a credit note.
        amount_excl_tax: total excluding tax (HT), when the ledger gives it.
        paid: what the ledger says is already paid on this invoice (including any
            payment listed in a payments file).
        applies_to: for a credit note, the invoice it reduces, when known.
        source_file, source_line: where the row was read, so every figure on a document
            can be traced back to it.
    """

    number: str
    debtor_id: str
    issue_date: date
    due_date: date
    amount: Decimal
    currency: str = "EUR"
    amount_excl_tax: Decimal | None = None
    paid: Decimal = ZERO
    disputed: bool = False
    dispute_reason: str | None = None
    pdf_path: Path | None = None
    description: str | None = None
    kind: DocumentKind = DocumentKind.INVOICE
    applies_to: str | None = None
    source_file: str | None = None
    source_line: int | None = None

    @property
    def is_credit_note(self) -> bool:
        return self.kind is DocumentKind.CREDIT_NOTE

    @property
    def outstanding(self) -> Decimal:
        """Amount still due (negative for an unused credit note)."""
        return self.amount - self.paid

    def days_past_due(self, as_of: date) -> int:
        """Whole days between the due date and ``as_of`` (0 or less: not yet due)."""
        return (as_of - self.due_date).days


@dataclass(frozen=True, slots=True)
class Payment:
    """A payment received against one invoice."""

    date: date
    amount: Decimal
    invoice_number: str
    reference: str | None = None
    source_file: str | None = None
    source_line: int | None = None


@dataclass(frozen=True, slots=True)
class Signatory:
    """A person who signs or represents: a name and a title or capacity (président,
    gérant, director, Responsable du recouvrement)."""

    name: str
    title: str | None = None


@dataclass(frozen=True, slots=True)
class HistoryEntry:
    """Something that happened with a debtor and that a document may state.

    A sentence about the past ("our previous reminders", "you were put on notice") is
    printed only when an entry supports it. Entries come from the store's event log, or
    from the user (an option such as ``--stated reminder-1:2026-10-02``, recorded in the
    manifest with ``source="stated"``).

    Attributes:
        kind: ``reminder`` (any letter or email of the plan's ladder), ``formal_notice``,
            ``call``, ``promise``, ``dispute`` or ``payment``.
        day: when it happened (the event's date, not the time it was recorded).
        step: the plan step or template, e.g. ``reminder-1``; None when not a step.
        channel: ``letter``, ``email``, ``phone``...; None when unknown.
        source: ``store`` (an event of the log) or ``stated`` (given by the user).
        note: free text shown as is (a call's note), escaped by the templates.
    """

    kind: str
    day: date
    step: str | None = None
    channel: str | None = None
    source: str = "store"
    note: str | None = None


@dataclass(frozen=True, slots=True)
class CreditorProfile:
    """The creditor: who signs the letters, and what its documents must mention."""

    name: str
    kind: PartyKind
    country: str
    address_lines: tuple[str, ...]
    postcode: str
    city: str
    language: str
    currency: str
    signatory: Signatory
    legal_form: str | None = None
    share_capital: str | None = None
    registration_number: str | None = None
    registry: str | None = None
    vat_number: str | None = None
    iban: str | None = None
    bic: str | None = None
    bank: str | None = None
    email: str | None = None
    phone: str | None = None
    website: str | None = None
    logo: Path | None = None
    legal_representative: Signatory | None = None
    """The company's legal representative (name and capacity: président, gérant,
    director); never the contact person who signs the reminders."""
    address_window: str = "right"
    """Where the creditor's envelopes have their window: ``left`` or ``right``. Every
    letter of a batch puts the debtor's address there, whatever its language."""
    default_debtor_kind: PartyKind | None = None
    """The kind of a debtor the ledger does not describe (``company`` for a creditor that
    sells only to businesses); None to infer it or hold the debtor."""
    payment_terms_days: int | None = None
    """Days from the invoice date to its due date when a source has no due date (FEC)."""
    source_file: str | None = None


@dataclass(frozen=True)
class Ledger:
    """Everything read from a creditor's ledger files.

    ``debtors`` keep the order in which they first appear; ``invoices`` keep file order.
    """

    debtors: tuple[Party, ...] = ()
    invoices: tuple[Invoice, ...] = ()
    payments: tuple[Payment, ...] = ()
    _by_debtor: Mapping[str, tuple[Invoice, ...]] = field(
        default_factory=dict, repr=False, compare=False
    )
    _debtors: Mapping[str, Party] = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        grouped: dict[str, list[Invoice]] = defaultdict(list)
        for inv in self.invoices:
            grouped[inv.debtor_id].append(inv)
        object.__setattr__(self, "_by_debtor", {k: tuple(v) for k, v in grouped.items()})
        object.__setattr__(self, "_debtors", {party.id: party for party in self.debtors})

    def debtor(self, debtor_id: str) -> Party:
        """The debtor with this id (KeyError if none)."""
        return self._debtors[debtor_id]

    def invoices_of(self, debtor_id: str) -> tuple[Invoice, ...]:
        return self._by_debtor.get(debtor_id, ())

    def outstanding_by_currency(self, debtor_id: str | None = None) -> dict[str, Decimal]:
        """What is still owed (credit notes deducted), per currency; for one debtor when
        ``debtor_id`` is given."""
        totals: dict[str, Decimal] = {}
        invoices = self.invoices if debtor_id is None else self.invoices_of(debtor_id)
        for inv in invoices:
            totals[inv.currency] = totals.get(inv.currency, ZERO) + inv.outstanding
        return dict(sorted(totals.items()))


@dataclass(frozen=True, slots=True)
class BankLine:
    """One line of a bank statement: money in (``amount`` > 0) or out.

    Attributes:
        day: the booking date.
        text: every piece of remittance information the bank gives (unstructured and
            structured references, end-to-end id, label), joined by `` | ``.
        payer: the ordering party's name, when the statement gives it.
        reference: the bank's own reference of the line (AcctSvcrRef, FITID...), when
            there is one; the key to name the line in an assignment file otherwise is
            ``file:line``.
    """

    day: date
    amount: Decimal
    currency: str
    text: str = ""
    payer: str | None = None
    payer_iban: str | None = None
    reference: str | None = None
    source_file: str | None = None
    source_line: int | None = None

    @property
    def key(self) -> str:
        """How an assignment file names this line: the bank's reference, else file:line."""
        if self.reference:
            return self.reference
        return f"{Path(self.source_file or '').name}:{self.source_line}"
