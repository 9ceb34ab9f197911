"""Who published or unpublished a backlog item on 'You said, we did', and when."""

from migrations import migrations


@migrations(name="014_backlog_publications")
def backlog_publications(db):
    """Create backlog_publications: one row each time an item is published or taken down."""
    db.execute(
        """
        CREATE TABLE backlog_publications (
            id INTEGER PRIMARY KEY,
            item_id INTEGER NOT NULL REFERENCES backlog_items(id) ON DELETE CASCADE,
            user_id INTEGER REFERENCES users(id),
            changed_at TEXT NOT NULL,
            action TEXT NOT NULL CHECK (action IN ('publish', 'unpublish'))
        )
        """
    )
    db.execute("CREATE INDEX backlog_publications_item ON backlog_publications (item_id, id)")
