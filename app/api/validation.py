"""Checks on a submitted response's JSON: each refusal names its field in plain words."""

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from app.store import CHANNELS, OUTCOMES
from app.survey.links import REF_PATTERN

MAX_COMMENT = 1250
LANGUAGES = ("en", "cy")
FIELDS = ("rating", "comment", "channel", "outcome", "ref", "language", "submitted_at")
# A clock a little ahead of ours is forgiven; a time further ahead is a mistake.
FUTURE_SLACK = timedelta(minutes=5)


class SubmissionError(ValueError):
    """A submission was refused; field names the member at fault."""

    def __init__(self, field, message):
        super().__init__(message)
        self.field = field


@dataclass(frozen=True)
class Submission:
    """A response as the API accepted it, before redaction."""

    rating: int
    comment: str
    channel: str | None
    outcome: str | None
    ref: str | None
    language: str
    submitted_at: datetime | None


def _choice(data, name, choices, default=None):
    value = data.get(name, default)
    if value is None:
        return default
    if value not in choices:
        raise SubmissionError(name, f"'{name}' must be one of: {', '.join(choices)}")
    return value


def _rating(data):
    if "rating" not in data:
        raise SubmissionError("rating", "'rating' is missing: give a whole number from 1 to 5")
    rating = data["rating"]
    # JSON Schema counts 5.0 as an integer, so it is one here too; true (a Python int) is not.
    if isinstance(rating, float) and rating.is_integer():
        rating = int(rating)
    if isinstance(rating, bool) or not isinstance(rating, int) or not 1 <= rating <= 5:
        raise SubmissionError("rating", "'rating' must be a whole number from 1 to 5")
    return rating


def _comment(data):
    comment = data.get("comment")
    if comment is None:
        return ""
    if not isinstance(comment, str):
        raise SubmissionError("comment", "'comment' must be text")
    if "\x00" in comment or _unencodable(comment):
        raise SubmissionError("comment", "'comment' must be plain text (no NUL or lone surrogate)")
    if len(comment) > MAX_COMMENT:
        raise SubmissionError("comment", f"'comment' must be {MAX_COMMENT} characters or fewer")
    return comment


def _unencodable(text):
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def _ref(data):
    ref = data.get("ref")
    if ref is None:
        return None
    if not isinstance(ref, str) or not REF_PATTERN.match(ref):
        raise SubmissionError(
            "ref", "'ref' must be 1 to 64 letters, numbers, dots, colons, hyphens or underscores"
        )
    return ref


def _submitted_at(data, now):
    value = data.get("submitted_at")
    if value is None:
        return None
    try:
        moment = datetime.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        moment = None
    if moment is None or moment.tzinfo is None:
        raise SubmissionError(
            "submitted_at",
            "'submitted_at' must be an ISO 8601 date and time with its offset, "
            "such as 2026-11-23T14:05:00Z",
        )
    if moment > now + FUTURE_SLACK:
        raise SubmissionError("submitted_at", "'submitted_at' must not be in the future")
    return moment.astimezone(UTC)


def check_submission(data, now=None):
    """A Submission from the parsed JSON body; raises SubmissionError naming the first bad field."""
    if not isinstance(data, dict):
        raise SubmissionError(None, 'The body must be a JSON object, such as {"rating": 5}')
    unknown = sorted(set(data) - set(FIELDS))
    if unknown:
        raise SubmissionError(
            unknown[0], f"'{unknown[0]}' is not a field here. The fields are: {', '.join(FIELDS)}"
        )
    return Submission(
        rating=_rating(data),
        comment=_comment(data),
        channel=_choice(data, "channel", CHANNELS),
        outcome=_choice(data, "outcome", OUTCOMES),
        ref=_ref(data),
        language=_choice(data, "language", LANGUAGES, default="en"),
        submitted_at=_submitted_at(data, now or datetime.now(UTC)),
    )
