"""Pulse: the Flask application factory."""

import secrets
from pathlib import Path

from flask import Flask
from jinja2 import ChoiceLoader, PackageLoader, PrefixLoader

from app.settings import ConfigError, from_environ, secret_key_in_environ

DEFAULTS = {
    "DATABASE": None,  # set below to instance/pulse.db unless given
    # Web requests leave WAL checkpoints to a background thread this often (see app/db.py);
    # 0 leaves them to SQLite, inside whichever commit fills the log.
    "WAL_CHECKPOINT_SECONDS": 2.0,
    "PUBLIC_URL": "http://127.0.0.1:5000",
    "COUNCIL_NAME": "Pulse demo council",
    "MAX_CONTENT_LENGTH": 64 * 1024,
    "WTF_CSRF_TIME_LIMIT": 4 * 3600,
    # Every validator has its own plain-words message (and Welsh translation), so WTForms'
    # own catalogue is not needed; loading it cost a fifth of each survey submission.
    "WTF_I18N_ENABLED": False,
    "SESSION_COOKIE_HTTPONLY": True,
    "SESSION_COOKIE_SECURE": None,  # None: decided by PUBLIC_URL's scheme below
    "SESSION_COOKIE_SAMESITE": "Lax",
    # A staff session ends after this long unused, and this long after signing in however
    # much it is used; signing out ends it at once (see app/auth/access.py).
    "SESSION_IDLE_SECONDS": 2 * 3600,
    "SESSION_MAX_SECONDS": 12 * 3600,
    "PERMANENT_SESSION_LIFETIME": 12 * 3600,
    "BABEL_DEFAULT_LOCALE": "en",
    # Spam and abuse limits; see app/survey/spam.py.
    "MIN_FILL_SECONDS": 2.0,
    "MAX_FORM_AGE_SECONDS": 24 * 3600,
    "DUPLICATE_WINDOW_SECONDS": 300,
    "RATE_LIMIT_COUNT": 30,
    "RATE_LIMIT_WINDOW_SECONDS": 600,
    # Requests one API token may make in a window before it gets 429 Too Many Requests.
    "API_RATE_LIMIT_COUNT": 120,
    "API_RATE_LIMIT_WINDOW_SECONDS": 60,
    # Anonymity: themes and quotes from fewer responses are shown to admins only.
    "ANONYMITY_THRESHOLD": 3,
    # Comment text is kept this many months (whole weeks), then removed by `flask retention`;
    # ratings and weekly figures are kept.
    "RETENTION_MONTHS": 24,
    # Sites allowed to embed the survey in a frame, e.g. "https://www.example.gov.uk";
    # every other page can never be framed.
    "SURVEY_FRAME_ANCESTORS": "'none'",
    # Interaction refs signed by the linking service with this shared key (see README);
    # with REQUIRE_SIGNED_REFS, a ref without a right signature is dropped from the answer.
    "REF_SIGNING_KEY": None,
    "REQUIRE_SIGNED_REFS": False,
    # Number of proxies in front of the app whose X-Forwarded-For can be trusted.
    "PROXY_COUNT": 0,
    # Outgoing email (the weekly digest); set these in instance/config.py or PULSE_MAIL_*.
    # MAIL_USE_TLS upgrades a plain connection with STARTTLS; MAIL_USE_SSL connects over TLS.
    "MAIL_SERVER": "localhost",
    "MAIL_PORT": 25,
    "MAIL_USE_TLS": False,
    "MAIL_USE_SSL": False,
    "MAIL_USERNAME": None,
    "MAIL_PASSWORD": None,
    "MAIL_SENDER": "Pulse <pulse@localhost>",
    "MAIL_TIMEOUT": 10,
    # Alerts are emailed and posted only for the latest this-many complete weeks.
    "ALERTS_SEND_WEEKS": 1,
    # Each webhook delivery: seconds to wait for an answer, and the pause before each attempt.
    "WEBHOOK_TIMEOUT_SECONDS": 5,
    "WEBHOOK_RETRY_DELAYS": (0, 1, 4),
}


