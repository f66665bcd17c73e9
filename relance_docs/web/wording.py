"""The workflow's decisions as the page shows them, in the page's language.

The library gives each decision a reason in English (``next step reminder-2 at 30 days
(12 now)``); the page shows it in French or English. Known reasons are recognised and
reworded through the page's catalogue; anything else is shown as the library wrote it,
never dropped.
"""

from __future__ import annotations

import re
from datetime import date

from ..labels import document_label as _label
from ..render.formatting import money, short_date
from ..workflow.decide import Decision, figure
from .i18n import gettext as _
from .i18n import language

__all__ = ["decision_rows", "document_label", "reason_text"]


def document_label(template: str | None) -> str:
    """``reminder-1`` -> ``première relance`` / ``first reminder``."""
    if not template:
        return ""
    return _label(template, language())


def _day(text: str) -> str:
    return short_date(date.fromisoformat(text), language())


_REASONS: tuple[tuple[re.Pattern, object], ...] = (
    (
        re.compile(r"(-?\d+) days past due: (\S+)"),
        lambda m, steps: _("%(days)s days past due", days=m[1]),
    ),
    (
        re.compile(r"next step (\S+) at (-?\d+) days \((-?\d+) now\)"),
        lambda m, steps: _(
            "next: %(step)s at %(at)s days past due (%(now)s today)",
            step=document_label(steps.get(m[1], m[1])),
            at=m[2],
            now=m[3],
        ),
    ),
    (
        re.compile(r"next step (\S+) from (\d{4}-\d{2}-\d{2}) \(gap\)"),
        lambda m, steps: _(
            "next: %(step)s from %(day)s (time between two steps)",
            step=document_label(steps.get(m[1], m[1])),
            day=_day(m[2]),
        ),
    ),
    (
        re.compile(r"promise of (\S+) for (\d{4}-\d{2}-\d{2}): paused until (\d{4}-\d{2}-\d{2})"),
        lambda m, steps: _(
            "promise of %(amount)s for %(day)s: paused until %(until)s",
            amount=m[1],
            day=_day(m[2]),
            until=_day(m[3]),
        ),
    ),
    (
        re.compile(r"only disputed invoices: held"),
        lambda m, steps: _("only disputed invoices: held"),
    ),
    (
        re.compile(r"the debtor's type is not known: held"),
        lambda m, steps: _("the debtor's type (company, consumer...) is not known: held"),
    ),
    (
        re.compile(r"every step of the plan has been sent"),
        lambda m, steps: _("every step of the plan has been sent"),
    ),
)


def reason_text(reason: str, plan=None) -> str:
    """The decision's reason in the page's language; ``plan`` names its steps."""
    steps = {step.id: step.template for step in plan.steps} if plan else {}
    for pattern, reword in _REASONS:
        found = pattern.fullmatch(reason)
        if found:
            return reword(found, steps)  # type: ignore[operator]
    return reason


def decision_rows(decisions: list[Decision]) -> list[dict]:
    rows = []
    for d in decisions:
        dc = d.claim
        rows.append(
            {
                "id": dc.debtor.id,
                "name": dc.debtor.name,
                "due": d.due,
                "held": not d.due and d.reason.endswith("held"),
                "step": document_label(d.step.template) if d.step else "",
                "template": d.step.template if d.step else None,
                "channel": d.step.channel if d.step else None,
                "reason": reason_text(d.reason, d.plan),
                "amount": money(figure(d), dc.currency, language()),
                "warnings": len(dc.warnings),
            }
        )
    return rows
