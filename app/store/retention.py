"""Retention: the text of old comments is removed, while ratings and weekly figures stay."""

from app.store.transaction import write_transaction

BATCH_SIZE = 1000


def comments_before(db, cutoff):
    """[(service slug, service name, comments)] of comments submitted before cutoff (an ISO
    time as responses store it) whose text is still kept, by service."""
    return db.execute(
        "SELECT s.slug, s.name_en, count(*) FROM responses r JOIN services s "
        "ON s.id = r.service_id WHERE r.submitted_at < ? AND r.comment != '' "
        "GROUP BY s.id ORDER BY s.slug",
        [cutoff],
    ).fetchall()


def remove_comments_before(db, cutoff, batch_size=BATCH_SIZE):
    """Blank the text of every comment submitted before cutoff; returns how many.

    Rating, language, channel, outcome, time and the week's stored analysis are kept. Each
    batch is its own short transaction, so survey submissions wait for one batch at most.
    """
    removed = 0
    while True:
        with write_transaction(db):
            changed = db.execute(
                "UPDATE responses SET comment = '' WHERE id IN (SELECT id FROM responses "
                "WHERE submitted_at < ? AND comment != '' LIMIT ?)",
                [cutoff, batch_size],
            ).rowcount
        removed += changed
        if changed < batch_size:
            return removed
