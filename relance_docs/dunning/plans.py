"""Dunning plans (``rules/plans/*.yaml``): the ladder of reminders for one relationship.

A plan applies to creditors of some countries and debtors of some kinds. Its steps each
have an ``offset`` in days from the due date of the debtor's oldest overdue invoice
(negative for a courtesy reminder before it), a ``template``, a ``channel`` and an
optional ``min_amount`` below which the step is skipped.

>>> plan = plan_for("FR", PartyKind.COMPANY)
>>> plan.id, [s.template for s in plan.steps][:3]
('fr-b2b', ['reminder-0', 'reminder-1', 'reminder-2'])
>>> plan.step_for(days_past_due=20, amount=Decimal("500")).template
'reminder-2'
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import cache
from pathlib import Path

from ..errors import ConfigError
from ..model import PartyKind
from ..resources import rules_dir
from ..yamlio import load_yaml

__all__ = ["CHANNELS", "Plan", "Step", "default_plans", "load_plan", "plan_for"]

CHANNELS = ("letter", "email", "phone", "registered-letter")


@dataclass(frozen=True)
class Step:
    id: str
    offset: int
    template: str
    channel: str
    min_amount: Decimal | None = None


@dataclass(frozen=True)
class Plan:
    id: str
    title: str
    creditor_countries: tuple[str, ...]
    debtor_kinds: tuple[PartyKind, ...]
    min_gap_days: int
    steps: tuple[Step, ...]
    file: str

    def step_for(self, days_past_due: int, amount: Decimal) -> Step | None:
        """The furthest step reached ``days_past_due`` days after the oldest due date.

        ``days_past_due`` is negative when nothing is due yet; a step whose
        ``min_amount`` is above ``amount`` is passed over.
        """
        reached = None
        for step in self.steps:
            if step.offset > days_past_due:
                break
            if step.offset < 0 and days_past_due > 0:
                continue  # a courtesy reminder is for invoices not yet due
            if step.min_amount is not None and amount < step.min_amount:
                continue
            reached = step
        return reached


def load_plan(path: Path) -> Plan:
    """Read one plan; every fault is reported with the file and line."""
    doc = load_yaml(path)
    data = doc.data

    def fail(message: str, *keys: str) -> ConfigError:
        return ConfigError(message, location=doc.where(*keys))

    for key in ("plan", "steps"):
        if not data.get(key):
            raise fail(f"a plan needs '{key}'")
    applies = data.get("applies_to") or {}
    try:
        kinds = tuple(PartyKind(k) for k in applies.get("debtor_kinds") or ())
    except ValueError as exc:
        raise fail(f"unknown debtor kind: {exc}", "applies_to", "debtor_kinds") from None
    steps: list[Step] = []
    for i, raw in enumerate(data["steps"]):
        key = str(i)
        if not isinstance(raw, dict) or not {"id", "offset", "template", "channel"} <= set(raw):
            raise fail("a step needs id, offset, template and channel", "steps", key)
        try:
            offset = int(raw["offset"])
        except ValueError:
            raise fail(f"offset '{raw['offset']}' is not a number of days", "steps", key) from None
        if raw["channel"] not in CHANNELS:
            raise fail(
                f"channel '{raw['channel']}' is not one of {', '.join(CHANNELS)}", "steps", key
            )
        if steps and offset <= steps[-1].offset:
            raise fail("steps must be in increasing order of offset", "steps", key)
        try:
            minimum = Decimal(raw["min_amount"]) if raw.get("min_amount") else None
        except InvalidOperation:
            raise fail(
                f"min_amount '{raw['min_amount']}' is not an amount", "steps", key
            ) from None
        steps.append(Step(str(raw["id"]), offset, str(raw["template"]), raw["channel"], minimum))
    return Plan(
        id=str(data["plan"]),
        title=str(data.get("title") or data["plan"]),
        creditor_countries=tuple(applies.get("creditor_countries") or ()),
        debtor_kinds=kinds,
        min_gap_days=int(data.get("min_gap_days") or 0),
        steps=tuple(steps),
        file=str(path),
    )


@cache
def default_plans() -> tuple[Plan, ...]:
    return tuple(load_plan(p) for p in sorted((rules_dir() / "plans").glob("*.yaml")))


def plan_for(
    creditor_country: str, debtor_kind: PartyKind | None, plans: tuple[Plan, ...] | None = None
) -> Plan | None:
    """The first plan for this creditor country and debtor kind, or None."""
    for plan in plans if plans is not None else default_plans():
        if creditor_country in plan.creditor_countries and debtor_kind in plan.debtor_kinds:
            return plan
    return None
