"""Overview and digest pages."""

from flask import abort, current_app, g, redirect, render_template, request, url_for
from flask_login import current_user

from app.auth.access import access
from app.dashboard import bp
from app.dashboard.chart import impact_chart, satisfaction_chart
from app.dashboard.priorities import WINDOWS, build_priorities, window_of
from app.db import get_db
from app.digest import build_digest
from app.effect import shipped_effects
from app.store import (
    STATUS_NAMES,
    items_by_theme,
    largest_negative_theme,
    list_services,
    service_weeks,
)
from app.survey.links import survey_url
from app.weeks import last_complete_week, london_today, parse_week

SORTS = {
    "name": lambda row: row["service"].name_en.lower(),
    "satisfied": lambda row: (row["pct"] is None, row["pct"] or 0),
    "responses": lambda row: row["responses"],
    "change": lambda row: (row["change"] is None, row["change"] or 0),
}


def week_or_404(text):
    try:
        week = parse_week(text)
    except ValueError:
        abort(404)
    if week > last_complete_week():
        abort(404)
    return week


def include_staff():
    """False when the address asks to leave out feedback recorded by staff (?staff=exclude)."""
    return request.args.get("staff") != "exclude"


def visible_services(user):
    """The services a member of staff may read."""
    return [s for s in list_services(get_db()) if user.can_see(s.id)]


@bp.route("/dashboard")
@access("signed_in")
def overview():
    """One row per service: % satisfied, trend, responses and the largest negative theme."""
    services = visible_services(current_user)
    if len(services) == 1 and not current_user.is_admin:
        return redirect(url_for("dashboard.digest_latest", slug=services[0].slug))
    week = week_or_404(request.args["week"]) if request.args.get("week") else last_complete_week()
    threshold = current_app.config["ANONYMITY_THRESHOLD"]
    rows = []
    for service in services:
        stored = service_weeks(get_db(), service.id, [week, week.shift(-1)])
        now, before = stored.get(str(week)), stored.get(str(week.shift(-1)))
        pct = now["pct_satisfied"] if now else None
        previous = before["pct_satisfied"] if before else None
        rows.append(
            {
                "service": service,
                "pct": pct,
                "change": None if pct is None or previous is None else round(pct - previous, 1),
                "responses": now["responses"] if now else 0,
                "negative": largest_negative_theme(get_db(), service.id, week, threshold),
            }
        )
    sort = request.args.get("sort", "name")
    if sort not in SORTS:
        sort = "name"
    descending = request.args.get("order") == "desc"
    rows.sort(key=SORTS[sort], reverse=descending)
    return render_template(
        "dashboard/overview.html", rows=rows, week=week, sort=sort, descending=descending
    )


@bp.route("/services/<slug>")
@access("service_read")
def digest_latest(slug):
    """A service's digest for the last complete week."""
    return redirect(url_for("dashboard.digest", slug=slug, week=str(last_complete_week())))


@bp.route("/services/<slug>/weeks/<week>")
@access("service_read")
def digest(slug, week):
    """A service's weekly digest: figures, trend, breakdowns and themes."""
    week = week_or_404(week)
    service = g.service
    result = build_digest(
        get_db(),
        service,
        week,
        threshold=current_app.config["ANONYMITY_THRESHOLD"],
        show_all=current_user.is_admin,
        include_staff=include_staff(),
    )
    latest = last_complete_week()
    return render_template(
        "dashboard/digest.html",
        digest=result,
        chart=satisfaction_chart(result.trend, result.markers),
        previous_week=week.shift(-1),
        next_week=week.shift(1) if week < latest else None,
        survey_link=survey_url(slug),
        can_manage=current_user.can_manage(service.id),
        can_record=current_user.can_record(service.id),
    )


@bp.route("/services/<slug>/priorities")
@access("service_read")
def priorities(slug):
    """A service's themes over the last 4 (or 12) complete weeks, ranked by impact on score."""
    size = request.args.get("weeks", type=int)
    size = size if size in WINDOWS else WINDOWS[0]
    result = build_priorities(
        get_db(),
        g.service.id,
        window_of(last_complete_week(), size),
        threshold=current_app.config["ANONYMITY_THRESHOLD"],
        show_all=current_user.is_admin,
    )
    charted = [r for r in result.ranked + result.unranked if r["impact"].mean is not None]
    return render_template(
        "dashboard/priorities.html",
        service=g.service,
        result=result,
        size=size,
        windows=WINDOWS,
        chart=impact_chart(charted),
        can_manage=current_user.can_manage(g.service.id),
        effects=shipped_effects(get_db(), g.service.id, london_today()),
        backlog=items_by_theme(get_db(), g.service.id),
        statuses=STATUS_NAMES,
    )
