"""Every command, group and option explains itself, and the README names every command."""

from pathlib import Path

import click

from app.cli import COMMANDS

README = Path(__file__).resolve().parents[2] / "README.md"


def _walk(command, path=()):
    """(path, command) for a command and, for a group, every command under it."""
    path = (*path, command.name)
    yield path, command
    if isinstance(command, click.Group):
        for sub in command.commands.values():
            yield from _walk(sub, path)


def _all():
    return [found for command in COMMANDS for found in _walk(command)]


def test_every_command_and_option_has_help(runner):
    assert len(_all()) >= 17  # the walk reaches the commands inside groups
    for path, command in _all():
        result = runner.invoke(args=[*path, "--help"])
        assert result.exit_code == 0, path
        assert len((command.help or "").strip()) > 20, f"{' '.join(path)} has no help text"
        for param in command.params:
            if isinstance(param, click.Option):
                assert (param.help or "").strip(), f"{' '.join(path)} {param.opts[0]} has no help"


def test_the_readme_command_list_names_every_command():
    listed = README.read_text(encoding="utf-8").split("## Commands", 1)[1].split("\n## ", 1)[0]
    for path, command in _all():
        if not isinstance(command, click.Group):
            assert f"`{' '.join(path)}`" in listed, f"README's command list lacks {path}"
