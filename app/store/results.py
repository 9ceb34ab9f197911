"""Reads and writes of the weekly analysis: what a week needs, and replacing its results."""

import json
from collections import defaultdict

from app.db import one_row
from app.store.services import Service
from app.store.theme_edits import live_id, store_theme_week
from app.store.transaction import write_transaction

PRIOR_TEXTS_PER_THEME = 300
# The weeks before a week whose comments are themed beside it (analysis/tracking.py).
CONTEXT_WEEKS = 2
# How common a subject was before is judged on this many weeks before a week: the
# CONTEXT_WEEKS themed beside it, then older ones whose comments are only counted
# (analysis/novelty.py).
HISTORY_WEEKS = 8
# A theme first seen this many weeks before a week, or fewer, is still rising
# (analysis/tracking.py: a subject that grows fast again continues it rather than showing
# as new twice).
RECENT_WEEKS = 2
# A theme with no comments last week but some in one of this many weeks before that is
# dormant: a new theme on its subject continues it (analysis/tracking.py).
DORMANT_WEEKS = 3
# A service's results, in an order that deletes rows before the rows they point to.
_SERVICE_RESULTS = ("response_analysis", "theme_weeks", "service_weeks", "theme_changes", "themes")


def services_to_analyse(db, week, slug=None):
    """Services with responses in the week, or with themes last week that may now fade."""
    start, end = week.bounds_iso()
    params = {"start": start, "end": end, "previous": str(week.shift(-1)), "slug": slug}
    rows = db.query(
        """
        SELECT * FROM services s
        WHERE (:slug IS NULL OR s.slug = :slug)
          AND (EXISTS (SELECT 1 FROM responses r WHERE r.service_id = s.id
                       AND r.submitted_at >= :start AND r.submitted_at < :end)
               OR EXISTS (SELECT 1 FROM theme_weeks t WHERE t.service_id = s.id
                          AND t.week = :previous AND t.status != 'faded'))
        ORDER BY s.slug
        """,
        params,
    )
    return [Service.from_row(r) for r in rows]


def week_counts(db, week):
    """{service id: responses} for a week."""
    start, end = week.bounds_iso()
    return dict(
        db.execute(
            "SELECT service_id, count(*) FROM responses WHERE submitted_at >= ? "
            "AND submitted_at < ? GROUP BY service_id",
            [start, end],
        ).fetchall()
    )


def weeks_with_responses(db, service_id=None):
    """The first and last response times, to know which weeks there are to analyse."""
    where, params = ("WHERE service_id = ?", [service_id]) if service_id else ("", [])
    row = db.execute(
        f"SELECT min(submitted_at), max(submitted_at) FROM responses {where}",  # noqa: S608
        params,
    ).fetchone()
    return row if row[0] else None


def analysed_after(db, week, service_id=None):
    """(first, last) of the weeks after `week` that already have results, or None."""
    where, params = ("AND service_id = ?", [service_id]) if service_id else ("", [])
    row = db.execute(
        f"SELECT min(week), max(week) FROM service_weeks WHERE week > ? {where}",  # noqa: S608
        [str(week), *params],
    ).fetchone()
    return row if row[0] else None


def week_responses(db, service_id, week):
    """(id, rating, comment, language) of every response to a service in a week, oldest first."""
    start, end = week.bounds_iso()
    return db.execute(
        "SELECT id, rating, comment, language FROM responses WHERE service_id = ? "
        "AND submitted_at >= ? AND submitted_at < ? ORDER BY submitted_at, id",
        [service_id, start, end],
    ).fetchall()


def earlier_comments(db, service_id, week, limit):
    """Up to `limit` comments to a service from the CONTEXT_WEEKS weeks before a week,
    newest first: what the week is themed beside, so a small week is not themed alone and a
    subject absent from the weeks before shows as new."""
    start, _ = week.shift(-CONTEXT_WEEKS).bounds_iso()
    end, _ = week.bounds_iso()
    rows = db.execute(
        "SELECT comment FROM responses WHERE service_id = ? AND submitted_at >= ? "
        "AND submitted_at < ? AND comment != '' ORDER BY submitted_at DESC, id DESC LIMIT ?",
        [service_id, start, end, limit],
    )
    return [row[0] for row in rows]


def older_comments(db, service_id, week, limit):
    """Up to `limit` comments to a service from the weeks after CONTEXT_WEEKS up to
    HISTORY_WEEKS before a week, newest first: counted, not themed, to judge whether a
    subject is new."""
    start, _ = week.shift(-HISTORY_WEEKS).bounds_iso()
    end, _ = week.shift(-CONTEXT_WEEKS).bounds_iso()
    rows = db.execute(
        "SELECT comment FROM responses WHERE service_id = ? AND submitted_at >= ? "
        "AND submitted_at < ? AND comment != '' ORDER BY submitted_at DESC, id DESC LIMIT ?",
        [service_id, start, end, limit],
    )
    return [row[0] for row in rows]


