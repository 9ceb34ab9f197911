"""flask backup: a consistent copy of the database, made while the survey keeps taking answers."""

import os
import sqlite3

import click
from flask import current_app
from flask.cli import with_appcontext

from app.db import connect
from app.store import backup_database

EXISTS = "{path} already exists. Choose a new file, or add --force."


@click.command("backup")
@click.argument("path", type=click.Path(dir_okay=False, writable=True))
@click.option("--force", is_flag=True, help="Replace PATH if it already exists.")
@with_appcontext
def backup_command(path, force):
    """Copy the database to PATH with SQLite's online backup; submissions carry on meanwhile.

    Restore by stopping the app, copying the backup over the database and running migrate
    (see the README).
    """
    source = current_app.config["DATABASE"]
    if not os.path.exists(source):
        raise click.ClickException(f"There is no database at {source} to back up.")
    if os.path.realpath(path) == os.path.realpath(source):
        raise click.UsageError("PATH is the database itself: give a different file to copy it to.")
    if os.path.exists(path) and not force:
        raise click.UsageError(EXISTS.format(path=path))
    # Not open_db: a backup is most wanted just before migrating, so pending ones are fine.
    db = connect(source)
    try:
        written = backup_database(db, path, overwrite=force)
    except FileExistsError as error:
        raise click.UsageError(EXISTS.format(path=path)) from error
    except (OSError, sqlite3.Error) as error:
        raise click.ClickException(f"The backup was not written: {error}") from error
    finally:
        db.close()
    responses = "" if written.responses is None else f", {written.responses} responses"
    click.echo(
        f"Wrote {written.path} ({written.size:,} bytes{responses}); "
        f"integrity check: {written.integrity}."
    )
