"""flask migrate: applies pending migrations, and is safe to run again."""


def test_migrate_is_safe_to_repeat(runner):
    assert "up to date" in runner.invoke(args=["migrate"]).output
