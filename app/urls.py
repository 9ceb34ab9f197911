"""Full public addresses, for links that leave the site: printed, emailed or put in QR codes."""

from flask import current_app


def public_url(path):
    """PUBLIC_URL joined to a path that starts with '/'."""
    return current_app.config["PUBLIC_URL"].rstrip("/") + path
