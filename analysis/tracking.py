"""Theme identity across weeks: which of this week's themes continue last week's.

Last week's themes are the anchors. This week's comments are themed afresh too, so that
something genuinely new still shows up:

1. Find this week's themes from scratch.
2. Each comment votes for the last-week theme whose centre it is nearest to (in a word-stem
   1-2-gram TF-IDF space fitted on both weeks), if it is close enough to any. A fresh theme
   whose comments hardly vote for any single old theme is new: it keeps its comments, new id.
3. Every other comment joins the old theme it is nearest to, if close enough; an old theme
   that gathers fewer than MIN_CONTINUING comments has faded.
4. What no old theme took is gathered, not dropped: a fresh theme's leftovers form a new
   theme, new themes alike enough are one, a new theme alike an old one continues it, and a
   new theme too small to show (MIN_NEW_SHARE) gives its comments to their nearest theme.
   So a new subject shows once, in the week it starts, and every comment is in a theme.

Anchoring continuing themes to last week's centres, rather than matching two separate
clusterings afterwards, keeps an id's meaning steady. The thresholds below were chosen with
benchmarks/tracking.py; what else was tried, and its figures, is in benchmarks/README.md.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
from scipy import sparse
from scipy.sparse.csgraph import connected_components
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.preprocessing import normalize

from analysis.cluster import ThemeClusterer
from analysis.labels import ThemeLabeller
from analysis.text import distinct_first, stem_ngrams, tokenise
from analysis.themes import Theme, ThemeModel, ThemeResult, find_themes

# A fresh theme is new when no single old theme gets this share of its comments' votes
# (comments far from every old centre do not vote).
MIN_VOTE_SHARE = 0.15
# A comment joins an old theme only this close to its centre (cosine); else it fits none.
MIN_SIMILARITY = 0.2
# An old theme with fewer comments than this this week has faded.
MIN_CONTINUING = 3
# New themes whose centres are at least this close (cosine) are one new theme.
MERGE_SIMILARITY = 0.3
# A theme first seen this week must hold this share of the week's comments (and at least
# MIN_CONTINUING): smaller groups are stray phrasings of a theme already there.
MIN_NEW_SHARE = 0.03
N_EXAMPLES = 5
# A service's week is read by people: past this many themes a digest stops being readable,
# and choosing among fewer candidates is what keeps a 100k-response week within a minute.
MAX_THEMES = 60


@dataclass
class TrackedThemes:
    """This week's themes, and for each theme id the prior theme id it continues (or None)."""

    labels: list[int]
    themes: list
    continues: dict[int, int | None] = field(default_factory=dict)
    faded: list[int] = field(default_factory=list)


def track_themes(
    texts: Sequence[str],
    prior: Mapping[int, Sequence[str]],
    *,
    n_themes: int | None = None,
    random_state: int = 0,
) -> TrackedThemes:
    """Theme this week's comments, continuing last week's themes where they carry on.

    prior maps last week's theme ids to their member texts.
    """
    texts = list(texts)
    fresh = _fresh_themes(texts, n_themes, random_state)
    prior_ids = sorted(p for p in prior if prior[p])
    if not prior_ids or not fresh.themes:
        continues = {theme.id: None for theme in fresh.themes}
        return TrackedThemes(fresh.labels, fresh.themes, continues, prior_ids)
    space = _Space(texts, [prior[p] for p in prior_ids])
    if space.empty:
        continues = {theme.id: None for theme in fresh.themes}
        return TrackedThemes(fresh.labels, fresh.themes, continues, prior_ids)

    nearest, closeness = space.nearest()
    fresh_labels = np.asarray(fresh.labels)
    # Step 2: fresh themes that resemble no old theme stay as new themes.
    new_fresh = []
    for theme in fresh.themes:
        members = np.flatnonzero(fresh_labels == theme.id)
        votes = nearest[members][closeness[members] >= MIN_SIMILARITY]
        top_share = np.bincount(votes).max() / len(members) if len(votes) else 0.0
        if top_share < MIN_VOTE_SHARE:
            new_fresh.append(theme.id)
    # Step 3: everything else joins the nearest old theme, if close enough.
    keys = np.full(len(texts), -1)  # anchor index, or len(prior_ids) + position in new_fresh
    for position, theme_id in enumerate(new_fresh):
        keys[fresh_labels == theme_id] = len(prior_ids) + position
    joinable = (keys == -1) & (closeness >= MIN_SIMILARITY)
    keys[joinable] = nearest[joinable]
    counts = np.bincount(keys[keys >= 0], minlength=len(prior_ids) + len(new_fresh))
    for anchor in range(len(prior_ids)):
        if 0 < counts[anchor] < MIN_CONTINUING:
            keys[keys == anchor] = -1
    keys = _gather_leftovers(keys, fresh_labels, len(prior_ids), space)
    return _result(texts, keys, prior_ids, space)


