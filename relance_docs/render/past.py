"""The past a document may speak of: only what the history records or the user states.

``DocumentRequest.history`` holds :class:`relance_docs.model.HistoryEntry` values, from
the store's event log or stated by the user (``--stated reminder-1:2026-10-02``). A
sentence such as "despite our reminders of 2 and 16 October" is printed only from them;
with no entry, the templates use neutral wording. Entries dated on or after the letter's
date are not the past of this letter and are left out.
"""

from __future__ import annotations

from datetime import date

from ..errors import BadValue
from ..intake.cells import parse_date
from ..model import HistoryEntry
from .formatting import long_date, short_date

__all__ = ["STATED_KINDS", "history_part", "parse_stated"]

# What a user may state, and the kind of entry it becomes.
STATED_KINDS = {
    "reminder": "reminder",
    "reminder-0": "reminder",
    "reminder-1": "reminder",
    "reminder-2": "reminder",
    "reminder-3": "reminder",
    "formal-notice": "formal_notice",
    "letter-of-claim": "formal_notice",
    "call": "call",
}


def parse_stated(text: str, as_of: date) -> tuple[str | None, HistoryEntry]:
    """``[DEBTOR:]STEP:DATE`` -> (debtor code or None, entry); one plain line if bad.

    >>> parse_stated("reminder-1:2026-10-02", date(2026, 11, 16))[1].day
    datetime.date(2026, 10, 2)
    >>> parse_stated("C001:formal-notice:20/10/2026", date(2026, 11, 16))[0]
    'C001'
    """
    parts = text.rsplit(":", 2)
    if len(parts) < 2:
        raise BadValue(f"--stated '{text}': write STEP:DATE, e.g. reminder-1:2026-10-02")
    debtor = parts[0].strip() if len(parts) == 3 else None
    step, day_text = parts[-2].strip(), parts[-1].strip()
    kind = STATED_KINDS.get(step)
    if kind is None:
        raise BadValue(
            f"--stated '{text}': '{step}' is not a step (use one of {', '.join(STATED_KINDS)})"
        )
    day = parse_date(day_text)
    if day >= as_of:
        raise BadValue(
            f"--stated '{text}': {day.isoformat()} is not before the letter's date "
            f"({as_of.isoformat()})"
        )
    return debtor or None, HistoryEntry(kind, day, step=step, source="stated")


def history_part(entries: tuple[HistoryEntry, ...], as_of: date, lang: str) -> dict:
    """The history as the templates use it: lists of formatted entries by kind."""
    past = sorted((e for e in entries if e.day < as_of), key=lambda e: e.day)

    def fmt(e: HistoryEntry) -> dict:
        return {
            "kind": e.kind,
            "date": long_date(e.day, lang),
            "short": short_date(e.day, lang),
            "step": e.step,
            "channel": e.channel,
            "source": e.source,
            "note": e.note,
        }

    by_kind: dict[str, list[dict]] = {}
    for e in past:
        by_kind.setdefault(e.kind, []).append(fmt(e))
    reminders = by_kind.get("reminder", [])
    notices = by_kind.get("formal_notice", [])
    return {
        "entries": [fmt(e) for e in past],
        "reminders": reminders,
        "reminder_dates": list(dict.fromkeys(r["date"] for r in reminders)),
        "notices": notices,
        "last_notice": notices[-1] if notices else None,
        "calls": by_kind.get("call", []),
        "promises": by_kind.get("promise", []),
        "stated": any(e.source == "stated" for e in past),
    }
