"""Helpers for driving the survey like a browser would."""

from tests.helpers import hidden_fields


def submit(client, url="/s/bins", follow=False, **fields):
    """Open the survey at url, then send it with the given fields on top of its hidden ones."""
    shown = client.get(url)
    data = hidden_fields(shown)
    data.update({k: v for k, v in fields.items() if v is not None})
    return client.post(url, data=data, follow_redirects=follow)


def stored(db):
    """Every stored response."""
    return list(db.query("SELECT * FROM responses ORDER BY id"))


def spam_totals(db, service_id):
    """Rejected submissions for a service, by reason, as tallied in spam_counts."""
    rows = db.execute(
        "SELECT reason, sum(count) FROM spam_counts WHERE service_id = ? GROUP BY reason",
        [service_id],
    )
    return dict(rows.fetchall())
