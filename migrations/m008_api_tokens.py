"""API tokens (kept as hashes, with the services each may use) and which token sent a response."""

from migrations import migrations


@migrations(name="008_api_tokens")
def api_tokens(db):
    """Create api_tokens and api_token_services; add responses.token_id."""
    # token_hash is the SHA-256 of the token; the token itself is shown once and never stored.
    db.execute(
        """
        CREATE TABLE api_tokens (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL UNIQUE,
            token_hash TEXT NOT NULL UNIQUE,
            scope TEXT NOT NULL CHECK (scope IN ('submit', 'read')),
            created_at TEXT NOT NULL,
            last_used_at TEXT,
            revoked_at TEXT
        )
        """
    )
    db.execute(
        """
        CREATE TABLE api_token_services (
            token_id INTEGER NOT NULL REFERENCES api_tokens(id),
            service_id INTEGER NOT NULL REFERENCES services(id),
            PRIMARY KEY (token_id, service_id)
        )
        """
    )
    # Set for responses sent through the API (source 'api'), so each can be traced to its sender.
    db.execute("ALTER TABLE responses ADD COLUMN token_id INTEGER REFERENCES api_tokens(id)")
