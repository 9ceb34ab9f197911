"""Turn comments into vectors for clustering: TF-IDF, then LSA, then neighbour smoothing.

Each step is a scikit-learn transformer, so a pipeline can swap any one of them.
"""

from functools import partial

import numpy as np
import scipy.sparse as sp
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.decomposition import TruncatedSVD
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.neighbors import NearestNeighbors
from sklearn.preprocessing import normalize
from sklearn.utils.validation import check_is_fitted

from analysis.text import char_ngrams, stem_ngrams, tokenise
from analysis.welsh import theme_tokens

__all__ = ["CommentVectoriser", "LSAReducer", "NeighbourSmoother"]

# Rows handled at once when a step would otherwise build a large temporary array.
_CHUNK = 4096


def _tokens(texts):
    # Welsh comments lose their function words and gain English ones (analysis/welsh.py), so
    # they group with English comments on the same subject, not with each other for being Welsh.
    return [theme_tokens(tokenise(t) if isinstance(t, str) else list(t)) for t in texts]


class CommentVectoriser(TransformerMixin, BaseEstimator):
    """Word-stem and character n-gram TF-IDF side by side, each row L2-normalised.

    Stems let "permit" and "permits" match; character n-grams within words catch spelling
    slips and compounds. Welsh comments are read through a glossary into English words
    first, their mutations undone and function words dropped (analysis/welsh.py).
    Takes comments as strings, or already tokenised (lists of tokens from ``tokenise``).
    """

    def __init__(
        self,
        word_ngram_range=(1, 1),
        char_ngram_range=(1, 4),
        char_weight=1.0,
        min_df=2,
        max_features=None,
    ):
        self.word_ngram_range = word_ngram_range
        self.char_ngram_range = char_ngram_range
        self.char_weight = char_weight
        self.min_df = min_df
        self.max_features = max_features

    def fit(self, texts, y=None):
        """Learn both vocabularies and their IDF weights."""
        self._fit(texts)
        return self

    def fit_transform(self, texts, y=None):
        """Fit, then return the TF-IDF matrix of the same comments."""
        return self._fit(texts)

    def _fit(self, texts):
        # Tokenise once; both vectorisers then read the token lists.
        tokens = _tokens(texts)
        self.words_ = TfidfVectorizer(
            analyzer=partial(
                stem_ngrams, n_min=self.word_ngram_range[0], n_max=self.word_ngram_range[1]
            ),
            sublinear_tf=True,
            max_features=self.max_features,
            dtype=np.float32,
        )
        word_matrix = self.words_.fit_transform(tokens)
        # A tiny batch of comments would lose most character n-grams to min_df.
        min_df = self.min_df if len(tokens) >= 10 * self.min_df else 1
        self.chars_ = self._char_vectoriser(min_df)
        try:
            char_matrix = self.chars_.fit_transform(tokens)
        except ValueError:  # every n-gram was below min_df
            self.chars_ = self._char_vectoriser(1)
            char_matrix = self.chars_.fit_transform(tokens)
        self.n_features_out_ = word_matrix.shape[1] + char_matrix.shape[1]
        return self._combine(word_matrix, char_matrix)

    def _char_vectoriser(self, min_df):
        return TfidfVectorizer(
            analyzer=partial(
                char_ngrams, n_min=self.char_ngram_range[0], n_max=self.char_ngram_range[1]
            ),
            min_df=min_df,
            sublinear_tf=True,
            max_features=self.max_features,
            dtype=np.float32,
        )

    def transform(self, texts):
        """Return the combined TF-IDF matrix (sparse, float32) for new comments."""
        check_is_fitted(self, "words_")
        tokens = _tokens(texts)
        return self._combine(self.words_.transform(tokens), self.chars_.transform(tokens))

    def _combine(self, word_matrix, char_matrix):
        combined = sp.hstack([word_matrix, self.char_weight * char_matrix], format="csr")
        return normalize(combined).astype(np.float32)


