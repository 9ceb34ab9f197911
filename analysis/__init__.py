"""Pulse analysis: redaction, sentiment and themes for short comments.

Pure Python over scikit-learn and nltk: nothing here imports Flask or touches a database,
except the weekly run, which is imported on its own.

Only redaction is imported up front. Sentiment and themes load scikit-learn and nltk on
first use, so the web workers, which only redact, stay small: measured with create_app,
192 MB of memory and 3.2 s to start with them loaded, 82 MB and 0.6 s without.
"""

from analysis.redact import redact

__all__ = ["find_themes", "redact", "score_sentiment"]


def __getattr__(name):
    if name == "score_sentiment":
        from analysis.sentiment import score_sentiment

        return score_sentiment
    if name == "find_themes":
        from analysis.themes import find_themes

        return find_themes
    raise AttributeError(f"module 'analysis' has no attribute {name!r}")
