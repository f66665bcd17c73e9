"""The one Jinja environment, shared by the HTML (PDF) and DOCX templates.

Autoescape is on for every template, including the XML of a DOCX (an ``&`` in a name must
stay ``&amp;`` there), and undefined names are errors (StrictUndefined): a template that
asks for a value the context does not have fails loudly rather than printing a blank.

Templates are searched in this order: the user's ``--templates DIR`` (its ``fr/`` or
``en/`` subfolder, then itself), then the shipped ``templates/<lang>/`` and ``templates/``.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, TemplateNotFound

from ..errors import ConfigError
from ..resources import templates_dir

__all__ = ["TemplateMissing", "environment", "search_path", "template_file"]


class TemplateMissing(ConfigError):
    """No template of that name for that language."""

    message = "The template does not exist."


def search_path(language: str, user_dir: Path | None = None) -> tuple[Path, ...]:
    shipped = templates_dir()
    dirs = []
    if user_dir is not None:
        dirs += [user_dir / language, user_dir]
    dirs += [shipped / language, shipped]
    return tuple(d for d in dirs if d.is_dir())


@cache
def environment(language: str, user_dir: Path | None = None) -> Environment:
    env = Environment(
        loader=FileSystemLoader([str(d) for d in search_path(language, user_dir)]),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    return env


def template_file(name: str, language: str, user_dir: Path | None = None) -> Path:
    """The file of template ``name`` (``reminder-1.html``, ``reminder-1.docx``)."""
    for folder in search_path(language, user_dir):
        candidate = folder / name
        if candidate.is_file():
            return candidate
    raise TemplateMissing(
        f"no template '{name}' for language '{language}'"
        + (f" in {user_dir} or" if user_dir else " in")
        + " the shipped templates"
    )


def get_template(name: str, language: str, user_dir: Path | None = None):
    try:
        return environment(language, user_dir).get_template(name)
    except TemplateNotFound:
        raise TemplateMissing(f"no template '{name}' for language '{language}'") from None
