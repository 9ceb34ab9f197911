"""Themes as staff edit them: rename, merge, set aside as not actionable; each change kept."""

import json
from datetime import UTC, datetime

from app.store.transaction import write_transaction

MAX_LABEL = 80
MAX_REASON = 500


def get_theme(db, service_id, theme_id):
    """One theme of the service, with its shown label; None if it is not the service's."""
    rows = list(
        db.query(
            "SELECT *, coalesce(custom_label, label) AS display_label FROM themes "
            "WHERE id = ? AND service_id = ?",
            [theme_id, service_id],
        )
    )
    return rows[0] if rows else None


def live_themes(db, service_id):
    """The service's themes that have not been merged away, most recently seen first."""
    return list(
        db.query(
            "SELECT id, coalesce(custom_label, label) AS display_label, first_week, last_week "
            "FROM themes WHERE service_id = ? AND merged_into IS NULL "
            "ORDER BY last_week DESC, display_label, id",
            [service_id],
        )
    )


def theme_weeks_of(db, theme_id):
    """Every stored week of a theme, newest first."""
    return list(
        db.query(
            "SELECT week, status, label, size, share, mean_rating, pct_satisfied "
            "FROM theme_weeks WHERE theme_id = ? ORDER BY week DESC",
            [theme_id],
        )
    )


def theme_changes(db, theme_id):
    """Every recorded change to a theme, newest first, with the name of who made it."""
    return list(
        db.query(
            "SELECT c.changed_at, c.action, c.detail, u.name AS user_name "
            "FROM theme_changes c LEFT JOIN users u ON u.id = c.user_id "
            "WHERE c.theme_id = ? ORDER BY c.changed_at DESC, c.id DESC",
            [theme_id],
        )
    )


def _record(db, theme, user_id, action, detail):
    db.execute(
        "INSERT INTO theme_changes (theme_id, service_id, user_id, changed_at, action, detail) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        [
            theme["id"],
            theme["service_id"],
            user_id,
            datetime.now(UTC).isoformat(timespec="seconds"),
            action,
            detail,
        ],
    )


def rename_theme(db, theme, label, user_id):
    """Give a theme the name staff chose; the weekly run never overwrites it."""
    with write_transaction(db):
        db.execute("UPDATE themes SET custom_label = ? WHERE id = ?", [label, theme["id"]])
        _record(
            db, theme, user_id, "rename", f"Renamed from ‘{theme['display_label']}’ to ‘{label}’"
        )


def set_not_actionable(db, theme, reason, user_id):
    """Set a theme aside with a reason, or (reason None) make it actionable again."""
    with write_transaction(db):
        db.execute("UPDATE themes SET not_actionable = ? WHERE id = ?", [reason, theme["id"]])
        if reason:
            _record(db, theme, user_id, "not_actionable", f"Marked not actionable: {reason}")
        else:
            _record(db, theme, user_id, "actionable", "Marked actionable again")


def combine_weeks(kept, other):
    """One theme-week from two of the same week: counts add, means weigh by size."""
    if other["status"] == "faded":
        return {**kept, "previous_size": _add(kept["previous_size"], other["previous_size"])}
    if kept["status"] == "faded":
        return {**other, "previous_size": _add(kept["previous_size"], other["previous_size"])}
    size = kept["size"] + other["size"]
    combined = dict(kept, size=size, share=kept["share"] + other["share"])
    for name in ("mean_sentiment", "mean_rating", "pct_satisfied"):
        parts = [(t[name], t["size"]) for t in (kept, other) if t[name] is not None]
        weight = sum(n for _, n in parts)
        combined[name] = sum(v * n for v, n in parts) / weight if weight else None
    combined["keywords"] = json.dumps(
        list(dict.fromkeys(json.loads(kept["keywords"]) + json.loads(other["keywords"])))
    )
    combined["examples"] = json.dumps(json.loads(kept["examples"]) + json.loads(other["examples"]))
    combined["status"] = (
        "continuing" if "continuing" in (kept["status"], other["status"]) else "new"
    )
    combined["previous_size"] = _add(kept["previous_size"], other["previous_size"])
    combined["previous_share"] = _add(kept["previous_share"], other["previous_share"])
    return combined


def _add(a, b):
    return None if a is None and b is None else (a or 0) + (b or 0)


def store_theme_week(db, row):
    """Write a theme-week row; if the theme already has one that week (a merge), combine them."""
    found = list(
        db.query(
            "SELECT * FROM theme_weeks WHERE theme_id = ? AND week = ?",
            [row["theme_id"], row["week"]],
        )
    )
    if found:
        row = combine_weeks(found[0], row)
        db.execute(
            "DELETE FROM theme_weeks WHERE theme_id = ? AND week = ?",
            [row["theme_id"], row["week"]],
        )
    columns = list(row)
    db.execute(
        f"INSERT INTO theme_weeks ({', '.join(columns)}) "  # noqa: S608 - our own column names
        f"VALUES ({', '.join('?' * len(columns))})",
        [row[c] for c in columns],
    )


def merge_themes(db, kept, gone, user_id):
    """Fold theme `gone` into theme `kept`: its weeks, responses and earlier merges move over,
    and its row stays pointing at `kept` so later weeks and reruns track the merged theme."""
    with write_transaction(db):
        for row in db.query("SELECT * FROM theme_weeks WHERE theme_id = ?", [gone["id"]]):
            db.execute(
                "DELETE FROM theme_weeks WHERE theme_id = ? AND week = ?", [gone["id"], row["week"]]
            )
            store_theme_week(db, {**row, "theme_id": kept["id"]})
        db.execute(
            "UPDATE response_analysis SET theme_id = ? WHERE theme_id = ?", [kept["id"], gone["id"]]
        )
        db.execute(
            "UPDATE themes SET merged_into = ? WHERE merged_into = ? OR id = ?",
            [kept["id"], gone["id"], gone["id"]],
        )
        db.execute(
            "UPDATE themes SET first_week = min(first_week, ?), last_week = max(last_week, ?) "
            "WHERE id = ?",
            [gone["first_week"], gone["last_week"], kept["id"]],
        )
        _record(db, kept, user_id, "merge", f"Merged ‘{gone['display_label']}’ into this theme")
        _record(db, gone, user_id, "merge", f"Merged into ‘{kept['display_label']}’")


def live_id(db, theme_id):
    """The theme that carries on for this id: itself, or the theme it was merged into."""
    row = db.execute("SELECT merged_into FROM themes WHERE id = ?", [theme_id]).fetchone()
    return row[0] if row and row[0] else theme_id
