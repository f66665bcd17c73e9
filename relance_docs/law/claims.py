"""From a ledger to claims: per debtor, the interest on each overdue invoice and the
assessment of the recovery routes.

This is where model records meet the law: credit notes reduce the invoice they name
(or, unallocated, the oldest overdue invoice), dated payments reduce the base from the
day after they were received, and disputed invoices are kept out of the claim and listed.
Nothing here reads or writes a file.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from ..errors import RelanceError, RulesDataError
from ..model import CreditorProfile, Invoice, Ledger, PartyKind
from ..money import ZERO, to_money
from ..text import fold
from .debtor import DebtorClaim, InvoiceInterest, Reduction
from .documents import time_bar_warnings
from .interest import compute_interest
from .parties import jurisdiction_for
from .procedures import Claim, ClaimParty, assess
from .reasons import LawWarning
from .registry import jurisdiction as jurisdiction_rules

__all__ = [
    "DebtorClaim",
    "InvoiceInterest",
    "Reduction",
    "debtor_claims",
    "find_debtor_claim",
    "jurisdiction_for",
]


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


DEFAULT_CREDITOR = ClaimParty(kind=PartyKind.COMPANY, country="FR")
NO_PROFILE = LawWarning(
    "No creditor profile was given (--creditor): the creditor was taken to be a company "
    "established in France, under French law. Give the profile if that is not so",
    kind="no_profile",
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
                    f"Invoice {inv.number}: {to_money(undated)} {currency} was paid on a date "
                    "the ledger does not give. It was counted as paid on the due date, so the "
                    "interest shown may be too low: give the payment's date to correct it",
                    kind="undated_payment",
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
                        f"Credit note {number} names no invoice: {to_money(used)} {currency} "
                        f"of it was set against invoice {inv.number}, the oldest overdue one. "
                        "Check that this is what the customer expects"
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
            currency=currency,
            subdivision=debtor.subdivision if debtor.country == jurisdiction else None,
        )
        for w in result.warnings:
            warn(w)
        rules = jurisdiction_rules(jurisdiction)
        if rules.check_terms is not None:  # France: the L441-10 I caps, between professionals
            for w in rules.check_terms(inv, creditor.kind, debtor.kind):
                warn(LawWarning(f"Invoice {inv.number}: {w.message}"))
        lines.append(
            InvoiceInterest(
                inv, result.outstanding, result, tuple(sorted(reductions, key=_by_date))
            )
        )

    if lines and debtor.country and creditor.country and debtor.country != creditor.country:
        warn(
            LawWarning(
                f"Cross-border claim (creditor in {creditor.country}, debtor in "
                f"{debtor.country}): the interest was computed under the creditor's law "
                f"({jurisdiction}). Check which law the contract chose"
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
        fixed = sum(
            (i.result.fixed_compensation for i in claim_lines if i.result.fixed_in_currency),
            ZERO,
        )
        daily = sum((i.result.daily_interest for i in claim_lines), ZERO)
        oldest = claim_lines[0].invoice.due_date
        count = len(claim_lines)
    newest = max(i.invoice.due_date for i in claim_lines) if lines else disputed[-1].due_date
    regimes = {i.result.regime for i in claim_lines}
    assessment = None
    claim = Claim(
        creditor=creditor,
        debtor=ClaimParty(
            kind=debtor.kind,
            country=debtor.country,
            subdivision=debtor.subdivision,
            city=debtor.city,
            name=debtor.name,
            postcode=debtor.postcode,
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
        newest_due=newest,
        interest_regime=regimes.pop() if len(regimes) == 1 else None,
    )
    for w in time_bar_warnings(claim, lines):
        warn(w)
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
