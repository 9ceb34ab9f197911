"""The record of responses deleted at a citizen's request: who, when and why, never the comment."""

from migrations import migrations


@migrations(name="005_response_deletions")
def response_deletions(db):
    """Create the audit record of deleted responses."""
    # No foreign key to responses: the response is gone. No rating or comment either, so the
    # record cannot bring back what the citizen asked us to delete.
    db.execute(
        """
        CREATE TABLE response_deletions (
            id INTEGER PRIMARY KEY,
            response_id INTEGER NOT NULL,
            service_id INTEGER NOT NULL REFERENCES services(id),
            week TEXT NOT NULL,
            deleted_by INTEGER NOT NULL REFERENCES users(id),
            deleted_at TEXT NOT NULL,
            reason TEXT NOT NULL
        )
        """
    )
