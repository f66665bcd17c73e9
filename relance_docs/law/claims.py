"""From a ledger to claims: per debtor, the interest on each overdue invoice and the
assessment of the recovery routes.

This is where model records meet the law: credit notes reduce the invoice they name
(or, unallocated, the oldest overdue invoice), dated payments reduce the base from the
day after they were received, and disputed invoices are kept out of the claim and listed.
Nothing here reads or writes a file.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from ..errors import RelanceError, RulesDataError
from ..model import CreditorProfile, Invoice, Ledger, Party, PartyKind
from ..money import ZERO, to_money
from ..text import fold
from .deadlines import check_due_date
from .interest import InterestResult, compute_interest
from .packs import load_pack
from .procedures import Assessment, Claim, ClaimParty, assess
from .reasons import LawWarning

__all__ = [
    "DebtorClaim",
    "InvoiceInterest",
    "Reduction",
    "debtor_claims",
    "find_debtor_claim",
    "jurisdiction_for",
]


@dataclass(frozen=True)
class Reduction:
    """What reduced an invoice: a ``payment`` (``date`` received), a ``credit_note``
    (``date`` issued) or a payment the ledger gives no date for (``undated``, counted at
    the due date)."""

    kind: str
    date: date
    amount: Decimal
    reference: str | None = None
    by_tool: bool = False
    """A credit note that names no invoice, set against this one by relance (not by the
    ledger): documents say so."""


@dataclass(frozen=True)
class InvoiceInterest:
    invoice: Invoice
    principal: Decimal
    result: InterestResult
    reductions: tuple[Reduction, ...] = ()

    def as_dict(self) -> dict:
        return {
            "invoice": self.invoice.number,
            "source": f"{self.invoice.source_file}:{self.invoice.source_line}",
            "issue_date": self.invoice.issue_date.isoformat(),
            "due_date": self.invoice.due_date.isoformat(),
            "amount": to_money(self.invoice.amount),
            **self.result.as_dict(),
            "principal": to_money(self.principal),
        }


@dataclass(frozen=True)
class DebtorClaim:
    """One debtor's overdue invoices in one currency, as of a date."""

    debtor: Party
    currency: str
    as_of: date
    invoices: tuple[InvoiceInterest, ...]
    not_due: tuple[Invoice, ...]
    disputed: tuple[Invoice, ...]
    claim: Claim | None
    assessment: Assessment | None
    warnings: tuple[LawWarning, ...]

    @property
    def principal(self) -> Decimal:
        return sum((i.principal for i in self.invoices), ZERO)

    @property
    def interest(self) -> Decimal:
        return sum((i.result.interest for i in self.invoices), ZERO)

    @property
    def fixed_compensation(self) -> Decimal:
        return sum((i.result.fixed_compensation for i in self.invoices), ZERO)

    @property
    def total(self) -> Decimal:
        return self.principal + self.interest + self.fixed_compensation

    def as_dict(self, *, with_assessment: bool = True) -> dict:
        out = {
            "debtor": {"id": self.debtor.id, "name": self.debtor.name},
            "currency": self.currency,
            "as_of": self.as_of.isoformat(),
            "principal": to_money(self.principal),
            "interest": to_money(self.interest),
            "fixed_compensation": to_money(self.fixed_compensation),
            "total": to_money(self.total),
            "invoices": [i.as_dict() for i in self.invoices],
            "not_due": [i.number for i in self.not_due],
            "disputed": [
                {
                    "invoice": i.number,
                    "outstanding": to_money(i.outstanding),
                    "reason": i.dispute_reason,
                }
                for i in self.disputed
            ],
            "warnings": [str(w) for w in self.warnings],
        }
        if with_assessment and self.assessment:
            out.update(self.assessment.as_dict())
            out["warnings"] = [str(w) for w in self.warnings] + [
                str(w) for w in self.assessment.warnings if str(w) not in out["warnings"]
            ]
        return out


