"""A count per user that signing out moves on, so every session made before it ends."""

from migrations import migrations


@migrations(name="007_session_generation")
def session_generation(db):
    """Add the session generation each staff session must match."""
    db.execute("ALTER TABLE users ADD COLUMN session_generation INTEGER NOT NULL DEFAULT 0")
