"""flask migrate: applies pending migrations, and is safe to run again."""

import re

from tests.cli.helpers import schema


def test_migrate_is_safe_to_repeat(runner):
    assert "up to date" in runner.invoke(args=["migrate"]).output


def test_migrate_brings_an_unmigrated_database_up_to_date(unmigrated):
    result = unmigrated.runner.invoke(args=["migrate"])
    assert result.exit_code == 0, result.output
    assert re.fullmatch(r"Applied [1-9]\d* migration\(s\)\.\n", result.output)
    tables = {row[1] for row in schema(unmigrated.database) if row[0] == "table"}
    assert {"services", "responses", "users", "service_weeks"} <= tables
    # Now the other commands run.
    listed = unmigrated.runner.invoke(args=["services", "list"])
    assert listed.exit_code == 0 and "services add" in listed.output
