"""English and Welsh: choose the language for each request and offer a link to switch."""

from babel import Locale
from flask import g, request, url_for
from flask_babel import Babel, get_locale

from app.security import set_private_cookie
from app.urls import public_url

LANGUAGES = ("en", "cy")
LANGUAGE_NAMES = {"en": "English", "cy": "Cymraeg"}
# Parsed once: Flask-Babel would otherwise parse the code (and look on disk) every request.
_LOCALES = {code: Locale.parse(code) for code in LANGUAGES}
# A citizen's choice of language is remembered in a cookie of its own, so the public pages
# never need a session.
COOKIE = "pulse_lang"
COOKIE_DAYS = 365


# Citizens' pages are in English and Welsh; staff pages are in English only.
BILINGUAL_BLUEPRINTS = {"survey", "pages"}


def select_language():
    """The request's Locale: Flask-Babel's locale selector.

    ?lang= wins, then the remembered choice, then Accept-Language.

    Following a link whose ?lang= differs from what the browser would get anyway is a choice,
    and is remembered. A form's address, and the thank-you page it leads to, carry ?lang= only
    to keep the language the form was shown in, so they remember nothing new.
    """
    return _LOCALES[_language_code()]


def _language_code():
    if request.blueprint and request.blueprint not in BILINGUAL_BLUEPRINTS:
        return "en"
    remembered = request.cookies.get(COOKIE)
    if remembered in LANGUAGES:
        usual = remembered
    else:
        usual = request.accept_languages.best_match(LANGUAGES, default="en")
    asked = request.args.get("lang")
    if asked in LANGUAGES:
        if asked != usual and request.method == "GET":
            g.remember_language = asked
        return asked
    return usual


def _remember_language(response):
    language = g.pop("remember_language", None)
    if language is not None:
        set_private_cookie(response, COOKIE, language, max_age=COOKIE_DAYS * 24 * 3600)
    return response


def current_language():
    """'en' or 'cy' for the current request."""
    return str(get_locale() or "en")


def switch_language_url():
    """The current page's address in the other language, keeping its query string."""
    other = "en" if current_language() == "cy" else "cy"
    args = request.args.to_dict()
    args["lang"] = other
    return other, url_for(request.endpoint, **(request.view_args or {}), **args)


def alternate_urls():
    """The current page's public address in each language, and without a choice (x-default),
    for search engines' hreflang links."""
    args = request.args.to_dict()
    args.pop("lang", None)
    view_args = request.view_args or {}
    languages = {"x-default": {}, **{code: {"lang": code} for code in LANGUAGES}}
    return {
        code: public_url(request.endpoint, **view_args, **args, **lang)
        for code, lang in languages.items()
    }


def init_app(app):
    """Set up Flask-Babel and give templates the language helpers."""
    Babel(app, locale_selector=select_language, default_translation_directories="translations")
    app.after_request(_remember_language)

    @app.context_processor
    def language_helpers():
        # Staff pages are English only: no link to a Welsh version they do not have.
        if request.blueprint not in BILINGUAL_BLUEPRINTS:
            return {"current_language": current_language()}
        other, url = switch_language_url()
        return {
            "current_language": current_language(),
            "switch_language": {"code": other, "name": LANGUAGE_NAMES[other], "url": url},
            "alternate_urls": alternate_urls(),
        }
