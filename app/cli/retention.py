"""flask retention: remove the text of comments older than RETENTION_MONTHS, for cron."""

from datetime import UTC, datetime, time

import click
from flask.cli import with_appcontext

from app.cli.common import open_db, retention_months
from app.store import comments_before, remove_comments_before
from app.weeks import LONDON, retention_cutoff


@click.command("retention")
@click.option(
    "--apply",
    "apply_",
    is_flag=True,
    help="Remove the comment text. Without it, only say what would be removed.",
)
@click.option("--quiet", is_flag=True, help="Print nothing unless something goes wrong (for cron).")
@with_appcontext
def retention_command(apply_, quiet):
    """Remove the text of comments older than RETENTION_MONTHS; ratings and weekly figures stay.

    A dry run by default: it says what it would remove. Run it with --apply from cron.
    """
    months = retention_months()
    monday = retention_cutoff(months, datetime.now(UTC).astimezone(LONDON).date())
    start = datetime.combine(monday, time(0), tzinfo=LONDON).astimezone(UTC)
    cutoff = start.isoformat(timespec="seconds")
    db = open_db()
    try:
        by_service = comments_before(db, cutoff)
        total = sum(count for _slug, _name, count in by_service)
        removed = remove_comments_before(db, cutoff) if apply_ else 0
    finally:
        db.close()
    if quiet:
        return
    rule = f"submitted before {monday:%A} {monday.day} {monday:%B %Y} (RETENTION_MONTHS = {months})"
    if not total:
        click.echo(f"No comments {rule} are left to remove.")
        return
    for slug, _name, count in by_service:
        click.echo(f"  {slug:<24} {count:>7} comments")
    if apply_:
        click.echo(
            f"Removed the text of {removed} comments {rule}. "
            "Their ratings and the weekly figures are kept."
        )
    else:
        click.echo(
            f"Would remove the text of {total} comments {rule}. Ratings and weekly figures "
            "would be kept. Nothing has changed: run with --apply to remove them."
        )
