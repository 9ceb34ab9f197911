"""What the command groups share: the database connection, a service by slug, a week option."""

import click
from flask import current_app

from app.db import connect, pending_migrations
from app.store import get_service
from app.weeks import parse_week

MIGRATE_FIRST = (
    "The database at {path} needs {count} migration(s) before this command can run. "
    "Apply them with: flask --app wsgi migrate"
)


def open_db():
    """A connection for a command; refuses, with what to run, if migrations are pending.

    Only `flask migrate` changes the schema, so no other command upgrades a database behind
    its operator's back. The connection is closed when the command ends.
    """
    path = current_app.config["DATABASE"]
    db = connect(path)
    pending = pending_migrations(db)
    if pending:
        db.close()
        raise click.ClickException(MIGRATE_FIRST.format(path=path, count=len(pending)))
    click.get_current_context().call_on_close(db.close)
    return db


def service_or_usage_error(db, slug):
    """The service with this slug, or a usage error that says how to list the slugs."""
    service = get_service(db, slug)
    if service is None:
        raise click.UsageError(
            f"There is no service with the slug '{slug}'. See: flask --app wsgi services list"
        )
    return service


def week_option(_ctx, _param, value):
    """Click callback: an ISO week such as 2026-W47, with a plain message when it is not one."""
    if value is None:
        return None
    try:
        return parse_week(value)
    except ValueError as error:
        raise click.BadParameter(str(error)) from error


def retention_months():
    """RETENTION_MONTHS, or a ClickException saying how to set it right."""
    months = current_app.config.get("RETENTION_MONTHS")
    if isinstance(months, bool) or not isinstance(months, int) or months < 1:
        raise click.ClickException(
            f"RETENTION_MONTHS is {months!r}: set it in instance/config.py to a whole number "
            "of months, 1 or more (the default is 24)."
        )
    return months
