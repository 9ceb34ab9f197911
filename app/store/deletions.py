"""Deleting one response at a citizen's request: finding it, deleting it with its analysis,
recounting its week's figures, and the audit record of who deleted it, when and why."""

import json
from dataclasses import dataclass
from datetime import UTC, datetime

from analysis import redact
from app.store.transaction import write_transaction
from app.weeks import LONDON, parse_week, week_of

MAX_FOUND = 50
MAX_REASON = 500
MAX_ID = 2**63 - 1  # SQLite's largest integer: a larger number is no response, not an error


@dataclass(frozen=True)
class DeletedResponse:
    """What a deletion removed, without the comment: enough to say which week changed."""

    response_id: int
    service_id: int
    week: str
    recounted: bool


def response_week(submitted_at):
    """The ISO week (London time) of a stored response time."""
    return week_of(datetime.fromisoformat(submitted_at).astimezone(LONDON).date())


def get_response(db, response_id):
    """One response with its service's slug and name and its week, or None."""
    if not 0 < response_id <= MAX_ID:
        return None
    cursor = db.execute(
        "SELECT r.id, r.service_id, s.slug, s.name_en AS service_name, r.rating, r.comment, "
        "r.language, r.channel, r.outcome, r.submitted_at FROM responses r "
        "JOIN services s ON s.id = r.service_id WHERE r.id = ?",
        [response_id],
    )
    row = cursor.fetchone()
    if row is None:
        return None
    found = dict(zip([c[0] for c in cursor.description], row, strict=True))
    found["week"] = str(response_week(found["submitted_at"]))
    return found


def find_responses(db, service_id, week, text="", limit=MAX_FOUND):
    """(responses, more): a service's responses in a week whose comment contains text (any
    case), oldest first, at most limit of them; more is True when others matched too."""
    start, end = week.bounds_iso()
    pattern = "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    rows = list(
        db.query(
            "SELECT id, rating, comment, language, submitted_at FROM responses "
            "WHERE service_id = ? AND submitted_at >= ? AND submitted_at < ? "
            "AND comment LIKE ? ESCAPE '\\' ORDER BY submitted_at, id LIMIT ?",
            [service_id, start, end, pattern, limit + 1],
        )
    )
    return rows[:limit], len(rows) > limit


def delete_response(db, response_id, user_id, reason):
    """Delete a response and its analysis, record who, when and why, and recount its week;
    returns a DeletedResponse, or None when there is no such response.

    The reason is redacted like a comment, since staff may paste the request into it.
    """
    if not 0 < response_id <= MAX_ID:
        return None
    now = datetime.now(UTC).isoformat(timespec="seconds")
    with write_transaction(db):
        row = db.execute(
            "SELECT service_id, submitted_at FROM responses WHERE id = ?", [response_id]
        ).fetchone()
        if row is None:
            return None
        service_id, week = row[0], str(response_week(row[1]))
        db.execute("DELETE FROM response_analysis WHERE response_id = ?", [response_id])
        db.execute("DELETE FROM responses WHERE id = ?", [response_id])
        db.execute(
            "INSERT INTO response_deletions (response_id, service_id, week, deleted_by, "
            "deleted_at, reason) VALUES (?, ?, ?, ?, ?, ?)",
            [response_id, service_id, week, user_id, now, redact(reason.strip()).text],
        )
        recounted = _recount_week(db, service_id, week, response_id)
    return DeletedResponse(response_id, service_id, week, recounted)


def _pct(satisfied, total):
    return round(100.0 * satisfied / total, 1) if total else None


def _mean(value):
    return round(value, 4) if value is not None else None


def _recount_week(db, service_id, week, removed_id):
    """Recount an analysed week without the removed response; False if it was not analysed.

    Counts, percentages and means are arithmetic over what is left, so they are recomputed
    exactly here; themes keep their ids, labels and keywords until the week is next analysed.
    """
    analysed = db.execute(
        "SELECT 1 FROM service_weeks WHERE service_id = ? AND week = ?", [service_id, week]
    ).fetchone()
    if not analysed:
        return False
    start, end = parse_week(week).bounds_iso()
    counts = db.execute(
        "SELECT count(*), sum(rating = 1), sum(rating = 2), sum(rating = 3), sum(rating = 4), "
        "sum(rating = 5), avg(rating) FROM responses WHERE service_id = ? "
        "AND submitted_at >= ? AND submitted_at < ?",
        [service_id, start, end],
    ).fetchone()
    total, *levels, mean_rating = counts
    levels = [level or 0 for level in levels]
    comments, mean_sentiment = db.execute(
        "SELECT count(*), avg(sentiment) FROM response_analysis WHERE service_id = ? AND week = ?",
        [service_id, week],
    ).fetchone()
    themes = _recount_themes(db, service_id, week, comments, removed_id)
    db.execute(
        "UPDATE service_weeks SET responses = ?, rating_1 = ?, rating_2 = ?, rating_3 = ?, "
        "rating_4 = ?, rating_5 = ?, pct_satisfied = ?, mean_rating = ?, comments = ?, "
        "mean_sentiment = ?, themes = ? WHERE service_id = ? AND week = ?",
        [
            total,
            *levels,
            _pct(levels[3] + levels[4], total),
            _mean(mean_rating),
            comments,
            _mean(mean_sentiment),
            themes,
            service_id,
            week,
        ],
    )
    return True


def _recount_themes(db, service_id, week, comments, removed_id):
    """Recount each live theme of the week from its remaining members; returns how many are
    left. A theme left with no members is taken out of the week."""
    live = db.execute(
        "SELECT theme_id, examples FROM theme_weeks WHERE service_id = ? AND week = ? "
        "AND status != 'faded'",
        [service_id, week],
    ).fetchall()
    left = 0
    for theme_id, examples in live:
        size, mean_sentiment, mean_rating, satisfied = db.execute(
            "SELECT count(*), avg(a.sentiment), avg(r.rating), sum(r.rating >= 4) "
            "FROM response_analysis a JOIN responses r ON r.id = a.response_id "
            "WHERE a.service_id = ? AND a.week = ? AND a.theme_id = ?",
            [service_id, week, theme_id],
        ).fetchone()
        if not size:
            db.execute("DELETE FROM theme_weeks WHERE theme_id = ? AND week = ?", [theme_id, week])
            continue
        left += 1
        kept = [i for i in json.loads(examples) if i != removed_id]
        db.execute(
            "UPDATE theme_weeks SET size = ?, share = ?, mean_sentiment = ?, mean_rating = ?, "
            "pct_satisfied = ?, examples = ? WHERE theme_id = ? AND week = ?",
            [
                size,
                round(size / comments, 4),
                _mean(mean_sentiment),
                _mean(mean_rating),
                _pct(satisfied, size),
                json.dumps(kept),
                theme_id,
                week,
            ],
        )
    return left


def response_deletions(db, limit=20):
    """The latest deletions, newest first, with who made them and the service's name."""
    return list(
        db.query(
            "SELECT d.response_id, d.week, d.deleted_at, d.reason, u.name AS deleted_by, "
            "s.name_en AS service_name FROM response_deletions d "
            "JOIN users u ON u.id = d.deleted_by JOIN services s ON s.id = d.service_id "
            "ORDER BY d.id DESC LIMIT ?",
            [limit],
        )
    )
