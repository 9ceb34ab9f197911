"""The WSGI entry point: gunicorn wsgi:app, or flask --app wsgi run."""

import sys

from app import create_app
from app.settings import ConfigError

try:
    app = create_app()
except ConfigError as error:
    print(f"Pulse cannot start: {error}", file=sys.stderr)
    # 4 is what gunicorn takes as "the app failed to load": it stops rather than restarting
    # workers that would only fail the same way. A command started with flask exits with it.
    raise SystemExit(4) from None
