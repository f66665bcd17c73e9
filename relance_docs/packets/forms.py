"""Official fillable forms (AcroForm): map their fields to the data and fill them (the
fields are listed by :mod:`.form_fields`).

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
import logging
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from pypdf import PdfWriter
from pypdf.generic import NameObject

from .exhibits import _finish, _reason
from .form_fields import (  # noqa: F401 - FF_*, FormField: re-exported
    FF_COMBO,
    FF_EDIT,
    FF_PUSHBUTTON,
    FF_RADIO,
    FF_READ_ONLY,
    FormError,
    FormField,
    form_fields,
    open_form,
    terminal_fields,
)
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


class FormDataError(FormError):
    """The data lacks a value the mapping asks for, or has one of the wrong kind."""

    message = "The data does not fit the form mapping."


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
    raw, reader = open_form(blank)
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
    fields = {f.name: f for f, _ in terminal_fields(reader, str(blank))}
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
    for field, node in terminal_fields(writer, str(blank)):  # a button's value is a name
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
