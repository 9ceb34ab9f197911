"""CommentVectoriser's background: earlier comments weigh the words but add none."""

import numpy as np

from analysis.vectorise import CommentVectoriser

WEEK = [
    "the payment page crashed, very disappointed",
    "payment failed again, very disappointed",
    "upload button broken, very disappointed",
    "could not upload my proof, please fix this",
]
# Earlier weeks: the stock phrase is everywhere, payments were never mentioned.
EARLIER = ["very disappointed with the upload", "very disappointed, slow page"] * 10 + [
    "the map was wrong"
]


def word_weight(vectoriser, word):
    return vectoriser.words_.idf_[vectoriser.words_.vocabulary_[word]]


def test_a_word_common_before_weighs_less_than_a_new_one():
    alone = CommentVectoriser().fit(WEEK)
    windowed = CommentVectoriser().fit(WEEK, background=EARLIER)
    # In this week alone "payment" and "disappoint" are about as common (2 and 3 of 4)...
    assert word_weight(alone, "payment") > word_weight(alone, "disappoint")
    # ...but over the weeks "disappoint" is in nearly every comment, "payment" in two.
    gap_alone = word_weight(alone, "payment") - word_weight(alone, "disappoint")
    gap_windowed = word_weight(windowed, "payment") - word_weight(windowed, "disappoint")
    assert gap_windowed > 2 * gap_alone


def test_background_adds_no_words_and_changes_nothing_when_empty():
    alone = CommentVectoriser().fit(WEEK)
    windowed = CommentVectoriser().fit(WEEK, background=EARLIER)
    assert windowed.words_.vocabulary_ == alone.words_.vocabulary_
    assert "map" not in windowed.words_.vocabulary_
    empty = CommentVectoriser().fit_transform(WEEK, background=[])
    assert np.allclose(empty.toarray(), alone.transform(WEEK).toarray())
    rows = CommentVectoriser().fit_transform(WEEK, background=EARLIER)
    assert rows.shape[0] == len(WEEK)
    assert np.allclose(np.linalg.norm(rows.toarray(), axis=1), 1)
