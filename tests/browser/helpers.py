"""What the real-browser tests share: where Chromium is, how it starts, the served app."""

from dataclasses import dataclass, field
from pathlib import Path

from app.db import connect

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@dataclass(frozen=True)
class LiveServer:
    """Where the app is served, the database behind it, and every HTML page it has sent."""

    url: str
    database: str
    pages: list = field(default_factory=list)

    def responses(self, comment):
        """The stored responses with exactly this comment, oldest first."""
        db = connect(self.database)
        try:
            return list(
                db.query("SELECT * FROM responses WHERE comment = ? ORDER BY id", [comment])
            )
        finally:
            db.close()
