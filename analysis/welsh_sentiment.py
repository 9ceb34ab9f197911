"""Sentiment of Welsh comments, on the same -1..1 compound scale as Pulse's English VADER.

The vocabulary is Pulse's own (analysis/data/welsh_sentiment.json, which says how its scores
were chosen). On top of looking words up by their radical form, the rules follow Welsh order:

- negation comes before what it denies ("Doedd y staff ddim yn gymwynasgar", "heb
  drafferth", "Ni chasglwyd y biniau"); a denial with no sentiment word is a mild complaint,
  as in the English rules, and "dim ond" (only) is no denial;
- "iawn" after an adjective, "dros ben" and "tu hwnt" strengthen it ("da iawn"); "hynod",
  "mor", "llawer" before it strengthen and "eithaf", "braidd", "ychydig" soften it;
- "rhy" (too) before a plain word is a complaint of excess ("yn rhy hir");
- "ond" (but) weighs its own sentence's second half more, as VADER does with "but".
"""

import math
import re
from collections.abc import Mapping

from analysis.welsh import STOP_WORDS, language_counts, load_data, radicals, split_clitics

__all__ = ["WelshScorer", "welsh_compound"]

_DATA = load_data("welsh_sentiment")
_N_SCALAR = -0.74  # VADER's factor for a negated word
_DENIED_PLAIN = -0.8  # as analysis/sentiment.py: "it didn't arrive" is a mild complaint
_EXCESS = -1.0
_BOOST = 0.293  # VADER's booster step
_SCOPE = 4  # words a negator reaches past
_TOKEN = re.compile(r"[^\W\d_]+(?:['-][^\W\d_]+)*|[.!?;,:]")
_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'"})
_SKIP_FOR_BOOST = frozenset({"o", "yn", "rhy"})
_SCOPE_ENDS = frozenset({"a", "ac", "ond", "neu"})


class _Item:
    __slots__ = ("word", "sentence", "clause", "valence", "sentiment")

    def __init__(self, word, sentence, clause, valence=0.0, sentiment=False):
        self.word, self.sentence, self.clause = word, sentence, clause
        self.valence, self.sentiment = valence, sentiment


