"""Sentiment and theme quality on the shared labelled data.

.venv/bin/python -m benchmarks.quality
"""

from benchmarks import quality_sentiment, quality_themes


def main():
    """Print both reports; each skips with a message when the data is absent."""
    quality_sentiment.report()
    print()
    quality_themes.report()


if __name__ == "__main__":
    main()
