"""What the digest tests share: a real in-process SMTP server, a known week of ratings."""

import json
import socket
from datetime import timedelta
from email import message_from_bytes, policy

from aiosmtpd.controller import Controller

from app.store import NewResponse, add_response, add_responses
from app.weeks import parse_week

WEEK = parse_week("2026-W40")
LINK = "http://127.0.0.1:5000/services/bins/weeks/2026-W40"
SCRIPT = "<script>alert(1)</script> the form kept crashing"
# 4 very satisfied + 2 satisfied of 10: 60%. Last week 2 of 5: 40%.
RATINGS = [5, 5, 5, 5, 4, 4, 3, 2, 2, 1]
LAST_WEEK_RATINGS = [5, 4, 2, 2, 1]

# Who of the `people` fixture gets the digest: active owners and viewers with open services,
# and the admin who has one assigned.
EXPECTED = {
    "owner@example.gov.uk",
    "viewer@example.gov.uk",
    "other@example.gov.uk",
    "both@example.gov.uk",
    "admin2@example.gov.uk",
}


class Inbox:
    """An aiosmtpd handler that keeps every envelope and refuses listed recipients."""

    def __init__(self):
        self.envelopes = []
        self.refuse = set()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        """Accept a recipient unless it is in self.refuse."""
        if address in self.refuse:
            return "550 5.1.1 No such mailbox here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        """Keep the delivered envelope."""
        self.envelopes.append(envelope)
        return "250 Message accepted for delivery"

    @property
    def messages(self):
        """Each delivered message, parsed."""
        return [message_from_bytes(e.content, policy=policy.default) for e in self.envelopes]

    def to(self, address):
        """The one message delivered to an address."""
        found = [
            m for e, m in zip(self.envelopes, self.messages, strict=True) if e.rcpt_tos == [address]
        ]
        assert len(found) == 1, f"expected one message to {address}, got {len(found)}"
        return found[0]


class MailServer:
    """A real SMTP server on a free local port, which a test can stop and start again."""

    def __init__(self, app):
        self.inbox = Inbox()
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.controller = None
        app.config.update(MAIL_SERVER="127.0.0.1", MAIL_PORT=self.port)

    def start(self, **options):
        """Start serving; options go to aiosmtpd's Controller (an authenticator, say)."""
        self.controller = Controller(self.inbox, hostname="127.0.0.1", port=self.port, **options)
        self.controller.start()

    def stop(self):
        """Stop serving, so that sends fail to connect."""
        if self.controller is not None:
            self.controller.stop()
            self.controller = None


def at(week, day, hour=12):
    """A UTC time on a day (0 = Monday) of the week."""
    start, _ = week.bounds_utc()
    return start + timedelta(days=day, hours=hour)


def rate(db, service, week, ratings, comments=()):
    """Store responses to the service spread over the week, with these ratings and comments."""
    comments = list(comments) + [""] * (len(ratings) - len(comments))
    add_responses(
        db,
        [
            NewResponse(service.id, rating, comment, submitted_at=at(week, i % 7))
            for i, (rating, comment) in enumerate(zip(ratings, comments, strict=True))
        ],
    )


def add_theme(db, service, week, label, size, quotes):
    """Store a theme for the week as the weekly run would, with known quotes.

    Themes are written directly so that each test knows exactly which themes are above and
    below the anonymity threshold; the quotes are stored as responses in a far earlier week.
    """
    ids = []
    for quote in quotes:
        response = NewResponse(service.id, 2, quote, submitted_at=at(week.shift(-30), 0))
        ids.append(add_response(db, response)[1]["id"])
    theme_id = (
        db["themes"]
        .insert(
            {
                "service_id": service.id,
                "first_week": str(week),
                "last_week": str(week),
                "label": label,
            }
        )
        .last_pk
    )
    db["theme_weeks"].insert(
        {
            "theme_id": theme_id,
            "service_id": service.id,
            "week": str(week),
            "status": "new",
            "label": label,
            "keywords": "[]",
            "size": size,
            "share": size / 10,
            "mean_sentiment": -0.5,
            "mean_rating": 2.0,
            "pct_satisfied": 0.0,
            "examples": json.dumps(ids),
        }
    )


def parts(message):
    """(plain text, html) of a delivered message."""
    return (
        message.get_body(("plain",)).get_content(),
        message.get_body(("html",)).get_content(),
    )


def send(runner, *args):
    """Run `digest send` for WEEK with these extra arguments."""
    return runner.invoke(args=["digest", "send", "--week", str(WEEK), *args])
