"""Every command has help text."""

import re

import pytest


@pytest.mark.parametrize(
    "command",
    [
        ["migrate"],
        ["services"],
        ["services", "add"],
        ["services", "list"],
        ["services", "link"],
        ["demo"],
        ["analyse"],
        ["users"],
        ["users", "add"],
        ["users", "list"],
        ["users", "disable"],
        ["users", "enable"],
        ["digest"],
        ["digest", "send"],
        ["digest", "preview"],
    ],
)
def test_every_command_has_help(runner, command):
    result = runner.invoke(args=[*command, "--help"])
    assert result.exit_code == 0
    summary = result.output.split("Options:")[0]
    assert len(re.sub(r"Usage:.*", "", summary).strip()) > 20, result.output
