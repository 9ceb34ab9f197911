"""Backlog items made from themes: their linked themes, every status change, and the fields a
public "You said, we did" page reads."""

from migrations import migrations

STATUSES = "('proposed', 'planned', 'in_progress', 'shipped', 'wont_do')"


@migrations(name="010_backlog")
def backlog(db):
    """Create backlog_items, backlog_item_themes, backlog_status_changes, backlog_item_quotes."""
    # owner_name is whoever answers for the item, staff or not; owner_user_id is set when
    # that person is a member of staff. shipped_at is a date (YYYY-MM-DD): the week it
    # shipped is what a before/after measure of effect needs.
    db.execute(
        f"""
        CREATE TABLE backlog_items (
            id INTEGER PRIMARY KEY,
            service_id INTEGER NOT NULL REFERENCES services(id),
            title TEXT NOT NULL,
            description TEXT NOT NULL DEFAULT '',
            owner_name TEXT NOT NULL,
            owner_user_id INTEGER REFERENCES users(id),
            external_url TEXT,
            external_key TEXT,
            status TEXT NOT NULL DEFAULT 'proposed' CHECK (status IN {STATUSES}),
            wont_do_reason TEXT,
            shipped_at TEXT,
            created_at TEXT NOT NULL,
            created_by INTEGER REFERENCES users(id),
            updated_at TEXT NOT NULL,
            you_said_en TEXT,
            you_said_cy TEXT,
            we_did_en TEXT,
            we_did_cy TEXT,
            published INTEGER NOT NULL DEFAULT 0 CHECK (published IN (0, 1)),
            show_effect INTEGER NOT NULL DEFAULT 0 CHECK (show_effect IN (0, 1)),
            published_at TEXT
        )
        """
    )
    db.execute("CREATE INDEX backlog_items_service ON backlog_items (service_id, status)")
    # A linked theme may later be merged away: readers follow themes.merged_into.
    db.execute(
        """
        CREATE TABLE backlog_item_themes (
            item_id INTEGER NOT NULL REFERENCES backlog_items(id) ON DELETE CASCADE,
            theme_id INTEGER NOT NULL REFERENCES themes(id),
            PRIMARY KEY (item_id, theme_id)
        )
        """
    )
    db.execute("CREATE INDEX backlog_item_themes_theme ON backlog_item_themes (theme_id)")
    # from_status is NULL for the item's first status, when it was made.
    db.execute(
        f"""
        CREATE TABLE backlog_status_changes (
            id INTEGER PRIMARY KEY,
            item_id INTEGER NOT NULL REFERENCES backlog_items(id) ON DELETE CASCADE,
            user_id INTEGER REFERENCES users(id),
            changed_at TEXT NOT NULL,
            from_status TEXT CHECK (from_status IN {STATUSES}),
            to_status TEXT NOT NULL CHECK (to_status IN {STATUSES}),
            reason TEXT
        )
        """
    )
    db.execute(
        "CREATE INDEX backlog_status_changes_item ON backlog_status_changes (item_id, changed_at)"
    )
    # Quotes the owner picked for the public page; a deleted response takes its quote with it.
    db.execute(
        """
        CREATE TABLE backlog_item_quotes (
            item_id INTEGER NOT NULL REFERENCES backlog_items(id) ON DELETE CASCADE,
            response_id INTEGER NOT NULL REFERENCES responses(id) ON DELETE CASCADE,
            PRIMARY KEY (item_id, response_id)
        )
        """
    )
