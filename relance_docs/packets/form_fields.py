"""The fields of a fillable PDF form (AcroForm): their full names, types, flags, options,
page and current value, read from the field tree as pypdf leaves it.

XFA forms (dynamic, or hybrid XFA + AcroForm) and PDFs without fillable fields are
refused with a :class:`FormError`; so is a password-protected or damaged file. Filling
the fields is :mod:`.forms`' business.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pypdf import PdfReader, PdfWriter
from pypdf.generic import DictionaryObject, NameObject

from ..errors import RelanceError
from .exhibits import _reason

__all__ = ["FormError", "FormField", "form_fields", "open_form", "terminal_fields"]

# Field flags (PDF 32000-1, tables 226, 228, 230).
FF_READ_ONLY = 1 << 0
FF_RADIO = 1 << 15
FF_PUSHBUTTON = 1 << 16
FF_COMBO = 1 << 17
FF_EDIT = 1 << 18


class FormError(RelanceError):
    """A blank form cannot be used, or does not match its mapping."""

    message = "The form cannot be filled."


@dataclass(frozen=True)
class FormField:
    """One fillable field of a PDF form.

    ``type`` is the PDF field type (``/Tx`` text, ``/Btn`` button, ``/Ch`` choice,
    ``/Sig`` signature). ``options`` are a choice field's export values, or a check box's
    or radio group's "on" states (``Yes``, ``Oui``...; ``Off`` is never listed). ``page``
    counts from 1 (``None`` when no widget of the field is on a page).
    """

    name: str
    type: str
    flags: int = 0
    max_length: int | None = None
    options: tuple[str, ...] = ()
    page: int | None = None
    value: str | None = None

    @property
    def kind(self) -> str:
        """text, checkbox, radio, pushbutton, choice or signature."""
        if self.type == "/Btn":
            if self.flags & FF_PUSHBUTTON:
                return "pushbutton"
            return "radio" if self.flags & FF_RADIO else "checkbox"
        return {"/Tx": "text", "/Ch": "choice", "/Sig": "signature"}.get(self.type, self.type)


def form_fields(pdf_path: Path | str) -> list[FormField]:
    """The fillable fields of the PDF at ``pdf_path``, in the order of the form.

    Raises :class:`FormError` for an unreadable PDF, an XFA form, or a PDF without
    fillable fields.
    """
    _data, reader = open_form(Path(pdf_path))
    return [f for f, _ in terminal_fields(reader, str(pdf_path))]


def open_form(path: Path) -> tuple[bytes, PdfReader]:
    """The bytes of the PDF at ``path`` and its reader; a :class:`FormError` if unusable."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise FormError(f"{path}: file not found") from None
    except OSError as exc:
        raise FormError(f"{path}: cannot be read ({exc.strerror or exc})") from None
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise FormError(f"{path} is password-protected: it cannot be filled")
        _ = len(reader.pages)
    except FormError:
        raise
    except Exception as exc:  # any parser failure means "damaged"
        raise FormError(f"{path} is not a readable PDF ({_reason(exc)})") from None
    return data, reader


def terminal_fields(
    reader: PdfReader | PdfWriter, label: str
) -> list[tuple[FormField, DictionaryObject]]:
    """Every terminal field with its field dictionary; XFA and form-less PDFs refused."""
    acro = reader.root_object.get("/AcroForm")
    acro = acro.get_object() if acro is not None else None
    if isinstance(acro, DictionaryObject) and acro.get("/XFA") is not None:
        raise FormError(
            f"{label} is an XFA form: pypdf cannot fill it (use the plain-paper request, "
            "or a non-XFA edition of the form)"
        )
    roots = acro.get("/Fields") if isinstance(acro, DictionaryObject) else None
    roots = roots.get_object() if roots is not None else None
    pages = _widget_pages(reader)
    out: list[tuple[FormField, DictionaryObject]] = []
    seen: set[int] = set()
    for root in roots or ():
        _walk(root, "", {}, pages, out, seen)
    if not out:
        raise FormError(f"{label} has no fillable fields")
    return out


def _widget_pages(reader: PdfReader | PdfWriter) -> dict[int, int]:
    pages: dict[int, int] = {}
    for number, page in enumerate(reader.pages, 1):
        annots = page.get("/Annots")
        for ref in annots.get_object() if annots is not None else ():
            if hasattr(ref, "idnum"):
                pages.setdefault(ref.idnum, number)
    return pages


def _walk(ref, parent: str, inherited: dict, pages, out, seen) -> None:
    node = ref.get_object()
    if not isinstance(node, DictionaryObject):
        return
    idnum = getattr(ref, "idnum", None)
    if idnum is not None:
        if idnum in seen:
            return  # a loop in a damaged form
        seen.add(idnum)
    partial = node.get("/T")
    name = f"{parent}.{partial}" if parent and partial is not None else str(partial or parent)
    inherited = {
        **inherited,
        **{k: node[k] for k in ("/FT", "/Ff", "/MaxLen", "/V", "/Opt") if k in node},
    }
    kids_array = node.get("/Kids")
    kids = list(kids_array.get_object()) if kids_array is not None else []
    child_fields = [k for k in kids if "/T" in k.get_object()]
    if child_fields:
        for kid in child_fields:
            _walk(kid, name, inherited, pages, out, seen)
        return
    field_type = inherited.get("/FT")
    if field_type is None or not name:
        return  # a widget without a field, or a field without a type
    widgets = kids or [ref]
    flags = int(inherited.get("/Ff", 0))
    options: list[str] = []
    if field_type == "/Btn":
        for widget in widgets:
            appearance = widget.get_object().get("/AP", {})
            normal = appearance.get_object().get("/N", {}) if appearance else {}
            normal = normal.get_object() if normal is not None else {}
            if isinstance(normal, DictionaryObject):
                options += [str(s)[1:] for s in normal if s != "/Off" and s[1:] not in options]
    elif field_type == "/Ch":
        for option in inherited.get("/Opt", ()) or ():
            option = option.get_object()
            options.append(str(option[0] if isinstance(option, list) else option))
    max_length = inherited.get("/MaxLen")
    value = inherited.get("/V")
    page = next((pages[w.idnum] for w in widgets if getattr(w, "idnum", None) in pages), None)
    field = FormField(
        name=name,
        type=str(field_type),
        flags=flags,
        max_length=int(max_length) if max_length is not None else None,
        options=tuple(options),
        page=page,
        value=None if value is None else _text(value),
    )
    out.append((field, node))


def _text(value: Any) -> str:
    value = value.get_object() if hasattr(value, "get_object") else value
    if isinstance(value, NameObject):
        return str(value)[1:]
    if isinstance(value, list):
        return ", ".join(_text(v) for v in value)
    return str(value)
