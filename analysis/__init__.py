"""Pulse analysis: redaction, sentiment and themes for short comments.

A library over scikit-learn and nltk: lists of strings (and ratings) in, plain data out.
Nothing here imports Flask or `app` or touches a database; the weekly run that reads and
writes the database is app/weekly.py.

Only redaction is imported up front. Sentiment and themes load scikit-learn and nltk on
first use, so the web workers, which only redact, stay small (a third of the memory, and a
fifth of the start-up time, of a worker with them loaded).
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
