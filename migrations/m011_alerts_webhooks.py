"""Alerts found after each weekly run, who was emailed them, each person's opt-out, and the
webhooks Pulse posts events to, with a log of every delivery attempt."""

from migrations import migrations


@migrations(name="011_alerts_webhooks")
def alerts_webhooks(db):
    """Create alerts, alert_emails, webhooks and webhook_deliveries; add users.alerts_email."""
    # 1: email this person alerts about their services; 0: they turned it off.
    db.execute(
        "ALTER TABLE users ADD COLUMN alerts_email INTEGER NOT NULL DEFAULT 1 "
        "CHECK (alerts_email IN (0, 1))"
    )
    # detail is JSON of counts, the test's p-value and the theme's label: never comment text.
    db.execute(
        """
        CREATE TABLE alerts (
            id INTEGER PRIMARY KEY,
            service_id INTEGER NOT NULL REFERENCES services(id),
            week TEXT NOT NULL,
            kind TEXT NOT NULL CHECK (kind IN ('satisfaction_drop', 'new_theme', 'theme_jump')),
            theme_id INTEGER REFERENCES themes(id),
            detail TEXT NOT NULL,
            created_at TEXT NOT NULL
        )
        """
    )
    # One alert per service, week, kind and theme, so a rerun of a week does not alert twice.
    db.execute(
        "CREATE UNIQUE INDEX alerts_once ON alerts (service_id, week, kind, coalesce(theme_id, 0))"
    )
    db.execute(
        """
        CREATE TABLE alert_emails (
            alert_id INTEGER NOT NULL REFERENCES alerts(id),
            user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
            status TEXT NOT NULL CHECK (status IN ('sent', 'failed')),
            error TEXT,
            attempted_at TEXT NOT NULL,
            PRIMARY KEY (alert_id, user_id)
        )
        """
    )
    # service_id NULL: every service. The secret signs each body; it must be kept to sign.
    db.execute(
        """
        CREATE TABLE webhooks (
            id INTEGER PRIMARY KEY,
            url TEXT NOT NULL,
            service_id INTEGER REFERENCES services(id),
            secret TEXT NOT NULL,
            active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
            created_by INTEGER REFERENCES users(id) ON DELETE SET NULL,
            created_at TEXT NOT NULL,
            revoked_at TEXT
        )
        """
    )
    # One row per attempt: status_code for an answer, error for no answer (never a body).
    db.execute(
        """
        CREATE TABLE webhook_deliveries (
            id INTEGER PRIMARY KEY,
            webhook_id INTEGER NOT NULL REFERENCES webhooks(id),
            event_id TEXT NOT NULL,
            event_type TEXT NOT NULL,
            delivery_id TEXT NOT NULL,
            attempt INTEGER NOT NULL,
            status_code INTEGER,
            error TEXT,
            ok INTEGER NOT NULL CHECK (ok IN (0, 1)),
            duration_ms INTEGER NOT NULL,
            delivered_at TEXT NOT NULL
        )
        """
    )
    db.execute(
        "CREATE INDEX webhook_deliveries_webhook ON webhook_deliveries (webhook_id, delivered_at)"
    )
    db.execute("CREATE INDEX webhook_deliveries_event ON webhook_deliveries (event_id, ok)")
