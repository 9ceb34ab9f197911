"""Find improvement themes in free-text comments.

The model is a chain of scikit-learn estimators, any of which can be swapped:

    CommentVectoriser  word-stem + character n-gram TF-IDF           (analysis/vectorise.py)
    LSAReducer         300-dimensional LSA, rows unit length          (analysis/vectorise.py)
    ThemeClusterer     neighbour-smoothed rows, k by modularity,      (analysis/cluster.py)
                       partitioned by cutting their neighbour graph
                       (spectral), -1 for comments near no theme
    ThemeLabeller      class-based TF-IDF names and keywords          (analysis/labels.py)

Identical comments (after tokenising) are clustered once, weighted by how often they occur.
Past ``max_fit_samples`` distinct comments the chain is fitted on a sample and the rest are
assigned to the nearest theme, which keeps time and memory roughly linear in the input.
The figures behind these choices are in benchmarks/quality_themes.py.
"""

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
from sklearn.base import BaseEstimator, clone
from sklearn.pipeline import Pipeline
from sklearn.utils import check_random_state
from sklearn.utils.validation import check_is_fitted

from analysis.cluster import ThemeClusterer, one_blas_thread
from analysis.labels import ThemeLabeller
from analysis.text import char_view, distinct_first
from analysis.vectorise import CommentVectoriser, LSAReducer

__all__ = ["Theme", "ThemeModel", "ThemeResult", "find_themes"]

# Comments vectorised at once when assigning beyond the fitted sample (bounds memory).
_ASSIGN_CHUNK = 20_000


@dataclass(frozen=True)
class Theme:
    """One theme: id as used in ``labels``, a readable label, keywords, size, examples."""

    id: int
    label: str
    keywords: list[str]
    size: int
    examples: list[int]


@dataclass(frozen=True)
class ThemeResult:
    """Theme id per comment (-1 for none), the themes, and the fitted model."""

    labels: list[int]
    themes: list[Theme]
    model: "ThemeModel" = field(repr=False)


def find_themes(
    texts: Sequence[str], *, n_themes: int | None = None, random_state: int = 0
) -> ThemeResult:
    """Group comments into themes; ``n_themes=None`` lets the data choose how many."""
    model = ThemeModel(n_themes=n_themes, random_state=random_state).fit(texts)
    return ThemeResult(labels=model.labels_.tolist(), themes=model.themes_, model=model)


