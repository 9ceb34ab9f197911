"""Sentiment scores for short comments: nltk's VADER plus rules for public-service feedback.

The lexicon comes from the ``vaderSentiment`` package on PyPI (a pinned dependency), found
through ``nltk.data`` so nothing is ever downloaded. On top of plain VADER, Pulse adds:

- a small public-service vocabulary, including phrases such as "on hold" and "cut off";
- matching of inflected forms to lexicon entries ("crashed" -> "crash", "delays" -> "delay");
- "no" as a negator ("no problems"), a mild negative for denials that carry no sentiment
  word ("it didn't work", "won't be back"), and "couldn't be happier" read as praise;
- "too" before a plain word as a complaint of excess ("too long", "too many forms");
- emoji read through the package's emoji lexicon; contrast ("but", "however") weighed
  within its own sentence, not across the comment.

Welsh: analysis/welsh_sentiment.py. Each rule is measured in benchmarks/quality_sentiment.py.
"""

from __future__ import annotations

import functools
import importlib.util
import re
import threading
from collections.abc import Iterable, Mapping, Sequence

import nltk.data
from nltk.sentiment.vader import SentimentIntensityAnalyzer, VaderConstants

from analysis.welsh_sentiment import WelshScorer, welsh_compound

__all__ = ["score_sentiment"]

# Public-service vocabulary on VADER's -4..+4 scale, chosen from what the words mean in
# feedback about a service, not from any evaluation data. Strengths follow VADER's own
# neighbours: "delay" is -1.3 and "rude" -2.0 in the lexicon, "helpful" 1.8, "friendly" 2.2.
# Inflected forms ("queues", "queued", "chasing") reach these through _base_forms, as
# "crashed" reaches the lexicon's "crash". Words the lexicon already scores sensibly
# ("rude", "helpful", "easy", "lost", "ignored", "useless", "confusing") are not repeated.
DOMAIN_WORDS: dict[str, float] = {
    # time and access: waiting is the commonest complaint about public services
    "wait": -0.5,  # mild: "please wait" is neutral, and "can't wait" flips to positive
    "waiting": -0.8,
    "waited": -0.8,
    "queue": -0.7,
    "queuing": -0.8,
    "chase": -0.8,  # having to chase a service up
    "slow": -1.3,
    "late": -0.6,
    "overdue": -1.0,
    "unanswered": -1.3,
    "unreachable": -1.3,
    "unresponsive": -1.5,
    # things going wrong
    "glitchy": -1.4,
    "buggy": -1.5,
    "clunky": -1.3,
    "hassle": -1.5,
    "complicated": -1.0,
    "impossible": -1.3,
    "pointless": -1.8,
    "nightmare": -2.3,
    "shambles": -2.2,
    "unhelpful": -1.8,
    "dismissive": -1.8,
    "inefficient": -1.6,
    "inaccessible": -1.3,
    "disorganised": -1.2,  # British spelling of the lexicon's "disorganized"
    "outdated": -1.0,
    "overcharged": -1.8,
    "expensive": -0.8,
    # things going right
    "quick": 1.3,
    "quickly": 1.2,
    "fast": 1.0,
    "speedy": 1.3,
    "prompt": 1.2,
    "promptly": 1.2,
    "smooth": 1.3,
    "smoothly": 1.3,
    "simple": 1.0,
    "straightforward": 1.5,
    "seamless": 1.6,
    "polite": 1.8,
    "professional": 1.3,
    "knowledgeable": 1.5,
    "informative": 1.3,
    "intuitive": 1.3,
    "convenient": 1.3,
    "organised": 1.2,
    "sorted": 1.0,  # British "got it sorted"
}

# VADER scores single tokens, so these are joined into one token before scoring; a
# hyphenated form ("hassle-free") is split into words first and so matches too. Joined
# tokens drop apostrophes, so "wouldn't change" matches "wouldnt change" and does not count
# as a negator for the words after it.
DOMAIN_PHRASES: dict[str, float] = {
    "on hold": -1.5,
    "cut off": -1.8,
    "timed out": -1.3,
    "no response": -1.5,
    "no reply": -1.5,
    "never heard back": -1.8,
    "a joke": -1.5,  # the lexicon scores "joke" +1.2, but "the service is a joke" is scorn
    "run around": -1.5,
    "pillar to post": -1.5,
    "round in circles": -1.3,
    "red tape": -1.2,
    "waste of time": -2.0,
    "hassle free": 1.8,
    "on time": 1.0,
    # answers to "How could we improve?" that VADER reads as denials of something good
    "nothing to improve": 1.5,
    "wouldn't change": 1.5,
    "would not change": 1.5,
    # common non-answers: uncertainty, not a complaint (VADER scores "not sure" negative)
    "don't know": 0.0,
    "not sure": 0.0,
    # names of common emoji that the lexicon has no words for
    "thumbs up": 1.8,
    "thumbs down": -1.8,
    "pouting face": -2.0,
}
DOMAIN_VOCABULARY: dict[str, float] = {**DOMAIN_WORDS, **DOMAIN_PHRASES}

