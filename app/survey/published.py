"""'You said, we did': the changes each service published, as pages and Atom feeds."""

from dataclasses import dataclass
from datetime import UTC, datetime

from flask import Response, abort, current_app, render_template
from flask_babel import format_date
from flask_babel import gettext as _

from app.auth.access import access
from app.db import get_db
from app.i18n import current_language
from app.store import get_service, published_entries, published_services
from app.survey import bp
from app.survey.atom import MEDIA_TYPE, AtomEntry, atom_feed, tag_uri
from app.survey.effect_words import effect_sentence
from app.urls import public_url

TITLE_WORDS = 80


@dataclass(frozen=True)
class Entry:
    """One published change as a citizen reads it, in the page's language."""

    id: int
    you_said: str
    we_did: str
    shipped_on: object
    shipped_text: str
    published_at: datetime
    effect: str | None
    quotes: list


def _long_date(day):
    # Babel has the Welsh month names: "3 Tachwedd 2026".
    return format_date(day, "d MMMM y")


def _entries(service):
    language = current_language()
    threshold = current_app.config["ANONYMITY_THRESHOLD"]
    db = get_db()
    entries = []
    for item in published_entries(db, service.id, threshold):
        entries.append(
            Entry(
                id=item.id,
                you_said=item.you_said(language),
                we_did=item.we_did(language),
                shipped_on=item.shipped_on,
                shipped_text=_long_date(item.shipped_on),
                published_at=item.published_at,
                effect=effect_sentence(db, item) if item.show_effect else None,
                quotes=item.quotes,
            )
        )
    return entries


def _active_service(slug):
    service = get_service(get_db(), slug)
    if service is None or not service.active:
        abort(404)
    return service


def _feed_url(slug, **args):
    return public_url("survey.you_said_we_did_feed", slug=slug, **args)


@bp.route("/you-said-we-did")
@access("public")
def you_said_we_did_index():
    """List the services that have published changes made because of feedback."""
    rows = [
        {"service": row.service, "entries": row.entries, "latest_text": _long_date(row.latest)}
        for row in published_services(get_db())
    ]
    return render_template("survey/you_said_we_did_index.html", services=rows)


@bp.route("/s/<slug>/you-said-we-did")
@access("public")
def you_said_we_did(slug):
    """Show what a service changed because of feedback, newest change first."""
    service = _active_service(slug)
    language = current_language()
    return render_template(
        "survey/you_said_we_did.html",
        service=service,
        entries=_entries(service),
        feed_url=_feed_url(slug, lang=language),
    )


def _shorten(text, limit=TITLE_WORDS):
    """The text cut at a word boundary to about `limit` characters, with an ellipsis."""
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0].rstrip(",.;:") + "…"


@bp.route("/s/<slug>/you-said-we-did.atom")
@access("public")
def you_said_we_did_feed(slug):
    """The same changes as an Atom feed, in the language asked for (?lang=cy for Welsh)."""
    service = _active_service(slug)
    language = current_language()
    name = service.name(language)
    page = public_url("survey.you_said_we_did", slug=slug, lang=language)
    entries = []
    for entry in _entries(service):
        parts = [f"{_('You said')}: {entry.you_said}"]
        parts += [f"“{quote.text}”" for quote in entry.quotes]
        parts.append(f"{_('We did')}: {entry.we_did}")
        if entry.effect:
            parts.append(f"{_('What happened next')}: {entry.effect}")
        entries.append(
            AtomEntry(
                id=tag_uri(
                    current_app.config["PUBLIC_URL"], "you-said-we-did", slug, entry.id, language
                ),
                title=f"{entry.shipped_text}: {_shorten(entry.we_did)}",
                updated=entry.published_at,
                link=f"{page}#change-{entry.id}",
                content="\n\n".join(parts),
            )
        )
    body = atom_feed(
        feed_id=tag_uri(current_app.config["PUBLIC_URL"], "you-said-we-did", slug, language),
        title=f"{_('You said, we did')}: {name}",
        self_url=_feed_url(slug, lang=language),
        page_url=page,
        author=f"{name}, {current_app.config['COUNCIL_NAME']}",
        language=language,
        entries=entries,
        now=datetime.now(UTC),
    )
    return Response(body, mimetype=MEDIA_TYPE)
