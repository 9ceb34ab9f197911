"""flask demo: realistic services and twelve weeks of responses to explore Pulse with."""

import time
from collections import Counter

import click
from flask.cli import with_appcontext

from app.store import NewResponse, ServiceError, add_responses, add_service, get_service
from app.weeks import last_complete_week


@click.command("demo")
@with_appcontext
@click.option(
    "--seed",
    default=2026,
    show_default=True,
    help="Random seed; the same seed gives the same data.",
)
@click.option("--weeks", default=12, show_default=True, help="How many weeks of responses to make.")
@click.option("--reset", is_flag=True, help="Delete earlier demo responses first.")
def demo_command(seed, weeks, reset):
    """Load demo services and responses (skipped if demo responses are already there)."""
    from app.cli import open_db
    from app.demo import SERVICES, generate_responses
    from app.services_cli import survey_url

    db = open_db()
    existing = db.execute("SELECT count(*) FROM responses WHERE source = 'demo'").fetchone()[0]
    if existing and not reset:
        click.echo(
            f"Demo data already loaded ({existing} responses); use --reset to load it again."
        )
    else:
        if existing:
            db.execute("DELETE FROM responses WHERE source = 'demo'")
            db.conn.commit()
        ids = {}
        for spec in SERVICES:
            service = get_service(db, spec["slug"])
            if service is None:
                try:
                    service = add_service(db, spec["slug"], spec["name_en"], spec["name_cy"])
                except ServiceError as error:
                    raise click.ClickException(str(error)) from error
            ids[service.slug] = service.id
        started = time.perf_counter()
        last = last_complete_week()
        rows = list(generate_responses(seed=seed, weeks=weeks, last_week_monday=last.monday))
        stored = add_responses(db, (_response(row, ids) for row in rows))
        per_service = Counter(row["service"] for row in rows)
        click.echo(
            f"Loaded {stored} demo responses over {weeks} weeks ending {last} "
            f"in {time.perf_counter() - started:.1f}s:"
        )
        for slug, count in sorted(per_service.items()):
            click.echo(f"  {slug:<24} {count:>5}")
    click.echo("Survey links:")
    for spec in SERVICES:
        click.echo(f"  {survey_url(spec['slug'])}")


def _response(row, ids):
    return NewResponse(
        service_id=ids[row["service"]],
        rating=row["rating"],
        comment=row["comment"],
        language=row["language"],
        channel=row["channel"],
        outcome=row["outcome"],
        source="demo",
        submitted_at=row["submitted_at"],
    )