class ThemeModel(BaseEstimator):
    """The fitted chain behind a ThemeResult: ``transform``/``predict`` new comments.

    ``transform`` puts comments in the space of ``centres_``. Each fit starts afresh; theme
    identity across weeks comes from anchoring to last week's themes (analysis/tracking.py).
    """

    def __init__(
        self,
        n_themes=None,
        vectoriser=None,
        reducer=None,
        clusterer=None,
        labeller=None,
        n_examples=5,
        max_fit_samples=10_000,
        random_state=None,
    ):
        self.n_themes = n_themes
        self.vectoriser = vectoriser
        self.reducer = reducer
        self.clusterer = clusterer
        self.labeller = labeller
        self.n_examples = n_examples
        self.max_fit_samples = max_fit_samples
        self.random_state = random_state

    def fit(self, texts, y=None):
        """Find themes in ``texts``; sets labels_, themes_, centres_ and pipeline_."""
        with one_blas_thread():
            return self._fit(texts)

    def _fit(self, texts):
        texts = ["" if t is None else str(t) for t in texts]
        rng = check_random_state(self.random_state)
        # One row per distinct wording; comments with no words at all fit no theme.
        first, firsts = {}, []
        index = np.full(len(texts), -1)
        for i, text in enumerate(texts):
            key = char_view(text)
            if key:
                if key not in first:
                    first[key] = len(firsts)
                    firsts.append(i)
                index[i] = first[key]
        self.labels_ = np.full(len(texts), -1)
        self.themes_ = []
        if not firsts:
            self.pipeline_, self.centres_ = None, np.zeros((0, 0), dtype=np.float32)
            return self
        firsts = np.asarray(firsts)
        # The steps read the tokens (so no comment is tokenised twice); the labeller reads
        # the comments as written, to keep their clause breaks.
        keys = [key.split(" ") for key in first]
        unique_texts = [texts[i] for i in firsts]
        weight = np.bincount(index[index >= 0], minlength=len(firsts)).astype(float)

        sample, sample_weight = self._sample(index, weight, rng)
        self.pipeline_ = self._build(rng)
        vectors = self.pipeline_[:-1].fit_transform([keys[i] for i in sample])
        clusterer = self.pipeline_[-1]
        clusterer.fit(vectors, sample_weight=sample_weight)
        self.centres_ = clusterer.centres_

        unique_labels, closeness = self._assign(keys, sample, vectors)
        self.labels_ = np.where(index >= 0, unique_labels[np.maximum(index, 0)], -1)
        self.themes_ = self._themes(
            unique_texts, sample, sample_weight, weight, firsts, unique_labels, closeness
        )
        return self

    def _sample(self, index, weight, rng):
        """Distinct comments to fit on, with their weights: all, or those in a sample.

        Past ``max_fit_samples`` distinct wordings, a plain random sample of that many
        comments is drawn, so a wording's weight is how often the sample holds it.
        """
        if self.max_fit_samples is None or len(weight) <= self.max_fit_samples:
            return np.arange(len(weight)), weight
        rows = rng.choice(np.flatnonzero(index >= 0), self.max_fit_samples, replace=False)
        sample, counts = np.unique(index[rows], return_counts=True)
        return sample, counts.astype(float)

    def _build(self, rng):
        """Fresh copies of the steps, all seeded from this model's random_state."""

        def step(estimator, default, **params):
            estimator = clone(estimator) if estimator is not None else default
            settable = estimator.get_params(deep=False)
            if "random_state" in settable:
                params["random_state"] = rng.randint(np.iinfo(np.int32).max)
            estimator.set_params(**{k: v for k, v in params.items() if k in settable})
            return estimator

        clusterer = step(self.clusterer, ThemeClusterer(), n_clusters=self.n_themes)
        return Pipeline(
            [
                ("vectorise", step(self.vectoriser, CommentVectoriser())),
                ("reduce", step(self.reducer, LSAReducer())),
                ("cluster", clusterer),
            ]
        )

    def _assign(self, keys, sample, vectors):
        """Theme and similarity to its centre for every distinct comment."""
        clusterer = self.pipeline_[-1]
        labels = np.full(len(keys), -1)
        closeness = np.zeros(len(keys))
        labels[sample] = clusterer.labels_
        closeness[sample] = self._closeness(clusterer.transform(vectors), clusterer.labels_)
        rest = np.setdiff1d(np.arange(len(keys)), sample)
        for start in range(0, len(rest), _ASSIGN_CHUNK):
            chunk = rest[start : start + _ASSIGN_CHUNK]
            reduced = self.pipeline_[:-1].transform([keys[i] for i in chunk])
            labels[chunk] = clusterer.predict(reduced)
            closeness[chunk] = self._closeness(clusterer.transform(reduced), labels[chunk])
        return labels, closeness

    @staticmethod
    def _closeness(similarity, labels):
        if similarity.shape[1] == 0:
            return np.zeros(len(labels))
        return np.where(labels >= 0, similarity[np.arange(len(labels)), labels], -np.inf)

    def _themes(self, unique_texts, sample, sample_weight, weight, firsts, labels, closeness):
        labeller = clone(self.labeller) if self.labeller is not None else ThemeLabeller()
        labeller.fit([unique_texts[i] for i in sample], labels[sample], sample_weight)
        sizes = np.bincount(
            labels[labels >= 0], weights=weight[labels >= 0], minlength=len(self.centres_)
        ).astype(int)
        themes = []
        for c in range(len(self.centres_)):
            members = np.flatnonzero(labels == c)
            # Nearest the centre first; distinct wordings only, so copies do not crowd out.
            order = members[np.lexsort((members, -closeness[members]))]
            nearest = distinct_first(order, unique_texts, self.n_examples)
            names = labeller.names_
            themes.append(
                Theme(
                    id=c,
                    label=names[c] if c < len(names) else "",
                    keywords=labeller.keywords_[c] if c < len(names) else [],
                    size=int(sizes[c]),
                    examples=[int(firsts[i]) for i in nearest],
                )
            )
        return themes

    def transform(self, texts):
        """Vectors of new comments in the space the themes' ``centres_`` live in."""
        check_is_fitted(self, "labels_")
        if self.pipeline_ is None:
            raise ValueError("The model found no words to fit on, so it cannot transform.")
        with one_blas_thread():
            return self.pipeline_[:-1].transform(["" if t is None else str(t) for t in texts])

    def predict(self, texts):
        """Theme id for each new comment (-1 for none), using the fitted themes."""
        texts = ["" if t is None else str(t) for t in texts]
        labels = np.full(len(texts), -1)
        wordy = [i for i, text in enumerate(texts) if char_view(text)]
        if wordy and self.pipeline_ is not None:
            labels[wordy] = self.pipeline_[-1].predict(self.transform([texts[i] for i in wordy]))
        return labels
