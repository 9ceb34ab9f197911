"""The space theme tracking compares weeks in: word stems and stem pairs, TF-IDF."""

import numpy as np
from scipy import sparse
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.preprocessing import normalize

from analysis.text import stem_ngrams, tokenise

# A comment joins an old theme only this close to its centre (cosine); else it fits none.
MIN_SIMILARITY = 0.2


def _stem_bigrams(text):
    """Word stems and stem pairs: "add to" / "on my" tell shopping_list_update from
    shopping_list, which unigram stems put in one theme."""
    return stem_ngrams(tokenise(text), 1, 2)


class TrackingSpace:
    """Word-stem 1-2-gram TF-IDF fitted on both weeks, one unit-length centre per old theme."""

    def __init__(self, texts, prior_groups):
        prior_texts = [text for group in prior_groups for text in group]
        vectoriser = TfidfVectorizer(analyzer=_stem_bigrams, sublinear_tf=True)
        texts = list(texts)
        try:
            both = vectoriser.fit_transform(texts + prior_texts)
        except ValueError:  # not a single word on either side
            self.empty = True
            return
        self.empty = False
        owners = np.repeat(np.arange(len(prior_groups)), [len(g) for g in prior_groups])
        indicator = sparse.csr_matrix(
            (np.ones(len(prior_texts)), (owners, np.arange(len(prior_texts)))),
            shape=(len(prior_groups), len(prior_texts)),
        )
        self.centres = sparse.csr_matrix(normalize(indicator @ both[len(texts) :]))
        self.current = both[: len(texts)]

    def nearest(self):
        """For each of this week's comments: the nearest old theme and its cosine similarity."""
        similarity = (self.current @ self.centres.T).toarray()
        return similarity.argmax(axis=1), similarity.max(axis=1)

    def centre_of(self, members):
        """Unit-length centre of some of this week's comments."""
        return sparse.csr_matrix(normalize(sparse.csr_matrix(self.current[members].mean(axis=0))))

    def closeness_to_centre(self, members):
        """Cosine similarity of each member to the members' own centre."""
        return (self.current[members] @ self.centre_of(members).T).toarray().ravel()


__all__ = ["MIN_SIMILARITY", "TrackingSpace"]
