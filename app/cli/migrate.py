"""flask migrate: the one command that changes the database's schema."""

import click
from flask import current_app
from flask.cli import with_appcontext

from app.db import connect, migrate


@click.command("migrate")
@with_appcontext
def migrate_command():
    """Apply any pending database migrations (safe to run again: it applies only new ones)."""
    db = connect(current_app.config["DATABASE"])
    try:
        applied = migrate(db)
    finally:
        db.close()
    click.echo(f"Applied {len(applied)} migration(s)." if applied else "Database is up to date.")
