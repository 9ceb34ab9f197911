"""Brotli and gzip for HTML, CSS, JavaScript, JSON and SVG, from the app itself.

Any server that runs Pulse (``make run``, plain gunicorn) sends compressed pages without a
proxy in front. Fingerprinted static files are compressed once, when ``make assets`` builds
them (app/fingerprint.py); pages are compressed as they leave the app.

BREACH: an attacker who can put text into a compressed page (a query string reflected in it)
and watch its length can recover a secret on the same page, one character at a time, over
thousands of requests. So two kinds of page are never compressed: every page for a signed-in
member of staff (personal data, and the sign-out form's token), and every page carrying a
Flask-WTF token, which stands for the session's secret (sign-in). The survey's own form token
is no such secret: it changes every second, so it is never the same across the requests an
attack needs, and it is useless to another site anyway, because a form sent from there arrives
without the SameSite=Lax cookie the token is bound to. Pages without a form carry nothing.
"""

import gzip

import brotli
from flask import current_app, g, request
from flask_login import current_user

COMPRESSIBLE = {
    "text/html",
    "text/css",
    "text/javascript",
    "application/javascript",
    "application/json",
    "image/svg+xml",
}
# Best first: Brotli is a fifth smaller than gzip on Pulse's pages and stylesheets.
ENCODINGS = ("br", "gzip")
SUFFIXES = {"br": ".br", "gzip": ".gz"}
# Below this a compressed body saves too little to be worth the client's work.
MIN_SIZE = 512


def choose_encoding(accept_encodings, available=ENCODINGS):
    """The best of `available` that the client accepts ('br', 'gzip'), or None for identity."""
    best = accept_encodings.best_match(available)
    return best if best in available else None


def compress(data, encoding, best=False):
    """`data` in `encoding`; `best` for files built once (slow), else quick enough per page."""
    if encoding == "br":
        return brotli.compress(data, quality=11 if best else 5)
    return gzip.compress(data, compresslevel=9 if best else 6, mtime=0)


def carries_secret():
    """True if this response holds what BREACH could steal: a Flask-WTF token, or anything
    shown to a signed-in member of staff."""
    token_field = current_app.config.get("WTF_CSRF_FIELD_NAME", "csrf_token")
    return token_field in g or current_user.is_authenticated


def _compress_page(response):
    if response.mimetype not in COMPRESSIBLE:
        return response
    response.vary.add("Accept-Encoding")
    if (
        response.direct_passthrough
        or response.is_streamed
        or "Content-Encoding" in response.headers
        or response.status_code < 200
        or response.status_code in (204, 304)
        or carries_secret()
    ):
        return response
    encoding = choose_encoding(request.accept_encodings)
    data = response.get_data()
    if encoding is None or len(data) < MIN_SIZE:
        return response
    response.set_data(compress(data, encoding))
    response.headers["Content-Encoding"] = encoding
    etag, weak = response.get_etag()
    if etag:
        response.set_etag(f"{etag}-{encoding}", weak)
    return response


def init_app(app):
    """Compress pages on their way out."""
    app.after_request(_compress_page)
