"""Sentiment scoring (in progress)."""


def score_sentiment(texts):
    raise NotImplementedError
