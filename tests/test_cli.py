"""The relance command as a user meets it: output, exit codes, one-line errors."""

import json
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner

from relance_docs import __version__
from relance_docs.cli import cli

from .conftest import REFERENCE_DATE, SAMPLES

FR = str(SAMPLES / "ledger-fr.csv")
UK = str(SAMPLES / "ledger-uk.xlsx")
CREDITOR_FR = str(SAMPLES / "creditor-fr.yaml")


def run(*args: str):
    return CliRunner().invoke(cli, list(args))


def plain(text: str) -> str:
    """Babel groups French thousands with narrow no-break spaces: compare with spaces."""
    return text.replace("\u202f", " ").replace("\u00a0", " ")


def test_version():
    result = run("--version")
    assert result.exit_code == 0
    assert result.output == f"relance, version {__version__}\n"


def test_check_the_french_sample():
    result = run("check", FR, "--creditor", CREDITOR_FR)
    assert result.exit_code == 0, result.output
    out = plain(result.output)
    assert "Read " + FR + " (CSV, Windows-1252, semicolon-separated): 31 rows." in out
    assert "30 invoices, 1 credit note, 12 debtors, 0 payments." in out
    # Accents, the ampersand and the amounts survive Windows-1252 and decimal commas.
    assert "C001  Dupont & Fils SARL (company, Saint-Étienne, FR): 4 documents, 4 330,20 €" in out
    assert "C008  Mécanique de précision Kœhler SAS (company, Strasbourg, FR)" in out
    assert (
        "C005  Mme Hélène Fabre (consumer, Tassin-la-Demi-Lune, FR): 1 document, 156,00 €" in out
    )
    assert "Disputed: FA-2026-0063 (10 470,00 €)" in out
    # 26 490,00 + 11 560,00 + 9 730,20 + 11 793,00 + 41 886,00 - 240,00 (the credit note)
    assert "Outstanding EUR: 101 219,20 €" in out
    assert out.endswith("No errors, 0 warnings.\n")


def test_check_the_english_sample():
    result = run("check", UK, "--creditor", str(SAMPLES / "creditor-uk.yaml"))
    assert result.exit_code == 0, result.output
    assert "Outstanding GBP: £93,316.78" in result.output
    assert "(trader, Exeter, GB)" in result.output or "(trader," in result.output
    assert "(consumer," in result.output


@pytest.fixture
def broken_copy(tmp_path):
    """The French sample with a typo in an amount, an impossible date and a duplicate."""
    lines = (SAMPLES / "ledger-fr.csv").read_bytes().decode("cp1252").split("\r\n")
    lines[4] = lines[4].replace(";870,00;", ";870,0O;")  # line 5: a letter O for a zero
    lines[6] = lines[6].replace("20/07/2026", "31/02/2026", 1)  # line 7
    lines[9] = lines[9].replace("FA-2026-0165", "FA-2026-0078", 1)  # line 10 repeats line 9
    path = tmp_path / "ledger-fr.csv"
    path = tmp_path / "ledger-fr.csv"
    path.write_bytes("\r\n".join(lines).encode("cp1252"))
    return path


def test_check_a_broken_copy_gives_file_line_problems(broken_copy):
    result = run("check", str(broken_copy))
    assert result.exit_code == 3
    problems = [line for line in result.output.splitlines() if line.startswith(str(broken_copy))]
    assert [p.replace(str(broken_copy), "ledger-fr.csv") for p in problems] == [
        'ledger-fr.csv:5: Montant TTC "870,0O" is not an amount',
        'ledger-fr.csv:7: Date facture "31/02/2026" is not a real date',
        "ledger-fr.csv:10: invoice number FA-2026-0078 appears twice (first at line 9)",
    ]
    assert result.output.endswith(
        "3 errors, 0 warnings: fix the errors before producing documents.\n"
    )


def test_other_commands_refuse_a_ledger_with_errors(broken_copy):
    result = run("aging", str(broken_copy), "--as-of", REFERENCE_DATE, "--format", "json")
    assert result.exit_code == 3
    assert result.stdout == ""  # nothing is produced
    assert result.stderr.splitlines()[-1] == (
        "Error: the ledger has 3 errors; nothing was written (run 'relance check' to see them all)"
    )


