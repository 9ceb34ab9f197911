"""Theme finding: spectral partitions of the comments' neighbour graph, k chosen by k-means.

The partition at the chosen k is spectral clustering of the smoothed rows' neighbour graph
(see ``_spectral_centres``); its centres then serve exactly as k-means centres would.
Spherical k-means chooses k.

k-means runs on neighbour-smoothed copies of the rows (NeighbourSmoother): short comments
share few words, and blending each with its nearest neighbours lets k-means see the themes.
The rows themselves are then assigned to the nearest centre, exactly as ``predict`` assigns
new comments, so smoothing is needed only while fitting; assigning the raw rows scores the
same as keeping the smoothed rows' labels.

The number of themes is the k whose k-means partition has the highest modularity on the
comments' k-nearest-neighbour graph: a good theme keeps most of each comment's nearest
neighbours inside it, more than chance would. Silhouette, by contrast, kept rising with k
and so never chose. The figures behind these choices are in benchmarks/README.md.
"""

import warnings

import numpy as np
import scipy.sparse as sp
from sklearn.base import BaseEstimator, ClusterMixin, clone
from sklearn.cluster import KMeans, SpectralClustering
from sklearn.exceptions import ConvergenceWarning
from sklearn.neighbors import NearestNeighbors
from sklearn.preprocessing import normalize
from sklearn.utils import check_random_state
from sklearn.utils.validation import check_array, check_is_fitted
from threadpoolctl import threadpool_limits

from analysis.vectorise import NeighbourSmoother

__all__ = ["ThemeClusterer", "knn_graph", "modularity", "one_blas_thread"]


def one_blas_thread():
    """Context manager limiting BLAS (not OpenMP) to one thread.

    Why: on a busy two-core machine OpenBLAS threads spin against each other, which made
    seeding and LSA several times slower. The k-means loop and neighbour search are parallel
    through OpenMP and stay parallel.
    """
    return threadpool_limits(limits=1, user_api="blas")


def knn_graph(X, n_neighbors=5, weight=None):
    """Return the symmetric k-nearest-neighbour graph of the rows of X (sparse).

    With ``weight``, row i stands for ``weight[i]`` identical comments, and the graph is the
    one those copies would make: each copy links first to its twins (a self-loop on i), and
    only the links left over go to the nearest other rows. So 500 copies of one comment form
    a tight group of their own instead of counting as a single node.
    """
    n_rows = len(X)
    weight = np.ones(n_rows) if weight is None else np.asarray(weight, dtype=float)
    n_neighbors = min(n_neighbors, n_rows - 1)
    twins = np.minimum(n_neighbors, np.maximum(weight - 1, 0))
    loops = sp.diags(2 * weight * twins)
    if n_neighbors < 1:
        return sp.csr_matrix(loops)
    index = NearestNeighbors(n_neighbors=n_neighbors, algorithm="brute").fit(X)
    neighbours = index.kneighbors(return_distance=False)
    # Links each row still has after its twins, as a 0/1 mask over its neighbour list.
    spare = np.ceil(n_neighbors - twins).astype(int)
    keep = np.arange(n_neighbors)[None, :] < spare[:, None]
    rows = np.repeat(np.arange(n_rows), n_neighbors)[keep.ravel()]
    cols = neighbours.ravel()[keep.ravel()]
    links = sp.csr_matrix((weight[rows], (rows, cols)), shape=(n_rows, n_rows))
    return (links + links.T + loops).tocsr()


def modularity(graph, labels):
    """Newman-Girvan modularity of a partition (labels >= 0) of an undirected graph."""
    labels = np.asarray(labels)
    total = graph.sum()
    if total == 0:
        return 0.0
    n_groups = labels.max() + 1
    membership = sp.csr_matrix(
        (np.ones(len(labels)), (labels, np.arange(len(labels)))),
        shape=(n_groups, len(labels)),
    )
    inside = (membership @ graph @ membership.T).diagonal().sum() / total
    degree_share = membership @ np.asarray(graph.sum(axis=1)).ravel() / total
    return float(inside - (degree_share**2).sum())


