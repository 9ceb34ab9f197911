"""Reads behind the digest pages, emails and exports: stored weekly results, never recomputed."""

import json


def service_weeks(db, service_id, weeks):
    """{week name: stored figures} for the given weeks (missing weeks are absent)."""
    names = [str(w) for w in weeks]
    marks = ",".join("?" * len(names))
    rows = db.query(
        f"SELECT * FROM service_weeks WHERE service_id = ? AND week IN ({marks})",  # noqa: S608
        [service_id, *names],
    )
    return {r["week"]: r for r in rows}


def breakdown(db, service_id, week, column, *, include_staff=True):
    """[(value, responses, % satisfied, of which recorded by staff)] for outcome or channel
    in a week, largest first."""
    if column not in ("outcome", "channel"):
        raise ValueError(column)
    start, end = week.bounds_iso()
    rows = db.execute(
        f"SELECT {column}, count(*), sum(rating >= 4), sum(source = 'staff') "  # noqa: S608
        "FROM responses WHERE service_id = ? AND submitted_at >= ? AND submitted_at < ? "
        "AND (? OR source != 'staff') "
        f"GROUP BY {column} ORDER BY count(*) DESC, {column}",
        [service_id, start, end, int(include_staff)],
    ).fetchall()
    return [
        (value, count, round(100 * satisfied / count, 1), staff)
        for value, count, satisfied, staff in rows
    ]


def week_staff_count(db, service_id, week):
    """How many of a service's responses in a week were recorded by staff."""
    start, end = week.bounds_iso()
    return db.execute(
        "SELECT count(*) FROM responses WHERE service_id = ? AND source = 'staff' "
        "AND submitted_at >= ? AND submitted_at < ?",
        [service_id, start, end],
    ).fetchone()[0]


def digest_themes(db, service_id, week, quotes=3):
    """The week's themes, largest first, each with up to `quotes` redacted example comments."""
    themes = list(
        db.query(
            "SELECT tw.*, coalesce(t.custom_label, tw.label) AS display_label, t.first_week "
            "FROM theme_weeks tw JOIN themes t ON t.id = tw.theme_id "
            "WHERE tw.service_id = ? AND tw.week = ? "
            "ORDER BY tw.status = 'faded', tw.size DESC, tw.theme_id",
            [service_id, str(week)],
        )
    )
    examples = {theme["theme_id"]: json.loads(theme["examples"])[:quotes] for theme in themes}
    # One query for every theme's quotes, not one a theme.
    found = _comments(db, [i for ids in examples.values() for i in ids])
    for theme in themes:
        theme["keywords"] = json.loads(theme["keywords"])
        theme["quotes"] = [found[i] for i in examples[theme["theme_id"]] if i in found]
    return themes


def _comments(db, ids):
    """{response id: comment} for these ids, leaving out comments whose text was removed
    (retention), so a theme never shows an empty quote."""
    if not ids:
        return {}
    marks = ",".join("?" * len(ids))
    return dict(
        db.execute(
            f"SELECT id, comment FROM responses WHERE id IN ({marks}) AND comment != ''",  # noqa: S608
            ids,
        ).fetchall()
    )


def largest_negative_theme(db, service_id, week, min_size):
    """The biggest theme with negative mean sentiment, of at least min_size comments."""
    rows = list(
        db.query(
            "SELECT tw.theme_id, coalesce(t.custom_label, tw.label) AS label, tw.size "
            "FROM theme_weeks tw JOIN themes t ON t.id = tw.theme_id "
            "WHERE tw.service_id = ? AND tw.week = ? AND tw.status != 'faded' "
            "AND tw.mean_sentiment < 0 AND tw.size >= ? ORDER BY tw.size DESC, tw.theme_id LIMIT 1",
            [service_id, str(week), min_size],
        )
    )
    return rows[0] if rows else None


def has_responses(db, service_id):
    """Whether a service has any responses at all."""
    found = db.execute("SELECT 1 FROM responses WHERE service_id = ? LIMIT 1", [service_id])
    return found.fetchone() is not None


def week_responses_count(db, service_id, week):
    """Responses stored for a service in a week (whether or not the week has been analysed)."""
    start, end = week.bounds_iso()
    return db.execute(
        "SELECT count(*) FROM responses WHERE service_id = ? "
        "AND submitted_at >= ? AND submitted_at < ?",
        [service_id, start, end],
    ).fetchone()[0]


def week_comments(db, service_id, week, min_theme_size=0, *, include_staff=True):
    """Every response of the week with its sentiment and theme, for the comments export.

    A theme drawn from fewer than min_theme_size responses that week is left out (its id
    and label are empty), as the digest leaves it out: its label would point to the few.
    include_staff False leaves out the responses staff recorded.
    """
    start, end = week.bounds_iso()
    return list(
        db.query(
            "SELECT r.id, r.submitted_at, r.rating, r.comment, r.language, r.channel, r.outcome, "
            "r.source, a.sentiment, shown.theme_id, shown.theme "
            "FROM responses r LEFT JOIN response_analysis a ON a.response_id = r.id "
            "LEFT JOIN (SELECT t.id AS theme_id, coalesce(t.custom_label, t.label) AS theme "
            "  FROM themes t JOIN theme_weeks tw ON tw.theme_id = t.id "
            "  WHERE tw.service_id = :service AND tw.week = :week AND tw.size >= :size"
            ") shown ON shown.theme_id = a.theme_id "
            "WHERE r.service_id = :service AND r.submitted_at >= :start AND r.submitted_at < :end "
            "AND (:all OR r.source != 'staff') "
            "ORDER BY r.submitted_at, r.id",
            {
                "service": service_id,
                "week": str(week),
                "size": min_theme_size,
                "start": start,
                "end": end,
                "all": int(include_staff),
            },
        )
    )


def week_rating_counts(db, service_id, week, *, include_staff=True):
    """{rating: responses} for 1 to 5 in a week, counted from the responses as stored now."""
    start, end = week.bounds_iso()
    counts = dict.fromkeys(range(1, 6), 0)
    rows = db.execute(
        "SELECT rating, count(*) FROM responses WHERE service_id = ? AND submitted_at >= ? "
        "AND submitted_at < ? AND (? OR source != 'staff') GROUP BY rating",
        [service_id, start, end, int(include_staff)],
    ).fetchall()
    counts.update(dict(rows))
    return counts
