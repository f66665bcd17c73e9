"""The warnings that stand for a document: what the person who signs must know.

:func:`document_warnings` gathers, for one document, the rules layer's warnings (the
claim's: a rate used past its verified date, a payment with no date, a credit note set
against an invoice by the tool...; and its assessment's) and the document's own (a letter
with no postal address, a time-barred debt, a route that needs review). Each is one line,
without repeats. ``relance letter``, ``letters``, ``packet`` and ``dossier`` print them
grouped; the manifest has them per document; ``--strict`` refuses to write while one
stands (:func:`refuse_warnings`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from ..errors import RelanceError
from .context import DocumentRequest

__all__ = ["WarningsStand", "claim_warnings", "document_warnings", "group", "refuse_warnings"]

# Documents that announce a court route if the debt is not paid.
THREATENING = {"reminder-3", "formal-notice", "letter-of-claim"}
POSTED = {"letter", "registered-letter"}


class WarningsStand(RelanceError):
    """``--strict``: a document has a warning; nothing was written."""

    message = "Warnings stand (--strict): nothing was written."


def claim_warnings(claim) -> tuple[str, ...]:
    """The rules layer's warnings for a debtor claim, as ``relance assess`` shows them."""
    found = [str(w) for w in claim.warnings]
    if claim.assessment is not None:
        found += [str(w) for w in claim.assessment.warnings]
    return tuple(dict.fromkeys(found))


def document_warnings(request: DocumentRequest) -> tuple[str, ...]:
    """Every warning that stands for this document, one line each, without repeats."""
    dc = request.claim
    found = list(claim_warnings(dc))
    debtor = dc.debtor
    if request.channel in POSTED and not debtor.has_postal_address:
        found.append(
            f"{debtor.id}: no complete postal address in the ledger: the letter cannot be "
            "posted as it is"
        )
    assessment = dc.assessment
    if request.template in THREATENING and assessment is not None:
        limitation = assessment.limitation
        if limitation.status == "time_barred":
            end = limitation.end.isoformat() if limitation.end else "an earlier date"
            found.append(
                f"{debtor.id}: the claim is time-barred since {end}: the {request.template} "
                "announces no court route; check before sending it"
            )
    if request.template == "letter-of-claim":
        found.append(
            "letter of claim: the Information Sheet, Reply Form and Financial Statement are "
            "relance's own drafting after the Pre-Action Protocol for Debt Claims' list of "
            "contents (its Annex 1 and the Standard Financial Statement were not seen), and the "
            "advice bodies' contact details come from secondary sources: check them before "
            "sending"
        )
    return tuple(dict.fromkeys(found))


def group(per_document: Iterable[tuple[str, Sequence[str]]]) -> list[tuple[str, list[str]]]:
    """``[(warning, [who, ...])]``: each warning once, with the documents it stands for,
    in the order first met."""
    seen: dict[str, list[str]] = {}
    for who, warnings in per_document:
        for warning in warnings:
            names = seen.setdefault(warning, [])
            if who not in names:
                names.append(who)
    return list(seen.items())


def refuse_warnings(requests: Sequence[DocumentRequest], warnings: Sequence[Sequence[str]]):
    """Raise :class:`WarningsStand` when any document has a warning (``--strict``)."""
    standing = [(r, w) for r, w in zip(requests, warnings, strict=True) if w]
    if not standing:
        return
    count = sum(len(w) for _, w in standing)
    req, first = standing[0]
    raise WarningsStand(
        f"--strict: {count} warning(s) stand for {len(standing)} document(s), nothing was "
        f"written; first, {req.claim.debtor.id} ({req.template}): {first[0]}"
    )
