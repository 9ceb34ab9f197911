"""Reads of stored theme-weeks beyond the digest's list: earlier sizes, sentiment sides, the
typical comment and the comments that fit no theme shown to the reader."""

import json


def theme_sizes(db, service_id, weeks):
    """{theme id: {week name: comments}} for the service's themes in the given weeks."""
    names = [str(w) for w in weeks]
    if not names:
        return {}
    marks = ",".join("?" * len(names))
    sizes = {}
    for theme_id, week, size in db.execute(
        "SELECT theme_id, week, size FROM theme_weeks "  # noqa: S608 - only placeholders
        f"WHERE service_id = ? AND week IN ({marks}) AND status != 'faded'",
        [service_id, *names],
    ):
        sizes.setdefault(theme_id, {})[week] = size
    return sizes


def theme_sides(db, service_id, week, *, negative_rating, positive_rating, margin):
    """{theme id: (clearly negative, clearly positive)} comments of each theme in the week.

    Clearly negative: rating <= negative_rating and sentiment < -margin; clearly positive:
    rating >= positive_rating and sentiment > margin (analysis.sentiment_split states why).
    """
    rows = db.execute(
        "SELECT a.theme_id, "
        "sum(r.rating <= :negative AND a.sentiment < -:margin), "
        "sum(r.rating >= :positive AND a.sentiment > :margin) "
        "FROM response_analysis a JOIN responses r ON r.id = a.response_id "
        "WHERE a.service_id = :service AND a.week = :week AND a.theme_id IS NOT NULL "
        "GROUP BY a.theme_id",
        {
            "service": service_id,
            "week": str(week),
            "negative": negative_rating,
            "positive": positive_rating,
            "margin": margin,
        },
    )
    return {theme_id: (negative or 0, positive or 0) for theme_id, negative, positive in rows}


def _outside(shown):
    marks = ",".join("?" * len(shown))
    clause = f"(a.theme_id IS NULL OR a.theme_id NOT IN ({marks}))" if shown else "1"
    return clause, list(shown)


def unthemed_count(db, service_id, week, shown):
    """Comments of the week in no theme, or in a theme not among `shown` (theme ids)."""
    clause, ids = _outside(sorted(shown))
    return db.execute(
        "SELECT count(*) FROM response_analysis a "  # noqa: S608 - only placeholders
        f"WHERE a.service_id = ? AND a.week = ? AND {clause}",
        [service_id, str(week), *ids],
    ).fetchone()[0]


def unthemed_comments(db, service_id, week, shown, *, limit, offset=0):
    """A page of the comments unthemed_count counts, oldest first: id, submitted_at, rating,
    comment (as stored, so already redacted; '' once retention removed the text)."""
    clause, ids = _outside(sorted(shown))
    return list(
        db.query(
            "SELECT r.id, r.submitted_at, r.rating, r.comment "  # noqa: S608 - placeholders
            "FROM response_analysis a JOIN responses r ON r.id = a.response_id "
            f"WHERE a.service_id = ? AND a.week = ? AND {clause} "
            "ORDER BY r.submitted_at, r.id LIMIT ? OFFSET ?",
            [service_id, str(week), *ids, limit, offset],
        )
    )


def theme_week_sides(db, theme_id, *, negative_rating, positive_rating, margin):
    """{week name: (clearly negative, clearly positive)} over a theme's weeks, as theme_sides."""
    rows = db.execute(
        "SELECT a.week, "
        "sum(r.rating <= :negative AND a.sentiment < -:margin), "
        "sum(r.rating >= :positive AND a.sentiment > :margin) "
        "FROM response_analysis a JOIN responses r ON r.id = a.response_id "
        "WHERE a.theme_id = :theme GROUP BY a.week",
        {
            "theme": theme_id,
            "negative": negative_rating,
            "positive": positive_rating,
            "margin": margin,
        },
    )
    return {week: (negative or 0, positive or 0) for week, negative, positive in rows}


def typical_comment(db, theme_id, min_size):
    """(week, comment) of the theme's most typical comment in its latest week of at least
    min_size comments, or None; quotes are stored nearest the theme's centre first."""
    for week, examples in db.execute(
        "SELECT week, examples FROM theme_weeks WHERE theme_id = ? AND status != 'faded' "
        "AND size >= ? ORDER BY week DESC LIMIT 1",
        [theme_id, min_size],
    ):
        for response_id in json.loads(examples):
            found = db.execute(
                "SELECT comment FROM responses WHERE id = ? AND comment != ''", [response_id]
            ).fetchone()
            if found:
                return week, found[0]
    return None
