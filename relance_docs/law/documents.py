"""What the law tells a document: the values a letter quotes, and the documents it must
not write.

Every legal number a document quotes (a reply period, a pay-by period, the fixed
indemnity, the margin over the ECB rate, the lawyer threshold) is read here from the
packs, and handed to the document context as a plain value: templates never write one.

A document that threatens a court claim (a formal notice, a letter of claim) is refused
for a time-barred debt: :func:`refuse_court_threat` raises one plain line before any file
is written, and :func:`court_threat_refusal` gives the same sentence to a batch, which
holds the debtor instead.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from functools import cache

from ..errors import RelanceError
from ..model import PartyKind
from .assessment import Claim
from .limitation import limitation_on
from .packs import load_pack
from .parties import jurisdiction_for
from .periods import parse_period
from .reasons import LawWarning

__all__ = [
    "COURT_THREATS",
    "PERIOD_OF",
    "court_threat_refusal",
    "document_law",
    "letter_period",
    "pay_days",
    "refuse_court_threat",
    "time_bar_warnings",
    "time_barred",
]

COURT_THREATS = frozenset({"formal-notice", "letter-of-claim"})
"""The documents that announce a court claim if the debtor does not pay."""


def time_barred(claim: Claim | None, invoices) -> list[tuple[object, object]]:
    """(invoice line, limitation) for each invoice of the claim time-barred on its date.

    ``invoices`` are :class:`~relance_docs.law.claims.InvoiceInterest` lines. Only the
    oldest is checked first: when it is not time-barred, none is.
    """
    if claim is None or not invoices:
        return []
    first = limitation_on(claim, claim.oldest_due)
    if first.barred is not True:
        return []
    out = []
    for item in invoices:
        lim = limitation_on(claim, item.invoice.due_date)
        if lim.barred is True:
            out.append((item, lim))
    return out


def time_bar_warnings(claim: Claim, invoices) -> list[LawWarning]:
    """One warning, a sentence a signer understands, when invoices are time-barred."""
    barred = time_barred(claim, invoices)
    if not barred:
        return []
    return [LawWarning(_barred_sentence(barred, len(invoices)), kind="time_barred")]


def _barred_sentence(barred, total: int) -> str:
    item, lim = barred[0]
    since = (lim.end + timedelta(days=1)).isoformat()
    numbers = ", ".join(i.invoice.number for i, _ in barred[:5])
    more = f" and {len(barred) - 5} more" if len(barred) > 5 else ""
    whole = "The whole debt is" if len(barred) == total else "Part of the debt is"
    return (
        f"{whole} time-barred: invoice{'s' if len(barred) > 1 else ''} {numbers}{more} "
        f"(the oldest due {item.invoice.due_date.isoformat()}, time-barred since {since}: "
        f"{lim.period}, {lim.reasons[0].basis}). No court can order payment of "
        f"{'it' if len(barred) == 1 else 'them'} unless limitation was interrupted (an "
        "acknowledgment by the debtor, a court claim)"
    )


def court_threat_refusal(dc, template: str) -> str | None:
    """Why ``template`` must not be written for the debtor claim ``dc``, or None."""
    if template not in COURT_THREATS:
        return None
    barred = time_barred(dc.claim, dc.invoices)
    if not barred:
        return None
    what = "a formal notice" if template == "formal-notice" else "a letter of claim"
    return (
        f"{what} for {dc.debtor.name} would threaten a court claim, but "
        + _barred_sentence(barred, len(dc.invoices))[0].lower()
        + _barred_sentence(barred, len(dc.invoices))[1:]
    )


def refuse_court_threat(dc, template: str) -> None:
    """Raise one plain line when ``template`` threatens court for a time-barred debt."""
    reason = court_threat_refusal(dc, template)
    if reason:
        raise RelanceError(f"refused: {reason}")


def document_law(dc, creditor_country: str, template: str, as_of: date) -> dict:
    """The legal values a document quotes, read from the packs (plain values, not
    formatted): periods in days, the fixed indemnity and its currency, the L441-10
    margin, the interest that applies to a debt outside the statutory regimes."""
    from .gb.interest import consumer_interest

    out: dict = {"time_barred": bool(time_barred(dc.claim, dc.invoices))}
    fr, gb = load_pack("FR"), load_pack("GB")
    out["pay_days"] = pay_days(creditor_country, template)
    out["fr"] = {
        "l441_margin": str(fr.value("b2b_margin", as_of).values["points"]),
        "fixed_indemnity": Decimal(fr.value("fixed_compensation", as_of).values["amount"]),
        "fixed_indemnity_currency": fr.currency,
        "lawyer_threshold": fr.value("lawyer_threshold", as_of).decimal("amount"),
    }
    out["gb"] = {
        "reply_days": _days(gb.period("letter_of_claim_reply")[0]),
        "pre_action_days": _days(gb.period("pre_action_conduct_reply")[0]),
        "notice_before_issue_days": _days(gb.period("notice_before_issue")[0]),
        "online_fee_note": gb.data["online_fee"]["text"],
    }
    regime = dc.invoices[0].result.regime if dc.invoices else None
    consumer = dc.debtor.kind is PartyKind.CONSUMER
    # Which interest runs on the debt, in one sentence, when no statutory regime does
    # (a UK consumer: none, or s.69 at the court's discretion).
    law = jurisdiction_for(creditor_country)
    out["interest_statement"] = (
        consumer_interest(gb, as_of) if law == gb.code and consumer else None
    )
    out["interest_continues"] = bool(
        regime not in (None, "none") and any(i.result.daily_interest for i in dc.invoices)
    )
    apart = dc.fixed_apart
    out["fixed_apart"] = {"currency": apart[0], "amount": apart[1]} if apart else None
    return out


PERIOD_OF = {
    "formal-notice": "formal_notice_payment",
    "reminder-3": "last_reminder_payment",
    "reminder-2": "second_reminder_payment",
}
"""The period a document gives the debtor to pay: a key of the packs' ``letters.periods``
(any other document: the last reminder's)."""


@cache
def letter_period(country: str | None, key: str) -> tuple[int, str, bool, str]:
    """``(days, text in the pack, from receipt?, basis)`` of a period the letters give,
    from the creditor's pack (``letters.periods``), else the French one.

    A row may ``use`` a period of the pack's ``periods`` instead of repeating it."""
    code = jurisdiction_for(country) or "FR"
    pack = load_pack(code)
    if key not in pack.data.get("letters", {}).get("periods", {}):
        pack = load_pack("FR")
    entry = pack.data["letters"]["periods"][key]
    if "use" in entry:
        text, basis = pack.period(entry["use"])
    else:
        text, basis = entry["period"], entry["basis"]
    return _days(text), text, bool(entry.get("from_receipt")), basis


def pay_days(creditor_country: str | None, template: str) -> int:
    """The days a letter gives to pay (England and Wales: a formal notice gives the
    Practice Direction's period; France: 8 days from receipt), from the packs."""
    key = PERIOD_OF.get(template, "last_reminder_payment")
    return letter_period(creditor_country, key)[0]


def _days(text: str) -> int:
    period = parse_period(text)
    if period.unit != "days":
        raise RelanceError(f"the period '{text}' is not in days")  # pragma: no cover
    return period.count