def create_app(test_config=None):
    """Build the app: defaults, then instance/config.py, then PULSE_ environment variables
    (app/settings.py), then the test config. Raises ConfigError on a setting it cannot use."""
    app = Flask(__name__, instance_relative_config=True)
    app.config.from_mapping(DEFAULTS)
    instance = Path(app.instance_path)
    instance.mkdir(parents=True, exist_ok=True)
    if test_config is None:
        if not secret_key_in_environ():
            _ensure_secret_key(instance / "config.py")
        app.config.from_pyfile("config.py", silent=True)
    app.config.from_mapping(from_environ(DEFAULTS))
    if test_config is not None:
        app.config.from_mapping(test_config)
    if not app.config.get("DATABASE"):
        app.config["DATABASE"] = str(instance / "pulse.db")
    if not app.config.get("SECRET_KEY"):
        raise ConfigError("SECRET_KEY is not set: add it to instance/config.py or PULSE_SECRET_KEY")
    if app.config["REQUIRE_SIGNED_REFS"] and not app.config["REF_SIGNING_KEY"]:
        raise ConfigError(
            "REQUIRE_SIGNED_REFS is set: add REF_SIGNING_KEY to instance/config.py "
            "or PULSE_REF_SIGNING_KEY"
        )
    # Secure cookies wherever the public address is https; plain http only for local use.
    if app.config["SESSION_COOKIE_SECURE"] is None:
        app.config["SESSION_COOKIE_SECURE"] = app.config["PUBLIC_URL"].startswith("https:")

    _template_loaders(app)
    _extensions(app)
    _blueprints(app)
    return app


def _ensure_secret_key(config_file):
    """Generate a SECRET_KEY once into instance/config.py so no default ever ships."""
    if config_file.exists() and "SECRET_KEY" in config_file.read_text(encoding="utf-8"):
        return
    with config_file.open("a", encoding="utf-8") as out:
        out.write(
            "# Generated by Pulse on first start. Keep private.\n"
            f"SECRET_KEY = {secrets.token_hex(32)!r}\n"
        )
    config_file.chmod(0o600)


def _template_loaders(app):
    app.jinja_loader = ChoiceLoader(
        [
            app.jinja_loader,
            PrefixLoader(
                {
                    "govuk_frontend_jinja": PackageLoader("govuk_frontend_jinja"),
                    "govuk_frontend_wtf": PackageLoader("govuk_frontend_wtf"),
                }
            ),
        ]
    )


def _extensions(app):
    from flask_wtf.csrf import CSRFProtect
    from govuk_frontend_wtf.main import WTFormsHelpers

    from app import api, auth, compress, db, fingerprint, i18n, security

    db.init_app(app)
    auth.init_app(app)
    i18n.init_app(app)
    security.init_app(app)
    csrf = CSRFProtect(app)
    # The survey form checks its own token so that an expired one re-shows the citizen's
    # answers instead of an error page (see app/survey/views.py).
    csrf.exempt("app.survey.views.survey")
    # The API authenticates each call by its bearer token, never a cookie: no CSRF to forge.
    csrf.exempt(api.bp)
    WTFormsHelpers(app)
    fingerprint.init_app(app)
    compress.init_app(app)


def _blueprints(app):
    from app import (
        admin,
        api,
        auth,
        backlog,
        cli,
        dashboard,
        errors,
        pages,
        publishing,
        recording,
        survey,
        themes,
    )
    from app.urls import RowIdConverter

    app.url_map.converters["int"] = RowIdConverter
    app.register_blueprint(pages.bp)
    app.register_blueprint(auth.bp)
    app.register_blueprint(dashboard.bp)
    app.register_blueprint(admin.bp)
    app.register_blueprint(survey.bp)
    app.register_blueprint(api.bp)
    app.register_blueprint(themes.bp)
    app.register_blueprint(recording.bp)
    app.register_blueprint(backlog.bp)
    app.register_blueprint(publishing.bp)
    errors.init_app(app)
    cli.init_app(app)
