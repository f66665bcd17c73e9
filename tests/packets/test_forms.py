"""Official forms: list the fields of a fillable PDF, load a mapping, fill the form.

The fillable PDFs are made here with reportlab's AcroForm: no official blank is shipped.
"""

from __future__ import annotations

import hashlib
import io
from pathlib import Path

import pytest
from pypdf import PdfReader, PdfWriter
from pypdf.generic import ArrayObject, DictionaryObject, NameObject, TextStringObject
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from relance_docs.errors import ConfigError, RelanceError
from relance_docs.packets.forms import (
    FormDataError,
    FormError,
    FormMappingError,
    fill_form,
    form_fields,
    load_form_mapping,
)

ROOT = Path(__file__).resolve().parents[2]

DATA = {
    "identity": {"creditor": {"name": "Atelier Dupré SARL"}, "debtor": {"name": "Bâtiments Nord"}},
    "totals": {"principal": "4 820,00 €"},
    "penalties": {"applies": True},
    "consumer": False,
}

MAPPING = """\
form: "12946"
version: "12946*02"
blank_sha256: {sha}
fields:
  creancier_nom: identity.creditor.name
  debiteur_nom: identity.debtor.name
  montant_principal: totals.principal
  mandataire: {{text: "Néant"}}
  interets: {{checked_when: penalties.applies}}
  consommateur: {{checked_when: consumer}}
"""


def make_form(path: Path, *, maxlen: int = 100) -> Path:
    """Two pages: three text fields and two check boxes (reportlab AcroForm)."""
    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    form = c.acroForm
    c.drawString(50, 800, "Requête en injonction de payer")
    form.textfield(name="creancier_nom", x=50, y=700, width=300, height=20, maxlen=maxlen)
    form.textfield(name="debiteur_nom", x=50, y=650, width=300, height=20)
    form.textfield(name="mandataire", x=50, y=600, width=300, height=20)
    form.checkbox(name="interets", x=50, y=550, buttonStyle="check")
    c.showPage()
    c.drawString(50, 800, "Sommes demandées")
    form.textfield(name="montant_principal", x=50, y=700, width=200, height=20, maxlen=20)
    form.checkbox(name="consommateur", x=50, y=650, buttonStyle="check", checked=True)
    c.showPage()
    c.save()
    return path


