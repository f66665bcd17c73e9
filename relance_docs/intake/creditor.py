"""Creditor profile: who is owed, who signs, and the legal mentions of its documents.

Loaded from a YAML file such as ``samples/creditor-fr.yaml``. Identifiers are checked
with python-stdnum (SIREN/SIRET or company number, VAT number, IBAN, BIC); every fault
is reported with its line, all at once.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..errors import BadValue, CreditorProfileError
from ..identifiers import (
    validate_bic,
    validate_iban,
    validate_registration,
    validate_vat,
    vat_siren_mismatch,
)
from ..model import CreditorProfile, PartyKind, Problem, Severity, Signatory
from ..yamlio import load_yaml
from .cells import parse_country, parse_currency, parse_language

__all__ = ["CREDITOR_KEYS", "load_creditor"]

CREDITOR_KEYS = {
    "name": "legal name, as on invoices",
    "kind": "company, trader, professional, consumer or public",
    "legal_form": "SAS, SARL, Ltd...",
    "share_capital": "as printed, e.g. '50 000 €'",
    "registration_number": "SIREN/SIRET or Companies House number",
    "registry": "e.g. 'RCS Lyon' or 'Registered in England and Wales'",
    "vat_number": "intra-EU or UK VAT number",
    "address": "street lines (a list, or one line per line)",
    "postcode": "",
    "city": "",
    "country": "ISO code (FR, GB, DE...)",
    "email": "",
    "phone": "",
    "website": "",
    "iban": "for payment instructions",
    "bic": "",
    "bank": "bank name",
    "signatory": "name and title of the person who signs",
    "legal_representative": "name and capacity (président, gérant, director) of the "
    "company's legal representative",
    "address_window": "left or right: where your envelopes have their window "
    "(default: right in France, Belgium, Luxembourg, Monaco and Switzerland, else left)",
    "default_debtor_kind": "kind of a debtor the ledger does not describe "
    "(e.g. company if you sell only to businesses)",
    "payment_terms_days": "days from invoice date to due date, for sources without "
    "a due date (FEC)",
    "language": "fr or en: letters to debtors without a language",
    "currency": "default currency of the ledger",
    "logo": "image file, relative to this profile",
}
_REQUIRED = ("name", "kind", "address", "postcode", "city", "country", "signatory")
_DEFAULT_CURRENCY = {"GB": "GBP", "CH": "CHF", "US": "USD"}
_RIGHT_WINDOW_COUNTRIES = {"FR", "BE", "LU", "MC", "CH"}


def load_creditor(path: Path | str) -> CreditorProfile:
    """Load and check a creditor profile; raise :class:`CreditorProfileError` listing
    every problem (each with its line) when it is not usable."""
    path = Path(path)
    doc = load_yaml(path, CreditorProfileError)
    data: dict[str, Any] = doc.data
    problems: list[Problem] = []

    def error(key: str, message: str, *sub: str) -> None:
        problems.append(Problem(doc.label, doc.line(key, *sub), message))

    for key in data:
        if key not in CREDITOR_KEYS:
            error(key, f"unknown setting '{key}' (settings: {', '.join(CREDITOR_KEYS)})")
    for key in _REQUIRED:
        if key not in data or data[key] is None:
            problems.append(Problem(doc.label, doc.line(key), f"'{key}' is missing"))

    def text(key: str) -> str | None:
        value = data.get(key)
        if value is None:
            return None
        if not isinstance(value, str):
            error(key, f"'{key}' must be text")
            return None
        return value.strip() or None

    # The words every document prints: text, never blank (a notice reading "envers None"
    # is worse than no notice).
    printed = {}
    for key in ("name", "postcode", "city"):
        value = data.get(key)
        if value is None:
            continue
        if not isinstance(value, str):
            error(key, f"'{key}' must be text")
        elif not value.strip():
            error(key, f"'{key}' is blank")
        else:
            printed[key] = value.strip()

    kind = None
    if text("kind"):
        try:
            kind = PartyKind(text("kind"))
        except ValueError:
            error("kind", f"kind '{data['kind']}' is not one of: {', '.join(PartyKind)}")
    country = None
    if text("country"):
        try:
            country = parse_country(text("country"))[0]
        except BadValue as exc:
            error("country", f"country {exc}")
    language = "en" if country == "GB" else "fr"
    if text("language"):
        try:
            language = parse_language(text("language"))
        except BadValue as exc:
            error("language", f"language {exc}")
    currency = _DEFAULT_CURRENCY.get(country or "", "EUR")
    if text("currency"):
        try:
            currency = parse_currency(text("currency"))
        except BadValue as exc:
            error("currency", f"currency {exc}")

    def checked(key: str, check) -> str | None:
        value = text(key)
        if value is None:
            return None
        try:
            return check(value)
        except BadValue as exc:
            error(key, str(exc))
            return value

    registration = checked("registration_number", lambda v: validate_registration(v, country))
    vat = checked("vat_number", lambda v: validate_vat(v, country))
    if vat and registration and vat_siren_mismatch(vat, registration):
        problems.append(
            Problem(
                doc.label,
                doc.line("vat_number"),
                f"VAT number {vat} does not contain the SIREN {registration[:9]}",
                severity=Severity.WARNING,
            )
        )
    iban = checked("iban", validate_iban)
    bic = checked("bic", validate_bic)

    address = data.get("address")
    if isinstance(address, str):
        lines = tuple(line.strip() for line in address.splitlines() if line.strip())
    elif isinstance(address, list) and all(isinstance(a, str) for a in address):
        lines = tuple(a.strip() for a in address if a.strip())
    else:
        lines = ()
        if address is not None:
            error("address", "address must be a list of lines")

    signatory = data.get("signatory")
    sign = None
    if (
        isinstance(signatory, dict)
        and isinstance(signatory.get("name"), str)
        and signatory["name"].strip()
    ):
        unknown = set(signatory) - {"name", "title"}
        if unknown:
            error("signatory", f"signatory has unknown keys: {', '.join(sorted(unknown))}")
        title = signatory.get("title")
        if title is not None and not isinstance(title, str):
            error("signatory", "signatory title must be text", "title")
            title = None
        sign = Signatory(name=signatory["name"].strip(), title=(title or "").strip() or None)
    elif isinstance(signatory, str) and signatory.strip():
        sign = Signatory(name=signatory.strip())
    elif signatory is not None:
        error("signatory", "signatory must give a name (and a title)")

    legal_rep = None
    rep = data.get("legal_representative")
    if isinstance(rep, dict) and isinstance(rep.get("name"), str) and rep["name"].strip():
        unknown = set(rep) - {"name", "capacity"}
        if unknown:
            error(
                "legal_representative",
                f"legal_representative has unknown keys: {', '.join(sorted(unknown))}"
                " (keys: name, capacity)",
            )
        capacity = rep.get("capacity")
        if capacity is not None and not isinstance(capacity, str):
            error("legal_representative", "legal_representative capacity must be text")
            capacity = None
        legal_rep = Signatory(name=rep["name"].strip(), title=(capacity or "").strip() or None)
    elif rep is not None:
        error("legal_representative", "legal_representative must give a name and a capacity")

    window = "right" if country in _RIGHT_WINDOW_COUNTRIES else "left"
    if text("address_window"):
        if text("address_window").lower() in {"left", "right"}:  # type: ignore[union-attr]
            window = text("address_window").lower()  # type: ignore[union-attr]
        else:
            error("address_window", "address_window must be left or right")

    default_kind = None
    if text("default_debtor_kind"):
        try:
            default_kind = PartyKind(text("default_debtor_kind"))
        except ValueError:
            error(
                "default_debtor_kind",
                f"default_debtor_kind '{data['default_debtor_kind']}' is not one of: "
                f"{', '.join(PartyKind)}",
            )

    terms = None
    if text("payment_terms_days"):
        raw_terms = text("payment_terms_days")
        if raw_terms.isdigit() and int(raw_terms) <= 365:  # type: ignore[union-attr]
            terms = int(raw_terms)  # type: ignore[arg-type]
        else:
            error(
                "payment_terms_days", "payment_terms_days must be a whole number of days (0-365)"
            )

    logo = None
    if text("logo"):
        logo = (path.parent / text("logo")).resolve()  # type: ignore[operator]
        if not logo.is_file():
            error("logo", f"logo file {text('logo')} not found (relative to {path.name})")
        elif logo.suffix.lower() not in {".png", ".jpg", ".jpeg", ".svg", ".gif"}:
            error("logo", "logo must be a PNG, JPEG, GIF or SVG image")

    if any(p.is_error for p in problems):
        first = next(p for p in problems if p.is_error)
        more = sum(p.is_error for p in problems) - 1
        suffix = f" (and {more} more problem{'s' if more > 1 else ''})" if more else ""
        raise CreditorProfileError(
            f"{first.message}{suffix}",
            location=f"{first.file}:{first.line}" if first.line else first.file,
            problems=problems,
        )
    return CreditorProfile(
        name=printed["name"],
        kind=kind,  # type: ignore[arg-type]
        country=country,  # type: ignore[arg-type]
        address_lines=lines,
        postcode=printed["postcode"],
        city=printed["city"],
        language=language,
        currency=currency,
        signatory=sign,  # type: ignore[arg-type]
        legal_form=text("legal_form"),
        share_capital=text("share_capital"),
        registration_number=registration,
        registry=text("registry"),
        vat_number=vat,
        iban=iban,
        bic=bic,
        bank=text("bank"),
        email=text("email"),
        phone=text("phone"),
        website=text("website"),
        logo=logo,
        legal_representative=legal_rep,
        address_window=window,
        default_debtor_kind=default_kind,
        payment_terms_days=terms,
        source_file=doc.label,
    )