def prior_themes(db, service_id, week):
    """Last week's live themes: {theme id: member comments} and {theme id: (size, share)}."""
    previous = str(week.shift(-1))
    sizes = {
        r[0]: (r[1], r[2])
        for r in db.execute(
            "SELECT theme_id, size, share FROM theme_weeks WHERE service_id = ? AND week = ? "
            "AND status != 'faded'",
            [service_id, previous],
        )
    }
    members = defaultdict(list)
    for theme_id, comment in db.execute(
        "SELECT a.theme_id, r.comment FROM response_analysis a JOIN responses r "
        "ON r.id = a.response_id WHERE a.service_id = ? AND a.week = ? "
        "AND a.theme_id IS NOT NULL AND r.comment != '' ORDER BY a.response_id",
        [service_id, previous],
    ):
        if len(members[theme_id]) < PRIOR_TEXTS_PER_THEME:
            members[theme_id].append(comment)
    return {t: members[t] for t in sizes if members.get(t)}, sizes


def recent_themes(db, service_id, week):
    """Ids of a service's themes first seen in the RECENT_WEEKS weeks before a week."""
    rows = db.execute(
        "SELECT id FROM themes WHERE service_id = ? AND first_week >= ? AND first_week < ?",
        [service_id, str(week.shift(-RECENT_WEEKS)), str(week)],
    )
    return frozenset(row[0] for row in rows)


def dormant_themes(db, service_id, week):
    """A service's dormant themes before a week: {theme id: member comments}, the members
    from the theme's latest week. Dormant themes had no comments last week but some in one
    of the DORMANT_WEEKS weeks before; themes merged into another are left out."""
    rows = db.execute(
        "WITH dormant AS (SELECT tw.theme_id, max(tw.week) AS week FROM theme_weeks tw "
        "JOIN themes t ON t.id = tw.theme_id WHERE tw.service_id = :service "
        "AND tw.week >= :start AND tw.week < :previous AND tw.status != 'faded' "
        "AND t.merged_into IS NULL AND tw.theme_id NOT IN (SELECT theme_id FROM theme_weeks "
        "WHERE service_id = :service AND week = :previous AND status != 'faded') "
        "GROUP BY tw.theme_id), "
        "members AS (SELECT a.theme_id, r.comment, row_number() OVER "
        "(PARTITION BY a.theme_id ORDER BY a.response_id) AS n FROM dormant d "
        "JOIN response_analysis a ON a.service_id = :service AND a.week = d.week "
        "AND a.theme_id = d.theme_id JOIN responses r ON r.id = a.response_id "
        "WHERE r.comment != '') "
        "SELECT theme_id, comment FROM members WHERE n <= :limit ORDER BY theme_id, n",
        {
            "service": service_id,
            "start": str(week.shift(-1 - DORMANT_WEEKS)),
            "previous": str(week.shift(-1)),
            "limit": PRIOR_TEXTS_PER_THEME,
        },
    )
    members = defaultdict(list)
    for theme_id, comment in rows:
        members[theme_id].append(comment)
    return dict(members)


def replace_service_week(db, service_id, week, result, prior_sizes):
    """Replace a service's results for a week in one transaction; returns rows written.

    A theme that continues keeps its id; a new theme reuses the id an earlier run of the
    same week gave it, so a rerun of the same input stores the same results. An id staff
    merged into another theme resolves to that theme, and two themes landing on one id that
    week are combined, so a merge holds through reruns.
    """
    name = str(week)
    with write_transaction(db):
        for table in ("theme_weeks", "response_analysis", "service_weeks"):
            db.execute(f"DELETE FROM {table} WHERE service_id = ? AND week = ?", [service_id, name])  # noqa: S608
        reusable = [
            r[0]
            for r in db.execute(
                "SELECT id FROM themes WHERE service_id = ? AND first_week = ? ORDER BY id",
                [service_id, name],
            )
        ]
        ids = {}
        for theme in sorted(result.themes, key=lambda t: t.key):
            if theme.continues is not None:
                ids[theme.key] = live_id(db, theme.continues)
                db.execute(
                    "UPDATE themes SET label = ?, last_week = max(last_week, ?) WHERE id = ?",
                    [theme.label, name, ids[theme.key]],
                )
            elif reusable:
                ids[theme.key] = live_id(db, reusable.pop(0))
                db.execute(
                    "UPDATE themes SET label = ?, last_week = max(last_week, ?) WHERE id = ?",
                    [theme.label, name, ids[theme.key]],
                )
            else:
                ids[theme.key] = db.execute(
                    "INSERT INTO themes (service_id, first_week, last_week, label) "
                    "VALUES (?, ?, ?, ?)",
                    [service_id, name, name, theme.label],
                ).lastrowid
        for theme_id in reusable:  # made by an earlier run of this week, not needed now
            if not _kept(db, theme_id):
                db.execute("DELETE FROM themes WHERE id = ?", [theme_id])
        for theme in result.themes:
            previous = prior_sizes.get(theme.continues) if theme.continues else None
            _insert_theme_week(db, ids[theme.key], service_id, name, theme, previous)
        for theme_id in result.faded:
            label = db.execute("SELECT label FROM themes WHERE id = ?", [theme_id]).fetchone()[0]
            size, share = prior_sizes.get(theme_id, (None, None))
            store_theme_week(
                db,
                {
                    "theme_id": theme_id,
                    "service_id": service_id,
                    "week": name,
                    "status": "faded",
                    "label": label,
                    "keywords": "[]",
                    "size": 0,
                    "share": 0,
                    "mean_sentiment": None,
                    "mean_rating": None,
                    "pct_satisfied": None,
                    "examples": "[]",
                    "previous_size": size,
                    "previous_share": share,
                },
            )
        rows = [
            (response_id, service_id, name, score, ids.get(result.theme_of.get(response_id)))
            for response_id, score in result.sentiment.items()
        ]
        db.conn.executemany(
            "INSERT INTO response_analysis (response_id, service_id, week, sentiment, theme_id) "
            "VALUES (?, ?, ?, ?, ?)",
            rows,
        )
        counts = result.rating_counts
        db.execute(
            "INSERT INTO service_weeks (service_id, week, responses, rating_1, rating_2, rating_3, "
            "rating_4, rating_5, pct_satisfied, mean_rating, comments, mean_sentiment, themes) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                service_id,
                name,
                result.responses,
                *(counts[level] for level in range(1, 6)),
                result.pct_satisfied,
                result.mean_rating,
                result.comments,
                result.mean_sentiment,
                len(result.themes),
            ],
        )
    # Each theme is written twice (themes, theme_weeks); then faded themes, responses, the week.
    return 2 * len(result.themes) + len(result.faded) + len(rows) + 1


