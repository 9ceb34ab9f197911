"""PROVISIONAL: backlog item columns for publishing, until the backlog's own migration lands."""

from migrations import migrations


@migrations(name="014_published_changes")
def published_changes(db):
    """Provisional backlog tables with the publication columns."""
    db.execute(
        """
        CREATE TABLE backlog_items (
            id INTEGER PRIMARY KEY,
            service_id INTEGER NOT NULL REFERENCES services(id),
            title TEXT NOT NULL,
            status TEXT NOT NULL,
            shipped_on TEXT,
            you_said_en TEXT, you_said_cy TEXT, we_did_en TEXT, we_did_cy TEXT,
            published INTEGER NOT NULL DEFAULT 0,
            show_effect INTEGER NOT NULL DEFAULT 0,
            published_at TEXT,
            published_by INTEGER REFERENCES users(id)
        )
        """
    )
    db.execute("CREATE TABLE backlog_item_themes (item_id INTEGER, theme_id INTEGER)")
    db.execute(
        "CREATE TABLE backlog_item_quotes (item_id INTEGER, response_id INTEGER, "
        "PRIMARY KEY (item_id, response_id))"
    )
