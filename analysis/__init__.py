"""Pulse analysis: redaction, sentiment and themes for short comments.

Pure Python over scikit-learn and nltk: nothing here imports Flask or touches a database,
except the weekly run, which is imported on its own.
"""

from analysis.redact import redact
from analysis.sentiment import score_sentiment
from analysis.themes import find_themes

__all__ = ["find_themes", "redact", "score_sentiment"]
