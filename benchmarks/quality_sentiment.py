"""How well Pulse's sentiment scores separate labelled review sentences, against plain VADER.

Run from the project root: ``.venv/bin/python -m benchmarks.quality_sentiment``.
Data: ``../shared/data/sentiment-labelled-sentences`` (see its README), or the folder named
by ``PULSE_SHARED_DATA``. Nothing is fitted on these sentences; they are only scored.
A sentence counts as predicted positive when its compound score is >= 0, the usual VADER
convention, so a sentence scored exactly neutral counts as positive.
"""

from __future__ import annotations

import importlib.util
import random
import time
from pathlib import Path

import nltk.data
from nltk.sentiment.vader import SentimentIntensityAnalyzer
from sklearn.metrics import f1_score

from analysis import score_sentiment
from analysis.sentiment import ALL_RULES, PulseAnalyser
from benchmarks.quality_themes import data_dir

FILES = {
    "yelp": "yelp_labelled.txt",
    "amazon": "amazon_cells_labelled.txt",
    "imdb": "imdb_labelled.txt",
}
NEAR_NEUTRAL = 0.05  # VADER's own threshold for calling a compound score neutral


def data_folder() -> Path | None:
    """Return the labelled-sentences folder, or None when the shared data is absent."""
    folder = data_dir() / "sentiment-labelled-sentences"
    return folder if all((folder / f).is_file() for f in FILES.values()) else None


def load_labelled(path: Path) -> tuple[list[str], list[int]]:
    """Read ``sentence<TAB>label`` lines: header first, CRLF endings, no CSV quoting."""
    sentences, labels = [], []
    # split on "\n" only: imdb has U+0085 inside a sentence, which splitlines() breaks on
    for line in path.read_text(encoding="utf-8").split("\n"):
        line = line.rstrip("\r")
        sentence, tab, label = line.rpartition("\t")
        if not tab or label not in {"0", "1"}:
            continue  # the header line and the blank line at the end
        sentences.append(sentence)
        labels.append(int(label))
    return sentences, labels


def plain_vader() -> SentimentIntensityAnalyzer:
    """Return nltk's VADER, unchanged, reading the same lexicon file as Pulse."""
    spec = importlib.util.find_spec("vaderSentiment")
    folder = next(iter(spec.submodule_search_locations))
    if folder not in nltk.data.path:
        nltk.data.path.insert(0, folder)
    return SentimentIntensityAnalyzer(lexicon_file="vader_lexicon.txt")


def macro_f1(labels: list[int], scores: list[float]) -> float:
    """Return binary macro-F1 with compound >= 0 read as positive."""
    return float(f1_score(labels, [int(s >= 0) for s in scores], average="macro"))


def neutral_share(scores: list[float], *, exact: bool = False) -> float:
    """Return the share of scores that are exactly 0, or within VADER's neutral band."""
    if exact:
        return sum(s == 0 for s in scores) / len(scores)
    return sum(abs(s) < NEAR_NEUTRAL for s in scores) / len(scores)


def evaluate(folder: Path) -> dict[str, dict[str, float]]:
    """Return plain-VADER and Pulse macro-F1 and neutral shares for each labelled file."""
    vader = plain_vader()
    results = {}
    for name, filename in FILES.items():
        sentences, labels = load_labelled(folder / filename)
        plain = [vader.polarity_scores(s)["compound"] for s in sentences]
        pulse = score_sentiment(sentences)
        results[name] = {
            "sentences": len(sentences),
            "plain_f1": macro_f1(labels, plain),
            "pulse_f1": macro_f1(labels, pulse),
            "plain_neutral": neutral_share(plain),
            "pulse_neutral": neutral_share(pulse),
            "plain_zero": neutral_share(plain, exact=True),
            "pulse_zero": neutral_share(pulse, exact=True),
        }
    return results


def _f1_row(label: str, score, corpora: dict[str, tuple[list[str], list[int]]]) -> str:
    cells = [macro_f1(labels, [score(s) for s in texts]) for texts, labels in corpora.values()]
    return f"  {label:<36}" + "".join(f"{c:>8.3f}" for c in cells)


def _throughput(texts: list[str], n: int = 20_000) -> tuple[float, float]:
    sample = random.Random(0).choices(texts, k=n)
    score_sentiment(sample[:100])  # build the shared analyser outside the timing
    start = time.perf_counter()
    score_sentiment(sample)
    pulse = n / (time.perf_counter() - start)
    vader = plain_vader()
    start = time.perf_counter()
    for text in sample:
        vader.polarity_scores(text)
    return pulse, n / (time.perf_counter() - start)


def report() -> None:
    """Print macro-F1, neutral shares, rule-by-rule effects and throughput."""
    folder = data_folder()
    if folder is None:
        print("Skipped: shared evaluation data not found (set PULSE_SHARED_DATA to its folder).")
        return
    results = evaluate(folder)
    print(f"Sentiment quality on {folder}")
    print("plain = nltk's VADER unchanged, reading the same vader_lexicon.txt as Pulse")
    print("binary macro-F1 (compound >= 0 is positive); neutral = |compound| < 0.05\n")
    print(f"  {'':<8}{'n':>6}{'plain F1':>10}{'Pulse F1':>10}"
          f"{'plain neutral (=0)':>21}{'Pulse neutral (=0)':>21}")  # fmt: skip
    for name, r in results.items():
        plain_neutral = f"{r['plain_neutral']:.1%} ({r['plain_zero']:.1%})"
        pulse_neutral = f"{r['pulse_neutral']:.1%} ({r['pulse_zero']:.1%})"
        print(
            f"  {name:<8}{r['sentences']:>6}{r['plain_f1']:>10.3f}{r['pulse_f1']:>10.3f}"
            f"{plain_neutral:>21}{pulse_neutral:>21}"
        )

    corpora = {name: load_labelled(folder / f) for name, f in FILES.items()}
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer as Reference

    reference = Reference()
    full = PulseAnalyser()
    variants = [
        ("vaderSentiment's own VADER (README)", lambda s: reference.polarity_scores(s)["compound"]),
        ("Pulse tokens, no rules, no words", PulseAnalyser((), {}).compound),
        ("Pulse (whole comment, as shipped)", full.compound),
        # per-sentence averaging is measured here; it is not what score_sentiment does
        ("Pulse, mean of per-sentence scores", lambda s: full.compound(s, per_sentence=True)),
        ("Pulse without domain vocabulary", PulseAnalyser(vocabulary={}).compound),
    ]
    variants += [
        (f"Pulse without '{rule}'", PulseAnalyser(rules=ALL_RULES - {rule}).compound)
        for rule in sorted(ALL_RULES)
    ]
    print("\nVariants, macro-F1" + " " * 20 + "".join(f"{n:>8}" for n in corpora))
    for label, score in variants:
        print(_f1_row(label, score, corpora))
    multi = [sum(len(set(full.tokens(s)[1])) > 1 for s in texts) for texts, _ in corpora.values()]
    print(f"  {'items with more than one sentence':<36}" + "".join(f"{m:>8}" for m in multi))

    texts = [s for sentences, _ in corpora.values() for s in sentences]
    pulse_rate, vader_rate = _throughput(texts)
    print(f"\nThroughput on 20,000 short comments: Pulse {pulse_rate:,.0f}/s, "
          f"plain nltk VADER {vader_rate:,.0f}/s")  # fmt: skip


if __name__ == "__main__":
    report()
