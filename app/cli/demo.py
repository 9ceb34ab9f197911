"""flask demo: realistic services and twelve weeks of responses to explore Pulse with."""

import secrets
import time
from collections import Counter

import click
from flask import current_app
from flask.cli import with_appcontext

from app.cli.common import open_db
from app.cli.demo_backlog import load_demo_backlog, mark_demo_not_actionable
from app.cli.demo_published import publish_demo_changes
from app.demo import SERVICES, generate_responses
from app.store import (
    NewResponse,
    ServiceError,
    add_responses,
    add_service,
    add_user,
    count_by_source,
    delete_responses_by_source,
    get_service,
    get_user_by_email,
    set_password,
)
from app.survey.links import survey_url
from app.urls import public_url
from app.weekly import run_week, weeks_to_analyse
from app.weeks import last_complete_week

# Demo sign-ins get a fresh random password each time, so no known password ever ships.
DEMO_STAFF = [
    ("admin@pulse.example", "Demo Admin", "admin", []),
    ("owner@pulse.example", "Demo Service Owner", "owner", ["parking-permits", "missed-bins"]),
    ("recorder@pulse.example", "Demo Contact Centre Agent", "recorder", ["missed-bins"]),
]
RECORDER = DEMO_STAFF[2]
# Of the demo's phone and face-to-face responses to the recorder's services, one in this many
# is shown as entered by the demo recorder (a contact-centre agent typing in what a caller said).
RECORDED_EVERY = 25


@click.command("demo")
@click.option(
    "--seed",
    default=2026,
    show_default=True,
    help="Random seed; the same seed gives the same data.",
)
@click.option("--weeks", default=12, show_default=True, help="How many weeks of responses to make.")
@click.option(
    "--reset",
    is_flag=True,
    help="Delete earlier demo responses first, with the weekly results of their services.",
)
@click.option("--analyse", is_flag=True, help="Then run the weekly analysis over every week.")
@click.option(
    "--quiet",
    is_flag=True,
    help=(
        "Print nothing unless something goes wrong. Demo sign-ins that exist keep their "
        "passwords; new ones get passwords that are not shown."
    ),
)
@with_appcontext
def demo_command(seed, weeks, reset, analyse, quiet):
    """Load demo services and responses (skipped if demo responses are already there)."""
    say = _silent if quiet else click.echo
    db = open_db()
    try:
        existing = count_by_source(db, "demo")
        if existing and not reset:
            say(f"Demo data already loaded ({existing} responses); use --reset to load it again.")
        else:
            if existing:
                deleted, services = delete_responses_by_source(db, "demo")
                say(
                    f"Deleted {deleted} demo responses and the weekly results of "
                    f"{len(services)} services."
                )
                recorder = get_user_by_email(db, RECORDER[0])
                if recorder:
                    recorded, _ = delete_responses_by_source(db, "staff", entered_by=recorder.id)
                    say(f"Deleted {recorded} responses the demo recorder entered.")
            _load(db, seed, weeks, say)
        if analyse:
            _analyse(db, say)
        elif reset and existing:
            say("Run 'flask --app wsgi analyse --all' to analyse the new responses.")
        say("Survey links:")
        for spec in SERVICES:
            say(f"  {survey_url(spec['slug'])}")
        _demo_staff(db, say, keep_passwords=quiet)
        if analyse:
            owner = get_user_by_email(db, DEMO_STAFF[1][0])
            load_demo_backlog(db, owner.id, say)
            mark_demo_not_actionable(db, owner.id, say)
            publish_demo_changes(db, owner.id, say)
    finally:
        db.close()


def _silent(*_args, **_kwargs):
    """Print nothing: what --quiet says instead of click.echo."""


def _analyse(db, say):
    """Analyse every demo week, oldest first, with a line per week as it finishes."""
    weeks = weeks_to_analyse(db, last_complete_week(), all_weeks=True)
    say(f"Analysing {len(weeks)} weeks:")
    started = time.perf_counter()
    for number, week in enumerate(weeks, 1):
        summary = run_week(current_app.config["DATABASE"], week)
        say(
            f"  {week}: {len(summary.services)} services, {summary.responses} responses, "
            f"{summary.themes} themes in {summary.seconds:.1f}s "
            f"(week {number} of {len(weeks)}, {time.perf_counter() - started:.1f}s in all)"
        )
    say("Analysis done: digests are ready.")


def _load(db, seed, weeks, say):
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
    recorder, _ = _demo_user(db, *RECORDER)
    recorded = _recorded_by_staff(rows, RECORDER[3])
    stored = add_responses(
        db,
        (_response(row, ids, recorder.id if i in recorded else None) for i, row in enumerate(rows)),
    )
    per_service = Counter(row["service"] for row in rows)
    say(
        f"Loaded {stored} demo responses over {weeks} weeks ending {last} "
        f"in {time.perf_counter() - started:.1f}s:"
    )
    for slug, count in sorted(per_service.items()):
        say(f"  {slug:<24} {count:>5}")
    say(f"  of which {len(recorded)} entered by the demo recorder, {RECORDER[0]}")


def _recorded_by_staff(rows, slugs):
    """Indexes of the rows to show as entered by the demo recorder: every RECORDED_EVERY-th
    phone or face-to-face response to its services, so the same seed picks the same ones."""
    spoken = [
        i
        for i, row in enumerate(rows)
        if row["service"] in slugs and row["channel"] in ("phone", "face-to-face")
    ]
    return set(spoken[::RECORDED_EVERY])


def _demo_user(db, email, name, role, slugs, password=None):
    """(the demo user with this email, whether just added): added with these services and
    this password (a random one if not given) if missing."""
    user = get_user_by_email(db, email)
    if user is not None:
        return user, False
    password = password or "-".join(secrets.token_hex(3) for _ in range(3))
    return add_user(db, email, name, password, role, [get_service(db, s).id for s in slugs]), True


def _demo_staff(db, say, keep_passwords=False):
    say(f"Staff sign-in: {public_url('auth.sign_in')}")
    for email, name, role, slugs in DEMO_STAFF:
        password = "-".join(secrets.token_hex(3) for _ in range(3))
        user, added = _demo_user(db, email, name, role, slugs, password)
        if not added and keep_passwords:
            continue  # a password nobody is shown would only lock the demo sign-in out
        if not added:
            set_password(db, user.id, password)
        say(f"  {role:<8} {email}  password: {password}")


def _response(row, ids, entered_by=None):
    return NewResponse(
        service_id=ids[row["service"]],
        rating=row["rating"],
        comment=row["comment"],
        language=row["language"],
        channel=row["channel"],
        outcome=row["outcome"],
        source="staff" if entered_by else "demo",
        entered_by=entered_by,
        submitted_at=row["submitted_at"],
    )
