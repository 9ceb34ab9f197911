"""Text normalisation, tokenisation, stemming and n-grams for short comments.

Everything here works offline: the tokeniser is a regular expression (nltk's punkt data is
not available) and the stemmer is Snowball, which ships its rules inside nltk.
"""

import re
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from functools import lru_cache

from nltk.stem.snowball import SnowballStemmer
from nltk.tokenize import RegexpTokenizer
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from analysis.redact import PLACEHOLDER_PATTERN

__all__ = [
    "LABEL_STOP_WORDS",
    "STOP_WORDS",
    "char_ngrams",
    "char_view",
    "is_stop_phrase",
    "ngrams",
    "normalise",
    "phrases",
    "segments",
    "stem",
    "stem_ngrams",
    "tokenise",
    "distinct_first",
    "word_char_ngrams",
]

_URL = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)
# A segment boundary: phrases for labels must not run across a sentence or clause break,
# nor across a removed placeholder.
_BOUNDARY = re.compile(r"[.!?;:,()\[\]{}\"\n\u2026|/\\]+|\s-+\s|\x00")
_SPACES = re.compile(r"[^\S\n]+")
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'"})

# Words are runs of letters (any script, so Welsh "ŵ" and "ŷ" stay inside words) with
# optional inner apostrophes or hyphens. A number keeps letters stuck to it ("8th", "27b",
# "2pm") so they do not turn up as stray words such as "th".
_TOKENISER = RegexpTokenizer(r"[^\W\d_]+(?:['-][^\W\d_]+)*|\d[^\W_]*")

_CONTRACTION_ENDINGS = ("n't", "'s", "'re", "'ve", "'ll", "'d", "'m")

STOP_WORDS = frozenset(ENGLISH_STOP_WORDS)
"""scikit-learn's English stop words, the reference for "is this phrase only stop words"."""

# scikit-learn's list holds a few words that carry meaning in feedback about public services
# ("council tax bill", "fire safety", "booking system"); a label may begin or end with them.
# It also lacks some function words and filler verbs that name nothing ("does", "want"),
# and Pulse takes comments in Welsh, whose function words would otherwise start or end
# labels such as "diolch yn" (for "diolch yn fawr", thank you very much) or "doedd y wefan"
# (the website wasn't): the article, the common prepositions and pronouns, and the forms of
# "bod" (to be) and "gwneud" (to do) that serve as auxiliaries, from standard Welsh grammar.
LABEL_STOP_WORDS = (
    (
        STOP_WORDS
        - {
            "bill",
            "call",
            "empty",
            "fire",
            "full",
            "interest",
            "move",
            "system",
        }
    )
    | {
        "did",
        "does",
        "doing",
        "got",
        "hi",
        "hello",
        "just",
        "know",
        "let",
        "like",
        "need",
        "oh",
        "ok",
        "okay",
        "really",
        "tell",
        "use",
        "using",
        "want",
        "yes",
    }
    | {
        "ac",
        "am",
        "ar",
        "at",
        "bod",
        "bydd",
        "byddai",
        "chi",
        "ddim",
        "dim",
        "doedd",
        "doeddwn",
        "dros",
        "drwy",
        "dw",
        "dwi",
        "dydy",
        "dyw",
        "efo",
        "ei",
        "eich",
        "ein",
        "eu",
        "fe",
        "fel",
        "fi",
        "fo",
        "fod",
        "fy",
        "fydd",
        "fyddai",
        "gan",
        "gyda",
        "heb",
        "hefyd",
        "hon",
        "hwn",
        "hyn",
        "iawn",
        "mae",
        "mewn",
        "mi",
        "mor",
        "na",
        "neu",
        "nhw",
        "ni",
        "nid",
        "o",
        "oedd",
        "oes",
        "ond",
        "pan",
        "rhwng",
        "rhy",
        "roedd",
        "roeddwn",
        "rwy",
        "rydw",
        "sy",
        "sydd",
        "tan",
        "ti",
        "trwy",
        "wedi",
        "wnaeth",
        "wnes",
        "wrth",
        "y",
        "ydw",
        "ydy",
        "ydych",
        "ym",
        "yma",
        "yn",
        "yng",
        "yr",
        "yw",
    }
)


def normalise(text: str) -> str:
    """Return a lower-case, Unicode-normalised copy with placeholders and links marked."""
    if not text:
        return ""
    text = unicodedata.normalize("NFKC", str(text)).translate(_APOSTROPHES)
    # \x00 marks where something was taken out, so phrases never join across it. Redaction's
    # placeholders say nothing about the service, and as they recur in many comments they
    # would otherwise become a theme.
    text = PLACEHOLDER_PATTERN.sub(" \x00 ", text)
    text = _URL.sub(" \x00 ", text)
    return _SPACES.sub(" ", text.casefold()).strip()


