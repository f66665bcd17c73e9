"""Cells: reading one spreadsheet value (date, yes/no, debtor type, country, ...).

Each parser takes the cell as read (a string, or a typed value from XLSX/JSON) and
returns a Python value, or raises :class:`~relance_docs.errors.BadValue` whose message
quotes the cell; the ledger builder prefixes it with the column's header.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from decimal import Decimal
from functools import cache, lru_cache

from babel import Locale
from babel.numbers import list_currencies

from ..errors import BadAmount, BadDate, BadValue
from ..model import DocumentKind, PartyKind
from ..money import check_size, parse_amount
from .columns import normalise

__all__ = [
    "KIND_WORDS",
    "parse_bool",
    "parse_country",
    "parse_currency",
    "parse_date",
    "parse_document_type",
    "parse_kind",
    "parse_language",
    "parse_money",
]

_DMY_RE = re.compile(r"^(\d{1,2})([/.\-])(\d{1,2})\2(\d{4}|\d{2})$")
_ISO_RE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?Z?)?$")
_SERIAL_RE = re.compile(r"^\d{5}(?:\.0+)?$")
MIN_YEAR, MAX_YEAR = 1900, 2199
"""Dates outside these years are typing errors (9999 for "never"): refused when read, so
that no computation (interest, deadlines) runs off the calendar."""


def _in_range(day: date, shown: object) -> date:
    if not MIN_YEAR <= day.year <= MAX_YEAR:
        raise BadDate(f'"{shown}" is out of range (years {MIN_YEAR} to {MAX_YEAR})')
    return day


def parse_date(value: object, date_format: str | None = None) -> date:
    """Read a date: ISO ``2026-03-31``, ``31/03/2026``, ``31.03.2026``, ``31-03-2026``.

    Two-digit years are read as 20xx. Day-first only (French and British usage); a
    ``date_format`` from the mapping file overrides. Impossible dates are refused.

    >>> parse_date("29/02/2028"), parse_date("2026-01-05")
    (datetime.date(2028, 2, 29), datetime.date(2026, 1, 5))
    """
    if isinstance(value, datetime):
        return _in_range(value.date(), value.date().isoformat())
    if isinstance(value, date):
        return _in_range(value, value.isoformat())
    if isinstance(value, Decimal | int):
        raise BadDate(f'"{value}" is a number, not a date (format the column as dates)')
    return _date_from_text(str(value).strip(), date_format)


@lru_cache(maxsize=8192)
def _date_from_text(text: str, date_format: str | None) -> date:
    """Ledgers repeat the same few hundred dates: each is parsed once (errors are not
    cached, they raise again)."""
    if not text:
        raise BadDate("is empty")
    if date_format:
        try:
            parsed = datetime.strptime(text, date_format).date()
        except ValueError:
            raise BadDate(f'"{text}" does not match the date format {date_format}') from None
        return _in_range(parsed, text)
    if m := _DMY_RE.match(text):
        day, month, year = int(m.group(1)), int(m.group(3)), m.group(4)
        full_year = int(year) + 2000 if len(year) == 2 else int(year)
    elif m := _ISO_RE.match(text):
        full_year, month, day = int(m.group(1)), int(m.group(2)), int(m.group(3))
    elif _SERIAL_RE.match(text):
        raise BadDate(
            f'"{text}" looks like an Excel serial number, not a date '
            "(format the column as dates before exporting)"
        )
    else:
        raise BadDate(f'"{text}" is not a date (expected dd/mm/yyyy or yyyy-mm-dd)')
    try:
        found = date(full_year, month, day)
    except ValueError:
        raise BadDate(f'"{text}" is not a real date') from None
    return _in_range(found, text)


def parse_money(value: object, decimal: str | None = None) -> tuple[Decimal, str | None]:
    """Read an amount; typed XLSX/JSON numbers are taken as they are."""
    if value.__class__ is str:
        return parse_amount(value, decimal=decimal)  # type: ignore[arg-type]
    if isinstance(value, bool):
        raise BadAmount(f'"{value}" is not an amount')
    if isinstance(value, Decimal):
        return check_size(value), None
    if isinstance(value, int):
        return check_size(Decimal(value)), None
    if isinstance(value, float):  # pragma: no cover - readers convert floats first
        raise BadAmount("internal: float reached the parser")
    if isinstance(value, date):
        raise BadAmount(f'"{value}" is a date, not an amount')
    return parse_amount(str(value), decimal=decimal)


_TRUE = frozenset({"oui", "o", "yes", "y", "x", "1", "true", "vrai", "v", "ok"})
_FALSE = frozenset({"non", "n", "no", "0", "false", "faux", "f", "-"})


def parse_bool(value: object) -> bool | None:
    """oui/non, yes/no, x, 1/0, true/false; empty is no. None: not a yes/no word.

    >>> parse_bool("Oui"), parse_bool("x"), parse_bool(""), parse_bool("livraison incomplète")
    (True, True, False, None)
    """
    if value is None or isinstance(value, bool):
        return bool(value)
    if isinstance(value, Decimal | int):
        return value != 0 if value in (0, 1) else None
    text = normalise(str(value))
    if not text:
        return False
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    return None


# Debtor-type words, in French and English. Keys are folded with normalise().
KIND_WORDS: dict[str, PartyKind] = {
    **dict.fromkeys(
        [
            "company",
            "societe",
            "societe commerciale",
            "entreprise",
            "sa",
            "sas",
            "sasu",
            "sarl",
            "eurl",
            "snc",
            "sca",
            "selas",
            "ltd",
            "limited",
            "plc",
            "limited company",
            "gmbh",
            "ag",
            "corporation",
            "inc",
        ],
        PartyKind.COMPANY,
    ),
    **dict.fromkeys(
        [
            "trader",
            "commercant",
            "commercante",
            "artisan",
            "entrepreneur individuel",
            "ei",
            "eirl",
            "auto entrepreneur",
            "autoentrepreneur",
            "micro entrepreneur",
            "microentrepreneur",
            "micro entreprise",
            "sole trader",
            "sole proprietor",
            "self employed",
        ],
        PartyKind.TRADER,
    ),
    **dict.fromkeys(
        [
            "professional",
            "profession liberale",
            "liberal",
            "liberale",
            "professionnel liberal",
            "liberal profession",
            "association",
            "asso",
            "non commercial",
            "professionnel non commercant",
            "agriculteur",
            "exploitant agricole",
            "farmer",
            "charity",
        ],
        PartyKind.PROFESSIONAL,
    ),
    **dict.fromkeys(
        [
            "consumer",
            "particulier",
            "consommateur",
            "personne physique",
            "client particulier",
            "b2c",
            "individual",
            "private",
            "private individual",
            "private person",
        ],
        PartyKind.CONSUMER,
    ),
    **dict.fromkeys(
        [
            "public",
            "administration",
            "collectivite",
            "collectivite territoriale",
            "etablissement public",
            "public body",
            "public sector",
            "secteur public",
            "personne publique",
            "mairie",
            "commune",
            "etat",
            "hopital",
            "government",
            "local authority",
            "council",
        ],
        PartyKind.PUBLIC,
    ),
}
# Words that say "a business" without saying which kind: read as a company, with a
# warning, because the court and some rules differ for liberal professions.
VAGUE_BUSINESS_WORDS = frozenset({"pro", "professionnel", "professionnelle", "b2b", "business"})


def parse_kind(value: object, extra: dict[str, PartyKind] | None = None) -> PartyKind:
    """Read a debtor type word (société, particulier, administration, sole trader, ...)."""
    text = normalise(str(value))
    if extra and text in extra:
        return extra[text]
    if text in KIND_WORDS:
        return KIND_WORDS[text]
    if text in VAGUE_BUSINESS_WORDS:
        return PartyKind.COMPANY
    raise BadValue(
        f'"{value}" is not a debtor type (use société, commerçant, profession libérale, '
        "particulier or administration; or company, sole trader, professional, consumer "
        "or public)"
    )


_CREDIT_NOTE_WORDS = frozenset(
    {"avoir", "av", "credit note", "credit", "cn", "note de credit", "credit memo", "a"}
)
_INVOICE_WORDS = frozenset({"facture", "fa", "f", "invoice", "inv", "fac", "i", "debit"})


def parse_document_type(value: object) -> DocumentKind:
    """Facture/Avoir, Invoice/Credit note; empty means an invoice."""
    text = normalise(str(value or ""))
    if not text or text in _INVOICE_WORDS:
        return DocumentKind.INVOICE
    if text in _CREDIT_NOTE_WORDS:
        return DocumentKind.CREDIT_NOTE
    raise BadValue(
        f'"{value}" is not a document type (use Facture or Avoir, Invoice or Credit note)'
    )


_LANGUAGES = {
    **dict.fromkeys(["fr", "fra", "fre", "francais", "french", "francaise"], "fr"),
    **dict.fromkeys(["en", "eng", "anglais", "english", "gb", "uk", "en gb"], "en"),
}


def parse_language(value: object) -> str:
    text = normalise(str(value))
    if text in _LANGUAGES:
        return _LANGUAGES[text]
    raise BadValue(f'"{value}" is not a supported letter language (fr or en)')


# UK nations: the country is GB; the nation is kept as a subdivision (its bank holidays
# differ: holidays' GB subdivisions ENG, WLS, SCT, NIR).
_UK_NATIONS = {
    "england": "ENG",
    "angleterre": "ENG",
    "wales": "WLS",
    "pays de galles": "WLS",
    "scotland": "SCT",
    "ecosse": "SCT",
    "northern ireland": "NIR",
    "irlande du nord": "NIR",
}
_COUNTRY_EXTRA = {
    "uk": "GB",
    "u k": "GB",
    "royaume uni": "GB",
    "great britain": "GB",
    "grande bretagne": "GB",
    "united kingdom": "GB",
    "fra": "FR",
    "deu": "DE",
    "allemagne": "DE",
    "germany": "DE",
    "deutschland": "DE",
    "gbr": "GB",
}


@cache
def _country_names() -> dict[str, str]:
    names: dict[str, str] = {}
    for lang in ("en", "fr", "de"):
        for code, name in Locale.parse(lang).territories.items():
            if len(code) == 2 and code.isalpha():
                names.setdefault(normalise(name), code)
    names.update(_COUNTRY_EXTRA)
    return names


def parse_country(value: object) -> tuple[str, str | None]:
    """Country name or ISO code -> (alpha-2 code, UK nation or None).

    >>> parse_country("France"), parse_country("Écosse"), parse_country("de")
    (('FR', None), ('GB', 'SCT'), ('DE', None))
    """
    text = normalise(str(value))
    if text in _UK_NATIONS:
        return "GB", _UK_NATIONS[text]
    if len(text) == 2 and text.isalpha():
        code = text.upper()
        if code == "UK":
            return "GB", None
        if code in Locale.parse("en").territories:
            return code, None
    if text in _country_names():
        return _country_names()[text], None
    raise BadValue(f'"{value}" is not a country (use a name or an ISO code such as FR, GB, DE)')


_CURRENCY_WORDS = {
    "€": "EUR",
    "euro": "EUR",
    "euros": "EUR",
    "£": "GBP",
    "livre": "GBP",
    "livres": "GBP",
    "livre sterling": "GBP",
    "sterling": "GBP",
    "pound": "GBP",
    "pounds": "GBP",
    "$": "USD",
    "dollar": "USD",
    "dollars": "USD",
}


@cache
def _currencies() -> frozenset[str]:
    return frozenset(list_currencies())


def parse_currency(value: object) -> str:
    """ISO 4217 code (or €, £, euro, sterling...)."""
    raw = str(value).strip()
    if raw in _CURRENCY_WORDS:
        return _CURRENCY_WORDS[raw]
    text = normalise(raw)
    if text in _CURRENCY_WORDS:
        return _CURRENCY_WORDS[text]
    code = raw.upper()
    if len(code) == 3 and code in _currencies():
        return code
    raise BadValue(f'"{raw}" is not a known currency (use an ISO code such as EUR or GBP)')
