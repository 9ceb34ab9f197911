"""Reads behind "Did it work?": a window of weeks' stored counts for a service and some themes."""

from dataclasses import dataclass

from app.weeks import london_today, week_of

SATISFIED = 4  # ratings at or above this count as satisfied


@dataclass(frozen=True)
class EffectWindow:
    """One window of weeks: which were analysed, and the counts of those analysed weeks.

    Only analysed weeks count: a week's comments are only put in themes by its analysis, so
    counting an unanalysed week's responses would dilute the themes' share. `unanalysed` names
    the weeks that have responses but no results yet.
    """

    weeks: tuple
    analysed: tuple
    unanalysed: tuple
    responses: int
    ratings: tuple  # responses at rating 1, 2, 3, 4, 5
    comments: int
    theme_comments: int

    @property
    def satisfied(self):
        """Responses rated 4 or 5."""
        return sum(self.ratings[SATISFIED - 1 :])

    @property
    def rating_sum(self):
        """The sum of every rating, for the mean."""
        return sum(level * count for level, count in enumerate(self.ratings, 1))


@dataclass(frozen=True)
class EffectWindows:
    """The weeks before and after a shipped week, and whether the after weeks have all ended."""

    shipped_week: object
    before: EffectWindow
    after: EffectWindow
    complete: bool


def live_theme_ids(db, service_id, theme_ids):
    """The service's themes that carry on for these ids: a theme merged away becomes the theme
    it was merged into, followed to the end of the chain."""
    live = set()
    for theme_id in theme_ids:
        seen = set()
        while theme_id is not None and theme_id not in seen:
            seen.add(theme_id)
            row = db.execute(
                "SELECT id, merged_into FROM themes WHERE id = ? AND service_id = ?",
                [theme_id, service_id],
            ).fetchone()
            if row is None:
                break  # not the service's theme (or gone): it counts for nothing
            if row[1] is None:
                live.add(row[0])
            theme_id = row[1]
    return live


def window_counts(db, service_id, theme_ids, weeks):
    """The stored counts of a service over the analysed ones of these weeks, with the
    comments in the given themes (merges followed)."""
    names = [str(w) for w in weeks]
    marks = ",".join("?" * len(names))
    stored = list(
        db.execute(
            "SELECT week, responses, rating_1, rating_2, rating_3, rating_4, rating_5, comments "  # noqa: S608
            f"FROM service_weeks WHERE service_id = ? AND week IN ({marks}) ORDER BY week",
            [service_id, *names],
        )
    )
    analysed = tuple(row[0] for row in stored)
    ratings = tuple(sum(row[2 + level] for row in stored) for level in range(5))
    themes = sorted(live_theme_ids(db, service_id, theme_ids))
    theme_comments = 0
    if themes and analysed:
        theme_comments = db.execute(
            "SELECT coalesce(sum(size), 0) FROM theme_weeks WHERE service_id = ? "  # noqa: S608
            f"AND week IN ({','.join('?' * len(analysed))}) "
            f"AND theme_id IN ({','.join('?' * len(themes))}) AND status != 'faded'",
            [service_id, *analysed, *themes],
        ).fetchone()[0]
    unanalysed = tuple(
        str(w) for w in weeks if str(w) not in analysed and _has_responses(db, service_id, w)
    )
    return EffectWindow(
        weeks=tuple(names),
        analysed=analysed,
        unanalysed=unanalysed,
        responses=sum(row[1] for row in stored),
        ratings=ratings,
        comments=sum(row[7] for row in stored),
        theme_comments=theme_comments,
    )


def _has_responses(db, service_id, week):
    start, end = week.bounds_iso()
    return (
        db.execute(
            "SELECT 1 FROM responses WHERE service_id = ? AND submitted_at >= ? "
            "AND submitted_at < ? LIMIT 1",
            [service_id, start, end],
        ).fetchone()
        is not None
    )


def effect_windows(db, service_id, theme_ids, shipped_week, size=4, current_week=None):
    """The `size` weeks before the shipped week and the `size` weeks after it.

    The shipped week itself is in neither: it is part before the change and part after, so
    it would blur both. The after window is complete once its last week has ended, that is
    when the current week (London time; today's unless given) is later than it.
    """
    if current_week is None:
        current_week = week_of(london_today())
    before = [shipped_week.shift(-i) for i in range(size, 0, -1)]
    after = [shipped_week.shift(i) for i in range(1, size + 1)]
    return EffectWindows(
        shipped_week=shipped_week,
        before=window_counts(db, service_id, theme_ids, before),
        after=window_counts(db, service_id, theme_ids, after),
        complete=current_week > after[-1],
    )
