"""What every answer of the rules layer carries: reasons with their legal basis, and
warnings that say which rules file to update.

A :class:`Reason` is one sentence a lawyer can check (``text``) and the article or
instrument it rests on (``basis``). ``unconfirmed`` marks a point the fact sheets could
not confirm: it is shown, never silently decided.

A :class:`LawWarning` is raised as a value, not an exception: a computation that needed a
rate past the date its series is verified for still answers, and says so.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["LawWarning", "Reason"]


@dataclass(frozen=True, slots=True)
class Reason:
    text: str
    basis: str
    unconfirmed: bool = False

    def __str__(self) -> str:
        flag = " [unconfirmed]" if self.unconfirmed else ""
        return f"{self.text} ({self.basis}){flag}"

    def as_dict(self) -> dict:
        out = {"text": self.text, "basis": self.basis}
        if self.unconfirmed:
            out["unconfirmed"] = True
        return out


@dataclass(frozen=True, slots=True)
class LawWarning:
    """A warning about the law data or an open legal question.

    ``series`` and ``file`` name what to update when the warning is about data past its
    verified date (``file`` relative to ``rules/``). ``kind`` lets a program tell warnings
    apart without reading them: ``stale_rate`` (a value past its verified date),
    ``undated_payment``, ``time_barred``, ``unconfirmed``, ``unknown_party``,
    ``needs_review``, or None.

    The message is written for the person who signs: one or two plain sentences that say
    what was done and what to check.
    """

    message: str
    series: str | None = None
    file: str | None = None
    kind: str | None = None

    def __str__(self) -> str:
        return self.message
