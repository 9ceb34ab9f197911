"""The demo generator: believable services and weeks of feedback, with no Flask and no database."""

from app.demo.generator import SERVICES, generate_responses

__all__ = ["SERVICES", "generate_responses"]
