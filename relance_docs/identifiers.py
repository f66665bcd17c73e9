"""Identifiers: SIREN/SIRET, UK company numbers, VAT numbers, IBAN and BIC, and e-mail
addresses.

A thin, uniform layer over python-stdnum: each ``validate_*`` returns the compact form or
raises :class:`~relance_docs.errors.BadValue` with a message a credit controller
understands (which number, what is wrong with it).
"""

from __future__ import annotations

import re
from functools import lru_cache

from email_validator import EmailNotValidError, validate_email
from stdnum import bic as _bic
from stdnum import iban as _iban
from stdnum import vatin as _vatin
from stdnum.exceptions import InvalidChecksum, InvalidLength, ValidationError
from stdnum.fr import siren as _siren
from stdnum.fr import siret as _siret

from .errors import BadValue

__all__ = [
    "email_problem",
    "validate_bic",
    "validate_iban",
    "validate_registration",
    "validate_vat",
    "vat_siren_mismatch",
]

_UK_COMPANY_RE = re.compile(r"^(?:\d{8}|(?:SC|NI|OC|SO|NC|R0|IP|SP|RC|SL|SE|FC|GE|LP)\d{6})$")


def _why(exc: ValidationError) -> str:
    if isinstance(exc, InvalidChecksum):
        return "has an invalid checksum"
    if isinstance(exc, InvalidLength):
        return "has the wrong number of characters"
    return "is not in a valid format"


def validate_registration(number: str, country: str | None) -> str:
    """Validate a company registration number for the party's country.

    France (or no country given and 9 or 14 digits): a SIREN (9 digits) or SIRET
    (14 digits), Luhn-checked.
    United Kingdom: a Companies House number (8 digits, or 2 letters and 6 digits).
    Other countries: kept as written (no public checksum to test).
    """
    text = number.strip()
    digits = re.sub(r"[\s.\-]", "", text)
    if country is None and not (digits.isdigit() and len(digits) in (9, 14)):
        return text  # no country and not shaped like a SIREN/SIRET: nothing to check
    if country in (None, "FR", "MC", "GP", "MQ", "GF", "RE", "YT"):
        if not digits.isdigit():
            raise BadValue(f'SIREN/SIRET "{text}" must have only digits')
        module, label = {9: (_siren, "SIREN"), 14: (_siret, "SIRET")}.get(
            len(digits), (None, "SIREN/SIRET")
        )
        if module is None:
            raise BadValue(f'SIREN/SIRET "{text}" must have 9 (SIREN) or 14 (SIRET) digits')
        try:
            return module.validate(digits)
        except ValidationError as exc:
            raise BadValue(f'{label} "{text}" {_why(exc)}') from None
    if country == "GB":
        compact = re.sub(r"\s", "", text).upper()
        if compact.isdigit() and 6 <= len(compact) < 8:
            compact = compact.zfill(8)
        if not _UK_COMPANY_RE.match(compact):
            raise BadValue(
                f'company number "{text}" is not a Companies House number '
                "(8 digits, or 2 letters and 6 digits)"
            )
        return compact
    return text


def validate_vat(number: str, country: str | None = None) -> str:
    """Validate a VAT number; the country prefix is added from ``country`` if missing."""
    text = number.strip()
    compact = re.sub(r"[\s.\-]", "", text).upper()
    if compact[:2].isdigit() and country:
        compact = ("EL" if country == "GR" else country) + compact
    try:
        return _vatin.validate(compact)
    except ValidationError as exc:
        raise BadValue(f'VAT number "{text}" {_why(exc)}') from None


def vat_siren_mismatch(vat: str, registration: str) -> bool:
    """True when a French VAT number does not embed the SIREN it is given with."""
    return vat.startswith("FR") and len(vat) == 13 and registration[:9] != vat[4:13]


def validate_iban(number: str) -> str:
    text = number.strip()
    try:
        return _iban.validate(text)
    except ValidationError as exc:
        raise BadValue(f'IBAN "{text}" {_why(exc)}') from None


def validate_bic(number: str) -> str:
    text = number.strip()
    try:
        return _bic.validate(text)
    except ValidationError as exc:
        raise BadValue(f'BIC "{text}" {_why(exc)}') from None


# ---------------------------------------------------------------- e-mail addresses

_LOCAL_RE = re.compile(r"^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$")


def email_problem(address: str) -> str | None:
    """None for an address the tool can send to, else what is wrong with it.

    The one rule of the tool, from ``email-validator`` (syntax only, no network): intake
    warns with it, the day's run holds a debtor whose address fails it, and no message is
    built for such an address. The part before the ``@`` must be ASCII (SMTPUTF8 is not
    assumed of the creditor's server). The usual address (a plain ASCII local part) has its
    domain checked once per domain, so that 100,000 rows cost little.

    >>> email_problem("compta@dupont-et-fils.example") is None
    True
    >>> email_problem("compta.dupont")
    'is not a valid email address (An email address must have an @-sign.)'
    >>> email_problem("jé@example.fr").startswith("is not a valid email address")
    True
    """
    local, at, domain = address.rpartition("@")
    if at and len(local) <= 64 and len(address) <= 254 and _LOCAL_RE.match(local):
        return _address_problem(f"a@{domain}")
    return _address_problem(address)


@lru_cache(maxsize=65536)
def _address_problem(address: str) -> str | None:
    try:
        validate_email(address, check_deliverability=False, allow_smtputf8=False)
    except EmailNotValidError as exc:
        return f"is not a valid email address ({exc})"
    return None
