"""flask analyse: the weekly run, for cron or by hand."""

import sys
import time
from datetime import UTC, datetime

import click
from flask import current_app
from flask.cli import with_appcontext

from app.alerts import after_service_week
from app.cli.common import open_db, retention_months, service_or_usage_error, week_option
from app.store import analysed_after
from app.weekly import run_week, weeks_to_analyse
from app.weeks import LONDON, last_complete_week, retention_cutoff, week_of


@click.command("analyse")
@click.option(
    "--week",
    callback=week_option,
    help="ISO week, e.g. 2026-W47. Default: the last complete week.",
)
@click.option(
    "--since", callback=week_option, help="Also analyse every week from this one up to --week."
)
@click.option(
    "--all", "all_weeks", is_flag=True, help="Every week from the first response up to --week."
)
@click.option("--service", "slug", help="Only this service (its slug).")
@click.option(
    "--workers", type=click.IntRange(1, 64), help="Processes to use. Default: one per core."
)
@click.option("--quiet", is_flag=True, help="Print nothing unless something goes wrong (for cron).")
@with_appcontext
def analyse_command(week, since, all_weeks, slug, workers, quiet):
    """Score and theme each service's week of responses, ready for the digest."""
    last = week or last_complete_week()
    db = open_db()
    try:
        service_id = service_or_usage_error(db, slug).id if slug else None
        weeks = weeks_to_analyse(db, last, since=since, all_weeks=all_weeks, service_id=service_id)
        later = analysed_after(db, last, service_id)
    except ValueError as error:
        raise click.UsageError(str(error)) from error
    finally:
        db.close()
    weeks = _within_retention(weeks, quiet)

    started = time.perf_counter()
    for number, target in enumerate(weeks, 1):
        summary = _run_one(target, slug, workers, quiet)
        if not quiet:
            # With --since or --all, how far through and how long so far, for a long backfill.
            progress = (
                f" (week {number} of {len(weeks)}, {time.perf_counter() - started:.1f}s in all)"
                if len(weeks) > 1
                else ""
            )
            click.echo(
                f"{target}: {len(summary.services)} services, {summary.responses} responses, "
                f"{summary.themes} themes in {summary.seconds:.1f}s{progress}"
            )
    if later:
        # Later weeks carried on the themes this run has just replaced.
        service_option = f" --service {slug}" if slug else ""
        click.echo(
            f"Weeks {later[0]} to {later[1]} were analysed before this run and follow {last}'s "
            f"earlier themes. If {last}'s themes changed, bring them up to date with: "
            f"flask --app wsgi analyse --since {later[0]} --week {later[1]}{service_option}",
            err=True,
        )


def _within_retention(weeks, quiet):
    """The weeks whose comments are still kept. An older week's text is removed (or due to be)
    by `retention`, so rerunning it would rebuild its themes without the comments and lose
    them; its stored results are kept instead."""
    months = retention_months()
    oldest = week_of(retention_cutoff(months, datetime.now(UTC).astimezone(LONDON).date()))
    kept = [week for week in weeks if week >= oldest]
    if len(kept) == len(weeks):
        return weeks
    reason = (
        f"older than RETENTION_MONTHS ({months}), so their comment text is removed or due to "
        f"be; their stored results are kept. The oldest week that can be analysed is {oldest}."
    )
    if not kept:
        verb = "is" if len(weeks) == 1 else "are"
        span = _span(weeks)
        raise click.UsageError(f"{span[0].upper()}{span[1:]} {verb} {reason}")
    if not quiet:
        left_out = [week for week in weeks if week < oldest]
        click.echo(f"Left out {_span(left_out)}: they are {reason}", err=True)
    return kept


def _span(weeks):
    return f"week {weeks[0]}" if len(weeks) == 1 else f"weeks {weeks[0]} to {weeks[-1]}"


def _run_one(week, slug, workers, quiet):
    lines = []
    show_bar = not quiet and sys.stderr.isatty()
    with click.progressbar(
        length=1, label=f"Analysing {week}", file=sys.stderr, hidden=not show_bar
    ) as bar:

        def on_service(outcome, done, total):
            bar.length = total
            bar.label = f"Analysing {week} · {outcome.slug}"
            bar.update(1)
            if show_bar:
                lines.append(_service_line(outcome))  # printed once the bar is done
            elif not quiet:
                click.echo(_service_line(outcome))  # as each service is written, for a log

        summary = run_week(
            current_app.config["DATABASE"],
            week,
            slug=slug,
            workers=workers,
            on_service=on_service,
            after_write=after_service_week,
        )
    if not quiet:
        if not summary.services:
            click.echo(f"{week}: no responses to analyse")
        for line in lines:
            click.echo(line)
    return summary


def _service_line(outcome):
    satisfied = (
        "no ratings" if outcome.pct_satisfied is None else f"{outcome.pct_satisfied:.0f}% satisfied"
    )
    return (
        f"  {outcome.slug:<24} {outcome.responses:>6} responses {outcome.comments:>6} comments  "
        f"{satisfied:<14} {outcome.themes:>3} themes ({outcome.new} new, {outcome.faded} faded) "
        f"{outcome.seconds:.1f}s"
    )