def _kept(db, theme_id):
    """Whether a theme row must stay: it has weeks, staff changed it, or another points to it."""
    return db.execute(
        "SELECT EXISTS (SELECT 1 FROM theme_weeks WHERE theme_id = :id) "
        "OR EXISTS (SELECT 1 FROM theme_changes WHERE theme_id = :id) "
        "OR EXISTS (SELECT 1 FROM backlog_item_themes WHERE theme_id = :id) "
        "OR EXISTS (SELECT 1 FROM themes WHERE merged_into = :id OR (id = :id AND "
        "(merged_into IS NOT NULL OR custom_label IS NOT NULL OR not_actionable IS NOT NULL)))",
        {"id": theme_id},
    ).fetchone()[0]


def _insert_theme_week(db, theme_id, service_id, week, theme, previous):
    store_theme_week(
        db,
        {
            "theme_id": theme_id,
            "service_id": service_id,
            "week": week,
            "status": "new" if theme.continues is None else "continuing",
            "label": theme.label,
            "keywords": json.dumps(theme.keywords),
            "size": theme.size,
            "share": theme.share,
            "mean_sentiment": theme.mean_sentiment,
            "mean_rating": theme.mean_rating,
            "pct_satisfied": theme.pct_satisfied,
            "examples": json.dumps(theme.examples),
            "previous_size": previous[0] if previous else None,
            "previous_share": previous[1] if previous else None,
        },
    )


def record_run(db, week, started_at, finished_at, services, responses, themes, seconds):
    """Keep a line about each run, for 'last analysed' notes and troubleshooting."""
    with write_transaction(db):
        db.execute(
            "INSERT INTO analysis_runs (week, started_at, finished_at, services, responses, "
            "themes, seconds) VALUES (?, ?, ?, ?, ?, ?, ?)",
            [str(week), started_at, finished_at, services, responses, themes, round(seconds, 2)],
        )


def last_run(db):
    """The most recent weekly run's week and finish time, or None: what /healthz reports."""
    return one_row(db, "SELECT week, finished_at FROM analysis_runs ORDER BY id DESC LIMIT 1")


def delete_responses_by_source(db, source, entered_by=None):
    """Delete every response from one source (such as 'demo'), in one transaction, with the
    weekly results of each service they belonged to; returns (responses deleted, service ids).
    entered_by, if given, limits it to the responses that member of staff entered.

    Those services' results described the deleted responses, so all of them go: their weeks
    show 'not analysed' until the weekly run is run over them again.
    """
    with write_transaction(db):
        service_ids = [
            r[0]
            for r in db.execute(
                "SELECT DISTINCT service_id FROM responses WHERE source = ? "
                "AND (? IS NULL OR entered_by = ?) ORDER BY service_id",
                [source, entered_by, entered_by],
            )
        ]
        for service_id in service_ids:
            # Its backlog items stay, unlinked from themes that are going.
            db.execute(
                "DELETE FROM backlog_item_themes WHERE theme_id IN "
                "(SELECT id FROM themes WHERE service_id = ?)",
                [service_id],
            )
            for table in _SERVICE_RESULTS:
                db.execute(f"DELETE FROM {table} WHERE service_id = ?", [service_id])  # noqa: S608
        deleted = db.execute(
            "DELETE FROM responses WHERE source = ? AND (? IS NULL OR entered_by = ?)",
            [source, entered_by, entered_by],
        ).rowcount
    return deleted, service_ids
