"""The responses index by service and time also holds the rating, so the pages that count a
window of weeks' ratings (priorities, backlog evidence) read the index alone."""

from migrations import migrations


@migrations(name="015_rating_index")
def rating_index(db):
    """Replace responses (service_id, submitted_at) with (service_id, submitted_at, rating)."""
    # Every query the old index served, the new one serves too: it has the same leading columns.
    db.execute(
        "CREATE INDEX responses_service_time_rating ON responses (service_id, submitted_at, rating)"
    )
    db.execute("DROP INDEX responses_service_time")
