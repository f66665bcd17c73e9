"""A machine without WeasyPrint's system libraries (Pango) gets one line naming the
library and how to install it; commands that make no PDF do not even load WeasyPrint."""

import subprocess
import sys

from ..conftest import REFERENCE_DATE, ROOT, SAMPLES

FAKE = """raise OSError(
    "cannot load library 'libpango-1.0-0': libpango-1.0-0: cannot open shared object file: "
    "No such file or directory.  Additionally, ctypes.util.find_library() did not manage "
    "to locate a library called 'libpango-1.0-0'"
)
"""


def _relance(tmp_path, *args, fake=True):
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path)}
    if fake:
        fake_dir = tmp_path / "fake"
        (fake_dir / "weasyprint").mkdir(parents=True, exist_ok=True)
        (fake_dir / "weasyprint" / "__init__.py").write_text(FAKE, encoding="utf-8")
        env["PYTHONPATH"] = str(fake_dir)
    return subprocess.run(
        [sys.executable, "-m", "relance_docs", *map(str, args)],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120,
    )  # fmt: skip


def test_a_missing_pango_is_one_line_for_a_letter_and_a_batch(tmp_path):
    for command in (
        ["letter", "--debtor", "C001", "--out", tmp_path / "one"],
        ["letters", "--out", tmp_path / "batch"],
    ):
        proc = _relance(
            tmp_path, command[0], SAMPLES / "ledger-fr.csv", "--creditor",
            SAMPLES / "creditor-fr.yaml", "--as-of", REFERENCE_DATE, *command[1:],
        )  # fmt: skip
        assert proc.returncode == 4, proc.stderr
        lines = proc.stderr.strip().splitlines()
        assert "Traceback" not in proc.stderr
        assert lines[-1].startswith("Error: PDF output needs the system library libpango-1.0-0")
        assert "apt install" in lines[-1] and "brew install pango" in lines[-1]
    assert not (tmp_path / "one").exists() and not (tmp_path / "batch").exists()


def test_the_docx_alone_needs_no_pango(tmp_path):
    proc = _relance(
        tmp_path, "letter", SAMPLES / "ledger-fr.csv", "--creditor",
        SAMPLES / "creditor-fr.yaml", "--as-of", REFERENCE_DATE, "--debtor", "C001",
        "--format", "docx", "--out", tmp_path / "one",
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    assert [p.suffix for p in (tmp_path / "one").iterdir()] == [".docx"]


def test_help_and_checks_do_not_load_weasyprint(tmp_path):
    code = "import sys; from relance_docs.cli import cli; print('weasyprint' in sys.modules)"
    proc = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert proc.stdout.strip() == "False", proc.stderr
    assert _relance(tmp_path, "--help").returncode == 0
