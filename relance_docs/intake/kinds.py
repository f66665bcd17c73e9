"""Debtor kinds a ledger does not state: the creditor's default, else what the name or the
numbers show.

The law differs by kind (the 40 € indemnity and the B2B penalty rate are for
professionals; a consumer gets other rules and other courts), so a guess must be safe
and said aloud:

1. the creditor profile's ``default_debtor_kind`` (a creditor who sells only to
   businesses says ``company``);
2. a legal form in the name (SARL, SAS, Ltd, GmbH...): a company; EI or EIRL: an
   individual trader;
3. a SIREN/SIRET, a company number or a VAT number: a business, read as a company;
4. otherwise unknown, and the debtor is held with its reason. A title (M., Mme, Mr,
   Mrs) or the absence of a legal form never makes a consumer.

Each guess comes with the sentence that names its rule, for the warning.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import replace

from ..model import Party, PartyKind, Problem, Severity

__all__ = ["LEGAL_FORMS", "infer_kind", "settle_kinds"]

# Legal forms as they are written at the end (or start) of a business name.
LEGAL_FORMS: dict[str, PartyKind] = {
    **dict.fromkeys(
        [
            "SARL",
            "SAS",
            "SASU",
            "SA",
            "EURL",
            "SNC",
            "SCI",
            "SELARL",
            "SELAS",
            "SCA",
            "SCOP",
            "Ltd",
            "Limited",
            "plc",
            "LLP",
            "GmbH",
            "AG",
            "UG",
            "KG",
        ],
        PartyKind.COMPANY,
    ),
    **dict.fromkeys(["EI", "EIRL"], PartyKind.TRADER),
}
_FORM_INDEX = {form.casefold(): form for form in LEGAL_FORMS}
# Words separated by spaces, commas, brackets, dashes; "Ltd." and "S.A.R.L." are read too.
_WORD_RE = re.compile(r"[\w.&]+", re.UNICODE)


def _legal_form(name: str) -> str | None:
    for word in _WORD_RE.findall(name):
        folded = word.replace(".", "").casefold()
        if folded in _FORM_INDEX:
            return _FORM_INDEX[folded]
    return None


def infer_kind(party: Party, default: PartyKind | None) -> tuple[PartyKind | None, str]:
    """The kind to use for ``party`` (whose ledger row gives none) and why.

    >>> from relance_docs.model import Party
    >>> infer_kind(Party(id="C1", name="Dupont & Fils SARL"), None)
    (<PartyKind.COMPANY: 'company'>, 'read as a company from the legal form SARL in its name')
    >>> infer_kind(Party(id="C5", name="Mme Hélène Fabre"), None)[0] is None
    True
    """
    if default is not None:
        return (
            default,
            f"read as {_article(default)} from the creditor profile's default_debtor_kind",
        )
    form = _legal_form(party.name)
    if form is not None:
        kind = LEGAL_FORMS[form]
        return kind, f"read as {_article(kind)} from the legal form {form} in its name"
    number = party.registration_number or ""
    if number.isdigit() and len(number) in (9, 14) and number[0] in "12":
        # INSEE numbers the legal persons of public law from 1 and 2 (State services,
        # local authorities, public establishments): their rules differ, so no guess.
        return None, (
            f"its SIREN {number[:9]} starts with {number[0]}, as those of public bodies do: "
            "its documents are held until its type is given (Type client column, or the "
            "creditor profile's default_debtor_kind)"
        )
    if party.registration_number:
        label = (
            "SIRET"
            if len(party.registration_number) == 14
            else (
                "SIREN"
                if party.registration_number.isdigit() and len(party.registration_number) == 9
                else "company number"
            )
        )
        return PartyKind.COMPANY, (
            f"read as a company from its {label} {party.registration_number} "
            "(an individual trader has one too: write its type if it is one)"
        )
    if party.vat_number:
        return PartyKind.COMPANY, f"read as a company from its VAT number {party.vat_number}"
    return None, (
        "no debtor type, no legal form in its name and no SIREN or VAT number: its "
        "documents are held until its type is given (Type client column, or the creditor "
        "profile's default_debtor_kind)"
    )


def _article(kind: PartyKind) -> str:
    return {
        PartyKind.COMPANY: "a company",
        PartyKind.TRADER: "an individual trader",
        PartyKind.PROFESSIONAL: "a professional",
        PartyKind.CONSUMER: "a consumer",
        PartyKind.PUBLIC: "a public body",
    }[kind]


def settle_kinds(
    parties: dict[str, Party],
    default: PartyKind | None,
    *,
    skip: Collection[str] = (),
    where: str,
    label: str,
    line: int | None,
) -> tuple[dict[str, Party], list[Problem]]:
    """Give a kind to the debtors that have none, each with a warning naming the rule;
    one warning for all when the profile's default is used. ``skip``: ids whose type was
    written but not understood (already an error)."""
    untyped = [key for key, p in parties.items() if p.kind is None and p.id not in skip]
    if not untyped:
        return parties, []
    out = dict(parties)
    if default is not None:
        for key in untyped:
            out[key] = replace(parties[key], kind=default)
        _, why = infer_kind(parties[untyped[0]], default)
        n = len(untyped)
        message = f"{n} debtor{'' if n == 1 else 's'} with {where}: {why}"
        return out, [Problem(label, line, message, severity=Severity.WARNING)]
    problems = []
    for key in untyped:
        party = parties[key]
        kind, why = infer_kind(party, None)
        problems.append(
            Problem(
                party.source_file or label,
                party.source_line,
                f"{party.name}: {why}",
                severity=Severity.WARNING,
            )
        )
        if kind is not None:
            out[key] = replace(party, kind=kind)
    return out, problems
