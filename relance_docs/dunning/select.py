"""Which document each debtor gets today, or why it gets none.

One letter per debtor (and currency), listing all its overdue invoices; its level comes
from the oldest overdue invoice and the debtor's plan. Disputed invoices are never in a
reminder: they are listed as held. A debtor whose balance is nil or in credit gets
nothing. An unknown debtor type, or no plan for the relationship, holds the debtor with
the reason, rather than guessing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ..law.claims import DebtorClaim
from ..law.documents import court_threat_refusal
from ..model import CreditorProfile
from ..money import ZERO, to_money
from .plans import Plan, Step, plan_for

__all__ = ["Choice", "Held", "select_documents"]


@dataclass(frozen=True)
class Choice:
    claim: DebtorClaim
    plan: Plan
    step: Step
    days_past_due: int


@dataclass(frozen=True)
class Held:
    debtor_id: str
    debtor_name: str
    reason: str
    invoices: tuple[str, ...] = ()

    def as_dict(self) -> dict:
        return {
            "debtor": self.debtor_id,
            "name": self.debtor_name,
            "reason": self.reason,
            "invoices": list(self.invoices),
        }


def select_documents(
    claims: tuple[DebtorClaim, ...],
    creditor: CreditorProfile,
    as_of: date,
    plans: tuple[Plan, ...] | None = None,
    *,
    template: str | None = None,
) -> tuple[list[Choice], list[Held]]:
    """The step due for each debtor claim, and the debtors or invoices held back.

    A step that threatens a court claim (formal notice, letter of claim) for a time-barred
    debt is held with the reason. With ``template`` (one document the user named), that
    check is left to the rendering, which refuses it in one line.
    """
    chosen: list[Choice] = []
    held: list[Held] = []
    for dc in claims:
        d = dc.debtor
        for inv in dc.disputed:
            why = f": {inv.dispute_reason}" if inv.dispute_reason else ""
            held.append(
                Held(d.id, d.name, f"invoice {inv.number} is disputed{why}", (inv.number,))
            )
        if not dc.invoices and not dc.not_due:
            continue  # nothing owed but disputed invoices, already listed
        if d.kind is None:
            held.append(
                Held(d.id, d.name, "the debtor's type is not known (add a 'Type client' column)")
            )
            continue
        plan = plan_for(creditor.country, d.kind, plans)
        if plan is None:
            held.append(
                Held(
                    d.id,
                    d.name,
                    f"no dunning plan for a {d.kind.value} debtor of a creditor in "
                    f"{creditor.country}",
                )
            )
            continue
        if dc.invoices:
            oldest = min(i.invoice.due_date for i in dc.invoices)
            amount = dc.principal
        else:
            oldest = min(i.due_date for i in dc.not_due)
            amount = sum((i.outstanding for i in dc.not_due), ZERO)
        days = (as_of - oldest).days
        step = plan.step_for(days, amount)
        if step is None:
            upcoming = next((s for s in plan.steps if s.offset > days), None)
            if dc.invoices and upcoming is not None:
                held.append(
                    Held(
                        d.id,
                        d.name,
                        f"{days} days past due: the first step ({upcoming.template}) comes "
                        f"at {upcoming.offset} days",
                    )
                )
            elif dc.invoices:
                held.append(
                    Held(d.id, d.name, f"{to_money(amount)} {dc.currency} is below every step")
                )
            continue
        refusal = None if template else court_threat_refusal(dc, step.template)
        if refusal:  # a time-barred debt: no letter threatening court (law/documents.py)
            held.append(Held(d.id, d.name, refusal))
            continue
        chosen.append(Choice(dc, plan, step, days))
    return chosen, held