def find_debtor_claim(claims: tuple[DebtorClaim, ...], key: str, as_of: date) -> DebtorClaim:
    """The claim of the debtor ``key`` names: its code exactly, else a part of its name
    (accents and case ignored); one plain-line error when none or several match."""
    wanted = fold(key).lower()
    found = [c for c in claims if fold(c.debtor.id).lower() == wanted] or [
        c for c in claims if wanted in fold(c.debtor.name).lower()
    ]
    if not found:
        raise RelanceError(f"no debtor '{key}' with an open balance on {as_of.isoformat()}")
    if len({c.debtor.id for c in found}) > 1:
        names = ", ".join(f"{c.debtor.id} ({c.debtor.name})" for c in found[:5])
        raise RelanceError(f"'{key}' matches several debtors: {names}; give the code")
    return found[0]


def _by_date(r: Reduction) -> date:
    return r.date


def jurisdiction_for(country: str | None) -> str | None:
    """The interest regime for a creditor established in ``country``."""
    if country in {"FR", "GB", "DE"}:
        return country
    if country in load_pack("EU").data["member_states"]:
        return "EU"
    return None


DEFAULT_CREDITOR = ClaimParty(kind=PartyKind.COMPANY, country="FR")
NO_PROFILE = LawWarning(
    "no creditor profile (--creditor): the creditor is taken to be a company established "
    "in France, under French law"
)


def debtor_claims(
    ledger: Ledger,
    creditor: CreditorProfile | None,
    as_of: date,
    *,
    with_assessment: bool = True,
) -> tuple[DebtorClaim, ...]:
    """For each debtor (and currency) with an overdue balance, the interest and routes."""
    if creditor is None:
        party, first = DEFAULT_CREDITOR, [NO_PROFILE]
    else:
        party, first = (
            ClaimParty(kind=creditor.kind, country=creditor.country, name=creditor.name),
            [],
        )
    jurisdiction = jurisdiction_for(party.country)
    if jurisdiction is None:
        raise RulesDataError(
            f"no late-payment rules for a creditor in {party.country}: the rules cover France, "
            "the United Kingdom, Germany and the other EU Member States"
        )

    dated: dict[str, list[Reduction]] = defaultdict(list)
    for payment in ledger.payments:
        if payment.date <= as_of:
            dated[payment.invoice_number].append(
                Reduction("payment", payment.date, payment.amount, payment.reference)
            )
    credits: dict[str, list[Invoice]] = defaultdict(list)
    unallocated: dict[tuple[str, str], list[Invoice]] = defaultdict(list)
    numbers = {inv.number for inv in ledger.invoices if not inv.is_credit_note}
    for note in ledger.invoices:
        if note.is_credit_note and note.issue_date <= as_of:
            if note.applies_to in numbers:
                credits[note.applies_to].append(note)
            else:
                unallocated[(note.debtor_id, note.currency)].append(note)

    out = []
    for debtor in ledger.debtors:
        groups: dict[str, list[Invoice]] = defaultdict(list)
        for inv in ledger.invoices_of(debtor.id):
            if not inv.is_credit_note and inv.issue_date <= as_of:
                groups[inv.currency].append(inv)
        for currency, invoices in groups.items():
            dc = _debtor_claim(
                debtor,
                currency,
                sorted(invoices, key=lambda i: (i.due_date, i.number)),
                party,
                jurisdiction,
                as_of,
                dated,
                credits,
                unallocated.get((debtor.id, currency), []),
                first,
                with_assessment=with_assessment,
            )
            if dc is not None:
                out.append(dc)
    return tuple(out)