_C = VaderConstants
# Negators that deny an action or state. "nothing" and "none" are left out: as an answer to
# "How could we improve?", "Nothing" means the service was fine.
_DENIALS = frozenset({"not", "never", "cannot"}) | {
    w for w in _C.NEGATE if w.endswith(("n't", "nt")) and w not in {"aint", "ain't"}
}
_DENIED_PLAIN = -0.8  # "didn't work": milder than "delay" (-1.3), clearly below zero
_EXCESS = -1.0  # "too long", "too small": excess is a complaint, about as mild as "slow"
# words after "too" showing that it means "also" or ends a clause ("me too and ...")
_NOT_EXCESS = frozenset(
    "and but or so the a an i it is was are were as at in on to of for with by me you we "
    "they he she this that there then which who if".split()
)
_CONTRASTS = frozenset({"but", "however"})
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
_ENDS_SENTENCE = re.compile(r"[.!?]['\")\]]*$")
_WORD = re.compile(r"[^\W_]+(?:['-][^\W_]+)*")
_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u201c": '"', "\u201d": '"'})
# Undo English inflection only (-s, -ed, -ing, -est). nltk's Snowball stemmer also strips
# derivational suffixes; on CLINC150's everyday requests it matched "used" to "useful",
# "position" to "positive" and "thought" to "thoughtful". "-er" is left out because it makes
# nouns ("banner" from "ban", "career" from "care") more often than comparatives.
_INFLECTIONS = (
    ("iest", "y"), ("ies", "y"), ("ied", "y"), ("ier", "y"),
    ("est", ""), ("est", "e"), ("ing", ""), ("ing", "e"), ("ed", ""), ("ed", "e"),
    ("es", ""), ("s", ""),
)  # fmt: skip
ALL_RULES = frozenset({"inflections", "no", "denial", "excess", "emoji", "contrast"})


def _base_forms(word: str) -> Iterable[str]:
    """Yield candidate dictionary forms of an inflected lower-case word."""
    for suffix, restore in _INFLECTIONS:
        stem = word[: -len(suffix)]
        if not word.endswith(suffix) or len(stem) < 3:
            continue
        # "-es" is a plural only after a sibilant (fixes, wishes); "-s" never after s/u/i
        if suffix == "es" and not stem.endswith(("s", "x", "z", "ch", "sh")):
            continue
        if suffix == "s" and stem[-1] in "sui":
            continue
        yield stem + restore
        if not restore and len(stem) > 3 and stem[-1] == stem[-2] and suffix != "s":
            yield stem[:-1]  # doubled consonant: stopped -> stop


def _vader_folder() -> str:
    """Return the folder of the installed vaderSentiment package, without importing it."""
    spec = importlib.util.find_spec("vaderSentiment")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("the vaderSentiment package is needed for its lexicon files")
    return next(iter(spec.submodule_search_locations))


class _Tokens:
    """The two attributes nltk's ``sentiment_valence`` reads from its own SentiText."""

    __slots__ = ("is_cap_diff", "words_and_emoticons")

    def __init__(self, words: list[str]):
        self.words_and_emoticons = words
        caps = sum(w.isupper() for w in words)
        # VADER's rule: shouting is some words in capitals, not a comment typed all in caps
        self.is_cap_diff = 0 < caps < len(words)