def test_no_traceback_from_the_real_command(broken_copy, tmp_path):
    # Run as a user does, from another directory, through the installed package.
    proc = subprocess.run(
        [sys.executable, "-m", "relance_docs", "aging", str(broken_copy), "--as-of", "2026-11-16"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 3
    assert "Traceback" not in proc.stderr
    assert f'{broken_copy}:5: Montant TTC "870,0O" is not an amount' in proc.stderr


def test_aging_json_on_the_french_sample():
    result = run("aging", FR, "--as-of", REFERENCE_DATE, "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["as_of"] == "2026-11-16"
    total = data["currencies"]["EUR"]["total"]
    assert {
        k: total[k]
        for k in (
            "not_due",
            "days_1_30",
            "days_31_60",
            "days_61_90",
            "days_over_90",
            "unallocated_credits",
            "total",
        )
    } == {
        "not_due": "26490.00",
        "days_1_30": "11560.00",
        "days_31_60": "9730.20",
        "days_61_90": "11793.00",
        "days_over_90": "41886.00",
        "unallocated_credits": "-240.00",
        "total": "101219.20",  # the sum of the six figures above
    }
    lines = data["currencies"]["EUR"]["lines"]
    assert sum(Decimal(x["total"]) for x in lines) == Decimal(total["total"])
    dupont = next(x for x in lines if x["debtor_id"] == "C001")
    assert dupont["debtor"] == "Dupont & Fils SARL"
    hoffmann = next(x for x in lines if x["debtor_id"] == "C009")
    assert hoffmann["disputed"] == "10470.00"


def test_aging_csv_and_table_on_the_english_sample():
    result = run("aging", UK, "--as-of", REFERENCE_DATE, "--format", "csv")
    assert result.exit_code == 0
    rows = result.stdout.splitlines()
    assert rows[0].startswith("debtor_id,debtor,currency,not_due,days_1_30")
    # The bucket totals of samples/README.md, counted by hand from the invoices:
    # 7389.00 + 6454.80 + 23833.99 + 5704.00 + 49934.99 = 93316.78; disputed INV-24023.
    assert (
        rows[-1]
        == ",TOTAL,GBP,7389.00,6454.80,23833.99,5704.00,49934.99,0.00,93316.78,7785.00,17,220"
    )
    table = run(
        "aging", UK, "--as-of", REFERENCE_DATE, "--creditor", str(SAMPLES / "creditor-uk.yaml")
    )
    assert table.exit_code == 0
    assert "Aged balance on 2026-11-16 (GBP)" in table.stdout
    assert "93,316.78" in table.stdout
    assert "Wessex Homes plc" in table.stdout


def test_a_bad_creditor_profile_is_one_line_with_its_line_number(tmp_path):
    profile = (SAMPLES / "creditor-fr.yaml").read_text(encoding="utf-8")
    bad = tmp_path / "creditor.yaml"
    bad.write_text(
        profile.replace("FR76 3000 4008 2500 0104 8271 917", "FR76 3000 4008 2500 0104 8271 918"),
        encoding="utf-8",
    )
    result = run("check", FR, "--creditor", str(bad))
    assert result.exit_code == 4
    line = next(n for n, text in enumerate(profile.splitlines(), 1) if text.startswith("iban:"))
    assert (
        result.stderr
        == f'Error: {bad}:{line}: IBAN "FR76 3000 4008 2500 0104 8271 918" has an invalid checksum\n'
    )


def test_missing_ledger_file(tmp_path):
    result = run("aging", str(tmp_path / "nope.csv"), "--as-of", REFERENCE_DATE)
    assert result.exit_code == 3
    assert f"{tmp_path / 'nope.csv'}: file not found" in result.stderr


def test_bad_date_option_is_a_usage_error():
    result = run("aging", FR, "--as-of", "31/02/2026")
    assert result.exit_code == 2
    assert '"31/02/2026" is not a real date' in result.stderr


def test_an_internal_error_is_one_line_unless_debug(monkeypatch):
    import relance_docs.cli.ledger as commands

    def boom(*_a, **_k):
        raise ZeroDivisionError("division by zero")

    monkeypatch.setattr(commands, "aged_balance", boom)
    result = run("aging", FR, "--as-of", REFERENCE_DATE)
    assert result.exit_code == 70
    assert result.stderr.startswith("Error: internal error (ZeroDivisionError: division by zero)")
    assert "Traceback" not in result.stderr
    debug = run("--debug", "aging", FR, "--as-of", REFERENCE_DATE)
    assert isinstance(debug.exception, ZeroDivisionError)


SCRIPT = Path(sys.executable).parent / "relance"


@pytest.mark.skipif(not SCRIPT.exists(), reason="relance is not installed next to this Python")
def test_console_script_runs_from_another_directory(tmp_path):
    proc = subprocess.run(
        [str(SCRIPT), "--help"], cwd=tmp_path, capture_output=True, text=True, check=True
    )
    assert "check" in proc.stdout and "aging" in proc.stdout


def test_a_closed_pipe_is_not_an_internal_error():
    """``relance check ... | head -1``: the reader stops early; relance says nothing."""
    import subprocess
    import sys

    from .conftest import SAMPLES

    script = (
        "import sys; from relance_docs.cli import main; "
        f"sys.argv = ['relance', 'check', {str(SAMPLES / 'ledger-fr.csv')!r}]; main()"
    )
    proc = subprocess.Popen(
        [sys.executable, "-c", script], stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    proc.stdout.close()  # the reader is gone before relance writes its first line
    err = proc.stderr.read().decode()
    assert proc.wait(60) == 141
    assert "internal error" not in err and "Traceback" not in err
