"""Comments and a loader shared by the dashboard, theme and store tests of weekly results."""

from datetime import timedelta

from app.store import NewResponse, add_responses

COMPLAINTS = [
    "The bin was missed again and nobody came back for it",
    "Missed collection three weeks running, bins overflowing",
    "Bin not collected, the crew skipped our street again",
    "They missed my bin again, third time this month",
]
PRAISE = [
    "The call handler was really helpful and kind",
    "Helpful friendly staff on the phone sorted it fast",
    "Lovely helpful person on the phone, thank you",
    "Very helpful and polite staff, quick to arrange it",
]


def add_week(db, service, week, rows):
    """Store (rating, comment) rows as responses during the week."""
    start, _ = week.bounds_utc()
    add_responses(
        db,
        [
            NewResponse(service.id, rating, comment, submitted_at=start + timedelta(hours=9 + i))
            for i, (rating, comment) in enumerate(rows)
        ],
    )


def store_results(db, service, week, themes, unthemed=(), continues=None):
    """Store responses in the week and results as the weekly run stores them, chosen by hand.

    themes maps a label to its (rating, sentiment, comment) members, the first of them the
    theme's most typical; unthemed are members of no theme; continues maps a label to the
    theme id it carries on. Returns {label: theme id}.
    """
    from analysis.summary import ServiceWeek, ThemeWeek, pct_satisfied
    from app.store import add_response, prior_themes, replace_service_week

    start, _ = week.bounds_utc()
    rows = [(label, m) for label, members in themes.items() for m in members]
    rows += [(None, m) for m in unthemed]
    ids = []
    for i, (_, (rating, _sentiment, comment)) in enumerate(rows):
        when = start + timedelta(minutes=i)
        response = NewResponse(service.id, rating, comment, submitted_at=when)
        ids.append(add_response(db, response)[1]["id"])
    labels = list(themes)
    result = ServiceWeek(
        responses=len(rows),
        rating_counts={n: sum(1 for _, m in rows if m[0] == n) for n in range(1, 6)},
        pct_satisfied=pct_satisfied(m[0] for _, m in rows),
        mean_rating=sum(m[0] for _, m in rows) / len(rows),
        comments=len(rows),
        mean_sentiment=sum(m[1] for _, m in rows) / len(rows),
        sentiment={i: m[1] for i, (_, m) in zip(ids, rows, strict=True)},
        theme_of={i: labels.index(label) for i, (label, _) in zip(ids, rows, strict=True) if label},
    )
    for key, label in enumerate(labels):
        members = [(i, m) for i, (name, m) in zip(ids, rows, strict=True) if name == label]
        ratings = [m[0] for _, m in members]
        result.themes.append(
            ThemeWeek(
                key=key,
                continues=(continues or {}).get(label),
                label=label,
                keywords=[],
                size=len(members),
                share=len(members) / len(rows),
                mean_sentiment=sum(m[1] for _, m in members) / len(members),
                mean_rating=sum(ratings) / len(ratings),
                pct_satisfied=pct_satisfied(ratings),
                examples=[i for i, _ in members[:5]],
            )
        )
    replace_service_week(db, service.id, week, result, prior_themes(db, service.id, week)[1])
    return {
        r["label"]: r["theme_id"]
        for r in db.query(
            "SELECT theme_id, label FROM theme_weeks WHERE service_id = ? AND week = ?",
            [service.id, str(week)],
        )
    }


def store_week(db, service, week, ratings, comments):
    """A service_weeks row as the weekly run writes it; ratings are the counts at 1 to 5."""
    responses = sum(ratings)
    db["service_weeks"].insert(
        {
            "service_id": service.id,
            "week": str(week),
            "responses": responses,
            **{f"rating_{n}": count for n, count in enumerate(ratings, 1)},
            "pct_satisfied": round(100 * sum(ratings[3:]) / responses, 1) if responses else None,
            "mean_rating": (
                sum(n * c for n, c in enumerate(ratings, 1)) / responses if responses else None
            ),
            "comments": comments,
            "mean_sentiment": None,
            "themes": 0,
        }
    )


def store_theme(db, service, label, merged_into=None):
    """A themes row; returns its id."""
    return (
        db["themes"]
        .insert(
            {
                "service_id": service.id,
                "first_week": "2026-W01",
                "last_week": "2026-W30",
                "label": label,
                "merged_into": merged_into,
            }
        )
        .last_pk
    )


def store_theme_week(db, service, theme_id, week, size, status="continuing"):
    """A theme_weeks row with the given size."""
    db["theme_weeks"].insert(
        {
            "theme_id": theme_id,
            "service_id": service.id,
            "week": str(week),
            "status": status,
            "label": "x",
            "size": size,
            "share": 0,
        }
    )
