"""The weekly digest as an email: built from the same Digest the page shows, as text and HTML."""

import re
from datetime import UTC, datetime
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid, parseaddr

from flask import current_app

from app.digest.model import build_digest, words_explained
from app.store import clean_name
from app.survey.links import survey_url
from app.urls import public_url

MAX_THEMES = 5
MAX_QUOTES = 2
QUOTE_LENGTH = 200


def digest_link(slug, week):
    """The full address of a service's digest page for a week."""
    return public_url("dashboard.digest", slug=slug, week=str(week))


def subject(week, services):
    """The email's subject line, e.g. 'Pulse weekly digest: week 2026-W47 — 3 services'."""
    noun = "service" if services == 1 else "services"
    return f"Pulse weekly digest: week {week} — {services} {noun}"


def service_digest(db, service, week):
    """A service's digest as owners and viewers see it: the anonymity threshold applies."""
    return build_digest(
        db, service, week, threshold=current_app.config["ANONYMITY_THRESHOLD"], show_all=False
    )


def render_text(week, digests, name=None):
    """The plain-text body; nothing is HTML-escaped, because nothing here is HTML."""
    return (
        _environment(autoescape=False)
        .get_template("email/digest.txt")
        .render(_context(week, digests, name))
    )


def render_html(week, digests, name=None):
    """The HTML body, with everything from the database escaped."""
    # Rendered outside any request (from the CLI), so not through render_template, whose
    # context processors need one; autoescape is switched on explicitly instead.
    return (
        _environment(autoescape=True)
        .get_template("email/digest.html")
        .render(_context(week, digests, name))
    )


def build_message(recipient, week, digests):
    """One recipient's email: a plain-text part and an HTML alternative."""
    sender = current_app.config["MAIL_SENDER"]
    message = EmailMessage()
    message["Subject"] = subject(week, len(digests))
    message["From"] = sender
    # Cleaned here too: a name stored before names were cleaned must not break the header.
    message["To"] = Address(display_name=clean_name(recipient.name), addr_spec=recipient.email)
    message["Date"] = format_datetime(datetime.now(UTC))
    message["Message-ID"] = make_msgid(domain=parseaddr(sender)[1].partition("@")[2] or None)
    # RFC 3834: tells out-of-office replies not to answer an automatic email.
    message["Auto-Submitted"] = "auto-generated"
    message.set_content(render_text(week, digests, recipient.name), cte="quoted-printable")
    message.add_alternative(
        render_html(week, digests, recipient.name), subtype="html", cte="quoted-printable"
    )
    return message


def short_quote(text, limit=QUOTE_LENGTH):
    """A comment on one line, cut at a word boundary if longer than limit."""
    text = re.sub(r"\s+", " ", text or "").strip()
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0] or text[:limit]
    return cut.rstrip(" ,.;:") + "…"


def change_text(change):
    """A change in % satisfied against last week, in words."""
    if change is None:
        return "no figure for last week"
    if change > 0:
        return f"up {change:.1f} points on last week"
    if change < 0:
        return f"down {-change:.1f} points on last week"
    return "no change on last week"


def _environment(autoescape):
    # An overlay shares the app's template loader and filters; kept so templates compile once.
    # It gets its own template caches, because autoescape and the block trimming are compiled
    # in: a template compiled for the page environment must never be reused here, or back.
    key = "pulse_email_html" if autoescape else "pulse_email_text"
    environment = current_app.extensions.get(key)
    if environment is None:
        environment = current_app.jinja_env.overlay(
            autoescape=autoescape,
            trim_blocks=True,
            lstrip_blocks=True,
            cache_size=50,
            bytecode_cache=None,
        )
        current_app.extensions[key] = environment
    return environment


def _context(week, digests, name):
    monday, sunday = week.monday, week.sunday
    return {
        "subject": subject(week, len(digests)),
        "week": week,
        "dates": f"Monday {monday.day} {monday:%B} to Sunday {sunday.day} {sunday:%B %Y}",
        "name": name,
        "threshold": current_app.config["ANONYMITY_THRESHOLD"],
        "words": words_explained(current_app.config["ANONYMITY_THRESHOLD"]),
        "sections": [_section(digest) for digest in digests],
    }


def _section(digest):
    themes = [
        {
            "label": theme["display_label"],
            "trend": theme["trend"],
            "trend_text": theme["trend_text"],
            "detail": _theme_detail(theme),
            "split": _split_text(theme),
            "typical": short_quote(theme["typical"]) if theme["typical"] else None,
            "quotes": [short_quote(q) for q in theme["other_quotes"][: MAX_QUOTES - 1]],
        }
        for theme in digest.themes[:MAX_THEMES]
    ]
    responses = digest.figures["responses"] if digest.figures else 0
    return {
        "digest": digest,
        "service": digest.service,
        # A week analysed only to let last week's themes fade has figures but no responses.
        "state": "quiet_week" if digest.state == "ok" and not responses else digest.state,
        "figures": digest.figures,
        "previous": digest.previous,
        "change": change_text(digest.change),
        "levels": digest.levels if responses else [],
        "themes": themes,
        "more_themes": max(len(digest.themes) - MAX_THEMES, 0),
        "hidden_themes": digest.hidden_themes,
        "unthemed": digest.unthemed,
        "unthemed_link": public_url(
            "dashboard.comments", slug=digest.service.slug, week=str(digest.week), theme="none"
        ),
        "shipped": digest.shipped_this_week,
        "measured": digest.effects_measured,
        "link": digest_link(digest.service.slug, digest.week),
        "survey_link": survey_url(digest.service.slug),
    }


def _theme_detail(theme):
    if theme["status"] == "faded":
        return f"no comments this week ({theme['previous_size'] or 0} last week)"
    size = theme["size"]
    detail = f"{size} {'comment' if size == 1 else 'comments'}"
    growth = theme["growth"]
    if growth.pooled_n:
        detail += (
            f" of {growth.n}; earlier weeks {growth.pooled_k} of {growth.pooled_n}"
            f" ({100 * growth.pooled_share:.0f}%)"
        )
    else:
        detail += f" of {growth.n}"
    return detail + (", none last week" if theme["back"] else "")


def _split_text(theme):
    """'12 negative, 3 positive' when praise and complaint share the theme, else None."""
    split = theme["split"]
    return f"{split.negative} negative, {split.positive} positive" if split.mixed else None
