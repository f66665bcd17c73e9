"""The README tells the truth: its commands are what CI runs, its tables match the code."""

import re

from click.testing import CliRunner

from relance_docs.cli import cli
from relance_docs.intake.columns import aliases_markdown

from .conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
CI = (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def _quick_start_commands() -> list[str]:
    section = README.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    return [c.strip() for c in re.findall(r"```sh\n(.+?)\n\s*```", section, flags=re.S)]


def test_quick_start_has_exactly_two_commands_and_ci_runs_them():
    commands = _quick_start_commands()
    assert len(commands) == 2
    main_job, tests = commands
    assert main_job.startswith("python3 -m venv .venv && .venv/bin/pip install . && ")
    assert tests == 'python3 -m venv .venv && .venv/bin/pip install ".[test]" && .venv/bin/pytest'
    assert f"MAIN_JOB='{main_job}'" in CI
    assert f"TESTS='{tests}'" in CI


def test_every_command_is_documented_with_an_example():
    for name, command in cli.commands.items():
        assert command.help and "Example:" in command.help, f"{name} has no example"
        assert f"### `relance {name}`" in README, f"{name} is not in the README"
        help_text = CliRunner().invoke(cli, [name, "--help"]).output
        assert "Example:" in help_text


def test_readme_examples_name_real_commands_and_options():
    for line in re.findall(r"^relance (\w[\w-]*)(.*)$", README, flags=re.M):
        name, rest = line
        assert name in cli.commands, name
        options = {p for param in cli.commands[name].params for p in param.opts}
        for option in re.findall(r"(--[\w-]+)", rest):
            assert option in options, f"relance {name} has no {option}"


def test_alias_table_is_the_one_the_code_uses():
    block = (
        README.split("<!-- aliases:start", 1)[1]
        .split("-->", 1)[1]
        .split("<!-- aliases:end -->")[0]
    )
    assert block.strip() == aliases_markdown().strip()


def test_sample_reference_date_is_documented():
    assert "reference date is 2026-11-16" in README
