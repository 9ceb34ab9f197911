"""flask digest: email each owner and viewer their weekly digest, or preview one service's."""

import time
from contextlib import nullcontext

import click
from flask import current_app
from flask.cli import AppGroup

from app.cli.common import open_db, service_or_usage_error, week_option
from app.digest import plan_send, render_text, send_pending, service_digest, subject
from app.locks import AlreadyRunning, single_run
from app.weeks import last_complete_week

ALREADY_RUNNING = (
    "Another 'digest send' is running on this database, so this one sent nothing. "
    "If cron started both, space the runs out."
)


digest = AppGroup(
    "digest",
    help=(
        "Email the weekly digest to service owners and viewers, or preview it. "
        "Run 'digest send' after 'analyse' each Monday, e.g. from cron."
    ),
)


def _week_option(ctx, param, value):
    week = week_option(ctx, param, value)
    if week is None:
        return None
    # A digest of an unfinished week would be marked sent and never sent again complete.
    if week > last_complete_week():
        raise click.BadParameter(f"week {week} has not finished yet: choose an earlier week")
    return week


WEEK_HELP = "ISO week, e.g. 2026-W47. Default: the last complete week."


@digest.command("send")
@click.option("--week", callback=_week_option, help=WEEK_HELP)
@click.option("--dry-run", is_flag=True, help="List who would get which digest; send nothing.")
@click.option(
    "--quiet",
    is_flag=True,
    help="Print nothing unless something goes wrong (for cron); failures still exit 1.",
)
def send_command(week, dry_run, quiet):
    """Email each owner and viewer one digest covering all their services.

    Uses the MAIL_* settings (instance/config.py or PULSE_MAIL_*). Each active owner or
    viewer assigned to an open service gets one email; admins get one only if services are
    assigned to them, and people with no services get none. A week already sent to someone is
    not sent again; a failed send is recorded, reported and retried on the next run. Exits
    with status 1 if any send failed, so cron reports it.
    """
    week = week or last_complete_week()
    say = _silent if quiet else click.echo
    started = time.perf_counter()
    db = open_db()
    # One run at a time: whoever is still due is read under the lock, so two overlapping
    # runs (say, two cron jobs) can never email anyone twice. A dry run sends nothing.
    lock = nullcontext() if dry_run else single_run(current_app.config["DATABASE"], "digest-send")
    try:
        with lock:
            plan = plan_send(db, week)
            if not plan.recipients:
                say(
                    "No one to email: no active owner or viewer is assigned to an open service. "
                    "Assign services with: "
                    "flask --app wsgi users add EMAIL --role owner --service SLUG"
                )
            already = len(plan.recipients) - len(plan.pending)
            _warn_not_analysed(week, plan.not_analysed)
            if dry_run:
                _dry_run(plan)
                click.echo(f"Dry run: would send {len(plan.pending)}, already sent {already}.")
                return
            if plan.pending:
                say(f"Sending {len(plan.pending)} digest(s) for {week}:")
            sent, failures = send_pending(
                plan, current_app.config, on_recipient=_progress(say, started)
            )
    except AlreadyRunning:
        click.echo(ALREADY_RUNNING, err=True)
        click.get_current_context().exit(1)
    finally:
        db.close()

    say(
        f"Sent {sent}, already sent {already}, failed {len(failures)} (week {week}) "
        f"in {time.perf_counter() - started:.1f}s."
    )
    if failures:
        for email, reason in failures:
            click.echo(f"Failed: {email}: {reason}", err=True)
        click.echo(
            f"Failed digests are retried the next time 'flask --app wsgi digest send "
            f"--week {week}' runs.",
            err=True,
        )
        click.get_current_context().exit(1)


def _silent(*_args, **_kwargs):
    """Print nothing: what --quiet says instead of click.echo."""


def _progress(say, started):
    """A line per recipient as each digest is sent or fails, with the count and the time."""

    def on_recipient(recipient, reason, done, total):
        outcome = "failed" if reason else "sent"
        services = len(recipient.services)
        say(
            f"  {done}/{total} {outcome}: {recipient.email} ({services} service"
            f"{'' if services == 1 else 's'}) {time.perf_counter() - started:.1f}s"
        )

    return on_recipient


def _dry_run(plan):
    for recipient in plan.recipients:
        record = plan.records.get(recipient.user_id)
        slugs = ", ".join(s.slug for s in recipient.services)
        if plan.status(recipient) == "sent":
            click.echo(f"Already sent: {recipient.email} ({slugs})")
            continue
        count = len(plan.digests_for(recipient))
        action = "Would retry" if record else "Would send"
        line = f"{action}: {recipient.email}: '{subject(plan.week, count)}' ({slugs})"
        if record:
            line += f"; failed {record['attempts']} time(s): {record['last_error']}"
        click.echo(line)


def _warn_not_analysed(week, waiting):
    if waiting:
        click.echo(
            f"Warning: week {week} has not been analysed for {', '.join(waiting)}; their "
            f"digests will say so. Run 'flask --app wsgi analyse --week {week}' first.",
            err=True,
        )


@digest.command("preview")
@click.argument("slug")
@click.option("--week", callback=_week_option, help=WEEK_HELP)
def preview_command(slug, week):
    """Print one service's plain-text digest email as its owners and viewers get it.

    Themes and quotes from fewer responses than ANONYMITY_THRESHOLD are left out, as in the
    email. SLUG is the service's short name, e.g. parking-permits. Nothing is sent.
    """
    week = week or last_complete_week()
    db = open_db()
    try:
        service = service_or_usage_error(db, slug)
        click.echo(render_text(week, [service_digest(db, service, week)]), nl=False)
    finally:
        db.close()
