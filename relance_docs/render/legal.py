"""What the documents quote from the law: periods, deadlines and citations, from the packs.

A template never types a legal number: the period a letter gives the debtor to pay, the
article it cites, the points over the ECB rate, all come from ``rules/<CODE>/pack.yaml``
(its ``letters:`` block, and the series it names), read here through
:func:`relance_docs.law.packs.load_pack` and handed to the templates as ``law`` and
``deadline``. ``tests/render/test_no_law_in_wording.py`` checks that no template's own text
holds a figure.

A French formal notice gives its period from the receipt of the registered letter, as
practice has it; the date it prints is the earliest possible receipt (the next day the
post delivers: not a Sunday or public holiday) plus the period, and is labelled so.
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import cache

from ..law.calendars import calendar
from ..law.deadlines import fr_deadline, gb_deadline
from ..law.documents import PERIOD_OF, letter_period
from ..law.gb.deadlines import letter_of_claim_reply
from ..law.packs import load_pack
from .formatting import long_date, money

__all__ = [
    "JURISDICTIONS",
    "citations",
    "deadline_part",
    "law_values",
    "letter_period",
    "reply_part",
]

JURISDICTIONS = ("FR", "GB", "DE", "EU")


@cache
def citations(language: str, as_of: date) -> dict:
    """``{"fr": {...}, "gb": {...}, "de": {...}, "eu": {...}}``: how the letters cite each
    jurisdiction's texts, in ``language``; the penalty rate's points filled in."""
    out = {}
    for code in JURISDICTIONS:
        pack = load_pack(code)
        texts = {}
        for key, entry in pack.data.get("letters", {}).get("citations", {}).items():
            text = entry.get(language) or entry.get("en") or ""
            if "{points}" in text:
                row, _ = pack.series["b2b_margin"].lookup(as_of)
                text = text.replace("{points}", _number(row.values["points"], language))
            texts[key] = text
        out[code.lower()] = texts
    return out


def law_values(law: dict, language: str) -> dict:
    """The legal values a document may quote (:func:`relance_docs.law.documents.
    document_law`), formatted for ``language``."""
    fr, gb = law["fr"], law["gb"]
    apart = law["fixed_apart"]
    return {
        "pay_days": law["pay_days"],
        "time_barred": law["time_barred"],
        "l441_margin": _number(fr["l441_margin"], language),
        "fixed_indemnity": money(fr["fixed_indemnity"], fr["fixed_indemnity_currency"], language),
        "lawyer_threshold": money(fr["lawyer_threshold"], "EUR", language),
        "reply_days": gb["reply_days"],
        "pre_action_days": gb["pre_action_days"],
        "notice_before_issue_days": gb["notice_before_issue_days"],
        "online_fee_note": gb["online_fee_note"],
        "interest_statement": law["interest_statement"],
        "interest_continues": law["interest_continues"],
        "fixed_apart": money(apart["amount"], apart["currency"], language) if apart else None,
    }


def _number(value: str, language: str) -> str:
    return value.replace(".", ",") if language == "fr" else value


def _earliest_receipt(day: date, country: str | None, subdivision: str | None) -> date:
    """The first day after ``day`` on which the post delivers: not a Sunday, not a public
    holiday of the recipient's calendar (the letter is posted on its date)."""
    try:
        holidays = calendar(country or "FR", subdivision)
    except Exception:
        holidays = {}
    receipt = day + timedelta(days=1)
    while receipt.weekday() == 6 or receipt in holidays:
        receipt += timedelta(days=1)
    return receipt


def deadline_part(request, language: str) -> tuple[dict, date]:
    """The period the letter gives and its last day, on the debtor's calendar.

    ``from_receipt``: the period runs from the letter's receipt (a French formal notice);
    ``receipt`` is then the earliest receipt the date assumes. Returns the part and the
    last day."""
    creditor = request.creditor
    debtor = request.claim.debtor
    key = PERIOD_OF.get(request.template, "last_reminder_payment")
    days, _, from_receipt, basis = letter_period(creditor.country, key)
    start = request.as_of
    receipt = None
    if from_receipt:
        receipt = _earliest_receipt(request.as_of, debtor.country, _subdivision(debtor))
        start = receipt
    end = _end(creditor.country, debtor, start, days)
    part = {
        "days": days,
        "date": long_date(end, language),
        "iso": end.isoformat(),
        "from_receipt": from_receipt,
        "receipt": long_date(receipt, language) if receipt else None,
        "basis": basis,
    }
    return part, end


def reply_part(request, language: str) -> dict:
    """Letter of claim: the reply period (from the date of the letter), the earliest day
    to issue, and the Protocol's other periods."""
    debtor = request.claim.debtor
    days, _, _, _ = letter_period("GB", "letter_of_claim_reply")
    # A letter dated 30 October: reply by 29 November, proceedings from 30 November.
    reply = letter_of_claim_reply(request.as_of, nation=_gb_nation(debtor))
    after, _, _, _ = letter_period("GB", "after_reply_form")
    notice, _, _, _ = letter_period("GB", "notice_before_issue")
    advice = [
        {k: entry.get(k) for k in ("name", "phone", "web", "self_employed")}
        for entry in load_pack("GB").data["letters"].get("advice", ())
    ]
    return {
        "days": days,
        "date": long_date(reply.end, language),
        "earliest_action": long_date(reply.earliest_action or reply.end, language),
        "after_reply_days": after,
        "notice_days": notice,
        "advice": advice,
    }


def _subdivision(debtor) -> str | None:
    if debtor.country == "FR":
        return debtor.subdivision
    if debtor.country == "GB":
        return _gb_nation(debtor)
    return None


def _gb_nation(debtor) -> str:
    return debtor.subdivision if debtor.subdivision in {"ENG", "WLS", "SCT", "NIR"} else "ENG"


def _end(creditor_country: str | None, debtor, start: date, days: int) -> date:
    if creditor_country == "GB":
        return gb_deadline(start, f"{days} days", nation=_gb_nation(debtor)).end
    subdivision = debtor.subdivision if debtor.country == "FR" else None
    return fr_deadline(start, f"{days} jours", subdivision=subdivision).end