class WelshScorer:
    """Score Welsh comments; ``fallback`` is an English lexicon for English words in them."""

    def __init__(self, fallback: Mapping[str, float] | None = None):
        self.words: dict[str, float] = dict(_DATA["words"])
        self.phrases = sorted(
            ((tuple(p.split()), v) for p, v in _DATA["phrases"].items()),
            key=lambda pair: -len(pair[0]),
        )
        self.negators = frozenset(_DATA["negators"])
        self.start_negators = frozenset(_DATA["negators_at_sentence_start"])
        self.before = _DATA["boosters_before"]
        self.after = {tuple(k.split()): v for k, v in _DATA["boosters_after"].items()}
        self.fallback = fallback or {}

    def valence(self, word: str, english: bool = False) -> float | None:
        """The vocabulary's score for a word in any mutated form; None when it has none."""
        if word in STOP_WORDS:
            return self.words.get(word)
        for form in radicals(word):
            if form in self.words:
                return self.words[form]
        if english and len(word) > 3 and word in self.fallback:
            return self.fallback[word]
        return None

    def _items(self, text: str) -> list[_Item]:
        items, sentence, clause = [], 0, 0
        for piece in _TOKEN.findall(text.translate(_QUOTES).casefold()):
            if not piece[0].isalpha():
                clause += 1
                sentence += piece in ".!?;"
                continue
            items.extend(_Item(part, sentence, clause) for part in split_clitics(piece))
        return items

    def _join_phrases(self, items: list[_Item], english: bool) -> list[_Item]:
        out, i = [], 0
        while i < len(items):
            for words, value in self.phrases:
                span = items[i : i + len(words)]
                if (
                    len(span) == len(words)
                    and span[-1].clause == span[0].clause
                    and all(w in radicals(it.word) for it, w in zip(span, words, strict=True))
                ):
                    joined = _Item(" ".join(words), span[0].sentence, span[0].clause)
                    joined.valence, joined.sentiment = value, value != 0
                    out.append(joined)
                    i += len(words)
                    break
            else:
                item = items[i]
                value = self.valence(item.word, english)
                if value is not None:
                    item.valence, item.sentiment = value, True
                out.append(item)
                i += 1
        return out

    def compound(self, text: str, english: bool = False) -> float:
        """Compound score in [-1, 1]; ``english`` lets English words in the comment count."""
        items = self._join_phrases(self._items(text), english)
        self._boost(items)
        self._negate(items)
        scores = self._contrast(items)
        total = sum(scores)
        if total:
            emphasis = min(text.count("!"), 4) * 0.292
            total += emphasis if total > 0 else -emphasis
        return round(total / math.sqrt(total * total + 15), 4) if total else 0.0

    def _boost(self, items: list[_Item]) -> None:
        for i, item in enumerate(items):
            if not item.sentiment:
                if item.word == "rhy" and i + 1 < len(items) and not items[i + 1].sentiment:
                    item.valence = _EXCESS  # "yn rhy hir", "rhy fach": too much of it
                continue
            # a booster after the word ("da iawn", "gwych dros ben") adds to it, not itself
            for words, step in self.after.items():
                span = items[i + 1 : i + 1 + len(words)]
                if [it.word for it in span] == list(words) and span[0].clause == item.clause:
                    for it in span:
                        it.valence, it.sentiment = 0.0, False
                    item.valence += step if item.valence > 0 else -step
                    break
            back = i - 1
            while back >= 0 and items[back].word in _SKIP_FOR_BOOST:
                if items[back].word == "rhy" and item.valence < 0:
                    item.valence -= _BOOST  # "rhy gymhleth": too complicated
                back -= 1
            if back >= 0 and i - back <= 3 and items[back].word in self.before:
                step = self.before[items[back].word]
                item.valence += step if item.valence > 0 else -step

    def _negate(self, items: list[_Item]) -> None:
        reach = -1  # index up to which an earlier negator already reaches
        for i, item in enumerate(items):
            word = item.word
            starts = i == 0 or items[i - 1].sentence != item.sentence
            if not (word in self.negators or (starts and word in self.start_negators)):
                continue
            if word == "dim" and i + 1 < len(items) and items[i + 1].word == "ond":
                continue  # "dim ond": only
            if i <= reach:
                continue  # "does neb byth": emphasis, not a double negative
            reach, denied = min(len(items) - 1, i + _SCOPE), False
            for j in range(i + 1, reach + 1):
                other = items[j]
                if other.clause != item.clause or other.word in _SCOPE_ENDS:
                    reach = j - 1
                    break
                if other.sentiment:
                    other.valence *= _N_SCALAR
                    reach, denied = j, True
                    break
            if not denied and not item.sentiment:
                item.valence = _DENIED_PLAIN

    @staticmethod
    def _contrast(items: list[_Item]) -> list[float]:
        at = {}
        for i, item in enumerate(items):
            if item.word == "ond" and not (i and items[i - 1].word == "dim"):
                at.setdefault(item.sentence, i)
        scores = []
        for i, item in enumerate(items):
            split = at.get(item.sentence, i)
            scores.append(item.valence * (0.5 if i < split else 1.5 if i > split else 1.0))
        return scores


def welsh_compound(scorer: WelshScorer, text: str, language: str | None) -> float | None:
    """The Welsh score of a comment whose words look Welsh; None for one to score as English.

    A comment with no function words to tell by ("Ardderchog", "Great") is Welsh in a Welsh
    survey, and in another when it has a Welsh sentiment word and no English one. English
    words in a mostly Welsh comment ("Staff lovely, diolch yn fawr") count too.
    """
    words = _TOKEN.findall(text.translate(_QUOTES).casefold())
    welsh, english = language_counts(words)
    if welsh > english or (welsh == english and language == "cy"):
        return scorer.compound(text, english=english > 0 or welsh == 0)
    if welsh == english and not any(w in scorer.fallback for w in words):
        return scorer.compound(text) or None
    return None
