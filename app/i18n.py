"""English and Welsh: choose the language for each request and offer a link to switch."""

from flask import request, session, url_for
from flask_babel import Babel, get_locale
from werkzeug.exceptions import HTTPException

LANGUAGES = ("en", "cy")
LANGUAGE_NAMES = {"en": "English", "cy": "Cymraeg"}


# Citizens' pages are in English and Welsh; staff pages are in English only.
BILINGUAL_BLUEPRINTS = {"survey", "pages"}


def select_language():
    """?lang= wins (and is remembered), then the remembered choice, then Accept-Language."""
    if request.blueprint and request.blueprint not in BILINGUAL_BLUEPRINTS:
        return "en"
    asked = request.args.get("lang") or _form_lang()
    if asked in LANGUAGES:
        if session.get("lang") != asked:
            session["lang"] = asked
        return asked
    if session.get("lang") in LANGUAGES:
        return session["lang"]
    return request.accept_languages.best_match(LANGUAGES, default="en")


def _form_lang():
    # An error page for an unreadable or oversized body must not trip over the body again.
    try:
        return request.form.get("lang")
    except HTTPException:
        return None


def current_language():
    """'en' or 'cy' for the current request."""
    return str(get_locale() or "en")


def switch_language_url():
    """The current page's address in the other language, keeping its query string."""
    other = "en" if current_language() == "cy" else "cy"
    args = request.args.to_dict()
    args["lang"] = other
    return other, url_for(request.endpoint or "pages.home", **(request.view_args or {}), **args)


def init_app(app):
    """Set up Flask-Babel and give templates the language helpers."""
    Babel(app, locale_selector=select_language, default_translation_directories="translations")

    @app.context_processor
    def language_helpers():
        # Staff pages are English only: no link to a Welsh version they do not have.
        if request.endpoint in (None, "static") or request.blueprint not in BILINGUAL_BLUEPRINTS:
            return {"current_language": current_language()}
        other, url = switch_language_url()
        return {
            "current_language": current_language(),
            "switch_language": {"code": other, "name": LANGUAGE_NAMES[other], "url": url},
        }