class ThemeClusterer(ClusterMixin, BaseEstimator):
    """Themes of unit vectors: a spectral partition, automatic k and a no-theme label (-1).

    :param n_clusters: how many themes; None chooses by modularity (see module docstring).
    :param max_clusters: upper bound when choosing; a digest cannot show more than this.
    :param min_mean_size: when choosing, themes must average at least this many comments
        (3 matches the smallest group Pulse may show to staff).
    :param graph_neighbors: neighbours per comment in the graph used to choose k.
    :param search_samples: choose k on at most this many rows (a weighted sample), as each
        candidate k costs one k-means run.
    :param smoother: transformer applied to the rows before they are partitioned (default
        NeighbourSmoother()); "passthrough" clusters the rows as given.
    :param spectral_neighbors: the final (cold) partition is spectral clustering of the
        smoothed rows' nearest-neighbour graph with this many neighbours; None uses k-means.
    """

    def __init__(
        self,
        n_clusters=None,
        n_init=3,
        max_clusters=400,
        min_mean_size=3,
        graph_neighbors=5,
        search_samples=5_000,
        smoother=None,
        spectral_neighbors=15,
        max_iter=100,
        random_state=None,
    ):
        self.n_clusters = n_clusters
        self.n_init = n_init
        self.max_clusters = max_clusters
        self.min_mean_size = min_mean_size
        self.graph_neighbors = graph_neighbors
        self.search_samples = search_samples
        self.smoother = smoother
        self.spectral_neighbors = spectral_neighbors
        self.max_iter = max_iter
        self.random_state = random_state

    def fit(self, X, y=None, sample_weight=None):
        """Cluster the rows of X (each treated as a direction: rows are L2-normalised)."""
        with one_blas_thread():
            return self._fit(X, sample_weight)

    def _fit(self, X, sample_weight):
        # float64: scikit-learn's k-means++ converts float32 rows to float64 chunk by chunk,
        # which made up half of the time spent choosing k.
        X = normalize(check_array(X, dtype=np.float64))
        weight = np.ones(len(X)) if sample_weight is None else np.asarray(sample_weight, float)
        rng = check_random_state(self.random_state)
        seed = rng.randint(np.iinfo(np.int32).max)
        self.search_scores_ = {}
        smoothed = self._smooth(X)
        if self.n_clusters is None:
            k = self._choose_k(*self._search_rows(smoothed, weight, rng), seed)
        else:
            k = int(min(max(self.n_clusters, 1), len(X)))
        with warnings.catch_warnings():
            # Identical vectors can leave fewer distinct points than k; _settle drops the
            # empty themes that this leaves.
            warnings.simplefilter("ignore", ConvergenceWarning)
            # Separate islands of near-identical comments are expected; each becomes a theme.
            warnings.filterwarnings("ignore", "Graph is not fully connected")
            if self.spectral_neighbors and 2 <= k < len(X) - 1:
                centres = self._spectral_centres(smoothed, weight, k, seed)
            else:
                centres = (
                    self._kmeans(k, "k-means++", self.n_init, seed)
                    .fit(smoothed, sample_weight=weight)
                    .cluster_centers_
                )
        self._settle(X, weight, centres)
        return self

    def _spectral_centres(self, X, weight, k, seed):
        """Centres of a spectral partition of the rows' nearest-neighbour graph.

        Cutting the neighbour graph keeps more of each comment's nearest neighbours together
        than k-means does, which merges near-identical topics while splitting others.
        """
        graph = knn_graph(X, self.spectral_neighbors, weight)
        labels = SpectralClustering(
            k, affinity="precomputed", assign_labels="cluster_qr", random_state=seed
        ).fit_predict(graph)
        centres = np.zeros((k, X.shape[1]))
        np.add.at(centres, labels, X * weight[:, None])
        return centres

    def _smooth(self, X):
        if isinstance(self.smoother, str) and self.smoother == "passthrough":
            return X
        smoother = NeighbourSmoother() if self.smoother is None else clone(self.smoother)
        return normalize(np.asarray(smoother.fit_transform(X), dtype=np.float64))

    def _kmeans(self, k, init, n_init, seed):
        return KMeans(k, init=init, n_init=n_init, max_iter=self.max_iter, random_state=seed)

    def _search_rows(self, X, weight, rng):
        """A random sample of the comments the rows stand for, as distinct rows + counts."""
        if self.search_samples is None or len(X) <= self.search_samples:
            return X, weight
        drawn = rng.choice(len(X), self.search_samples, p=weight / weight.sum())
        rows, counts = np.unique(drawn, return_counts=True)
        return X[rows], counts.astype(float)

    def _choose_k(self, X, weight, seed):
        """Pick k by modularity: a coarse geometric sweep, then a finer one round the best."""
        k_high = int(min(self.max_clusters, len(X), weight.sum() // self.min_mean_size))
        if k_high < 2:
            return 1
        graph = knn_graph(X, self.graph_neighbors, weight)
        self._sweep(X, weight, seed, graph, np.geomspace(2, k_high, 14))
        ks = sorted(self.search_scores_)
        best = ks.index(max(ks, key=self.search_scores_.__getitem__))
        low, high = ks[max(best - 1, 0)], ks[min(best + 1, len(ks) - 1)]
        self._sweep(X, weight, seed, graph, np.geomspace(low, high, 6))
        best_k = max(self.search_scores_, key=lambda k: (self.search_scores_[k], -k))
        # No partition beats chance (modularity 0): the comments form one theme.
        return best_k if self.search_scores_[best_k] > 0 else 1

    def _sweep(self, X, weight, seed, graph, ks):
        for k in np.unique(np.round(ks).astype(int)):
            if k in self.search_scores_:
                continue
            with warnings.catch_warnings():
                # Many identical comments leave fewer distinct points than k: expected here.
                warnings.simplefilter("ignore", ConvergenceWarning)
                labels = self._kmeans(int(k), "k-means++", 1, seed).fit_predict(
                    X, sample_weight=weight
                )
            self.search_scores_[int(k)] = modularity(graph, labels)

    def _settle(self, X, weight, centres):
        """Set centres_, labels_ and threshold_; order themes by size, drop empty ones."""
        centres = normalize(centres)
        similarity = X @ centres.T
        labels = similarity.argmax(axis=1)
        self.threshold_ = self._no_theme_threshold(similarity, labels)
        best = similarity[np.arange(len(X)), labels]
        labels = np.where(best < self.threshold_, -1, labels)
        sizes = np.bincount(
            labels[labels >= 0], weights=weight[labels >= 0], minlength=len(centres)
        )
        # Largest theme first; ties by centre index keep the order deterministic.
        order = [c for c in np.lexsort((np.arange(len(sizes)), -sizes)) if sizes[c] > 0]
        remap = np.full(len(centres) + 1, -1)
        remap[order] = np.arange(len(order))
        self.centres_ = centres[order]
        self.labels_ = remap[labels]
        self.n_clusters_ = len(order)
        self.n_features_in_ = X.shape[1]

    @staticmethod
    def _no_theme_threshold(similarity, labels):
        """Similarity below which a comment fits no theme.

        A comment that is no closer to its own theme than the typical comment is to its
        second-best theme has nothing distinctive in common with the theme: put it in -1.
        On CLINC150 this takes about 3.5% of comments.
        """
        if similarity.shape[1] < 2:
            return 0.0
        others = similarity.copy()
        others[np.arange(len(labels)), labels] = -np.inf
        return float(np.median(others.max(axis=1)))

    def transform(self, X):
        """Return the cosine similarity of each row to each theme centre."""
        check_is_fitted(self, "centres_")
        return normalize(check_array(X, dtype=[np.float32, np.float64])) @ self.centres_.T

    def predict(self, X):
        """Assign rows to the nearest theme centre, or -1 when they fit no theme."""
        similarity = self.transform(X)
        if similarity.shape[1] == 0:
            return np.full(len(similarity), -1)
        labels = similarity.argmax(axis=1)
        best = similarity[np.arange(len(labels)), labels]
        return np.where(best < self.threshold_, -1, labels)
