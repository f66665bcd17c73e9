"""The parties of a document, in the letter's language: sender, window address, salutation.

The creditor's details are written in the letter's language (an English letter of a
French company says "share capital", "VAT"); a letter abroad gives the creditor's phone
number in international form and the creditor's country; the debtor's address follows its
country's order (a British town, then its postcode). The window the address sits in is
the creditor's (its envelopes), whatever the language.
"""

from __future__ import annotations

import hashlib

import phonenumbers
from babel import Locale

from ..model import CreditorProfile, Party, PartyKind
from .formatting import LOCALES

__all__ = ["anchor", "creditor_part", "debtor_part", "iban_groups", "international_phone"]


def anchor(debtor_id: str) -> str:
    """The HTML id of a debtor's letter: ``letter-`` and a hash of the code, so that any
    code (quotes, spaces, 300 characters) makes a valid anchor in a batch document."""
    return "letter-" + hashlib.sha256(debtor_id.encode("utf-8")).hexdigest()[:16]


def iban_groups(iban: str) -> str:
    """The IBAN in groups of four, as printed on a RIB."""
    compact = iban.replace(" ", "")
    return " ".join(compact[i : i + 4] for i in range(0, len(compact), 4))


def international_phone(number: str | None, country: str | None) -> str | None:
    """``04 78 61 42 90`` of a French creditor -> ``+33 4 78 61 42 90``; a number that
    cannot be read is kept as written."""
    if not number:
        return number
    try:
        parsed = phonenumbers.parse(number, country or None)
    except phonenumbers.NumberParseException:
        return number
    if not phonenumbers.is_possible_number(parsed):
        return number
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.INTERNATIONAL)


def country_name(code: str, lang: str) -> str:
    return Locale.parse(LOCALES[lang]).territories.get(code, code)


def _legal_lines(c: CreditorProfile, lang: str) -> list[str]:
    fr = lang == "fr"
    legal = []
    if c.legal_form and c.share_capital:
        legal.append(
            f"{c.legal_form} au capital de {c.share_capital}"
            if fr
            else f"{c.legal_form} with a share capital of {c.share_capital}"
        )
    elif c.legal_form:
        # "Ltd" alone says little: British letters give the registered name instead.
        legal.append(c.name if c.country == "GB" else c.legal_form)
    if c.registration_number:
        if c.country == "FR":
            siren = " ".join(
                c.registration_number[i : i + 3] for i in range(0, len(c.registration_number), 3)
            )
            legal.append(f"SIREN {siren}" + (f" {c.registry}" if c.registry else ""))
        else:
            number = "Numéro d'immatriculation" if fr else "Company number"
            registry = f" ({c.registry})" if c.registry else ""
            legal.append(f"{number} {c.registration_number}{registry}")
    if c.vat_number:
        legal.append(("TVA intracommunautaire " if fr else "VAT number ") + c.vat_number)
    bank = []
    if c.iban:
        bank.append(f"IBAN {iban_groups(c.iban)}")
    if c.bic:
        bank.append(f"BIC {c.bic}")
    lines = [" · ".join(legal)]
    if bank:
        lines.append(" · ".join(bank))
    return lines


def creditor_part(c: CreditorProfile, lang: str, debtor_country: str | None) -> dict:
    abroad = bool(debtor_country and debtor_country != c.country)
    rep = c.legal_representative
    return {
        "name": c.name,
        "address_lines": list(c.address_lines),
        "postcode": c.postcode,
        "city": c.city,
        "town_line": f"{c.postcode} {c.city}" if c.country != "GB" else c.city,
        "postcode_line": c.postcode if c.country == "GB" else None,
        "country": c.country,
        "country_line": country_name(c.country, lang).upper() if abroad else None,
        "phone": international_phone(c.phone, c.country) if abroad else c.phone,
        "email": c.email,
        "website": c.website,
        "signatory": c.signatory.name,
        "signatory_title": c.signatory.title,
        "representative": rep.name if rep else None,
        "representative_title": rep.title if rep else None,
        "logo": c.logo.as_uri() if c.logo else None,
        "footer_lines": _legal_lines(c, lang),
        "window": "left" if c.address_window == "left" else "right",
    }


def debtor_part(d: Party, creditor: CreditorProfile, lang: str) -> dict:
    title, surname = _person(d.contact or (d.name if d.kind is PartyKind.CONSUMER else None))
    lines = [d.name]
    if d.contact and d.kind is not PartyKind.CONSUMER:
        lines.append(("À l'attention de " if lang == "fr" else "FAO ") + d.contact)
    lines += list(d.address_lines)
    if d.country == "GB":
        lines += [x for x in (d.city, d.postcode) if x]  # the town, then the postcode
    else:
        city = (d.city or "").upper() if lang == "fr" or d.country == "FR" else d.city or ""
        lines.append(" ".join(x for x in (d.postcode, city) if x))
    if d.country and d.country != creditor.country:
        lines.append(country_name(d.country, lang).upper())
    if lang == "fr":
        salutation = {"M": "Monsieur", "Dr": "Madame, Monsieur", None: "Madame, Monsieur"}.get(
            title, "Madame"
        )
        dear, closing = salutation, None
    else:
        if title and surname:
            dear = f"Dear {_ENGLISH_TITLES[title]} {surname}"
            closing = "Yours sincerely"
        else:
            dear, closing = "Dear Sir or Madam", "Yours faithfully"
        salutation = dear
    return {
        "id": d.id,
        "anchor": anchor(d.id),
        "name": d.name,
        "contact": d.contact,
        "address_lines": [x for x in lines if x],
        "salutation": salutation,
        "dear": dear,
        "closing": closing,
        "email": d.email,
        "phone": d.phone,
        "kind": d.kind.value if d.kind else None,
    }


def _person(contact: str | None) -> tuple[str | None, str | None]:
    """("M", "Dupont") from "M. Bernard Dupont"; ("Ms", "Fabre") from "Mme Hélène Fabre"."""
    if not contact:
        return None, None
    words = contact.replace(".", ". ").split()
    if not words:
        return None, None
    first = words[0].rstrip(".").lower()
    title = _TITLES.get(first)
    if title is None:
        return None, None
    return title, words[-1] if len(words) > 1 else None


# Honorific -> a key; English letters keep the debtor's own (Mrs stays Mrs).
_TITLES = {
    "m": "M", "mr": "M", "monsieur": "M", "mme": "Ms", "madame": "Ms", "mrs": "Mrs",
    "ms": "Ms", "miss": "Miss", "mlle": "Ms", "dr": "Dr",
}  # fmt: skip
_ENGLISH_TITLES = {"M": "Mr", "Mrs": "Mrs", "Ms": "Ms", "Miss": "Miss", "Dr": "Dr"}