class PulseAnalyser(SentimentIntensityAnalyzer):
    """nltk's VADER with Pulse's vocabulary and rules (each can be left out to measure it)."""

    def __init__(
        self,
        rules: Iterable[str] = ALL_RULES,
        vocabulary: Mapping[str, float] = DOMAIN_VOCABULARY,
    ):
        folder = _vader_folder()
        # first on the path, so "vader_lexicon.txt" resolves to the package's own copy
        if folder not in nltk.data.path:
            nltk.data.path.insert(0, folder)
        super().__init__(lexicon_file="vader_lexicon.txt")
        self.rules = frozenset(rules)
        self._phrases = {p.replace("'", ""): len(p.split()) for p in vocabulary if " " in p}
        self.lexicon.update({term.replace("'", ""): v for term, v in vocabulary.items()})
        self._phrase_lengths = sorted(set(self._phrases.values()), reverse=True)
        self._phrase_starts = {p.split()[0] for p in self._phrases}
        self._emoji: dict[str, str] = {}
        if "emoji" in self.rules:
            for line in nltk.data.load("emoji_utf8_lexicon.txt").split("\n"):
                symbol, _, name = line.strip().partition("\t")
                if name:
                    self._emoji[symbol] = f" {name} "
        # cached because the same unknown words recur every week (names, typos, numbers)
        self._inflected = functools.lru_cache(maxsize=100_000)(self._inflected_valence)

    def _inflected_valence(self, word: str) -> float | None:
        for base in _base_forms(word):
            if base in self.lexicon:
                return self.lexicon[base]
        return None

    def tokens(self, text: str) -> tuple[list[str], list[int]]:
        """Split text into VADER's words (known phrases joined) and each word's sentence."""
        text = text.translate(_QUOTES)
        if self._emoji and not text.isascii():
            text = "".join(self._emoji.get(ch, ch) for ch in text)
        raw: list[tuple[str, int]] = []
        sentence = 0
        for chunk in text.split():
            if chunk.isalnum():
                raw.append((chunk, sentence))
                continue
            if chunk.lower() in self.lexicon:
                raw.append((chunk, sentence))  # emoticons such as ":)" or "</3"
            else:
                for word in _WORD.findall(chunk):
                    if "-" in word and word.lower() not in self.lexicon:
                        raw.extend((part, sentence) for part in word.split("-") if part)
                    else:
                        raw.append((word, sentence))
            if _ENDS_SENTENCE.search(chunk):
                sentence += 1
        if self._phrases:
            raw = self._join_phrases(raw)
        # VADER ignores one-letter tokens ("a", "I"); keeping that keeps its 3-word windows
        raw = [pair for pair in raw if len(pair[0]) > 1]
        if "inflections" in self.rules:
            for word, _ in raw:
                low = word.lower()
                if low not in self.lexicon and low.isalpha() and len(low) > 3:
                    valence = self._inflected(low)
                    if valence is not None:
                        self.lexicon[low] = valence
        return [w for w, _ in raw], [s for _, s in raw]

    def _join_phrases(self, raw: list[tuple[str, int]]) -> list[tuple[str, int]]:
        out: list[tuple[str, int]] = []
        i = 0
        while i < len(raw):
            step = 1
            if raw[i][0].lower().replace("'", "") in self._phrase_starts:
                for n in self._phrase_lengths:
                    span = raw[i : i + n]
                    phrase = " ".join(w for w, _ in span).replace("'", "")
                    if self._phrases.get(phrase.lower()) == n and span[-1][1] == span[0][1]:
                        out.append((phrase, raw[i][1]))
                        step = n
                        break
                else:
                    out.append(raw[i])
            else:
                out.append(raw[i])
            i += step
        return out

    def polarity_scores(self, text: str) -> dict[str, float]:
        """Return VADER's neg/neu/pos/compound scores for one piece of text."""
        words, sentence_of = self.tokens(text)
        context = _Tokens(words)
        lower = [w.lower() for w in words]
        lex = self.lexicon
        sentiments: list[float] = []
        for i, word in enumerate(words):
            low = lower[i]
            nxt = lower[i + 1] if i + 1 < len(words) else ""
            if low not in lex:
                sentiments.append(self._plain_word(lower, i, nxt))
                continue
            if low in _C.BOOSTER_DICT or (low == "kind" and nxt == "of"):
                sentiments.append(0.0)
                continue
            if "no" in self.rules and low == "no" and self._negates_ahead(lower, i):
                sentiments.append(0.0)  # its weight moves to the word it negates
                continue
            # nltk's own loop finds positions with list.index, so a repeated word is scored
            # in the context of its first occurrence; enumerate gives each its own place
            sentiments = self.sentiment_valence(0.0, context, word, i, sentiments)
            if "no" in self.rules and self._negated_by_no(lower, i):
                sentiments[-1] *= _C.N_SCALAR
            elif "denial" in self.rules and self._cannot_be_better(lower, i):
                sentiments[-1] /= _C.N_SCALAR  # undo VADER's flip: this is praise
        if "contrast" in self.rules:
            sentiments = self._contrast(lower, sentence_of, sentiments)
        else:
            sentiments = self._but_check(words, sentiments)
        return self.score_valence(sentiments, text)

    def _plain_word(self, lower: list[str], i: int, nxt: str) -> float:
        # a word VADER has no score for: zero, unless it denies or complains of excess
        low, lex = lower[i], self.lexicon
        if "denial" in self.rules and low in _DENIALS:
            return 0.0 if any(w in lex for w in lower[i + 1 : i + 4]) else _DENIED_PLAIN
        if "excess" in self.rules and low == "too" and nxt.isalpha():
            return 0.0 if nxt in lex or nxt in _NOT_EXCESS else _EXCESS
        return 0.0

    def _negates_ahead(self, lower: list[str], i: int) -> bool:
        # "no problems", "no real problems": "no" reaches past one plain word
        ahead = lower[i + 1 : i + 3]
        if ahead and ahead[0] in self.lexicon:
            return True
        return len(ahead) == 2 and ahead[1] in self.lexicon

    def _negated_by_no(self, lower: list[str], i: int) -> bool:
        if i > 0 and lower[i - 1] == "no":
            return True
        return i > 1 and lower[i - 2] == "no" and lower[i - 1] not in self.lexicon

    @staticmethod
    def _cannot_be_better(lower: list[str], i: int) -> bool:
        # "couldn't be happier", "could not be worse": a denied comparative is a superlative
        comparative = lower[i].endswith("er") or lower[i] == "worse"
        return comparative and i > 1 and lower[i - 1] == "be" and lower[i - 2] in _DENIALS

    @staticmethod
    def _contrast(lower: list[str], sentence_of: list[int], sentiments: list[float]) -> list[float]:
        # VADER's "but" rule (what follows the contrast is what the writer means), applied
        # within each sentence: "Lovely staff. Slow but it got sorted." keeps "Lovely" whole
        first: dict[int, int] = {}
        for at, word in enumerate(lower):
            if word in _CONTRASTS:
                first.setdefault(sentence_of[at], at)
        if not first:
            return sentiments
        weighted = []
        for i, s in enumerate(sentiments):
            at = first.get(sentence_of[i], i)
            weighted.append(s * 0.5 if i < at else s * 1.5 if i > at else s)
        return weighted

    def compound(self, text: str, *, per_sentence: bool = False) -> float:
        """Return the compound score in [-1, 1] for one text (0.0 when it has no words)."""
        # The whole comment is scored by default: averaging per-sentence scores gained nothing
        # (benchmarks/README.md) and costs a second pass. Contrast stays within its sentence
        # (see _contrast).
        if not per_sentence:
            return float(self.polarity_scores(text)["compound"])
        parts = [p for p in _SENTENCE_END.split(text) if p.strip()]
        scores = [self.polarity_scores(p)["compound"] for p in parts]
        return float(sum(scores) / len(scores)) if scores else 0.0


