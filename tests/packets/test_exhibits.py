"""Exhibits: reading scans and PDFs, stamping every page, combining with an outline."""

from __future__ import annotations

import io
import re

import pytest
from PIL import Image
from pypdf import PdfReader, PdfWriter
from pypdf.generic import RectangleObject
from reportlab.lib.pagesizes import A4, letter
from reportlab.pdfgen import canvas

from relance_docs.errors import RelanceError
from relance_docs.packets.exhibits import (
    ExhibitError,
    Part,
    check_exhibits,
    combine,
    page_count,
    read_exhibit,
    stamp,
)

LABEL = "Pièce n° {n} - page {i}/{total}"


def make_pdf(pages: int, size=A4, text: str = "Body") -> bytes:
    out = io.BytesIO()
    c = canvas.Canvas(out, pagesize=size, invariant=1)
    for n in range(1, pages + 1):
        c.drawString(72, 400, f"{text} {n}")
        c.showPage()
    c.save()
    return out.getvalue()


def reader(pdf: bytes) -> PdfReader:
    return PdfReader(io.BytesIO(pdf))


def one_line(exc: pytest.ExceptionInfo) -> str:
    text = str(exc.value)
    assert "\n" not in text
    return text


# --------------------------------------------------------------------------- reading


@pytest.mark.parametrize(
    ("name", "mode", "size", "landscape"),
    [
        ("scan.png", "RGB", (850, 1100), False),
        ("scan.jpg", "RGB", (1100, 850), True),
        ("grey.jpeg", "L", (600, 900), False),
        ("alpha.png", "RGBA", (400, 300), True),
        ("bw.png", "1", (300, 500), False),
        ("deep.png", "I;16", (300, 400), False),
        ("palette.png", "P", (500, 400), True),
    ],
)
def test_an_image_becomes_a_one_page_a4_pdf(tmp_path, name, mode, size, landscape):
    path = tmp_path / name
    Image.new(mode, size, {"1": 1, "I;16": 40000, "P": 3}.get(mode, "white")).save(path)
    pdf = read_exhibit(path)
    r = reader(pdf)
    assert len(r.pages) == 1
    box = r.pages[0].mediabox
    width, height = float(box.width), float(box.height)
    expected = (841.89, 595.276) if landscape else (595.276, 841.89)
    assert (round(width, 1), round(height, 1)) == (round(expected[0], 1), round(expected[1], 1))
    image = r.pages[0].images[0]
    assert image.image.size == size  # the picture itself, not resampled
    assert read_exhibit(path) == pdf  # deterministic
    assert r.trailer["/ID"][0] == r.trailer["/ID"][1]


def test_a_jpeg_keeps_its_bytes_and_fits_within_the_margins(tmp_path):
    path = tmp_path / "photo.jpg"
    Image.new("RGB", (2000, 1000), (10, 20, 200)).save(path, quality=80)
    pdf = read_exhibit(path)
    assert path.read_bytes() in pdf  # embedded as is (DCTDecode), not recompressed
    content = reader(pdf).pages[0].get_contents().get_data().decode()
    w, _, _, h, x, y = (float(v) for v in content.split()[1:7])
    assert w / h == pytest.approx(2.0, rel=1e-3)  # aspect ratio kept
    assert x >= 42.5 and y >= 42.5 and x + w <= 841.89 - 42.5 + 0.01


def test_a_jpeg_turned_by_exif_is_shown_upright(tmp_path):
    path = tmp_path / "phone.jpg"
    exif = Image.Exif()
    exif[0x0112] = 6  # rotate 90° clockwise to display
    Image.new("RGB", (1200, 800), "white").save(path, exif=exif)
    r = reader(read_exhibit(path))
    assert r.pages[0].images[0].image.size == (800, 1200)
    assert r.pages[0].mediabox.height > r.pages[0].mediabox.width


def test_a_pdf_is_returned_as_it_is(tmp_path):
    pdf = make_pdf(2)
    path = tmp_path / "facture.pdf"
    path.write_bytes(pdf)
    assert read_exhibit(path) == pdf
    assert page_count(pdf) == 2


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("notes.txt", b"hello", "notes.txt: not a PDF, JPEG or PNG"),
        ("scan.heic", b"\x00\x00\x00\x18ftypheic", "scan.heic: not a PDF, JPEG or PNG"),
        ("empty.pdf", b"", "empty.pdf: the file is empty"),
        ("fake.png", b"\x89PNG\r\n\x1a\nnot really", "fake.png: the image cannot be read"),
    ],
)
def test_unusable_files_are_one_line_errors(tmp_path, name, content, message):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(ExhibitError) as exc:
        read_exhibit(path)
    assert message in one_line(exc)
    assert one_line(exc).startswith("exhibit ")


