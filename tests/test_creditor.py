"""Creditor profiles: what a letter's header and footer will be built from."""

from pathlib import Path

import pytest

from relance_docs.errors import CreditorProfileError
from relance_docs.intake import load_creditor
from relance_docs.model import PartyKind, Signatory

from .conftest import SAMPLES


def test_french_sample_profile():
    c = load_creditor(SAMPLES / "creditor-fr.yaml")
    assert c.name == "Ateliers Mécaniques du Rhône SAS"
    assert (c.kind, c.country, c.language, c.currency) == (PartyKind.COMPANY, "FR", "fr", "EUR")
    assert c.registration_number == "336585906"
    # FR VAT key 49 = (12 + 3 * (336585906 % 97)) % 97, and the number embeds the SIREN.
    assert c.vat_number == "FR49336585906"
    assert c.iban == "FR7630004008250001048271917"  # compacted by python-stdnum
    assert c.signatory.name == "Sophie Garnier"
    assert c.address_lines == ("48 rue Pré-Gaudry", "Bâtiment C")


def test_english_sample_profile():
    c = load_creditor(SAMPLES / "creditor-uk.yaml")
    assert (c.country, c.language, c.currency) == ("GB", "en", "GBP")
    assert c.registry == "Registered in England and Wales"


MINIMAL = """\
name: "Alpha SAS"
kind: company
address: ["1 rue A"]
postcode: "69001"
city: Lyon
country: FR
signatory: {name: "Ana Roy", title: "Gérante"}
"""


def _load(tmp_path: Path, text: str):
    path = tmp_path / "creditor.yaml"
    path.write_text(text, encoding="utf-8")
    return load_creditor(path)


def test_defaults_follow_the_country(tmp_path):
    c = _load(tmp_path, MINIMAL)
    assert (c.language, c.currency) == ("fr", "EUR")
    gb = _load(
        tmp_path, MINIMAL.replace("country: FR", "country: GB").replace('"69001"', '"BS1 4DJ"')
    )
    assert (gb.language, gb.currency) == ("en", "GBP")


@pytest.mark.parametrize(
    ("extra", "expected"),
    [
        ('registration_number: "336585907"\n', ':8: SIREN "336585907" has an invalid checksum'),
        (
            'vat_number: "FR48336585906"\n',
            ':8: VAT number "FR48336585906" has an invalid checksum',
        ),
        (
            'iban: "FR7630004008250001048271918"\n',
            ':8: IBAN "FR7630004008250001048271918" has an invalid checksum',
        ),
        ('bic: "BNPA"\n', ':8: BIC "BNPA" has the wrong number of characters'),
        ("signatry: Ana\n", ":8: unknown setting 'signatry'"),
        ("logo: logo.png\n", ":8: logo file logo.png not found"),
    ],
)
def test_each_fault_says_where(tmp_path, extra, expected):
    with pytest.raises(CreditorProfileError) as info:
        _load(tmp_path, MINIMAL + extra)  # the extra key is on line 8
    assert str(info.value).split("creditor.yaml", 1)[1].startswith(expected)


def test_kind_must_be_one_of_the_five(tmp_path):
    with pytest.raises(CreditorProfileError) as info:
        _load(tmp_path, MINIMAL.replace("kind: company", "kind: société"))
    assert str(info.value).split("creditor.yaml", 1)[1] == (
        ":2: kind 'société' is not one of: company, trader, professional, consumer, public"
    )


def test_missing_keys_and_several_faults(tmp_path):
    with pytest.raises(CreditorProfileError) as info:
        _load(tmp_path, 'name: "Alpha"\niban: "XX"\n')
    problems = [p.message for p in info.value.problems]
    assert "'kind' is missing" in problems
    assert "'signatory' is missing" in problems
    assert "(and " in str(info.value)


def test_missing_file_and_bad_yaml(tmp_path):
    with pytest.raises(CreditorProfileError, match="file not found"):
        load_creditor(tmp_path / "absent.yaml")
    with pytest.raises(CreditorProfileError, match=r"creditor.yaml:2: invalid YAML"):
        _load(tmp_path, "name: a\n  bad: [\n")


def test_profile_settings_for_documents_and_intake(tmp_path):
    """The legal representative is its own field, never the signatory; the envelope
    window defaults from the country; the default debtor kind and payment terms."""
    fr = load_creditor(SAMPLES / "creditor-fr.yaml")
    assert fr.legal_representative == Signatory("Bertrand Lacombe", "Président")
    assert fr.signatory.title == "Responsable du recouvrement"
    assert fr.address_window == "right"
    uk = load_creditor(SAMPLES / "creditor-uk.yaml")
    assert uk.address_window == "left"
    assert uk.default_debtor_kind is None and uk.payment_terms_days is None

    text = (SAMPLES / "creditor-fr.yaml").read_text(encoding="utf-8")
    custom = tmp_path / "c.yaml"
    custom.write_text(
        text + "address_window: left\ndefault_debtor_kind: company\npayment_terms_days: 45\n",
        encoding="utf-8",
    )
    profile = load_creditor(custom)
    assert profile.address_window == "left"
    assert profile.default_debtor_kind is PartyKind.COMPANY
    assert profile.payment_terms_days == 45

    custom.write_text(text + "address_window: middle\n", encoding="utf-8")
    with pytest.raises(CreditorProfileError, match="address_window must be left or right"):
        load_creditor(custom)
    custom.write_text(text + "default_debtor_kind: person\n", encoding="utf-8")
    with pytest.raises(CreditorProfileError, match="default_debtor_kind 'person'"):
        load_creditor(custom)
