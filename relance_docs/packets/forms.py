"""Official fillable forms (AcroForm): list their fields, map them to the data, fill them.

No official blank is shipped (shared/research/forms.md §0): the user downloads it. A
mapping file (``rules/forms/*.yaml``, format in ``rules/forms/README.md``) is pinned to
one form version (``12946*02``) and to the sha256 of the blank it was written for. A
different blank still gets filled, with a warning, as long as every mapped field exists
in it; otherwise the fill is refused and the missing names are listed.

XFA forms (dynamic, or hybrid XFA + AcroForm) cannot be filled with pypdf: they are
refused, and the plain-paper request remains. The filled form stays editable (it is
not flattened), so the user can review it before signing it in their own name.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import logging
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pypdf import PdfReader, PdfWriter
from pypdf.generic import DictionaryObject, NameObject

from ..errors import RelanceError
from .exhibits import _finish
from .forms_mapping import FieldRule, FormMapping, FormMappingError, load_form_mapping

__all__ = [
    "FieldRule",
    "FormDataError",
    "FormError",
    "FormField",
    "FormMapping",
    "FormMappingError",
    "fill_form",
    "form_fields",
    "load_form_mapping",
]

# Field flags (PDF 32000-1, tables 226, 228, 230).
FF_READ_ONLY = 1 << 0
FF_RADIO = 1 << 15
FF_PUSHBUTTON = 1 << 16
FF_COMBO = 1 << 17
FF_EDIT = 1 << 18


class FormError(RelanceError):
    """A blank form cannot be used, or does not match its mapping."""

    message = "The form cannot be filled."


class FormDataError(FormError):
    """The data lacks a value the mapping asks for, or has one of the wrong kind."""

    message = "The data does not fit the form mapping."


# --------------------------------------------------------------------------- fields


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
    _data, reader = _open(Path(pdf_path))
    return [f for f, _ in _fields(reader, str(pdf_path))]


def _open(path: Path) -> tuple[bytes, PdfReader]:
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


def _fields(reader: PdfReader | PdfWriter, label: str) -> list[tuple[FormField, DictionaryObject]]:
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


# --------------------------------------------------------------------------- mapping


_MISSING = object()


def fill_form(blank: Path | str, mapping: FormMapping, data: Mapping) -> tuple[bytes, list[str]]:
    """Fill ``blank`` with ``data`` as ``mapping`` says; the PDF bytes and the warnings.

    ``data`` holds text already formatted (``"1 234,56 €"``), booleans for check boxes,
    or ``None`` for "leave empty / unchecked"; a key is a dotted path into nested
    dicts, or a flat dotted key. Raises :class:`FormError` when the blank lacks a mapped
    field (all missing names listed), :class:`FormDataError` for missing keys or values
    of the wrong kind (with the mapping file's line).
    """
    blank = Path(blank)
    raw, reader = _open(blank)
    warnings: list[str] = []
    digest = hashlib.sha256(raw).hexdigest()
    if mapping.blank_sha256 is None:
        warnings.append(
            f"mapping {mapping.version} ({mapping.path}) is not pinned to a blank "
            f"(blank_sha256: null); {blank.name} has sha256 {digest}: check the filled form"
        )
    elif digest != mapping.blank_sha256:
        warnings.append(
            f"{blank.name} is not the blank mapping {mapping.version} was written for: its "
            f"sha256 is {digest}, the mapping expects {mapping.blank_sha256}; all the mapped "
            "fields exist, but check the filled form"
        )
    fields = {f.name: f for f, _ in _fields(reader, str(blank))}
    missing = [r.field for r in mapping.rules if r.field not in fields]
    if missing:
        raise FormError(
            f"mapping {mapping.version} ({mapping.path}) does not match this PDF ({blank}): "
            f"fields not found: {', '.join(missing)}"
        )
    values, problems = _values(mapping, fields, data)
    if problems:
        head = f"form {mapping.version}: " if len(problems) > 1 else ""
        raise FormDataError(head + "; ".join(problems))

    # The standard fonts of a form (WinAnsiEncoding) have no narrow no-break space: the
    # amounts would print "16?575,00 €". Plain spaces read the same on a form.
    values = {k: v.replace("\u202f", " ").replace("\u00a0", " ") for k, v in values.items()}
    writer = PdfWriter(clone_from=reader)
    # pypdf also fills a field whose partial name (/T) equals a given name: give the
    # deeper names last, and put back the fields touched by mistake.
    ordered = dict(sorted(values.items(), key=lambda item: item[0].count(".")))
    by_partial = {n: [m for m in fields if m.rsplit(".", 1)[-1] == n and m != n] for n in values}
    collateral = {
        other: _current(fields[other])
        for name, others in by_partial.items()
        if "." not in name
        for other in others
        if other not in values
    }
    try:
        with _pypdf_warnings(warnings, blank.name):
            writer.update_page_form_field_values(None, ordered, auto_regenerate=True)
            if collateral:
                writer.update_page_form_field_values(None, collateral, auto_regenerate=True)
    except Exception as exc:  # pypdf errors on odd forms
        raise FormError(f"{blank}: pypdf could not fill the form ({_reason(exc)})") from None
    writer.set_need_appearances_writer(True)
    filled = {**ordered, **collateral}
    for field, node in _fields(writer, str(blank)):  # a button's value is a name
        if field.type == "/Btn" and field.name in filled:
            node[NameObject("/V")] = NameObject(filled[field.name])
    return _finish(writer), warnings


@contextlib.contextmanager
def _pypdf_warnings(warnings: list[str], name: str):
    """pypdf's log messages while filling (a character the form's font cannot show...)
    become warnings of the packet, one line each, instead of lines on the terminal."""
    logger = logging.getLogger("pypdf")

    class _Keep(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            text = " ".join(record.getMessage().split())
            line = f"{name}: {text}"
            if line not in warnings:
                warnings.append(line)

    handler = _Keep(logging.WARNING)
    propagate = logger.propagate
    logger.addHandler(handler)
    logger.propagate = False
    try:
        yield
    finally:
        logger.removeHandler(handler)
        logger.propagate = propagate


def _current(field: FormField) -> str:
    if field.type == "/Btn":
        return "/" + (field.value or "Off")
    return field.value or ""


def _values(
    mapping: FormMapping, fields: dict[str, FormField], data: Mapping
) -> tuple[dict[str, str], list[str]]:
    """The value to give each mapped field, and the problems found (one per rule)."""
    values: dict[str, str] = {}
    missing: list[str] = []
    problems: list[str] = []
    for rule in mapping.rules:
        field = fields[rule.field]
        say = f"{rule.where}: field '{rule.field}'"
        if field.kind in ("signature", "pushbutton"):
            problems.append(f"{say} is a {field.kind}: it cannot be filled")
            continue
        if rule.text is not None:
            raw: Any = rule.text
        else:
            assert rule.data_key is not None
            raw = _lookup(data, rule.data_key)
            if raw is _MISSING:
                missing.append(f"{rule.data_key} ({rule.where})")
                continue
        if field.type == "/Btn":
            value, problem = _button(rule, field, raw)
        else:
            value, problem = _textual(rule, field, raw)
        if problem:
            problems.append(f"{say}: {problem}")
        else:
            values[rule.field] = value
    if missing:
        problems.insert(0, f"form {mapping.version}: missing in the data: {', '.join(missing)}")
    return values, problems


def _button(rule: FieldRule, field: FormField, raw: Any) -> tuple[str, str | None]:
    if rule.text is not None:
        return "", f"is a {field.kind}: map it with checked_when, not text"
    if isinstance(raw, str) and rule.checked_when is None:
        if raw.removeprefix("/") in (*field.options, "Off"):
            return "/" + raw.removeprefix("/"), None  # a radio group's choice, by name
        return "", f"'{rule.key}' is '{raw}', not one of {', '.join(field.options)} or Off"
    if raw is not None and not isinstance(raw, bool):
        return "", f"'{rule.data_key}' is {type(raw).__name__}, not yes/no"
    if not raw:
        return "/Off", None
    if rule.value is not None:
        if rule.value not in field.options:
            return "", (
                f"state '{rule.value}' does not exist (the PDF has: "
                f"{', '.join(field.options) or 'none'})"
            )
        return "/" + rule.value, None
    if len(field.options) != 1:
        return "", (
            f"has {len(field.options)} states ({', '.join(field.options)}): say which one "
            "with 'value:'"
        )
    return "/" + field.options[0], None


def _textual(rule: FieldRule, field: FormField, raw: Any) -> tuple[str, str | None]:
    if rule.checked_when is not None:
        return "", f"is a {field.kind} field, not a check box: map it to a data key"
    if raw is None:
        return "", None
    if isinstance(raw, bool):
        return "", f"'{rule.key}' is yes/no, the field takes text"
    if not isinstance(raw, str):
        return "", f"'{rule.key}' is {type(raw).__name__}, not text (format it first)"
    if field.max_length is not None and len(raw) > field.max_length:
        return "", (
            f"'{raw}' has {len(raw)} characters, the field holds {field.max_length} at most"
        )
    if (
        field.type == "/Ch"
        and field.options
        and not field.flags & FF_EDIT
        and raw
        and raw not in field.options
    ):
        return "", f"'{raw}' is not one of its options ({', '.join(field.options)})"
    return raw, None


def _lookup(data: Any, key: str) -> Any:
    """``data[key]`` for a flat dotted key, else the path through nested dicts and lists."""
    return _resolve(data, key.split("."))


def _resolve(obj: Any, parts: list[str]) -> Any:
    if not parts:
        return obj
    if isinstance(obj, Mapping):
        for n in range(len(parts), 0, -1):  # the longest flat key first
            key = ".".join(parts[:n])
            if key in obj:
                found = _resolve(obj[key], parts[n:])
                if found is not _MISSING:
                    return found
        return _MISSING
    if isinstance(obj, list | tuple) and parts[0].isdigit() and int(parts[0]) < len(obj):
        return _resolve(obj[int(parts[0])], parts[1:])
    return _MISSING


def _reason(exc: BaseException) -> str:
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text if len(text) <= 120 else text[:117] + "..."