def _gather_leftovers(keys, fresh_labels, n_anchors, space):
    """Place the comments no old theme took: a fresh theme's leftovers that are enough to
    show become a new theme, new themes alike enough are one theme, and the few left over
    join whichever theme they are nearest."""
    keys = keys.copy()
    next_key = max(keys.max() + 1, n_anchors)
    for theme in np.unique(fresh_labels[fresh_labels >= 0]):
        left = (keys == -1) & (fresh_labels == theme)
        if left.sum() >= MIN_CONTINUING:
            keys[left] = next_key
            next_key += 1
    keys = _merge_new(keys, n_anchors, space)
    keys = _join_alike_anchors(keys, n_anchors, space)
    keys = _claim_for_new(keys, n_anchors, space)
    new, sizes = np.unique(keys[keys >= n_anchors], return_counts=True)
    for key in new[sizes < max(MIN_CONTINUING, MIN_NEW_SHARE * len(keys))]:
        keys[keys == key] = -1
    destinations = np.unique(keys[keys >= 0])
    if not len(destinations):
        return keys
    centres = sparse.vstack(
        [
            space.centres[d] if d < n_anchors else space.centre_of(np.flatnonzero(keys == d))
            for d in destinations
        ]
    )
    similarity = (space.current @ centres.T).toarray()
    best = destinations[similarity.argmax(axis=1)]
    left = (keys == -1) & (similarity.max(axis=1) > 0)
    keys[left] = best[left]
    return keys


def _claim_for_new(keys, n_anchors, space):
    """A comment an old theme took moves to a new theme whose centre is nearer: otherwise a
    new problem's comments that share a word with an old theme are absorbed into it."""
    new = [k for k in np.unique(keys) if k >= n_anchors]
    taken = np.flatnonzero((keys >= 0) & (keys < n_anchors))
    if not new or not len(taken):
        return keys
    centres = sparse.vstack([space.centre_of(np.flatnonzero(keys == k)) for k in new])
    to_new = (space.current[taken] @ centres.T).toarray()
    to_old = np.asarray(
        space.current[taken].multiply(space.centres[keys[taken]]).sum(axis=1)
    ).ravel()
    moving = to_new.max(axis=1) > to_old
    keys = keys.copy()
    keys[taken[moving]] = np.asarray(new)[to_new.argmax(axis=1)[moving]]
    return keys


def _join_alike_anchors(keys, n_anchors, space):
    """A new theme whose centre is within MERGE_SIMILARITY of an old theme's centre is that
    old theme said in other words: it continues it rather than showing twice."""
    new = [k for k in np.unique(keys) if k >= n_anchors]
    if not new or not n_anchors:
        return keys
    centres = sparse.vstack([space.centre_of(np.flatnonzero(keys == k)) for k in new])
    similarity = (centres @ space.centres.T).toarray()
    keys = keys.copy()
    for position, key in enumerate(new):
        if similarity[position].max() >= MERGE_SIMILARITY:
            keys[keys == key] = similarity[position].argmax()
    return keys


def _merge_new(keys, n_anchors, space):
    """Join new themes whose centres are closer than MERGE_SIMILARITY, so one new subject
    shows as one new theme rather than several."""
    new = [k for k in np.unique(keys) if k >= n_anchors]
    if len(new) < 2:
        return keys
    centres = sparse.vstack([space.centre_of(np.flatnonzero(keys == k)) for k in new])
    close = (centres @ centres.T).toarray() >= MERGE_SIMILARITY
    _, component = connected_components(sparse.csr_matrix(close), directed=False)
    keys = keys.copy()
    for position, key in enumerate(new):
        keys[keys == key] = new[np.flatnonzero(component == component[position])[0]]
    return keys


def _fresh_themes(texts, n_themes, random_state):
    """find_themes, with the automatic choice capped at MAX_THEMES for a weekly digest."""
    if n_themes is not None:
        return find_themes(texts, n_themes=n_themes, random_state=random_state)
    clusterer = ThemeClusterer(max_clusters=MAX_THEMES, graph_neighbors=_graph_neighbours(texts))
    model = ThemeModel(clusterer=clusterer, random_state=random_state).fit(texts)
    return ThemeResult(labels=model.labels_.tolist(), themes=model.themes_, model=model)


def _graph_neighbours(texts):
    """Neighbours per comment in the graph that chooses how many themes: about 3/4 of the
    square root of the distinct comments (5 to 30). With few neighbours a big week's graph
    falls into many small tight groups, so one subject showed as three or four themes."""
    distinct = len({text.casefold() for text in texts})
    return int(np.clip(round(distinct**0.5 * 0.75), 5, 30))


def _result(texts, keys, prior_ids, space):
    """Renumber themes 0..n-1 (continuing ones first), then name them and pick examples."""
    present = sorted(set(keys[keys >= 0].tolist()))
    local = {key: n for n, key in enumerate(present)}
    labels = np.array([local[k] if k >= 0 else -1 for k in keys])
    labeller = ThemeLabeller().fit(texts, labels)
    themes, continues = [], {}
    for key, n in local.items():
        members = np.flatnonzero(labels == n)
        score = space.closeness_to_centre(members)
        order = members[np.lexsort((members, -score))]
        examples = [int(i) for i in distinct_first(order, texts, N_EXAMPLES)]
        themes.append(Theme(n, labeller.names_[n], labeller.keywords_[n], len(members), examples))
        continues[n] = prior_ids[key] if key < len(prior_ids) else None
    carried = {p for p in continues.values() if p is not None}
    faded = [p for p in prior_ids if p not in carried]
    return TrackedThemes(labels.tolist(), themes, continues, faded)


def _stem_bigrams(text):
    """Word stems and stem pairs: "add to" / "on my" tell shopping_list_update from
    shopping_list, which unigram stems put in one theme."""
    return stem_ngrams(tokenise(text), 1, 2)


class _Space:
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
        vectors = self.current[members]
        centre = normalize(sparse.csr_matrix(vectors.mean(axis=0)))
        return (vectors @ centre.T).toarray().ravel()


__all__ = ["TrackedThemes", "track_themes"]
