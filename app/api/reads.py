"""GET endpoints for dashboards and data teams: services, a week's figures, a week's themes."""

from flask import current_app, g, jsonify
from werkzeug.exceptions import BadRequest, NotFound

from analysis.effect import wilson
from app.api import bp
from app.auth.access import access
from app.db import get_db
from app.store import (
    digest_themes,
    list_items,
    list_services,
    status_history,
    theme_responses,
    week_rating_counts,
)
from app.weeks import WEEK_PATTERN, parse_week

FORMULA = "(very satisfied + satisfied) / all ratings"


def _week(text):
    """The week named in the path: 400 for one not written as a week, 404 for one written as a
    week that the calendar does not have (2027-W53)."""
    try:
        return parse_week(text)
    except ValueError as error:
        if WEEK_PATTERN.match(text):
            raise NotFound(f"There is no week {text}: {error}") from error
        raise BadRequest(f"'week' is not an ISO week such as 2026-W47: {error}") from error


def _interval_pct(successes, n):
    """The 95% Wilson interval of a proportion, in percent to 0.1; None without responses."""
    if n == 0:
        return None
    low, high = wilson(successes, n, z=1.96)  # the API has always published it with 1.96
    return [round(100 * low, 1), round(100 * high, 1)]


@bp.get("/services")
@access("token_read")
def list_api_services():
    """The services this token covers."""
    covered = [s for s in list_services(get_db()) if g.api_token.covers(s.id)]
    return jsonify(
        {
            "services": [
                {"slug": s.slug, "name_en": s.name_en, "name_cy": s.name_cy, "active": s.active}
                for s in covered
            ]
        }
    )


@bp.get("/services/<slug>/weeks/<week>")
@access("token_read")
def service_week(slug, week):
    """A week's ratings: the count at each level, n, and % satisfied with its interval."""
    week = _week(week)
    counts = week_rating_counts(get_db(), g.service.id, week)
    n = sum(counts.values())
    satisfied = counts[4] + counts[5]
    return jsonify(
        {
            "service": slug,
            "week": str(week),
            "starts": week.monday.isoformat(),
            "ends": week.sunday.isoformat(),
            "n": n,
            "counts": {str(level): counts[level] for level in range(1, 6)},
            "satisfied": satisfied,
            "pct_satisfied": round(100 * satisfied / n, 1) if n else None,
            "pct_satisfied_interval_95": _interval_pct(satisfied, n),
            "pct_satisfied_formula": FORMULA,
        }
    )


@bp.get("/services/<slug>/weeks/<week>/themes")
@access("token_read")
def service_week_themes(slug, week):
    """The week's themes drawn from at least ANONYMITY_THRESHOLD responses, largest first."""
    week = _week(week)
    threshold = current_app.config["ANONYMITY_THRESHOLD"]
    themes = digest_themes(get_db(), g.service.id, week, quotes=0)
    return jsonify(
        {
            "service": slug,
            "week": str(week),
            "threshold": threshold,
            "themes": [
                {
                    "id": t["theme_id"],
                    "label": t["display_label"],
                    "status": t["status"],
                    "size": t["size"],
                    "share": t["share"],
                    "keywords": t["keywords"],
                    "mean_sentiment": t["mean_sentiment"],
                    "mean_rating": t["mean_rating"],
                    "pct_satisfied": t["pct_satisfied"],
                }
                for t in themes
                if t["size"] >= threshold
            ],
        }
    )


@bp.get("/services/<slug>/backlog")
@access("token_read")
def service_backlog(slug):
    """The service's backlog items: status and its dates, shipped date, themes, link; no text
    from comments, and no label for a theme of fewer than ANONYMITY_THRESHOLD responses."""
    threshold = current_app.config["ANONYMITY_THRESHOLD"]
    items = list_items(get_db(), [g.service.id])
    history = status_history(get_db(), [i.id for i in items])
    sizes = theme_responses(get_db(), {t for i in items for t in i.theme_ids})
    return jsonify(
        {
            "service": slug,
            "threshold": threshold,
            "items": [
                {
                    "id": item.id,
                    "title": item.title,
                    "status": item.status,
                    "status_history": [
                        {"status": status, "changed_at": changed_at}
                        for status, changed_at in history[item.id]
                    ],
                    "shipped_at": item.shipped_at,
                    "themes": [
                        {"id": theme_id, "label": label if sizes[theme_id] >= threshold else None}
                        for theme_id, label in item.themes
                    ],
                    "external_url": item.external_url,
                    "external_key": item.external_key,
                }
                for item in items
            ],
        }
    )
