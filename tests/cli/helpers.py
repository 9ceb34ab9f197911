"""The command tree as the app registers it, and a database's schema, for the CLI tests."""

import sqlite3
from pathlib import Path

import click

from app import create_app


def walk(group, path=()):
    """(path, command) of every command below a click group, groups included, depth first."""
    for name, command in sorted(group.commands.items()):
        yield (*path, name), command
        if isinstance(command, click.Group):
            yield from walk(command, (*path, name))


# A throwaway app's commands: every app registers the same command objects.
COMMANDS = dict(walk(create_app({"SECRET_KEY": "unused", "DATABASE": "unused.db"}).cli))
# The commands that do something themselves; a group only lists its commands.
RUNNABLE = [path for path, command in COMMANDS.items() if not isinstance(command, click.Group)]


def schema(path):
    """The tables, indexes and applied migrations of a database file; [] when there is none."""
    if not Path(path).exists():
        return []
    conn = sqlite3.connect(path)
    try:
        rows = conn.execute("SELECT type, name, sql FROM sqlite_master ORDER BY name").fetchall()
        if any(name == "_sqlite_migrations" for _, name, _ in rows):
            rows += conn.execute("SELECT name FROM _sqlite_migrations ORDER BY name").fetchall()
        return rows
    finally:
        conn.close()