def test_a_missing_file_is_a_one_line_error(tmp_path):
    with pytest.raises(ExhibitError) as exc:
        read_exhibit(tmp_path / "absent.pdf")
    assert "absent.pdf: file not found" in one_line(exc)


def test_a_truncated_pdf_is_a_one_line_error(tmp_path):
    pdf = make_pdf(3)
    path = tmp_path / "cut.pdf"
    path.write_bytes(pdf[: len(pdf) // 2])
    with pytest.raises(ExhibitError) as exc:
        read_exhibit(path)
    assert "cut.pdf: not a readable PDF" in one_line(exc)


def test_a_truncated_jpeg_is_a_one_line_error(tmp_path):
    path = tmp_path / "cut.jpg"
    Image.effect_noise((400, 400), 50).convert("RGB").save(path)
    path.write_bytes(path.read_bytes()[:2000])
    with pytest.raises(ExhibitError) as exc:
        read_exhibit(path)
    assert "cut.jpg: the image cannot be read" in one_line(exc)


def test_an_encrypted_pdf_is_refused(tmp_path):
    writer = PdfWriter(clone_from=reader(make_pdf(1)))
    writer.encrypt("secret", algorithm="RC4-128")
    path = tmp_path / "locked.pdf"
    with open(path, "wb") as fh:
        writer.write(fh)
    with pytest.raises(ExhibitError, match=r"locked\.pdf: the PDF is encrypted"):
        read_exhibit(path)


def test_check_exhibits_reads_all_first_and_names_every_bad_file(tmp_path):
    good = tmp_path / "a.pdf"
    good.write_bytes(make_pdf(1))
    (tmp_path / "b.txt").write_text("x")
    with pytest.raises(ExhibitError) as exc:
        check_exhibits([good, tmp_path / "b.txt", tmp_path / "c.pdf"])
    text = one_line(exc)
    assert text.startswith("2 exhibits cannot be used")
    assert "b.txt: not a PDF, JPEG or PNG" in text and "c.pdf: file not found" in text
    png = tmp_path / "d.png"
    Image.new("RGB", (10, 10)).save(png)
    pdfs = check_exhibits([good, png])
    assert [page_count(p) for p in pdfs] == [1, 1]
    assert isinstance(exc.value, RelanceError)


# --------------------------------------------------------------------------- stamping


def test_stamp_numbers_every_page_with_extractable_text():
    pdf = stamp(make_pdf(2), lambda i, total: LABEL.format(n=2, i=i, total=total))
    r = reader(pdf)
    first, second = (page.extract_text() for page in r.pages)
    assert "Pièce n° 2 - page 1/2" in first and "page 2/2" not in first
    assert "Pièce n° 2 - page 2/2" in second and "page 1/2" not in second
    assert "Body 1" in first and "Body 2" in second  # the page itself is kept


def test_stamp_is_deterministic_and_keeps_the_page_size():
    source = make_pdf(1, size=letter)
    one = stamp(source, lambda i, t: "Exhibit 1 - page 1/1 €")
    assert one == stamp(source, lambda i, t: "Exhibit 1 - page 1/1 €")
    r = reader(one)
    assert tuple(r.pages[0].mediabox) == (0, 0, 612, 792)
    assert "Exhibit 1 - page 1/1 €" in r.pages[0].extract_text()


def _stamp_position(pdf: bytes) -> tuple[list[float], float, float]:
    """(cm matrix, x, y of the text) of the stamp on the first page."""
    data = reader(pdf).pages[0].get_contents().get_data().decode("latin-1")
    found = re.search(
        r"((?:\S+\s+){6})cm\s+BT\s+/RelanceStamp\s+\S+\s+Tf\s+0 g\s+1 0 0 1 (\S+) (\S+) Tm",
        data,
    )
    assert found, data
    return [float(v) for v in found[1].split()], float(found[2]), float(found[3])


def test_the_stamp_sits_in_the_top_right_corner_of_a_box_off_the_origin():
    writer = PdfWriter(clone_from=reader(make_pdf(1)))
    page = writer.pages[0]
    page.mediabox = RectangleObject([100, 200, 100 + 595, 200 + 842])
    page.cropbox = RectangleObject([100, 200, 100 + 595, 200 + 842])
    out = io.BytesIO()
    writer.write(out)
    cm, x, y = _stamp_position(stamp(out.getvalue(), lambda i, t: "Pièce n° 1 - page 1/1"))
    assert cm == [1, 0, 0, 1, 100, 200]
    assert 595 - 28.35 - 120 < x < 595 - 28.35 - 40  # right-aligned near the right edge
    assert 842 - 30 < y < 842


def test_the_stamp_follows_a_rotated_page():
    writer = PdfWriter(clone_from=reader(make_pdf(1)))
    writer.pages[0].rotation = 90
    out = io.BytesIO()
    writer.write(out)
    stamped = stamp(out.getvalue(), lambda i, t: "Pièce n° 1 - page 1/1")
    cm, _, y = _stamp_position(stamped)
    assert cm == [0, 1, -1, 0, pytest.approx(595.2756, abs=0.01), 0]
    assert 595 - 30 < y < 595  # the displayed page is 842 wide, 595 high
    assert "Pièce n° 1 - page 1/1" in reader(stamped).pages[0].extract_text()


# --------------------------------------------------------------------------- combining


def _outline(r: PdfReader, items=None, depth=0) -> list[tuple[int, str, int]]:
    out = []
    for item in r.outline if items is None else items:
        if isinstance(item, list):
            out += _outline(r, item, depth + 1)
        else:
            out.append((depth, item.title, r.get_destination_page_number(item)))
    return out


def _parts(exhibit_one: bytes, exhibit_two: bytes) -> list[Part]:
    return [
        Part("Requête en injonction de payer", make_pdf(2, text="Requete")),
        Part("Bordereau des pièces", make_pdf(1, text="Bordereau")),
        Part(
            "Pièces",
            exhibit_one,
            [
                Part("Pièce n° 1 - Facture FA-2026-0067", exhibit_one),
                Part("Pièce n° 2 - Relance", exhibit_two),
            ],
        ),
    ]


def test_combine_concatenates_and_bookmarks_every_part(tmp_path):
    png = tmp_path / "relance.png"
    Image.new("RGB", (850, 1100), "white").save(png)
    one = stamp(make_pdf(2, text="Facture"), lambda i, t: LABEL.format(n=1, i=i, total=t))
    two = stamp(read_exhibit(png), lambda i, t: LABEL.format(n=2, i=i, total=t))
    pdf = combine(_parts(one, two))
    r = reader(pdf)
    assert len(r.pages) == page_count(pdf) == 2 + 1 + 2 + 1
    assert _outline(r) == [
        (0, "Requête en injonction de payer", 0),
        (0, "Bordereau des pièces", 2),
        (0, "Pièces", 3),
        (1, "Pièce n° 1 - Facture FA-2026-0067", 3),
        (1, "Pièce n° 2 - Relance", 5),
    ]
    texts = [page.extract_text() for page in r.pages]
    assert "Requete 1" in texts[0] and "Bordereau 1" in texts[2]
    assert "Pièce n° 1 - page 2/2" in texts[4] and "Pièce n° 2 - page 1/1" in texts[5]
    assert r.page_mode == "/UseOutlines"
    assert combine(_parts(one, two)) == pdf  # same inputs, same bytes


def test_combine_keeps_the_fields_of_a_filled_form():
    out = io.BytesIO()
    c = canvas.Canvas(out, pagesize=A4, invariant=1)
    c.acroForm.textfield(name="nom", x=50, y=700, width=200, height=20, value="Dupont")
    c.showPage()
    c.save()
    pdf = combine([Part("Lettre", make_pdf(1)), Part("Formulaire", out.getvalue())])
    fields = reader(pdf).get_fields()
    assert fields["nom"]["/V"] == "Dupont"


def test_combine_refuses_a_part_without_pages():
    with pytest.raises(RelanceError, match="part 'Vide' has no pages"):
        combine([Part("Vide", b"")])
    with pytest.raises(RelanceError, match="part 'Cassé': not a readable PDF"):
        combine([Part("Cassé", b"%PDF-1.4 garbage")])
