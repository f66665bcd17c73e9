"""Hostile user templates (``--templates``): they render in Jinja's sandbox, and a link
to a file outside the template folder is refused; one line each, nothing written."""

import os

import pytest
from click.testing import CliRunner

from relance_docs.cli import cli

from ..conftest import REFERENCE_DATE, SAMPLES

FR = str(SAMPLES / "ledger-fr.csv")
CREDITOR_FR = str(SAMPLES / "creditor-fr.yaml")


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


def _letter(user, out, template="reminder-1"):
    return run(
        "letter", FR, "--creditor", CREDITOR_FR, "--debtor", "C001", "--template", template,
        "--as-of", REFERENCE_DATE, "--templates", user, "--out", out,
    )  # fmt: skip


def test_a_template_cannot_reach_python_internals(tmp_path):
    user = tmp_path / "templates"
    (user / "fr").mkdir(parents=True)
    (user / "fr" / "reminder-1.html").write_text(
        '{% extends "_layout.html" %}{% block body %}'
        "<p>{{ cycler.__init__.__globals__.os.popen('echo PWNED').read() }}</p>"
        "{% endblock %}",
        encoding="utf-8",
    )
    out = tmp_path / "out"
    result = _letter(user, out)
    assert result.exit_code != 0
    assert "PWNED" not in result.output and "Traceback" not in result.output
    assert result.output.strip().splitlines()[-1].startswith("Error: ")
    assert "unsafe" in result.output  # Jinja's SecurityError, in one line
    assert not out.exists()


def test_a_batch_with_a_hostile_template_writes_nothing(tmp_path):
    user = tmp_path / "templates"
    (user / "fr").mkdir(parents=True)
    (user / "fr" / "formal-notice.html").write_text(
        "{{ ''.__class__.__mro__[1].__subclasses__() }}", encoding="utf-8"
    )
    out = tmp_path / "batch"
    result = run(
        "letters", FR, "--creditor", CREDITOR_FR, "--as-of", REFERENCE_DATE,
        "--templates", user, "--out", out,
    )  # fmt: skip
    assert result.exit_code != 0 and "Traceback" not in result.output
    assert not out.exists()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".batch")]


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symbolic links here")
def test_a_link_out_of_the_template_folder_is_refused(tmp_path):
    secret = tmp_path / "secret.html"
    secret.write_text("<p>secret content</p>", encoding="utf-8")
    user = tmp_path / "templates"
    (user / "fr").mkdir(parents=True)
    (user / "fr" / "reminder-1.html").symlink_to(secret)
    out = tmp_path / "out"
    result = _letter(user, out)
    assert result.exit_code == 4, result.output
    last = result.output.strip().splitlines()[-1]
    assert last.startswith("Error: ") and "outside the template folder" in last
    assert "secret content" not in result.output
    assert not out.exists()


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symbolic links here")
def test_a_linked_stylesheet_is_refused(tmp_path):
    outside = tmp_path / "elsewhere.css"
    outside.write_text("body { color: red }", encoding="utf-8")
    user = tmp_path / "templates"
    user.mkdir()
    (user / "print.css").symlink_to(outside)
    out = tmp_path / "out"
    result = _letter(user, out)
    assert result.exit_code == 4 and "outside the template folder" in result.output
    assert not out.exists()


def test_a_link_inside_the_folder_is_fine(tmp_path):
    user = tmp_path / "templates"
    (user / "fr").mkdir(parents=True)
    real = user / "fr" / "mine.html"
    real.write_text(
        '{% extends "reminder-1.html" %}{% block subject %}Rappel maison{% endblock %}',
        encoding="utf-8",
    )
    (user / "fr" / "reminder-1-link.html").symlink_to(real)
    from relance_docs.render.env import get_template

    assert get_template("reminder-1-link.html", "fr", user) is not None
