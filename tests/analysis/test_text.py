"""Normalising, tokenising, stemming and n-grams, all without any downloaded nltk data."""

import pytest
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, TfidfVectorizer

from analysis.text import (
    STOP_WORDS,
    char_ngrams,
    char_view,
    is_stop_phrase,
    ngrams,
    normalise,
    phrases,
    segments,
    stem,
    stem_ngrams,
    tokenise,
    word_char_ngrams,
)


def test_normalise_lowercases_and_unifies_apostrophes_and_width():
    assert normalise("The Bins WEREN\u2019T  collected") == "the bins weren't collected"
    assert normalise("\uff26\uff4f\uff52\uff4d") == "form"  # full-width letters (NFKC)


@pytest.mark.parametrize("text", ["", "   ", "\n\t"])
def test_normalise_blank_is_empty(text):
    assert normalise(text) == ""


def test_placeholders_and_links_are_not_words():
    text = "Email [email] or ring [phone number], see https://example.gov.uk/page now"
    assert tokenise(text) == ["email", "or", "ring", "see", "now"]
    # The placeholders analysis/redact.py writes, including the longest.
    text = "NI [National Insurance number], NHS [NHS number], card [card number] [postcode]"
    assert tokenise(text) == ["ni", "nhs", "card"]


def test_tokenise_keeps_contractions_hyphens_and_welsh_letters():
    assert tokenise("Don't re-send it") == ["don't", "re-send", "it"]
    assert tokenise("Gwasanaeth ardderchog, diolch! ŵyr") == [
        "gwasanaeth",
        "ardderchog",
        "diolch",
        "ŵyr",
    ]


def test_numbers_keep_their_suffix_so_no_stray_letters():
    assert tokenise("on the 8th at 2pm, form 27B") == [
        "on",
        "the",
        "8th",
        "at",
        "2pm",
        "form",
        "27b",
    ]


@pytest.mark.parametrize("text", ["😀😀😀", "!!! ???", "   "])
def test_tokenise_without_words_is_empty(text):
    assert tokenise(text) == []
    assert char_view(text) == ""


def test_segments_break_at_punctuation_and_placeholders():
    assert segments("Bins late. Call [phone number] please") == [
        ["bins", "late"],
        ["call"],
        ["please"],
    ]


def test_stem_matches_inflections():
    assert stem("permits") == stem("permit") == "permit"
    assert stem("collected") == stem("collection") == "collect"
    assert stem_ngrams(tokenise("Parking permits")) == ["park", "permit"]


def test_ngrams_shortest_first():
    assert list(ngrams(["a", "b", "c"], 1, 2)) == [("a",), ("b",), ("c",), ("a", "b"), ("b", "c")]
    assert list(ngrams(["a"], 2, 3)) == []


def test_stem_ngrams_joins_stems():
    assert stem_ngrams(["parking", "permits"], 1, 2) == ["park", "permit", "park permit"]
    assert stem_ngrams(["parking", "permits"]) == ["park", "permit"]


@pytest.mark.parametrize("word", ["a", "ab", "abc", "parking", "ŵyr"])
def test_word_char_ngrams_match_scikit_learn_char_wb(word):
    analyse = TfidfVectorizer(analyzer="char_wb", ngram_range=(1, 4)).build_analyzer()
    assert sorted(word_char_ngrams(word, 1, 4)) == sorted(analyse(word))


def test_char_ngrams_concatenate_words():
    assert char_ngrams(["ab", "c"], 3, 3) == [" ab", "ab ", " c "]


def test_phrases_do_not_start_or_end_with_stop_words():
    found = {" ".join(p) for p in phrases("The bins were not collected on time")}
    assert "bins" in found
    assert "bins were not collected" not in found  # four words: longer than three
    assert "collected" in found
    for phrase in found:
        words = phrase.split()
        assert words[0] not in ENGLISH_STOP_WORDS and words[-1] not in ENGLISH_STOP_WORDS


@pytest.mark.parametrize(
    ("comment", "function_words", "kept"),
    [
        (
            "Doedd y wefan ddim yn gweithio ar fy ffôn",
            {"doedd", "y", "ddim", "yn", "ar", "fy"},
            "wefan",
        ),
        ("Dydy hi ddim yn amlwg sut i dalu", {"dydy", "hi", "ddim", "yn", "i"}, "amlwg"),
        ("Wnes i ddim cael ebost gyda nhw wedyn", {"wnes", "i", "ddim", "gyda", "nhw"}, "ebost"),
    ],
)
def test_welsh_phrases_do_not_start_or_end_with_function_words(comment, function_words, kept):
    found = {" ".join(p) for p in phrases(comment)}
    assert kept in found  # the words that name the subject are still there to label it by
    for phrase in found:
        words = phrase.split()
        assert words[0] not in function_words and words[-1] not in function_words, phrase


def test_phrases_keep_inner_stop_words():
    found = {" ".join(p) for p in phrases("council tax bill")}
    assert "council tax bill" in found  # "bill" is a stop word to scikit-learn, not to us


def test_phrases_never_include_placeholders():
    found = {" ".join(p) for p in phrases("my [email] address [phone number] changed")}
    assert not any("email" in p or "phone" in p for p in found)
    assert "address" in found


def test_stop_phrase():
    assert is_stop_phrase(["the", "of", "and"])
    assert is_stop_phrase(["don't", "it's", "12"])
    assert not is_stop_phrase(["the", "bins"])
    assert STOP_WORDS == ENGLISH_STOP_WORDS


def test_long_comment_is_fine():
    text = "waiting for the bin lorry " * 400  # 10,000 characters
    assert len(tokenise(text)) == 2000
    assert len(list(phrases(text))) > 0
