"""A debtor's claim, as documents and reports read it: its overdue invoices with their
interest, what reduced them, what is not yet due or disputed, the assessment and the
warnings for the person who signs.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from ..model import Invoice, Party
from ..money import ZERO, to_money
from .interest import InterestResult
from .procedures import Assessment, Claim
from .reasons import LawWarning

__all__ = ["DebtorClaim", "InvoiceInterest", "Reduction"]


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
        """The fixed sums in the claim's currency (those in another currency, such as the
        40 EUR on a USD invoice, are in :attr:`fixed_apart`)."""
        return sum(
            (i.result.fixed_compensation for i in self.invoices if i.result.fixed_in_currency),
            ZERO,
        )

    @property
    def fixed_apart(self) -> tuple[str, Decimal] | None:
        """(currency, amount) of fixed sums stated in another currency than the claim's
        (D441-5: 40 EUR whatever the invoice's currency), or None."""
        apart = [i.result for i in self.invoices if not i.result.fixed_in_currency]
        if not apart:
            return None
        currency = apart[0].fixed_compensation_currency or self.currency
        return currency, sum((r.fixed_compensation for r in apart), ZERO)

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
            **(
                {"fixed_compensation_apart": {"currency": apart[0], "amount": to_money(apart[1])}}
                if (apart := self.fixed_apart)
                else {}
            ),
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
