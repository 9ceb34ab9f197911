"""Only `migrate` changes the schema: every other command refuses a database that needs
migrating, says what to run, and leaves the database as it was.

`backup` is the one exception that still runs: the moment to copy a database is just before
migrating it. It must leave the schema as it was all the same.
"""

from pathlib import Path

import pytest

from tests.cli.helpers import RUNNABLE, schema
from tests.helpers import PASSWORD

# Enough for each command to get past its own argument checks to the database.
ARGUMENTS = {
    ("services", "add"): ["roads", "--name", "Roads", "--name-cy", "Ffyrdd"],
    ("services", "link"): ["roads"],
    ("users", "add"): ["jo@example.gov.uk", "--role", "admin", "--name", "Jo", "--password-stdin"],
    ("users", "set-password"): ["jo@example.gov.uk", "--password-stdin"],
    ("users", "disable"): ["jo@example.gov.uk"],
    ("users", "enable"): ["jo@example.gov.uk"],
    ("digest", "preview"): ["roads"],
    ("tokens", "add"): ["crm", "--service", "roads"],
    ("tokens", "revoke"): ["crm"],
}
RUNS_UNMIGRATED = {("migrate",), ("backup",)}


@pytest.mark.parametrize("path", [p for p in RUNNABLE if p not in RUNS_UNMIGRATED], ids=" ".join)
def test_commands_refuse_a_database_that_needs_migrating(unmigrated, path, tmp_path, monkeypatch):
    before = schema(unmigrated.database)
    # In a folder of its own, so that nothing a command writes (QR codes) lands in the tree.
    monkeypatch.chdir(tmp_path)
    result = unmigrated.runner.invoke(args=[*path, *ARGUMENTS.get(path, [])], input=f"{PASSWORD}\n")
    assert result.exit_code != 0
    assert "Apply them with: flask --app wsgi migrate" in result.output, result.output
    assert schema(unmigrated.database) == before


def test_backup_copies_a_database_that_needs_migrating_without_migrating_it(unmigrated, tmp_path):
    before = schema(unmigrated.database)
    copy = tmp_path / "copy.db"
    result = unmigrated.runner.invoke(args=["backup", str(copy)])
    assert schema(unmigrated.database) == before
    if not before:  # no database at all: nothing to copy, and none is created
        assert result.exit_code != 0 and not copy.exists()
        assert not Path(unmigrated.database).exists()
    else:
        assert result.exit_code == 0, result.output
        assert schema(copy) == before
