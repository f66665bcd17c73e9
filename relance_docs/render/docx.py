"""DOCX output with docxtpl: the Word twin of each letter, editable in Word and LibreOffice.

A fresh :class:`docxtpl.DocxTemplate` per document (a rendered template cannot be
rendered again), the shared Jinja environment (autoescape on: an ``&`` in a name stays
valid XML), and a rewrite of the ZIP with fixed timestamps so that the same inputs give
the same bytes.
"""

from __future__ import annotations

import io
import zipfile
from datetime import date
from pathlib import Path

from docxtpl import DocxTemplate
from jinja2 import Environment

__all__ = ["render_docx"]


def render_docx(template: Path, context: dict, env: Environment, as_of: date) -> bytes:
    doc = DocxTemplate(str(template))
    doc.render(context, jinja_env=env, autoescape=True)
    raw = io.BytesIO()
    doc.save(raw)
    return _fixed_zip(raw.getvalue(), as_of)


def _fixed_zip(data: bytes, as_of: date) -> bytes:
    stamp = (as_of.year, as_of.month, as_of.day, 12, 0, 0)
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as src,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst,
    ):
        for item in src.infolist():
            info = zipfile.ZipInfo(item.filename, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = item.external_attr
            dst.writestr(info, src.read(item.filename))
    return out.getvalue()
