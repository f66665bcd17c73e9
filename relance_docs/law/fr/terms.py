"""French B2B payment terms, C. com. L441-10 I: the default term, the caps on agreed
terms and the term for periodic invoices, each a number of days read from the pack.

These are contractual dates: no weekend or holiday extension applies to any of them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from ...model import PartyKind
from ..counting import fmt_date
from ..packs import load_pack
from ..periods import as_date, end_of_month
from ..reasons import LawWarning

__all__ = ["PaymentTerms", "check_due_date", "check_invoice", "payment_terms", "term_days"]


def term_days(day: date | None = None) -> dict:
    """The L441-10 I numbers in force: ``default``, ``cap``, ``end_of_month``,
    ``periodic`` (days), and ``basis``."""
    row = load_pack("FR").value("payment_terms", day)
    out = {k: int(row.values[k]) for k in ("default", "cap", "end_of_month", "periodic")}
    out["basis"] = row.basis
    return out


@dataclass(frozen=True, slots=True)
class PaymentTerms:
    """The payment-term dates of C. com. L441-10 I for one B2B invoice (France).

    - ``default_30_days``: with no agreed term, the default term after receipt of the goods
      or performance of the service (I al. 1); None without a receipt date.
    - ``cap_60_days``: the longest agreed term after the invoice date (I al. 2).
    - ``cap_45_eom_a`` / ``cap_45_eom_b``: the "end of month" term, if expressly stipulated
      (I al. 3), by the two accepted methods: invoice + the term then end of that month
      (A), or end of the invoice's month then + the term (B).
    - ``periodic_45_days``: periodic invoices (CGI 289 I-3), after the invoice (I al. 4).

    The names carry the figures in force when they were written; the figures themselves
    come from rules/FR/pack.yaml (``payment_terms``).
    """

    invoice_date: date
    receipt_date: date | None
    default_30_days: date | None
    cap_60_days: date
    cap_45_eom_a: date
    cap_45_eom_b: date
    periodic_45_days: date

    @property
    def latest_45_eom(self) -> date:
        """The later of the two "fin de mois" dates."""
        return max(self.cap_45_eom_a, self.cap_45_eom_b)

    def as_dict(self) -> dict[str, str | None]:
        """Dates as ISO strings (None stays None)."""
        return {
            name: (value.isoformat() if value is not None else None)
            for name, value in (
                ("invoice_date", self.invoice_date),
                ("receipt_date", self.receipt_date),
                ("default_30_days", self.default_30_days),
                ("cap_60_days", self.cap_60_days),
                ("cap_45_eom_a", self.cap_45_eom_a),
                ("cap_45_eom_b", self.cap_45_eom_b),
                ("periodic_45_days", self.periodic_45_days),
            )
        }


def payment_terms(
    invoice_date: date | str, receipt_date: date | str | None = None
) -> PaymentTerms:
    """The L441-10 I dates for an invoice.

    >>> from datetime import date
    >>> t = payment_terms(date(2025, 1, 10), date(2025, 1, 5))
    >>> t.cap_60_days, t.cap_45_eom_a, t.cap_45_eom_b
    (datetime.date(2025, 3, 11), datetime.date(2025, 2, 28), datetime.date(2025, 3, 17))
    """
    invoice = as_date(invoice_date)
    receipt = as_date(receipt_date) if receipt_date is not None else None
    days = term_days(invoice)
    plus_eom = invoice + timedelta(days=days["end_of_month"])
    return PaymentTerms(
        invoice_date=invoice,
        receipt_date=receipt,
        default_30_days=(
            receipt + timedelta(days=days["default"]) if receipt is not None else None
        ),
        cap_60_days=invoice + timedelta(days=days["cap"]),
        cap_45_eom_a=end_of_month(plus_eom),
        cap_45_eom_b=end_of_month(invoice) + timedelta(days=days["end_of_month"]),
        periodic_45_days=invoice + timedelta(days=days["periodic"]),
    )


def check_due_date(
    invoice_date: date | str, due_date: date | str, *, receipt_date: date | str | None = None
) -> tuple[LawWarning, ...]:
    """Warnings when an invoice's due date is later than the caps of C. com. L441-10 I.

    Empty up to the cap after the invoice date. Up to the later "fin de mois" date:
    compliant only if that term is expressly stipulated. Later: outside the caps.

    >>> from datetime import date
    >>> check_due_date(date(2025, 1, 10), date(2025, 3, 11))
    ()
    >>> len(check_due_date(date(2025, 1, 10), date(2025, 3, 17)))
    1
    """
    due = as_date(due_date)
    terms = payment_terms(invoice_date, receipt_date)
    days = term_days(terms.invoice_date)
    if due <= terms.cap_60_days:
        return ()
    if due <= terms.latest_45_eom:
        return (
            LawWarning(
                f"The due date, {fmt_date(due)}, is more than {days['cap']} days after the "
                f"invoice date ({fmt_date(terms.invoice_date)}): it complies with the law only "
                f"if '{days['end_of_month']} jours fin de mois' is expressly stipulated in the "
                f"contract ({days['basis']} al. 3; latest such date "
                f"{fmt_date(terms.latest_45_eom)})"
            ),
        )
    return (
        LawWarning(
            f"The due date, {fmt_date(due)}, exceeds the legal caps of {days['basis']} "
            f"({days['cap']} days after the invoice date, {fmt_date(terms.cap_60_days)}; "
            f"{days['end_of_month']} days end of month, {fmt_date(terms.latest_45_eom)}): "
            "penalties still start the day after the due date on the invoice, and the term "
            "itself exposes the creditor to a fine (C. com. L441-16)"
        ),
    )


def check_invoice(invoice, creditor_kind, debtor_kind) -> tuple[LawWarning, ...]:
    """The L441-10 I check of an invoice's due date, between professionals only."""
    if creditor_kind is PartyKind.CONSUMER or debtor_kind in (None, PartyKind.CONSUMER):
        return ()
    return check_due_date(invoice.issue_date, invoice.due_date)
