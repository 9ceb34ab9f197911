"""Downloads: publishable rating counts, and comments with sentiment and theme."""

import csv
import io
import json

from flask import Response, abort, current_app, g
from flask_login import current_user

from app.auth.access import access
from app.dashboard import bp
from app.dashboard.views import include_staff, visible_services, week_or_404
from app.db import get_db
from app.store import service_weeks, week_comments, week_rating_counts

# A spreadsheet treats a cell starting with these as a formula; a leading quote disarms it.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
RATING_COLUMNS = [
    "service",
    "week",
    "responses",
    "very_satisfied",
    "satisfied",
    "neither",
    "dissatisfied",
    "very_dissatisfied",
    "pct_satisfied",
]
COMMENT_COLUMNS = [
    "id",
    "submitted_at",
    "rating",
    "comment",
    "language",
    "channel",
    "outcome",
    "sentiment",
    "theme_id",
    "theme",
    "source",
]


def _suffix():
    """Marks a file that leaves out staff entries, so it is not mistaken for the full one."""
    return "" if include_staff() else "-without-staff"


def safe_cell(value):
    """A value fit for a spreadsheet: text that could run as a formula is quoted."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def _csv(rows, columns, filename):
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(columns)
    for row in rows:
        writer.writerow([safe_cell(row.get(c)) for c in columns])
    return Response(
        out.getvalue(),
        mimetype="text/csv",
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )


def _week_figures(service, week):
    """The week's stored figures; with ?staff=exclude, counted again without staff entries."""
    db = get_db()
    if include_staff():
        return service_weeks(db, service.id, [week]).get(str(week))
    counts = week_rating_counts(db, service.id, week, include_staff=False)
    total = sum(counts.values())
    figures = {f"rating_{n}": counts[n] for n in counts}
    figures["responses"] = total
    satisfied = 100 * (counts[5] + counts[4]) / total if total else None
    figures["pct_satisfied"] = round(satisfied, 1) if total else None
    return figures


def _rating_row(service, week, stored):
    levels = [stored[f"rating_{n}"] for n in (5, 4, 3, 2, 1)] if stored else [0] * 5
    return dict(
        zip(
            RATING_COLUMNS,
            [
                service.slug,
                str(week),
                stored["responses"] if stored else 0,
                *levels,
                stored["pct_satisfied"] if stored else None,
            ],
            strict=True,
        )
    )


@bp.route("/services/<slug>/weeks/<week>/ratings.csv")
@access("service_read")
def export_ratings(slug, week):
    """One service's counts per rating level and % satisfied for a week (?staff=exclude
    leaves out feedback recorded by staff)."""
    week = week_or_404(week)
    return _csv(
        [_rating_row(g.service, week, _week_figures(g.service, week))],
        RATING_COLUMNS,
        f"{slug}-{week}-ratings{_suffix()}.csv",
    )


@bp.route("/weeks/<week>/ratings.csv")
@access("signed_in")
def export_all_ratings(week):
    """Counts per rating level and % satisfied for every service the user can see."""
    week = week_or_404(week)
    rows = [_rating_row(s, week, _week_figures(s, week)) for s in visible_services(current_user)]
    return _csv(rows, RATING_COLUMNS, f"ratings-{week}{_suffix()}.csv")


@bp.route("/services/<slug>/weeks/<week>/comments.<format>")
@access("service_manage")
def export_comments(slug, week, format):  # noqa: A002 - the URL's own word
    """Every response of the week with its redacted comment, sentiment, theme and source
    ('staff' for feedback recorded by staff; ?staff=exclude leaves those out)."""
    if format not in ("csv", "json"):
        abort(404)
    week = week_or_404(week)
    # Owners get the digest's anonymity threshold; admins see every theme, as on the page.
    threshold = 0 if current_user.is_admin else current_app.config["ANONYMITY_THRESHOLD"]
    rows = week_comments(
        get_db(), g.service.id, week, min_theme_size=threshold, include_staff=include_staff()
    )
    filename = f"{slug}-{week}-comments{_suffix()}.{format}"
    if format == "csv":
        return _csv(rows, COMMENT_COLUMNS, filename)
    body = json.dumps(
        {
            "service": slug,
            "week": str(week),
            "responses": [{c: r[c] for c in COMMENT_COLUMNS} for r in rows],
        },
        ensure_ascii=False,
        indent=1,
    )
    return Response(
        body,
        mimetype="application/json",
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )
