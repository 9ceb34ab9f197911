"""flask services: add and list services, and make survey links with QR codes."""

from pathlib import Path

import click
from flask import current_app
from flask.cli import AppGroup

from app.cli.common import open_db, service_or_usage_error
from app.store import CHANNELS, OUTCOMES, ServiceError, add_service, list_services
from app.survey.links import (
    REF_PATTERN,
    SIGNED_REF_MAX,
    qr_file_stem,
    save_qr,
    sign_ref,
    survey_url,
)

services = AppGroup("services", help="Manage the services citizens can rate.")


@services.command("add")
@click.argument("slug")
@click.option("--name", "name_en", required=True, help="The service's name in English.")
@click.option("--name-cy", "name_cy", required=True, help="The service's name in Welsh.")
@click.option("--inactive", is_flag=True, help="Add it closed: its survey shows 'page not found'.")
def add_command(slug, name_en, name_cy, inactive):
    """Add a service. SLUG is the short name in its survey link, e.g. parking-permits."""
    try:
        service = add_service(open_db(), slug, name_en, name_cy, active=not inactive)
    except ServiceError as error:
        raise click.UsageError(str(error)) from error
    click.echo(f"Added {service.slug}: {service.name_en} / {service.name_cy}")
    click.echo(f"Survey link: {survey_url(service.slug)}")


@services.command("list")
def list_command():
    """List every service with its survey link."""
    rows = list_services(open_db())
    if not rows:
        click.echo(
            "No services yet. Add one with:\n"
            "  flask --app wsgi services add SLUG --name ... --name-cy ..."
        )
        return
    for service in rows:
        state = "open" if service.active else "closed"
        click.echo(f"{service.slug:<24} {state:<7} {service.name_en}  |  {service.name_cy}")
        click.echo(f"{'':<24} {survey_url(service.slug)}")


def _signed(slug, ref):
    key = current_app.config["REF_SIGNING_KEY"]
    if not ref:
        raise click.UsageError("--sign needs --ref: there is nothing else to sign")
    if not key:
        raise click.UsageError("--sign needs REF_SIGNING_KEY in instance/config.py")
    if len(ref) > SIGNED_REF_MAX:
        raise click.UsageError(f"--ref must be {SIGNED_REF_MAX} characters or fewer to sign")
    return sign_ref(key, slug, ref)


@services.command("link")
@click.argument("slug")
@click.option("--channel", type=click.Choice(CHANNELS), help="How the citizen used the service.")
@click.option("--outcome", type=click.Choice(OUTCOMES), help="How their journey ended.")
@click.option("--ref", help="An opaque interaction reference; each can be answered once.")
@click.option(
    "--sign",
    is_flag=True,
    help="Sign the ref with REF_SIGNING_KEY, as the linking service does, so it cannot be guessed.",
)
@click.option("--lang", type=click.Choice(["en", "cy"]), help="Open the survey in this language.")
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("qr"),
    show_default=True,
    help="Folder for the QR code files.",
)
def link_command(slug, channel, outcome, ref, sign, lang, out):
    """Print the survey link of the service SLUG and write its QR code as SVG and PNG."""
    service_or_usage_error(open_db(), slug)
    if ref and not REF_PATTERN.match(ref):
        raise click.UsageError(
            "--ref must be 1 to 64 letters, numbers, dots, colons, hyphens or underscores"
        )
    if sign:
        ref = _signed(slug, ref)
    url = survey_url(slug, channel=channel, outcome=outcome, ref=ref, lang=lang)
    out.mkdir(parents=True, exist_ok=True)
    stem = qr_file_stem(slug, channel, outcome, ref, lang)
    svg, png = out / f"{stem}.svg", out / f"{stem}.png"
    save_qr(url, svg, "svg", title=f"Feedback: {slug}")
    save_qr(url, png, "png")
    click.echo(url)
    click.echo(f"QR code: {svg} and {png}")
