"""Only `migrate` changes the schema: every other command refuses a database that needs
migrating, says what to run, and leaves the database as it was."""

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
}


@pytest.mark.parametrize("path", [p for p in RUNNABLE if p != ("migrate",)], ids=" ".join)
def test_commands_refuse_a_database_that_needs_migrating(unmigrated, path, tmp_path, monkeypatch):
    before = schema(unmigrated.database)
    # In a folder of its own, so that nothing a command writes (QR codes) lands in the tree.
    monkeypatch.chdir(tmp_path)
    result = unmigrated.runner.invoke(args=[*path, *ARGUMENTS.get(path, [])], input=f"{PASSWORD}\n")
    assert result.exit_code != 0
    assert "Apply them with: flask --app wsgi migrate" in result.output, result.output
    assert schema(unmigrated.database) == before
