"""The weekly digest of a service: its model (page and email share it), its email, its sending."""

from app.digest.email import digest_link, render_text, service_digest, subject
from app.digest.model import Digest, build_digest, words_explained
from app.digest.send import SendPlan, plan_send, send_pending

__all__ = [
    "digest_link",
    "Digest",
    "SendPlan",
    "build_digest",
    "plan_send",
    "render_text",
    "send_pending",
    "service_digest",
    "subject",
    "words_explained",
]
