"""Survey links: what they may carry (channel, outcome, interaction ref), their public
address and their QR codes."""

import hashlib
import hmac
import re
from dataclasses import dataclass

import segno
from flask import current_app

from app.store import CHANNELS, OUTCOMES
from app.urls import public_url

REF_PATTERN = re.compile(r"^[A-Za-z0-9._:-]{1,64}$")
SIGNATURE_DIGITS = 16
# A signed ref is '<ref>.<signature>' and must still fit REF_PATTERN.
SIGNED_REF_MAX = 64 - 1 - SIGNATURE_DIGITS


@dataclass(frozen=True)
class LinkContext:
    """The link's parameters after checking; anything unrecognised is dropped, not refused."""

    channel: str | None = None
    outcome: str | None = None
    ref: str | None = None

    def query(self):
        """The parameters to keep on the form's address, without empty ones."""
        return {k: v for k, v in vars(self).items() if v}


def _signature(key, slug, ref):
    return hmac.new(key.encode(), f"{slug}|{ref}".encode(), hashlib.sha256).hexdigest()[
        :SIGNATURE_DIGITS
    ]


def sign_ref(key, slug, ref):
    """'<ref>.<first 16 hex of HMAC-SHA256(key, "<slug>|<ref>")>': a ref only a holder of
    the key (the linking service, and Pulse) can make."""
    return f"{ref}.{_signature(key, slug, ref)}"


def ref_is_signed(key, slug, signed):
    """Whether a ref carries a signature made with this key for this service."""
    ref, _, signature = signed.rpartition(".")
    return bool(ref) and hmac.compare_digest(signature, _signature(key, slug, ref))


def _accepted_ref(ref, slug):
    """The ref, if it is well formed and signed wherever REQUIRE_SIGNED_REFS is set."""
    if not ref or not REF_PATTERN.match(ref):
        return None
    config = current_app.config
    if config["REQUIRE_SIGNED_REFS"] and not ref_is_signed(config["REF_SIGNING_KEY"], slug, ref):
        return None
    return ref


def read_link(args, slug):
    """Check a request's query arguments; a citizen is never turned away for a bad link.

    A ref that is unsigned or wrongly signed where signed ones are required is dropped: the
    answer is kept, but claims no interaction, so a guessed ref cannot be answered first.
    """
    channel = args.get("channel")
    outcome = args.get("outcome")
    return LinkContext(
        channel=channel if channel in CHANNELS else None,
        outcome=outcome if outcome in OUTCOMES else None,
        ref=_accepted_ref(args.get("ref"), slug),
    )


def survey_url(slug, **params):
    """The full public address of a service's survey, with any link parameters."""
    return public_url("survey.survey", slug=slug, **{k: v for k, v in params.items() if v})


def save_qr(url, target, kind, title=None):
    """Write the QR code of a survey link, as 'svg' or 'png', to a path or binary file.

    Error correction level M survives a scuffed poster; SVGs print at any size, PNGs at
    10 pixels a module for documents that take only images.
    """
    qr = segno.make(url, error="m")
    if kind == "svg":
        qr.save(target, kind="svg", scale=8, border=4, title=title)
    else:
        qr.save(target, kind="png", scale=10, border=4)


def qr_file_stem(slug, *params):
    """A file name (without extension) for a link's QR code: the slug and its parameters.

    Colons are fine in a reference but not in a Windows file name.
    """
    return "-".join(part for part in (slug, *params) if part).replace(":", "_")
