"""Form mappings (``rules/forms/*.yaml``): which data key fills which field of a form.

Format in ``rules/forms/README.md``; read by :func:`load_form_mapping`, every fault
reported with the file and line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import ConfigError
from ..yamlio import load_yaml

__all__ = ["FieldRule", "FormMapping", "FormMappingError", "load_form_mapping"]

_KEY = re.compile(r"^[A-Za-z_][\w-]*(\.[\w-]+)*$")
_SHA256 = re.compile(r"^[0-9a-fA-F]{64}$")
_TOP_KEYS = ("form", "version", "blank_sha256", "title", "source", "fields")


class FormMappingError(ConfigError):
    """A form mapping file (rules/forms/*.yaml) is invalid."""

    message = "The form mapping is invalid."


@dataclass(frozen=True)
class FieldRule:
    """How one PDF field is filled: from a data key, a fixed text, or a yes/no key."""

    field: str  # the fully qualified PDF field name
    key: str | None = None  # a data key path (text, or yes/no for a check box)
    text: str | None = None  # a fixed text
    checked_when: str | None = None  # a yes/no data key path
    value: str | None = None  # the state to set when checked (default: the only one)
    where: str = ""  # "file:line" of the rule in the mapping

    @property
    def data_key(self) -> str | None:
        return self.key or self.checked_when


@dataclass(frozen=True)
class FormMapping:
    """A mapping file: a form version, the sha256 of its blank, the field rules."""

    form: str
    version: str
    blank_sha256: str | None
    rules: tuple[FieldRule, ...]
    path: str
    title: str | None = None
    source: str | None = None


def load_form_mapping(path: Path | str) -> FormMapping:
    """Read and check a mapping file; :class:`FormMappingError` with file:line if bad."""
    doc = load_yaml(Path(path), FormMappingError)
    data = doc.data
    for key in data:
        if key not in _TOP_KEYS:
            raise FormMappingError(
                f"unknown key '{key}' (expected: {', '.join(_TOP_KEYS)})", location=doc.where(key)
            )

    def text(key: str, *, required: bool = True) -> str | None:
        value = data.get(key)
        if value is None:
            if required:
                raise FormMappingError(f"'{key}' is missing", location=doc.where(key))
            return None
        if not isinstance(value, str) or not value.strip():
            raise FormMappingError(f"'{key}' must be a text", location=doc.where(key))
        return value.strip()

    form = text("form")
    version = text("version")
    assert form is not None and version is not None
    if form.isdigit() and not re.fullmatch(rf"{form}\*\d{{2}}", version):
        raise FormMappingError(
            f"version '{version}' is not form {form} with its edition number (like '{form}*02')",
            location=doc.where("version"),
        )
    sha = data.get("blank_sha256")
    if "blank_sha256" not in data:
        raise FormMappingError(
            "'blank_sha256' is missing (the sha256 of the blank PDF, or null)", location=doc.label
        )
    if sha is not None and (not isinstance(sha, str) or not _SHA256.match(sha)):
        raise FormMappingError(
            "'blank_sha256' must be 64 hexadecimal digits, or null",
            location=doc.where("blank_sha256"),
        )
    fields = data.get("fields")
    if not isinstance(fields, dict) or not fields:
        raise FormMappingError(
            "'fields' must map PDF field names to data keys", location=doc.where("fields")
        )
    rules = tuple(_rule(name, entry, doc.where("fields", name)) for name, entry in fields.items())
    return FormMapping(
        form=form,
        version=version,
        blank_sha256=sha.lower() if sha else None,
        rules=rules,
        path=doc.label,
        title=text("title", required=False),
        source=text("source", required=False),
    )


def _rule(name: str, entry: Any, where: str) -> FieldRule:
    if isinstance(entry, str):
        _check_key(entry, name, where)
        return FieldRule(field=name, key=entry, where=where)
    if isinstance(entry, dict):
        keys = set(entry)
        if keys == {"text"}:
            if not isinstance(entry["text"], str):
                raise FormMappingError(f"field '{name}': 'text' must be a text", location=where)
            return FieldRule(field=name, text=entry["text"], where=where)
        if "checked_when" in keys and keys <= {"checked_when", "value"}:
            key, value = entry["checked_when"], entry.get("value")
            if not isinstance(key, str):
                raise FormMappingError(
                    f"field '{name}': 'checked_when' must be a data key", location=where
                )
            _check_key(key, name, where)
            if value is not None and (not isinstance(value, str) or not value.strip("/ ")):
                raise FormMappingError(
                    f"field '{name}': 'value' must be the state's name", location=where
                )
            state = value.strip().removeprefix("/") if value else None
            return FieldRule(field=name, checked_when=key, value=state, where=where)
    raise FormMappingError(
        f"field '{name}': expected a data key (creditor.name), {{text: ...}} or "
        "{checked_when: KEY, value: STATE}",
        location=where,
    )


def _check_key(key: str, name: str, where: str) -> None:
    if not _KEY.match(key):
        raise FormMappingError(
            f"field '{name}': '{key}' is not a data key (words joined by dots, like "
            "identity.creditor.name)",
            location=where,
        )


# --------------------------------------------------------------------------- filling