def write_mapping(tmp_path: Path, text: str, name: str = "12946-02.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def values(pdf: bytes) -> dict[str, object]:
    return {name: f.get("/V") for name, f in PdfReader(io.BytesIO(pdf)).get_fields().items()}


@pytest.fixture
def blank(tmp_path: Path) -> Path:
    return make_form(tmp_path / "cerfa_12946.pdf")


@pytest.fixture
def mapping(tmp_path: Path, blank: Path):
    return load_form_mapping(write_mapping(tmp_path, MAPPING.format(sha=sha(blank))))


# --------------------------------------------------------------------------- fields


def test_form_fields_lists_every_field_with_its_type_page_and_options(blank):
    fields = {f.name: f for f in form_fields(blank)}
    assert list(fields) == [
        "creancier_nom",
        "debiteur_nom",
        "mandataire",
        "interets",
        "montant_principal",
        "consommateur",
    ]
    assert fields["creancier_nom"].type == "/Tx" and fields["creancier_nom"].kind == "text"
    assert fields["creancier_nom"].page == 1
    assert fields["montant_principal"].page == 2
    assert fields["montant_principal"].max_length == 20
    box = fields["interets"]
    assert (box.type, box.kind, box.options, box.page, box.value) == (
        "/Btn", "checkbox", ("Yes",), 1, "Off"
    )  # fmt: skip
    assert fields["consommateur"].value == "Yes"


def test_a_pdf_without_a_form_has_no_fillable_fields(tmp_path):
    path = tmp_path / "plain.pdf"
    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    c.drawString(50, 800, "Pas de formulaire")
    c.showPage()
    c.save()
    with pytest.raises(FormError, match=r"plain\.pdf has no fillable fields$"):
        form_fields(path)


def test_an_xfa_form_is_refused(tmp_path, blank):
    writer = PdfWriter(clone_from=blank)
    acro = writer.root_object["/AcroForm"].get_object()
    acro[NameObject("/XFA")] = ArrayObject([TextStringObject("template")])
    path = tmp_path / "xfa.pdf"
    with open(path, "wb") as fh:
        writer.write(fh)
    with pytest.raises(FormError, match=r"xfa\.pdf is an XFA form: pypdf cannot fill it"):
        form_fields(path)


def test_not_a_pdf_is_a_form_error(tmp_path):
    path = tmp_path / "blank.pdf"
    path.write_bytes(b"%PDF-1.7\nnothing else")
    with pytest.raises(FormError, match="is not a readable PDF"):
        form_fields(path)
    with pytest.raises(FormError, match="file not found"):
        form_fields(tmp_path / "absent.pdf")


# --------------------------------------------------------------------------- filling


def test_fill_form_fills_text_fields_and_check_boxes(blank, mapping):
    pdf, warnings = fill_form(blank, mapping, DATA)
    assert warnings == []
    got = values(pdf)
    assert got["creancier_nom"] == "Atelier Dupré SARL"
    assert got["debiteur_nom"] == "Bâtiments Nord"
    assert got["montant_principal"] == "4 820,00 €"
    assert got["mandataire"] == "Néant"
    assert got["interets"] == "/Yes"
    assert got["consommateur"] == "/Off"  # was checked in the blank
    reader = PdfReader(io.BytesIO(pdf))
    assert reader.root_object["/AcroForm"]["/NeedAppearances"].value is True
    states = {
        a.get_object()["/T"]: a.get_object().get("/AS")
        for page in reader.pages
        for a in page["/Annots"]
    }
    assert states["interets"] == "/Yes" and states["consommateur"] == "/Off"
    assert len(reader.pages) == 2


def test_fill_form_takes_flat_dotted_keys_and_is_deterministic(blank, mapping):
    flat = {
        "identity.creditor.name": "Atelier Dupré SARL",
        "identity.debtor.name": "Bâtiments Nord",
        "totals.principal": "4 820,00 €",
        "penalties.applies": True,
        "consumer": None,  # None: unchecked / left empty
    }
    one, _ = fill_form(blank, mapping, flat)
    two, _ = fill_form(blank, mapping, flat)
    assert one == two
    assert values(one)["creancier_nom"] == "Atelier Dupré SARL"
    assert values(one)["consommateur"] == "/Off"


def test_a_different_blank_is_filled_with_a_warning(tmp_path, blank):
    mapping = load_form_mapping(write_mapping(tmp_path, MAPPING.format(sha="ab" * 32)))
    pdf, warnings = fill_form(blank, mapping, DATA)
    assert values(pdf)["creancier_nom"] == "Atelier Dupré SARL"
    assert len(warnings) == 1
    assert "12946*02" in warnings[0]
    assert sha(blank) in warnings[0] and "ab" * 32 in warnings[0]


def test_an_unpinned_mapping_warns(tmp_path, blank):
    mapping = load_form_mapping(write_mapping(tmp_path, MAPPING.format(sha="null")))
    _, warnings = fill_form(blank, mapping, DATA)
    assert len(warnings) == 1 and "not pinned" in warnings[0] and sha(blank) in warnings[0]


def test_a_mapped_field_missing_from_the_pdf_is_a_clear_error(tmp_path, blank):
    text = MAPPING.format(sha=sha(blank)) + "  siren: identity.creditor.siren\n  rcs: x.rcs\n"
    mapping = load_form_mapping(write_mapping(tmp_path, text))
    with pytest.raises(FormError) as exc:
        fill_form(blank, mapping, DATA)
    message = str(exc.value)
    assert "mapping 12946*02" in message
    assert "does not match this PDF" in message
    assert message.endswith("fields not found: siren, rcs")
    assert "\n" not in message


def test_a_key_missing_from_the_data_names_the_key_and_the_line(tmp_path, blank, mapping):
    data = {**DATA, "totals": {}}
    with pytest.raises(FormDataError) as exc:
        fill_form(blank, mapping, data)
    message = str(exc.value)
    assert "totals.principal" in message
    assert "12946-02.yaml:7" in message
    assert isinstance(exc.value, RelanceError)


def test_values_of_the_wrong_kind_are_errors(blank, mapping):
    with pytest.raises(
        FormDataError, match=r"12946-02.yaml:7: field 'montant_principal'.*not text"
    ):
        fill_form(blank, mapping, {**DATA, "totals": {"principal": 4820}})
    with pytest.raises(FormDataError, match=r"'penalties.applies' is str, not yes/no"):
        fill_form(blank, mapping, {**DATA, "penalties": {"applies": "oui"}})


def test_a_text_longer_than_the_field_is_an_error(blank, mapping):
    data = {**DATA, "totals": {"principal": "1" * 21}}
    with pytest.raises(FormDataError, match="has 21 characters, the field holds 20 at most"):
        fill_form(blank, mapping, data)


def test_a_check_box_state_that_does_not_exist_is_an_error(tmp_path, blank):
    text = MAPPING.format(sha=sha(blank)).replace(
        "{checked_when: penalties.applies}", '{checked_when: penalties.applies, value: "Oui"}'
    )
    mapping = load_form_mapping(write_mapping(tmp_path, text))
    with pytest.raises(FormDataError, match=r"state 'Oui' does not exist \(the PDF has: Yes\)"):
        fill_form(blank, mapping, DATA)


def test_nested_field_names_and_a_shared_partial_name(tmp_path):
    """'nom' and 'debiteur.nom': pypdf matches partial names too; each keeps its value."""
    path = tmp_path / "nested.pdf"
    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    c.acroForm.textfield(name="nom", x=50, y=700, width=200, height=20)
    c.acroForm.textfield(name="tmp", x=50, y=650, width=200, height=20, value="avant")
    c.showPage()
    c.save()
    writer = PdfWriter(clone_from=path)
    acro = writer.root_object["/AcroForm"].get_object()
    kid_ref = acro["/Fields"][1]
    kid = kid_ref.get_object()
    parent = DictionaryObject(
        {
            NameObject("/T"): TextStringObject("debiteur"),
            NameObject("/Kids"): ArrayObject([kid_ref]),
        }
    )
    parent_ref = writer._add_object(parent)
    kid[NameObject("/T")] = TextStringObject("nom")
    kid[NameObject("/Parent")] = parent_ref
    acro["/Fields"][1] = parent_ref
    with open(path, "wb") as fh:
        writer.write(fh)
    assert [f.name for f in form_fields(path)] == ["nom", "debiteur.nom"]

    mapping = load_form_mapping(
        write_mapping(
            tmp_path, 'form: "1"\nversion: "1*01"\nblank_sha256: null\nfields:\n  nom: a\n'
        )
    )
    pdf, _ = fill_form(path, mapping, {"a": "Créancier"})
    assert values(pdf) == {"nom": "Créancier", "debiteur": None, "debiteur.nom": "avant"}

    both = write_mapping(
        tmp_path,
        'form: "1"\nversion: "1*01"\nblank_sha256: null\nfields:\n  debiteur.nom: b\n  nom: a\n',
    )
    pdf, _ = fill_form(path, load_form_mapping(both), {"a": "Créancier", "b": "Débiteur"})
    got = values(pdf)
    assert (got["nom"], got["debiteur.nom"]) == ("Créancier", "Débiteur")


# --------------------------------------------------------------------------- mapping files


def test_the_example_mapping_loads_and_is_not_pinned():
    mapping = load_form_mapping(ROOT / "rules" / "forms" / "example-12946.yaml")
    assert (mapping.form, mapping.version, mapping.blank_sha256) == ("12946", "12946*02", None)
    assert "EXAMPLE" in (mapping.title or "")
    rules = {r.field: r for r in mapping.rules}
    assert rules["demandeur.denomination"].key == "identity.creditor.name"
    assert rules["mandataire.nom"].text == ""
    box = rules["sommes.interets.contractuels"]
    assert (box.checked_when, box.value) == ("penalties.applies", "Oui")
    assert box.where.endswith("example-12946.yaml:36")


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        ("  nom: creditor name\n", "5: field 'nom': 'creditor name' is not a data key"),
        ("  nom: {text: [a]}\n", "5: field 'nom': 'text' must be a text"),
        ("  nom: {value: Yes}\n", "5: field 'nom': expected a data key"),
        ("  nom: {checked_when: a, colour: red}\n", "5: field 'nom': expected a data key"),
        ("  nom: [a, b]\n", "5: field 'nom': expected a data key"),
        ("  nom:\n", "5: field 'nom': expected a data key"),
    ],
)
def test_a_bad_field_entry_is_an_error_with_its_line(tmp_path, entry, message):
    path = write_mapping(
        tmp_path, 'form: "12946"\nversion: "12946*02"\nblank_sha256: null\nfields:\n' + entry
    )
    with pytest.raises(FormMappingError) as exc:
        load_form_mapping(path)
    assert f"12946-02.yaml:{message}" in str(exc.value)
    assert isinstance(exc.value, ConfigError)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('version: "12946*02"\nblank_sha256: null\nfields: {a: b}\n', "'form' is missing"),
        (
            'form: "12946"\nversion: "12948*06"\nblank_sha256: null\nfields: {a: b}\n',
            ":2: version",
        ),
        ('form: "12946"\nversion: "12946*02"\nfields: {a: b}\n', "'blank_sha256' is missing"),
        (
            'form: "12946"\nversion: "12946*02"\nblank_sha256: abc\nfields: {a: b}\n',
            ":3: 'blank_sha256'",
        ),
        ('form: "12946"\nversion: "12946*02"\nblank_sha256: null\nfields: {}\n', ":4: 'fields'"),
        (
            'form: "1"\nversion: "1*01"\nblank_sha256: null\nfield: {a: b}\n',
            ":4: unknown key 'field'",
        ),
    ],
)
def test_a_bad_mapping_file_is_an_error_with_its_location(tmp_path, text, message):
    with pytest.raises(FormMappingError, match=r"12946-02\.yaml") as exc:
        load_form_mapping(write_mapping(tmp_path, text))
    assert message in str(exc.value)
