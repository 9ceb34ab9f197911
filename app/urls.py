"""Full public addresses, for links that leave the site: printed, emailed or put in QR codes."""

from flask import current_app


def public_url(endpoint, **values):
    """PUBLIC_URL joined to the address of a route, with any other values as its query.

    Built from the app's routes, not from a written-out path, so an address that leaves the
    site always follows the route it names. Works outside a request (the CLI, the digest send).
    """
    path = current_app.url_map.bind("pulse.invalid").build(endpoint, values)
    return current_app.config["PUBLIC_URL"].rstrip("/") + path
