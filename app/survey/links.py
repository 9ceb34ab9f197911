"""Survey links: what they may carry (channel, outcome, interaction ref), their public
address and their QR codes."""

import re
from dataclasses import dataclass

import segno

from app.store import CHANNELS, OUTCOMES
from app.urls import public_url

REF_PATTERN = re.compile(r"^[A-Za-z0-9._:-]{1,64}$")


@dataclass(frozen=True)
class LinkContext:
    """The link's parameters after checking; anything unrecognised is dropped, not refused."""

    channel: str | None = None
    outcome: str | None = None
    ref: str | None = None

    def query(self):
        """The parameters to keep on the form's address, without empty ones."""
        return {k: v for k, v in vars(self).items() if v}


def read_link(args):
    """Check a request's query arguments; a citizen is never turned away for a bad link."""
    channel = args.get("channel")
    outcome = args.get("outcome")
    ref = args.get("ref")
    return LinkContext(
        channel=channel if channel in CHANNELS else None,
        outcome=outcome if outcome in OUTCOMES else None,
        ref=ref if ref and REF_PATTERN.match(ref) else None,
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
