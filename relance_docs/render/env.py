"""The one Jinja environment of the documents (one per language and template folder).

Autoescape is on for every template and undefined names are errors (StrictUndefined): a
template that asks for a value the context does not have fails loudly rather than
printing a blank.

Templates are searched in this order: the user's ``--templates DIR`` (its ``fr/`` or
``en/`` subfolder, then itself), then the shipped ``templates/<lang>/`` and
``templates/``. With a user folder, every template renders in Jinja's
:class:`~jinja2.sandbox.SandboxedEnvironment` (a template cannot reach Python internals,
``{{ cycler.__init__.__globals__ }}`` fails), and a template or stylesheet that is a link
to a file outside its folder is refused.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, TemplateNotFound
from jinja2.sandbox import SandboxedEnvironment
from markupsafe import Markup, escape

from ..errors import ConfigError
from ..resources import templates_dir

__all__ = [
    "TemplateMissing",
    "TemplateRefused",
    "environment",
    "get_template",
    "search_path",
    "template_file",
]


class TemplateMissing(ConfigError):
    """No template of that name for that language."""

    message = "The template does not exist."


class TemplateRefused(ConfigError):
    """A user template is a link to a file outside the template folder."""

    message = "A template outside the template folder was refused."


def search_path(language: str, user_dir: Path | None = None) -> tuple[Path, ...]:
    shipped = templates_dir()
    dirs = []
    if user_dir is not None:
        user_dir = Path(user_dir)
        dirs += [user_dir / language, user_dir]
    dirs += [shipped / language, shipped]
    return tuple(d for d in dirs if d.is_dir())


def _inside(path: Path, folder: Path) -> bool:
    real, root = path.resolve(), folder.resolve()
    return real == root or root in real.parents


def _check_inside(path: Path, folder: Path) -> None:
    if not _inside(path, folder):
        raise TemplateRefused(
            f"{path} is a link to {path.resolve()}, outside the template folder {folder}: "
            "refused (copy the file into the folder instead)"
        )


class _FolderLoader(FileSystemLoader):
    """A file system loader that refuses a template resolving outside its folder."""

    def get_source(self, environment, template):
        source, filename, uptodate = super().get_source(environment, template)
        path = Path(filename)
        folder = next((Path(d) for d in self.searchpath if Path(d) in path.parents), None)
        if folder is not None:
            _check_inside(path, folder)
        return source, filename, uptodate


def nowrap(value) -> Markup:
    """``{{ creditor.email|nowrap }}``: a value never broken across two lines (an e-mail
    address or an invoice number cut at its hyphen reads wrong)."""
    return Markup('<span class="nowrap">') + escape(value) + Markup("</span>")


@cache
def environment(language: str, user_dir: Path | None = None) -> Environment:
    """The environment for ``language``; sandboxed when a user folder is searched."""
    cls = SandboxedEnvironment if user_dir is not None else Environment
    env = cls(
        loader=_FolderLoader([str(d) for d in search_path(language, user_dir)]),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["nowrap"] = nowrap
    return env


def template_file(name: str, language: str, user_dir: Path | None = None) -> Path:
    """The file of template ``name`` (``reminder-1.html``, ``print.css``)."""
    for folder in search_path(language, user_dir):
        candidate = folder / name
        if candidate.is_file():
            _check_inside(candidate, folder)
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
