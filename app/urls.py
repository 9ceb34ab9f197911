"""Full public addresses, for links that leave the site: printed, emailed or put in QR codes."""

from flask import current_app
from werkzeug.routing import IntegerConverter

# SQLite's integers are signed 64-bit: a longer number in an address can name no row.
LARGEST_ROW_ID = 2**63 - 1


class RowIdConverter(IntegerConverter):
    """<int:...> in Pulse's routes: a number past any row id does not match (404), where
    werkzeug's own would pass it on and SQLite would refuse it with an OverflowError (500)."""

    def __init__(self, url_map, fixed_digits=0, min=None, max=LARGEST_ROW_ID, signed=False):
        super().__init__(url_map, fixed_digits, min, max, signed)


def public_url(endpoint, **values):
    """PUBLIC_URL joined to the address of a route, with any other values as its query.

    Built from the app's routes, not from a written-out path, so an address that leaves the
    site always follows the route it names. Works outside a request (the CLI, the digest send).
    """
    path = current_app.url_map.bind("pulse.invalid").build(endpoint, values)
    return current_app.config["PUBLIC_URL"].rstrip("/") + path
