"""Themes staff have edited: merged into another, set aside as not actionable, and a record
of every such change with who made it and when."""

from migrations import migrations


@migrations(name="009_theme_edits")
def theme_edits(db):
    """Add merged_into and not_actionable to themes, and the theme_changes record."""
    # A merged theme's row stays, pointing at the theme that carries on, so a rerun of a week
    # that gave it its id writes to the merged theme instead of bringing it back.
    db.execute("ALTER TABLE themes ADD COLUMN merged_into INTEGER REFERENCES themes(id)")
    # The reason given; NULL while the theme is actionable.
    db.execute("ALTER TABLE themes ADD COLUMN not_actionable TEXT")
    db.execute(
        """
        CREATE TABLE theme_changes (
            id INTEGER PRIMARY KEY,
            theme_id INTEGER NOT NULL REFERENCES themes(id),
            service_id INTEGER NOT NULL REFERENCES services(id),
            user_id INTEGER REFERENCES users(id),
            changed_at TEXT NOT NULL,
            action TEXT NOT NULL
                CHECK (action IN ('rename', 'merge', 'not_actionable', 'actionable')),
            detail TEXT NOT NULL
        )
        """
    )
    db.execute("CREATE INDEX theme_changes_theme ON theme_changes (theme_id, changed_at)")
