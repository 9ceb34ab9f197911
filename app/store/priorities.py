"""Reads behind the priorities page: a window of weeks' ratings by theme, and its themes."""

from collections import defaultdict


def _marks(weeks):
    return ",".join("?" * len(weeks))


def analysed_weeks(db, service_id, weeks):
    """The names of those weeks that have stored results for the service, oldest first."""
    names = [str(w) for w in weeks]
    return [
        r[0]
        for r in db.execute(
            f"SELECT week FROM service_weeks WHERE service_id = ? AND week IN ({_marks(names)}) "  # noqa: S608
            "ORDER BY week",
            [service_id, *names],
        )
    ]


def window_rating_counts(db, service_id, weeks):
    """[(rating, theme id or None, responses)] over every response to the service in those of
    the weeks that have been analysed, with or without a comment; a pair may repeat, once a
    week. Counted in SQL, from an index holding the ratings, so a page never reads the rows."""
    done = set(analysed_weeks(db, service_id, weeks))
    rows = []
    for week in weeks:
        if str(week) not in done:
            continue  # its themes are not known yet; counting it would dilute every theme
        start, end = week.bounds_iso()
        rows.extend(
            db.execute(
                "SELECT r.rating, a.theme_id, count(*) FROM responses r "
                "LEFT JOIN response_analysis a ON a.response_id = r.id WHERE r.service_id = ? "
                "AND r.submitted_at >= ? AND r.submitted_at < ? GROUP BY r.rating, a.theme_id",
                [service_id, start, end],
            ).fetchall()
        )
    return rows


def window_themes(db, service_id, weeks):
    """{theme id: {label, not_actionable, sizes: {week: comments}}} for themes seen in the weeks."""
    names = [str(w) for w in weeks]
    themes = {}
    sizes = defaultdict(dict)
    in_weeks = f"tw.week IN ({_marks(names)})"
    for row in db.query(
        "SELECT tw.theme_id, tw.week, tw.size, coalesce(t.custom_label, t.label) AS label, "  # noqa: S608
        "t.not_actionable FROM theme_weeks tw JOIN themes t ON t.id = tw.theme_id "
        f"WHERE tw.service_id = ? AND {in_weeks} AND tw.status != 'faded'",
        [service_id, *names],
    ):
        themes[row["theme_id"]] = {"label": row["label"], "not_actionable": row["not_actionable"]}
        sizes[row["theme_id"]][row["week"]] = row["size"]
    for theme_id, theme in themes.items():
        theme["sizes"] = sizes[theme_id]
    return themes