def tokenise(text: str) -> list[str]:
    """Split a comment into word and number tokens (after normalising it)."""
    return _TOKENISER.tokenize(normalise(text))


def segments(text: str) -> list[list[str]]:
    """Split a comment into token runs that a phrase may not cross (clauses, placeholders)."""
    parts = _BOUNDARY.split(normalise(text))
    return [tokens for part in parts if (tokens := _TOKENISER.tokenize(part))]


_STEMMER = SnowballStemmer("english")


# Comments repeat a small vocabulary, so caching stems makes stemming nearly free.
@lru_cache(maxsize=200_000)
def stem(token: str) -> str:
    """Return the Snowball (English) stem of one lower-case token."""
    return _STEMMER.stem(token)


def ngrams(tokens: Sequence[str], n_min: int = 1, n_max: int = 3) -> Iterator[tuple[str, ...]]:
    """Yield every n-gram of ``tokens`` with ``n_min <= n <= n_max``, shortest first."""
    for n in range(max(1, n_min), n_max + 1):
        for start in range(len(tokens) - n + 1):
            yield tuple(tokens[start : start + n])


def stem_ngrams(tokens: Sequence[str], n_min: int = 1, n_max: int = 1) -> list[str]:
    """Return the stemmed word n-grams of a token list, joined with spaces."""
    stems = [stem(token) for token in tokens]
    if n_min == n_max == 1:
        return stems
    return [" ".join(gram) for gram in ngrams(stems, n_min, n_max)]


@lru_cache(maxsize=200_000)
def word_char_ngrams(word: str, n_min: int = 1, n_max: int = 4) -> tuple[str, ...]:
    """Character n-grams of one word padded with a space each side (scikit-learn's char_wb).

    A word shorter than n contributes itself, padded, once.
    """
    padded = f" {word} "
    grams = []
    for n in range(n_min, n_max + 1):
        if n >= len(padded):
            grams.append(padded)
            break
        grams.extend(padded[i : i + n] for i in range(len(padded) - n + 1))
    return tuple(grams)


def char_ngrams(tokens: Sequence[str], n_min: int = 1, n_max: int = 4) -> list[str]:
    """Character n-grams within each token of a comment.

    Words recur far more than comments do, so the n-grams are cached per word: over the
    speed benchmark's comments this took 0.8 s where scikit-learn's char_wb analyser took 8.
    """
    grams = []
    for token in tokens:
        grams.extend(word_char_ngrams(token, n_min, n_max))
    return grams


def char_view(text: str) -> str:
    """Return the comment's tokens joined by spaces: the form that identical comments share.

    Emoji, punctuation, case and placeholders are left out; "" means there are no words.
    """
    return " ".join(tokenise(text))


@lru_cache(maxsize=200_000)
def _is_stop(token: str) -> bool:
    if token in LABEL_STOP_WORDS or token[0].isdigit() or len(token) < 2:
        return True
    # "don't", "it's", "we've": a contraction of a stop word is itself one.
    for ending in _CONTRACTION_ENDINGS:
        if token.endswith(ending) and len(token) > len(ending):
            head = token[: -len(ending)]
            return head in STOP_WORDS or head in {"ca", "wo", "sha", "did", "does", "is", "are"}
    return False


def is_stop_phrase(words: Iterable[str]) -> bool:
    """True when every word is a stop word, a number or a stray letter."""
    return all(_is_stop(word) or word in STOP_WORDS for word in words)


def phrases(text: str, n_max: int = 3) -> Iterator[tuple[str, ...]]:
    """Yield the surface n-grams of a comment that could name a theme.

    A candidate neither starts nor ends with a stop word (so "the bins" and "bins were" are
    skipped in favour of "bins"), and never crosses a clause break or a redaction placeholder.
    """
    for tokens in segments(text):
        for gram in ngrams(tokens, 1, n_max):
            if not _is_stop(gram[0]) and not _is_stop(gram[-1]):
                yield gram


def distinct_first(order, texts, limit):
    """Up to `limit` indexes from `order` (best first), one per wording of texts[i].

    Wordings differing only in case count as one, so copies of a comment never crowd out the
    others among a theme's typical quotes.
    """
    seen, chosen = set(), []
    for i in order:
        key = texts[i].casefold()
        if key not in seen:
            seen.add(key)
            chosen.append(i)
            if len(chosen) == limit:
                break
    return chosen