class LSAReducer(TransformerMixin, BaseEstimator):
    """Latent semantic analysis: truncated SVD of TF-IDF, rows scaled to unit length.

    When the data has no more rows or columns than ``n_components``, the projection would
    keep every angle between rows anyway, so the rows pass through unreduced (dense).
    """

    def __init__(self, n_components=300, n_iter=5, random_state=None):
        self.n_components = n_components
        self.n_iter = n_iter
        self.random_state = random_state

    def fit(self, X, y=None):
        """Learn the LSA basis."""
        self.fit_transform(X)
        return self

    def fit_transform(self, X, y=None):
        """Learn the basis and return the reduced, normalised rows."""
        if min(X.shape) <= self.n_components:
            self.svd_ = None
            self.n_features_in_ = X.shape[1]
            return self._dense_rows(X)
        self.svd_ = TruncatedSVD(
            self.n_components, n_iter=self.n_iter, random_state=self.random_state
        )
        reduced = self.svd_.fit_transform(X)
        self.n_features_in_ = X.shape[1]
        return normalize(reduced).astype(np.float32)

    def transform(self, X):
        """Project new TF-IDF rows onto the learned basis."""
        check_is_fitted(self, "n_features_in_")
        if self.svd_ is None:
            return self._dense_rows(X)
        return normalize(self.svd_.transform(X)).astype(np.float32)

    @staticmethod
    def _dense_rows(X):
        dense = X.toarray() if sp.issparse(X) else np.asarray(X)
        return normalize(dense).astype(np.float32)


class NeighbourSmoother(TransformerMixin, BaseEstimator):
    """Blend each vector with the mean of its nearest neighbours in the fitted set.

    Short comments share few words, so two comments about one thing can sit far apart; the
    neighbours' mean fills in the words a comment did not happen to use (benchmarks/README.md
    has the figures).
    """

    def __init__(self, n_neighbors=5, weight=1.0):
        self.n_neighbors = n_neighbors
        self.weight = weight

    def fit(self, X, y=None):
        """Remember the reference vectors that later comments are smoothed against."""
        self.reference_ = np.ascontiguousarray(X, dtype=np.float32)
        self.n_features_in_ = self.reference_.shape[1]
        self.index_ = NearestNeighbors(algorithm="brute").fit(self.reference_)
        return self

    def fit_transform(self, X, y=None):
        """Fit, then smooth the fitted vectors, each leaving itself out of its neighbours."""
        self.fit(X)
        n_neighbors = min(self.n_neighbors, len(self.reference_) - 1)
        if n_neighbors < 1 or self.weight == 0:
            return self.reference_.copy()
        # kneighbors() with no query leaves each point out of its own neighbour list.
        neighbours = self.index_.kneighbors(n_neighbors=n_neighbors, return_distance=False)
        return self._blend(self.reference_, neighbours)

    def transform(self, X):
        """Smooth new vectors against the fitted reference set."""
        check_is_fitted(self, "reference_")
        X = np.asarray(X, dtype=np.float32)
        n_neighbors = min(self.n_neighbors, len(self.reference_))
        if n_neighbors < 1 or self.weight == 0 or len(X) == 0:
            return X.copy()
        out = np.empty_like(X)
        for start in range(0, len(X), _CHUNK):
            block = X[start : start + _CHUNK]
            neighbours = self.index_.kneighbors(
                block, n_neighbors=n_neighbors, return_distance=False
            )
            out[start : start + _CHUNK] = self._blend(block, neighbours)
        return out

    def _blend(self, X, neighbours):
        out = np.empty_like(X)
        for start in range(0, len(X), _CHUNK):
            stop = start + _CHUNK
            mean = self.reference_[neighbours[start:stop]].mean(axis=1)
            out[start:stop] = normalize(X[start:stop] + self.weight * mean)
        return out
