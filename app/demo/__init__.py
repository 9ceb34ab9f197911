"""The demo generator: believable services and weeks of feedback, with no Flask and no database."""

from app.demo.generator import SERVICES, STORY_WEEKS, generate_responses
from app.demo.stories import BACKLOG

__all__ = ["BACKLOG", "SERVICES", "STORY_WEEKS", "generate_responses"]
