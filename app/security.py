"""Security headers, the per-request CSP nonce, and the privacy-preserving client id."""

import hashlib
import hmac
import io
import logging
import re
import secrets
from datetime import UTC, datetime

from flask import abort, current_app, g, request
from werkzeug.middleware.proxy_fix import ProxyFix

HSTS_SECONDS = 365 * 24 * 3600
log = logging.getLogger(__name__)


def csp_nonce():
    """A fresh nonce per request for the one inline script GOV.UK Frontend needs."""
    if "csp_nonce" not in g:
        g.csp_nonce = secrets.token_urlsafe(16)
    return g.csp_nonce


def keyed_hmac(secret_key, purpose, message):
    """Hex HMAC-SHA256 of message under a key derived from SECRET_KEY for one purpose, so a
    value signed for one use (a form token, a client id) is never valid for another."""
    key = hashlib.sha256(f"{secret_key}|{purpose}".encode()).digest()
    return hmac.new(key, message.encode(), hashlib.sha256).hexdigest()


def client_id(secret_key):
    """A salted hash of the client's address that changes every day; the address is never kept."""
    day = datetime.now(UTC).date().isoformat()
    return keyed_hmac(secret_key, f"client|{day}", request.remote_addr or "unknown")[:32]


def set_private_cookie(response, name, value, **options):
    """Set a cookie that scripts cannot read, that other sites' forms do not get, and that
    travels only over https wherever the public address is https."""
    response.set_cookie(
        name,
        value,
        httponly=True,
        samesite="Lax",
        secure=current_app.config["SESSION_COOKIE_SECURE"],
        **options,
    )


# Hosts Chromium treats as secure over plain http, so a Secure cookie works there locally.
_LOOPBACK = re.compile(r"^(localhost|127(\.\d{1,3}){3}|\[::1\])(:\d+)?$")


def set_framed_cookie(response, name, value, **options):
    """Set a private cookie that a page framed by another site still gets back.

    SameSite=None, which browsers accept only with Secure, and Partitioned, so it is kept
    per embedding site even where third-party cookies are blocked. Over plain http to a host
    that is not this machine a browser would drop a Secure cookie: it stays Lax there.
    """
    if not (request.is_secure or _LOOPBACK.match(request.host)):
        set_private_cookie(response, name, value, **options)
        return
    response.set_cookie(
        name, value, httponly=True, samesite="None", secure=True, partitioned=True, **options
    )


def _headers(response):
    frame_ancestors = getattr(g, "frame_ancestors", "'none'")
    response.headers["Content-Security-Policy"] = (
        "default-src 'self'; "
        f"script-src 'self' 'nonce-{csp_nonce()}'; "
        "style-src 'self'; img-src 'self' data:; font-src 'self'; "
        "object-src 'none'; base-uri 'none'; form-action 'self'; "
        f"frame-ancestors {frame_ancestors}"
    )
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Referrer-Policy"] = "same-origin"
    response.headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()"
    response.headers.setdefault("Cache-Control", "no-store")
    # Only where the public address is https: over plain http (local use) a browser would
    # otherwise refuse the address for a year.
    if current_app.config["PUBLIC_URL"].startswith("https:"):
        response.headers["Strict-Transport-Security"] = f"max-age={HSTS_SECONDS}"
    return response


def _refuse_unreadable_bodies():
    """Refuse, before anything reads it, a multipart body (no form here takes a file, and
    parsed, a file where text belongs or a part with no name breaks the forms) and a body
    streamed in chunks past MAX_CONTENT_LENGTH (Werkzeug limits only a declared length)."""
    if request.mimetype.startswith("multipart/"):
        abort(415)
    environ = request.environ
    if "chunked" in environ.get("HTTP_TRANSFER_ENCODING", "").lower() and not environ.get(
        "CONTENT_LENGTH"
    ):
        limit = current_app.config["MAX_CONTENT_LENGTH"]
        body = environ["wsgi.input"].read(limit + 1)
        if len(body) > limit:
            abort(413)
        # From here on the body is an ordinary one of known length.
        environ["wsgi.input"] = io.BytesIO(body)
        environ["CONTENT_LENGTH"] = str(len(body))


def proxy_mismatch(proxy_count, forwarded_for):
    """Why PROXY_COUNT looks wrong for a request's X-Forwarded-For (None or the header's
    value), in words with no address in them; None when the two agree."""
    if forwarded_for is not None and not proxy_count:
        return (
            "requests carry X-Forwarded-For but PROXY_COUNT is 0, so every visitor behind the "
            "proxy shares one rate limit: set PROXY_COUNT to the number of proxies in front"
        )
    if not proxy_count:
        return None
    hops = len([part for part in (forwarded_for or "").split(",") if part.strip()])
    if hops < proxy_count:
        return (
            f"PROXY_COUNT is {proxy_count} but a request arrived with {hops} X-Forwarded-For "
            "address(es), so its client address cannot be trusted: check PROXY_COUNT and that "
            "the proxy sets the header and nothing reaches Pulse around it"
        )
    return None


def _warn_proxy_mismatch():
    """Log, once a process, a sign that PROXY_COUNT does not match the proxies in front."""
    state = current_app.extensions["pulse_proxies"]
    # A load balancer's health check may come straight to gunicorn, past the proxies.
    if state["warned"] or request.endpoint == "pages.healthz":
        return
    # The header as the client sent it to the first proxy; ProxyFix keeps it unchanged.
    problem = proxy_mismatch(state["count"], request.environ.get("HTTP_X_FORWARDED_FOR"))
    if problem:
        state["warned"] = True
        log.warning("proxy setting: %s", problem)


def init_app(app):
    """Install the headers on every response and trust only the configured proxies.

    Call before CSRFProtect, whose check reads the form: multipart is refused first.
    """
    count = app.config["PROXY_COUNT"]
    if count:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=count, x_proto=count, x_host=count)
    app.extensions["pulse_proxies"] = {"count": count, "warned": False}
    app.before_request(_warn_proxy_mismatch)
    app.before_request(_refuse_unreadable_bodies)
    app.after_request(_headers)
    app.context_processor(lambda: {"cspNonce": csp_nonce()})
    hide_client_addresses(logging.getLogger("werkzeug"))


class _NoClientAddress(logging.Filter):
    """Replaces the client's address that the development server puts first in each request
    line with "-": an address is personal data, and the line is kept in terminals and logs."""

    PATTERN = re.compile(r"^\S+ - - \[")

    def filter(self, record):
        if isinstance(record.msg, str):
            record.msg = self.PATTERN.sub("- - - [", record.msg, count=1)
        return True


def hide_client_addresses(logger):
    """Keep client addresses out of the development server's request log (once per logger)."""
    if not any(isinstance(f, _NoClientAddress) for f in logger.filters):
        logger.addFilter(_NoClientAddress())