def _debtor_claim(
    debtor,
    currency,
    invoices,
    creditor,
    jurisdiction,
    as_of,
    dated,
    credits,
    loose,
    first,
    *,
    with_assessment,
):
    warnings: dict[str, LawWarning] = {w.message: w for w in first}

    def warn(w: LawWarning) -> None:
        warnings.setdefault(w.message, w)

    # Unallocated credit notes go to the oldest overdue invoices first.
    loose_left = [(n.issue_date, -n.outstanding, n.number) for n in loose]
    lines: list[InvoiceInterest] = []
    not_due: list[Invoice] = []
    disputed: list[Invoice] = []
    for inv in invoices:
        reductions = [
            Reduction("credit_note", n.issue_date, -n.outstanding, n.number)
            for n in credits.get(inv.number, [])
        ]
        payments = dated.get(inv.number, [])
        undated = inv.paid - sum((r.amount for r in payments), ZERO)
        if undated > 0:
            reductions.append(Reduction("undated", inv.due_date, undated))
            warn(
                LawWarning(
                    f"{inv.number}: {to_money(undated)} {currency} paid on a date the ledger "
                    "does not give: counted as paid by the due date (interest may be "
                    "understated)"
                )
            )
        reductions += payments
        left = inv.amount - sum((r.amount for r in reductions), ZERO)
        if left > 0 and loose_left and inv.due_date < as_of and not inv.disputed:
            while loose_left and left > 0:
                day, amount, number = loose_left[0]
                used = min(amount, left)
                reductions.append(Reduction("credit_note", day, used, number, by_tool=True))
                left -= used
                warn(
                    LawWarning(
                        f"credit note {number} names no invoice: {to_money(used)} {currency} "
                        f"set against {inv.number}, the oldest overdue invoice"
                    )
                )
                if used == amount:
                    loose_left.pop(0)
                else:
                    loose_left[0] = (day, amount - used, number)
        if left <= 0:
            continue
        if inv.disputed:  # never in a reminder, not even a courtesy one
            disputed.append(inv)
            continue
        if inv.due_date >= as_of:
            not_due.append(inv)
            continue
        result = compute_interest(
            jurisdiction=jurisdiction,
            creditor_kind=creditor.kind,
            debtor_kind=debtor.kind,
            principal=inv.amount,
            due=inv.due_date,
            until=as_of,
            payments=[(r.date, r.amount) for r in reductions],
        )
        for w in result.warnings:
            warn(w)
        if (
            jurisdiction == "FR"
            and creditor.kind is not PartyKind.CONSUMER
            and debtor.kind
            not in {
                None,
                PartyKind.CONSUMER,
            }
        ):
            for w in check_due_date(inv.issue_date, inv.due_date):
                warn(LawWarning(f"{inv.number}: {w.message}"))
        lines.append(
            InvoiceInterest(
                inv, result.outstanding, result, tuple(sorted(reductions, key=_by_date))
            )
        )

    if lines and debtor.country and creditor.country and debtor.country != creditor.country:
        warn(
            LawWarning(
                f"cross-border claim ({creditor.country} creditor, {debtor.country} debtor): "
                f"interest computed under the creditor's law ({jurisdiction}); check the "
                "law the contract chose"
            )
        )
    if not lines and not disputed:
        if not not_due:
            return None
        return DebtorClaim(
            debtor, currency, as_of, (), tuple(not_due), (), None, None, tuple(warnings.values())
        )

    claim_lines = lines
    is_disputed = not lines
    if is_disputed:
        principal = sum((i.outstanding for i in disputed), ZERO)
        interest = fixed = daily = ZERO
        oldest = disputed[0].due_date
        count = len(disputed)
    else:
        principal = sum((i.principal for i in claim_lines), ZERO)
        interest = sum((i.result.interest for i in claim_lines), ZERO)
        fixed = sum((i.result.fixed_compensation for i in claim_lines), ZERO)
        daily = sum((i.result.daily_interest for i in claim_lines), ZERO)
        oldest = claim_lines[0].invoice.due_date
        count = len(claim_lines)
    assessment = None
    claim = Claim(
        creditor=creditor,
        debtor=ClaimParty(
            kind=debtor.kind,
            country=debtor.country,
            subdivision=debtor.subdivision,
            city=debtor.city,
            name=debtor.name,
        ),
        currency=currency,
        principal=principal,
        interest=interest,
        fixed_compensation=fixed,
        as_of=as_of,
        oldest_due=oldest,
        disputed=is_disputed,
        jurisdiction=jurisdiction,
        invoices=count,
        daily_interest=daily,
    )
    if with_assessment:
        assessment = assess(claim)
    return DebtorClaim(
        debtor,
        currency,
        as_of,
        tuple(lines),
        tuple(not_due),
        tuple(disputed),
        claim,
        assessment,
        tuple(warnings.values()),
    )
