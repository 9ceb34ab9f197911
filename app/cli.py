"""Command-line tools: flask --app wsgi <command> --help explains each."""

import click
from flask import current_app
from flask.cli import with_appcontext

from app.db import connect, migrate
from app.weeks import parse_week


def open_db():
    """A connection for CLI commands, with migrations applied."""
    db = connect(current_app.config["DATABASE"])
    migrate(db)
    return db


def service_or_usage_error(db, slug):
    """The service with this slug, or a usage error that says how to list the slugs."""
    from app.store import get_service

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


@click.command("migrate")
@with_appcontext
def migrate_command():
    """Apply any pending database migrations."""
    db = connect(current_app.config["DATABASE"])
    applied = migrate(db)
    click.echo(f"Applied {len(applied)} migration(s)." if applied else "Database is up to date.")


def init_app(app):
    """Register every command group."""
    from app.analyse_cli import analyse_command
    from app.demo_cli import demo_command
    from app.digest_cli import digest
    from app.services_cli import services
    from app.users_cli import users

    app.cli.add_command(migrate_command)
    app.cli.add_command(services)
    app.cli.add_command(users)
    app.cli.add_command(demo_command)
    app.cli.add_command(analyse_command)
    app.cli.add_command(digest)
