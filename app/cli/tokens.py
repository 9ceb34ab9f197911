"""flask tokens: add, list and revoke the API tokens other systems call /api/v1 with."""

import click
from flask.cli import AppGroup

from app.cli.common import open_db, service_or_usage_error
from app.store import TOKEN_SCOPES, TokenError, add_token, list_tokens, revoke_token

tokens = AppGroup("tokens", help="Manage API tokens: add one, list them, revoke one.")


@tokens.command("add")
@click.argument("name")
@click.option(
    "--service",
    "slugs",
    multiple=True,
    required=True,
    help="A service the token may be used for; repeat for more than one.",
)
@click.option(
    "--scope",
    type=click.Choice(TOKEN_SCOPES),
    default="submit",
    show_default=True,
    help="submit: send responses; read: read services, weekly figures and themes.",
)
def add_command(name, slugs, scope):
    """Add a token called NAME and print it once, on the last line: it is not kept."""
    db = open_db()
    service_ids = [service_or_usage_error(db, slug).id for slug in slugs]
    try:
        token, secret = add_token(db, name, service_ids, scope)
    except TokenError as error:
        raise click.UsageError(str(error)) from error
    click.echo(f"Added token {token.name} (scope {token.scope}) for {', '.join(token.slugs)}.")
    click.echo("Copy it now: it is shown only this once and cannot be found again.")
    click.echo(secret)


@tokens.command("list")
def list_command():
    """List every token with its scope, services, and when it was made, last used and revoked."""
    rows = list_tokens(open_db())
    if not rows:
        click.echo("No tokens yet. Add one with: flask --app wsgi tokens add NAME --service SLUG")
        return
    for token in rows:
        state = f"revoked {token.revoked_at}" if token.revoked_at else "live"
        last = token.last_used_at or "never"
        click.echo(
            f"{token.name:<24} {token.scope:<7} {state:<30} last used {last:<26}"
            f"made {token.created_at}  services: {', '.join(token.slugs)}"
        )


@tokens.command("revoke")
@click.argument("name")
def revoke_command(name):
    """Revoke the token called NAME at once: calls made with it get 401 from now on."""
    try:
        revoke_token(open_db(), name)
    except TokenError as error:
        raise click.UsageError(str(error)) from error
    click.echo(f"Revoked token {name}.")
