"""Who may open which page. Every view declares a rule with @access, and a test checks that.

Rules:
  public          anyone, signed in or not
  any_staff       any active member of staff, recorders too (their password, their landing page)
  signed_in       any active member of staff who reads feedback: everyone but recorders
  admin           admins only
  service_read    staff assigned to the service named by the URL's slug (and admins)
  service_manage  owners of that service (and admins)
  token_submit    an API token of scope submit (Authorization: Bearer), covering the slug's service
  token_read      the same, of scope read
  service_edit    as service_manage, but a viewer of that service is told 'forbidden' (403):
                  they know the service, so hiding the page would only confuse them
  service_record  owners and recorders of that service (and admins) may enter feedback told to
                  them; a viewer of the service is told 'forbidden' (403), as for service_edit

A recorder reads no feedback: every page but its own (any_staff, service_record) is 'page not
found' to it, as another service's pages are to everyone.

A member of staff who may not see a page gets 'page not found', so the existence of other
services' pages is not given away; someone not signed in is sent to sign in. An API call
with no valid token gets 401, with the wrong scope or for a service its token does not
cover 403, and past the token's rate limit 429; sessions play no part in it.
"""

import time
from functools import wraps

from flask import abort, current_app, g, session
from flask import request as flask_request
from flask.sessions import SecureCookieSessionInterface
from flask_login import LoginManager, current_user
from werkzeug.exceptions import Forbidden, NotFound, TooManyRequests, Unauthorized

from app.db import get_db
from app.store import get_service, get_user, record_hit, use_token

TOKEN_RULES = {"token_submit": "submit", "token_read": "read"}
RULES = (
    "public",
    "any_staff",
    "signed_in",
    "admin",
    "service_read",
    "service_manage",
    "service_edit",
    "service_record",
    *TOKEN_RULES,
)
login_manager = LoginManager()


def access(rule):
    """Declare and enforce who may open a view."""
    if rule not in RULES:
        raise ValueError(f"unknown access rule {rule!r}")

    def decorate(view):
        @wraps(view)
        def guarded(*args, **kwargs):
            if rule in TOKEN_RULES:
                _check_token(TOKEN_RULES[rule], kwargs)
            elif rule != "public":
                if not current_user.is_authenticated:
                    return login_manager.unauthorized()
                _check(rule, kwargs)
            return view(*args, **kwargs)

        guarded.access_rule = rule
        return guarded

    return decorate


_ALLOWED = {
    "service_read": "can_see",
    "service_manage": "can_manage",
    "service_edit": "can_manage",
    "service_record": "can_record",
}


def _check(rule, kwargs):
    if rule == "admin" and not current_user.is_admin:
        abort(404)
    if rule == "signed_in" and current_user.is_recorder:
        abort(404)
    if rule in _ALLOWED:
        service = get_service(get_db(), kwargs.get("slug", ""))
        if service is None:
            abort(404)
        if not getattr(current_user, _ALLOWED[rule])(service.id):
            told = rule in ("service_edit", "service_record") and current_user.can_see(service.id)
            abort(403 if told else 404)
        g.service = service


def _check_token(scope, kwargs):
    """Let through a request bearing a live token of this scope for the URL's service."""
    kind, _, presented = flask_request.headers.get("Authorization", "").partition(" ")
    db = get_db()
    token = use_token(db, presented.strip()) if kind.lower() == "bearer" else None
    if token is None:
        raise Unauthorized("Send a valid API token in the header 'Authorization: Bearer <token>'")
    config = current_app.config
    window = config["API_RATE_LIMIT_WINDOW_SECONDS"]
    if record_hit(db, f"token-{token.id}", window, "api") > config["API_RATE_LIMIT_COUNT"]:
        raise TooManyRequests(
            f"This token has made more than {config['API_RATE_LIMIT_COUNT']} requests in "
            f"{window} seconds. Wait, then try again",
            retry_after=window,
        )
    if token.scope != scope:
        raise Forbidden(f"This token's scope is {token.scope}: this needs a token of scope {scope}")
    if "slug" in kwargs:
        service = get_service(db, kwargs["slug"])
        if service is None:
            raise NotFound(f"There is no service with the slug '{kwargs['slug']}'")
        if not token.covers(service.id):
            raise Forbidden(f"This token does not cover the service '{service.slug}'")
        g.service = service
    g.api_token = token


# Kept in the signed session: when it began and when it was last used (whole seconds).
_STARTED, _SEEN = "pulse_started", "pulse_seen"
# Last use is written back at most this often, so not every page sends a new cookie.
_SEEN_EVERY = 60


def start_session():
    """Mark the session just signed in as beginning now."""
    now = int(time.time())
    session[_STARTED] = session[_SEEN] = now


def _session_in_time():
    """Whether the session is within its idle and absolute lifetimes; notes this use."""
    now = int(time.time())
    started, seen = session.get(_STARTED), session.get(_SEEN)
    if not isinstance(started, int) or not isinstance(seen, int):
        return False
    config = current_app.config
    if now - started > config["SESSION_MAX_SECONDS"] or now - seen > config["SESSION_IDLE_SECONDS"]:
        return False
    if now - seen >= _SEEN_EVERY:
        session[_SEEN] = now
    return True


@login_manager.user_loader
def _load_user(session_id):
    """The user a session belongs to, unless disabled, out of time, or their password has
    changed or they have signed out since (either changes the stamp)."""
    user_id, _, stamp = session_id.partition(".")
    if not _session_in_time():
        return None
    user = get_user(get_db(), int(user_id)) if user_id.isdigit() else None
    if user is None or not user.is_active or user.password_stamp != stamp:
        return None
    return user


class StaffSessions(SecureCookieSessionInterface):
    """Flask's signed-cookie session, opened only when the browser sent one.

    Only staff have a session (citizens' pages never write one), so a citizen's request
    skips building the signing serializer that Flask would otherwise make every time.
    """

    def open_session(self, app, request):
        if self.get_cookie_name(app) not in request.cookies:
            return self.session_class()
        return super().open_session(app, request)

    def save_session(self, app, session, response):
        # A static file never changes the session; saving would add Vary: Cookie (Flask-Login
        # looks at the session on every response), and a browser would then ask for a cached
        # stylesheet again whenever a cookie changed.
        if flask_request.endpoint != "static":
            super().save_session(app, session, response)


def init_app(app):
    """Set up sessions and Flask-Login: sign-in page, message, strong session protection."""
    app.session_interface = StaffSessions()
    login_manager.init_app(app)
    login_manager.login_view = "auth.sign_in"
    login_manager.login_message = "Sign in to see this page."
    login_manager.login_message_category = "info"
    login_manager.session_protection = "strong"