_analyser: PulseAnalyser | None = None
_shared_welsh = functools.cache(lambda: WelshScorer(fallback=_shared_analyser().lexicon))
_analyser_lock = threading.Lock()


def _shared_analyser() -> PulseAnalyser:
    global _analyser
    # built once per process and shared: no need to re-read the lexicon for every batch
    if _analyser is None:
        with _analyser_lock:
            if _analyser is None:
                _analyser = PulseAnalyser()
    return _analyser


def score_sentiment(
    texts: Sequence[str | None], languages: Sequence[str | None] | None = None
) -> list[float]:
    """Score each text from -1 to 1 (0.0 if empty); ``languages`` ("en"/"cy") breaks ties.

    Welsh or English is read from each comment's words; its survey language decides a tie.
    """
    if isinstance(texts, str):
        raise TypeError("score_sentiment takes a sequence of texts, not a single string")
    analyser, welsh = _shared_analyser(), _shared_welsh()
    scores = []
    for i, text in enumerate(texts):
        if text is not None and not isinstance(text, str):
            raise TypeError(f"expected str or None, got {type(text).__name__}")
        if text is None or not text.strip():
            scores.append(0.0)
            continue
        score = welsh_compound(welsh, text, languages[i] if languages else None)
        scores.append(analyser.compound(text) if score is None else score)
    return scores
