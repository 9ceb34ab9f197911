"""Welsh for the analysis: telling a Welsh comment, undoing initial mutations, theming words.

Welsh words change their first sound after certain words (initial mutation): soft ("gwael"
after "yn" is "wael", "da" is "dda", "cyflym" is "gyflym"), nasal ("cyflym" after "fy" is
"nghyflym") and aspirate ("cwrtais" after "a" is "chwrtais"). ``radicals`` lists the
dictionary forms a word could come from, so the vocabulary needs only its radical forms.

The vocabulary and glossary are Pulse's own lists in analysis/data/ (see their "about").
"""

import json
from functools import lru_cache
from pathlib import Path

from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

__all__ = [
    "GLOSSARY",
    "STOP_WORDS",
    "is_welsh",
    "language_counts",
    "load_data",
    "radicals",
    "split_clitics",
    "theme_tokens",
]

_DATA = Path(__file__).parent / "data"


@lru_cache(maxsize=4)
def load_data(name: str) -> dict:
    """Read one of the Welsh data files beside this module (read once per process)."""
    return json.loads((_DATA / f"{name}.json").read_text(encoding="utf-8"))


_GLOSSARY_DATA = load_data("welsh_glossary")
STOP_WORDS = frozenset(_GLOSSARY_DATA["stop_words"])
"""Welsh function words: no subject of their own, so never a reason to group comments."""
GLOSSARY: dict[str, str] = _GLOSSARY_DATA["words"]
_PHRASES = {tuple(k.split()): v.split() for k, v in _GLOSSARY_DATA["phrases"].items()}

# (mutated beginning, radical beginning), longest first. Soft: p>b t>d c>g b>f d>dd m>f
# ll>l rh>r, and g is dropped; nasal: p>mh t>nh c>ngh b>m d>n g>ng; aspirate: p>ph t>th c>ch.
_UNMUTATE = (
    ("ngh", "c"), ("mh", "p"), ("nh", "t"), ("ng", "g"), ("ph", "p"), ("th", "t"),
    ("ch", "c"), ("dd", "d"), ("b", "p"), ("d", "t"), ("g", "c"), ("f", "b"), ("f", "m"),
    ("l", "ll"), ("r", "rh"), ("m", "b"), ("n", "d"),
)  # fmt: skip
_VOWELS = frozenset("aeiouwyâêîôûŵŷ")

# Shortened words after an apostrophe: "mae'r" is "mae yr", "i'n" is "i yn", "i'w" "i ei".
_CLITICS = {"r": "yr", "n": "yn", "i": "ei", "w": "ei", "m": "fy", "th": "dy", "ch": "eich",
            "u": "eu", "ma": "yma", "na": "yna"}  # fmt: skip

# Words that are Welsh and not English, so seeing them says the comment is in Welsh; words
# that are English too ("does", "dim", "er", "mi", "hon", "o") are left out.
_HOMOGRAPHS = {"e", "n", "r", "w", "hi", "os", "pan", "un", "does", "dim", "dal", "er", "mi"}
_HOMOGRAPHS |= {"fe", "fo", "hon", "o", "na", "bu", "ag", "ef", "chi"}
_MARKERS = (STOP_WORDS - ENGLISH_STOP_WORDS - _HOMOGRAPHS) | {"diolch", "gwasanaeth", "dda"}
_MARKERS |= {"gwych", "profiad", "popeth", "rhaid", "angen", "gallai", "fod", "yn"}
_ENGLISH = ENGLISH_STOP_WORDS - STOP_WORDS - {"fire", "bill", "call", "mine", "full"}
# After an apostrophe: "mae'r", "i'n" are Welsh; "i'm", "it's", "we've", "don't" English.
_WELSH_ENDINGS = frozenset({"r", "n"})
_ENGLISH_ENDINGS = frozenset({"m", "s", "re", "ve", "ll", "d", "t"})


@lru_cache(maxsize=100_000)
def radicals(word: str) -> tuple[str, ...]:
    """The word itself, then every radical form an initial mutation could have come from."""
    forms = [word]
    for mutated, radical in _UNMUTATE:
        if word.startswith(mutated) and len(word) > len(mutated):
            forms.append(radical + word[len(mutated) :])
    forms.append("g" + word)  # soft mutation drops g: "wael" < "gwael", "lân" < "glân"
    if len(word) > 2 and word[0] == "h" and word[1] in _VOWELS:
        forms.append(word[1:])  # h before a vowel after "ei" (her), "ein", "eu": "hamser"
    return tuple(dict.fromkeys(forms))


def split_clitics(token: str) -> list[str]:
    """Split "mae'r" into ["mae", "yr"]: the parts after an apostrophe are shortened words."""
    if "'" not in token:
        return [token]
    parts = [part for part in token.split("'") if part] or [token]
    return [parts[0]] + [_CLITICS.get(part, part) for part in parts[1:]]


def language_counts(tokens) -> tuple[int, int]:
    """How many of the (lower-case) tokens are Welsh, and how many English, function words."""
    welsh = english = 0
    for token in tokens:
        head, *endings = token.split("'")
        welsh += head in _MARKERS or any(e in _WELSH_ENDINGS for e in endings)
        english += head in _ENGLISH or any(e in _ENGLISH_ENDINGS for e in endings)
    return welsh, english


def is_welsh(tokens, language: str | None = None) -> bool:
    """True when the words look Welsh (more Welsh than English function words).

    A tie, such as a comment of one content word, goes to ``language`` (the survey's
    language, "cy" or "en") when it is given, else to English.
    """
    welsh, english = language_counts(tokens)
    if welsh != english:
        return welsh > english
    return language == "cy"


def _known(word: str) -> str | None:
    for form in radicals(word):
        if form in GLOSSARY or form in _KNOWN_RADICALS:
            return form
    return None


_KNOWN_RADICALS = frozenset(load_data("welsh_sentiment")["words"])


def _matches(word: str, wanted: str) -> bool:
    return wanted in radicals(word)


def theme_tokens(tokens: list[str]) -> list[str]:
    """A Welsh comment's tokens as theming should see them: function words out, English in.

    Tokens of a comment that is not Welsh come back unchanged. A comment of function words
    alone keeps its words, so it still has something to be compared by.
    """
    if not is_welsh(tokens):
        return tokens
    words = [p for t in tokens for p in split_clitics(t) if p not in STOP_WORDS]
    out: list[str] = []
    i = 0
    while i < len(words):
        for key, english in _PHRASES.items():
            n = len(key)
            if len(words) - i >= n and all(map(_matches, words[i : i + n], key)):
                out.extend(english)
                i += n
                break
        else:
            radical = _known(words[i])
            out.append(GLOSSARY.get(radical, radical) if radical else words[i])
            i += 1
    return out or tokens
