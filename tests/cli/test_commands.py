"""Every command, found by walking the app's command tree: help text for it and each of its
options, a --help that works, and a line in README.md's Commands table."""

import re
from pathlib import Path

import click
import pytest

from tests.cli.helpers import COMMANDS, RUNNABLE

README = Path(__file__).parents[2] / "README.md"


def test_the_walk_finds_nested_commands():
    assert ("users", "set-password") in RUNNABLE
    assert ("digest", "send") in RUNNABLE and ("digest",) not in RUNNABLE
    assert len(RUNNABLE) >= 13


@pytest.mark.parametrize("path", COMMANDS, ids=" ".join)
def test_every_command_has_help(runner, path):
    result = runner.invoke(args=[*path, "--help"])
    assert result.exit_code == 0
    summary = result.output.split("Options:")[0]
    assert len(re.sub(r"Usage:.*", "", summary).strip()) > 20, result.output


@pytest.mark.parametrize("path", COMMANDS, ids=" ".join)
def test_every_option_has_help_and_every_argument_is_explained(path):
    command = COMMANDS[path]
    for param in command.params:
        if isinstance(param, click.Option):
            assert param.help, f"{' '.join(path)} {param.opts[0]} has no help text"
        else:
            # An argument has no help of its own: the command's help names it, as in "SLUG is".
            assert param.human_readable_name in command.help, (
                f"the help of {' '.join(path)} does not say what {param.human_readable_name} is"
            )


def readme_section(title):
    """The text of one '## ' section of README.md."""
    return README.read_text(encoding="utf-8").split(f"\n## {title}\n", 1)[1].split("\n## ", 1)[0]


def test_readme_lists_every_command_once():
    """The rule: each command you can run has one row in README's Commands table, the command
    in backticks in its first cell, such as `users set-password`."""
    listed = re.findall(r"^\| `([^`]+)` \|", readme_section("Commands"), re.MULTILINE)
    assert sorted(listed) == sorted(" ".join(path) for path in RUNNABLE)


def test_readme_examples_run_real_commands():
    examples = re.findall(r"flask --app wsgi ([a-z][a-z -]*)", README.read_text(encoding="utf-8"))
    assert len(examples) > 10
    for example in examples:
        words = example.split()
        known = [n for n in range(1, len(words) + 1) if tuple(words[:n]) in COMMANDS]
        assert known, f"README runs 'flask --app wsgi {example}', which is not a command"
        path = tuple(words[: known[-1]])
        assert path in RUNNABLE, f"README runs the group '{' '.join(path)}' without a command"
