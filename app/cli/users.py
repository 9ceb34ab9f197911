"""flask users: add staff accounts, list them, set passwords, and disable or enable them."""

import sys

import click
from flask.cli import AppGroup

from app.cli.common import open_db, service_or_usage_error
from app.forms import clean_text
from app.store import (
    EMAIL_PATTERN,
    ROLES,
    UserError,
    add_user,
    check_password_rules,
    get_user_by_email,
    list_services,
    list_users,
    locked_users,
    set_password,
    set_user_active,
)

users = AppGroup("users", help="Manage staff accounts: who can sign in and what they can see.")


_A_ROLE = {"owner": "an owner", "viewer": "a viewer", "recorder": "a recorder"}


@users.command("add")
@click.argument("email")
@click.option(
    "--role",
    type=click.Choice(ROLES),
    required=True,
    help=(
        "admin: everything; owner: read their services and export their comments; "
        "viewer: read their services; recorder: only enter feedback given to them by phone, "
        "face to face or post for their services."
    ),
)
@click.option("--name", help="The person's full name; asked for if not given.")
@click.option(
    "--service",
    "slugs",
    multiple=True,
    metavar="SLUG",
    help="A service they may see (repeat for more). Admins see every service anyway.",
)
@click.option(
    "--password-stdin",
    is_flag=True,
    help="Read the password from one line of standard input (for scripts) instead of asking.",
)
def add_command(email, role, name, slugs, password_stdin):
    """Add a member of staff who signs in with EMAIL and a password of 12 or more characters."""
    db = open_db()
    email = email.strip()
    # Check everything that needs no typing before asking for a name or a password.
    if not EMAIL_PATTERN.match(email):
        raise click.UsageError(
            f"'{email}' is not an email address in the correct format, like name@example.gov.uk"
        )
    if get_user_by_email(db, email):
        raise click.UsageError(f"A user with the email {email} already exists")
    service_ids = []
    for slug in slugs:
        service = service_or_usage_error(db, slug)
        service_ids.append(service.id)
    if password_stdin and name is None:
        raise click.UsageError("--name is required with --password-stdin")
    if name is None:
        name = click.prompt("Full name")
    password = _read_password(password_stdin)
    try:
        check_password_rules(password)
        user = add_user(db, email, name, password, role, service_ids)
    except UserError as error:
        raise click.UsageError(str(error)) from error
    where = ", ".join(slugs) if slugs else "no services"
    click.echo(f"Added {user.email} ({user.name}) as {user.role}, for {where}.")
    if role != "admin" and not slugs:
        click.echo(
            f"Warning: {_A_ROLE[role]} with no services sees nothing until given one, "
            "on the Users page or with --service.",
            err=True,
        )


@users.command("list")
def list_command():
    """List every member of staff: email, name, role, status and services."""
    db = open_db()
    rows = list_users(db)
    if not rows:
        click.echo(
            "No users yet. Add an admin with:\n"
            "  flask --app wsgi users add EMAIL --role admin --name NAME"
        )
        return
    slugs = {service.id: service.slug for service in list_services(db)}
    locked = locked_users(db)
    for user in rows:
        status = "active" if user.active else "disabled"
        if user.active and user.id in locked:
            status = "locked"
        services = (
            "all services"
            if user.is_admin
            else ", ".join(sorted(slugs[i] for i in user.service_ids)) or "no services"
        )
        click.echo(f"{user.email:<32} {user.role:<8} {status:<9} {user.name}  |  {services}")


@users.command("disable")
@click.argument("email")
def disable_command(email):
    """Stop EMAIL signing in; a session they already have ends at their next request."""
    try:
        set_user_active(open_db(), email.strip(), False)
    except UserError as error:
        raise click.UsageError(str(error)) from error
    click.echo(f"Disabled {email.strip()}.")


@users.command("enable")
@click.argument("email")
def enable_command(email):
    """Let EMAIL sign in again, and lift any lock-out after failed sign-ins."""
    try:
        set_user_active(open_db(), email.strip(), True)
    except UserError as error:
        raise click.UsageError(str(error)) from error
    click.echo(f"Enabled {email.strip()}; any lock-out is lifted.")


@users.command("set-password")
@click.argument("email")
@click.option(
    "--password-stdin",
    is_flag=True,
    help="Read the new password from one line of standard input instead of asking.",
)
def set_password_command(email, password_stdin):
    """Give EMAIL a new password (12 or more characters); this also lifts any lock-out."""
    db = open_db()
    user = get_user_by_email(db, email.strip())
    if user is None:
        raise click.UsageError(f"There is no user with the email {email.strip()}")
    password = _read_password(password_stdin)
    try:
        set_password(db, user.id, password)
    except UserError as error:
        raise click.UsageError(str(error)) from error
    click.echo(f"Set a new password for {user.email}.")


def _read_password(from_stdin):
    """A password from standard input or a hidden, confirmed prompt, cleaned like sign-in's."""
    if from_stdin:
        password = sys.stdin.readline()
    else:
        password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
    # The sign-in form strips its fields the same way, so the two always agree.
    return clean_text(password)
