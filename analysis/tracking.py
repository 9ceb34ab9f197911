"""Theme identity across weeks: which of this week's themes continue last week's.

Last week's themes are the anchors. This week's comments are themed afresh too, so that
something genuinely new still shows up:

1. Find themes from scratch among this week's comments and as many earlier ones (the weeks
   just before, at least CONTEXT_TARGET in all): a small week is not themed alone, and a
   subject the earlier weeks lack is seen to lack them. A fresh theme that grew is split in
   two when one half is a subject the earlier weeks lack.
2. A fresh theme is new when the earlier comments join it far less than this week's do (a
   stated binomial test, analysis/novelty.py; in a small week older weeks' comments are
   counted too, and the branches of a tree of all the comments are tested on their own),
   or when its comments hardly vote for any one old theme (each votes for the old theme
   whose centre it is nearest to, in a word-stem 1-2-gram TF-IDF space fitted on both
   weeks, if close enough). It keeps its comments and gets a new id, even when it shares
   words with an old theme. But a subject whose theme first showed a week or two ago, and
   has grown since, continues that theme (`rising_anchor`): one outage is new once.
3. Every other comment joins the old theme it is nearest to, if close enough; an old theme
   that gathers too few comments (`_kept_at`) has faded.
4. What no old theme took is gathered, not dropped: a fresh theme's leftovers form a new
   theme, new themes alike enough are one, a new theme alike an old one continues it (unless
   the test in step 2 made it new), comments nearer an old theme than their new one go back
   to it (analysis/tracking_new.py), and a new theme too small to show (MIN_NEW_SHARE)
   gives its comments to their nearest theme, a new one only if close enough
   (`_floor_new`). Last, in a small week, a fresh theme most of whose comments ended in one
   theme goes whole to it, save those in new themes and those far from a new theme it
   goes to (`_follow_mates`). So a new subject shows once, in the week it starts, and
   every comment is in a theme.
   A new theme rated clearly on one side gives its comments rated on the other side back
   to the old theme they are nearest (`other_side_back`): a new complaint's theme does not
   keep an older subject's satisfied comments that share its words.
5. A new theme most of whose comments are nearest a theme that had none last week but was
   there a few weeks before (`dormant`) is that subject back after a gap: it continues that
   theme (`revive`), unless the test in step 2 made it new.

Anchoring continuing themes to last week's centres, rather than matching two separate
clusterings afterwards, keeps an id's meaning steady. The thresholds below were chosen with
benchmarks/tracking.py and benchmarks/story.py; what else was tried, and its figures, is in
benchmarks/README.md.
"""

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
from scipy import sparse

from analysis.cluster import ThemeClusterer
from analysis.labels import ThemeLabeller
from analysis.novelty import SEEK_MAX, nearest_labels, seek_novel, split_grown, unlike_before
from analysis.text import distinct_first
from analysis.themes import Theme, ThemeModel, ThemeResult, find_themes
from analysis.tracking_new import (
    claim_for_new,
    join_alike_anchors,
    merge_new,
    release_to_old,
)
from analysis.tracking_returns import revive, rising_anchor
from analysis.tracking_sides import other_side_back
from analysis.tracking_space import MIN_SIMILARITY, TrackingSpace

# A fresh theme is new when no single old theme gets this share of its comments' votes
# (comments far from every old centre do not vote).
MIN_VOTE_SHARE = 0.15
# An old theme with fewer comments than this this week has faded (fewer in a small week:
# see _kept_at).
MIN_CONTINUING = 3
# In a week of at most this many comments, a fresh theme most of whose comments ended in
# one theme goes whole to it (_follow_mates).
MATES_MAX = 100
# A theme first seen this week must hold this share of the week's comments (and at least
# MIN_CONTINUING): smaller groups are stray phrasings of a theme already there.
MIN_NEW_SHARE = 0.03
# This week's comments are themed beside at least this many in all, or beside as many
# earlier comments as the week has.
CONTEXT_TARGET = 200
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
    context: Sequence[str] | None = None,
    history: Sequence[str] = (),
    recent: Collection[int] = frozenset(),
    dormant: Mapping[int, Sequence[str]] | None = None,
    n_themes: int | None = None,
    ratings: Sequence[int] | None = None,
    random_state: int = 0,
) -> TrackedThemes:
    """Theme this week's comments, continuing last week's themes where they carry on.

    prior maps last week's theme ids to their member texts; context holds earlier weeks'
    comments, newest first, to theme beside this week's (last week's members when None);
    history holds older weeks' comments, only counted when judging what is new; recent
    holds the ids among prior's that were first seen in the last few weeks; dormant maps
    the ids of themes with no comments last week but some a few weeks before to their
    member texts then; ratings holds each comment's 1-5 rating, when known.
    """
    texts = list(texts)
    prior_ids = sorted(p for p in prior if prior[p])
    prior_groups = [prior[p] for p in prior_ids]
    space = TrackingSpace(texts, prior_groups) if prior_ids else None
    if space is None or space.empty or not texts:
        fresh = _fresh_themes(texts, n_themes, random_state)
        revived = {}
        if not prior_ids:  # a week after one without comments
            unlike = np.zeros(len(texts), dtype=bool)
            revived = revive(np.asarray(fresh.labels), texts, [], dormant or {}, unlike)
        continues = {theme.id: revived.get(theme.id) for theme in fresh.themes}
        return TrackedThemes(fresh.labels, fresh.themes, continues, prior_ids)
    context = _context(texts, prior, context)
    fresh = _fresh_themes(texts + context, n_themes, random_state)
    labels, n_earlier = _fresh_labels(fresh, texts, context, history)
    fresh_labels, context_labels = labels[: len(texts)], labels[len(texts) :]

    nearest, closeness = space.nearest()
    # Step 2: fresh themes unlike the weeks before, or like no one old theme, are new.
    new_fresh, rising, unlike = [], {}, np.zeros(len(texts), dtype=bool)
    for theme_id in np.unique(fresh_labels[fresh_labels >= 0]):
        members = np.flatnonzero(fresh_labels == theme_id)
        votes = nearest[members][closeness[members] >= MIN_SIMILARITY]
        top_share = np.bincount(votes).max() / len(members) if len(votes) else 0.0
        held = int(np.sum(context_labels == theme_id))
        if unlike_before(len(members), held, len(texts), n_earlier):
            earlier = [
                context[i] for i in np.flatnonzero(context_labels[: len(context)] == theme_id)
            ]
            anchor = rising_anchor(votes, len(members), earlier, prior, prior_ids, recent)
            if anchor is not None:
                rising[theme_id] = anchor
                continue
            unlike[members] = True
            new_fresh.append(theme_id)
        elif top_share < MIN_VOTE_SHARE:
            new_fresh.append(theme_id)
    # Step 3: everything else joins the nearest old theme, if close enough.
    keys = np.full(len(texts), -1)  # anchor index, or len(prior_ids) + position in new_fresh
    for position, theme_id in enumerate(new_fresh):
        keys[fresh_labels == theme_id] = len(prior_ids) + position
    for theme_id, anchor in rising.items():
        keys[fresh_labels == theme_id] = anchor
    joinable = (keys == -1) & (closeness >= MIN_SIMILARITY)
    keys[joinable] = nearest[joinable]
    counts = np.bincount(keys[keys >= 0], minlength=len(prior_ids) + len(new_fresh))
    kept = _kept_at(len(texts))
    for anchor in range(len(prior_ids)):
        if 0 < counts[anchor] < kept:
            keys[keys == anchor] = -1
    keys = _gather_leftovers(
        keys, fresh_labels, len(prior_ids), space, unlike, (nearest, closeness)
    )
    if ratings is not None:
        least = max(MIN_CONTINUING, MIN_NEW_SHARE * len(texts))
        keys = other_side_back(
            keys, len(prior_ids), np.asarray(ratings), (nearest, closeness), least
        )
    revived = revive(keys, texts, prior_groups, dormant or {}, unlike)
    return _result(texts, keys, prior_ids, space, revived)


def _kept_at(n_comments):
    """Comments an old theme needs this week to carry on: MIN_CONTINUING, or MIN_NEW_SHARE
    of a small week (at least one). In a week of 30 comments a steady subject often has
    only one or two; dropping its theme then would start it afresh next week."""
    return int(np.clip(round(MIN_NEW_SHARE * n_comments), 1, MIN_CONTINUING))


def _gather_leftovers(keys, fresh_labels, n_anchors, space, unlike, nearest_old):
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
    keys = merge_new(keys, n_anchors, space)
    keys = join_alike_anchors(keys, n_anchors, space, unlike)
    keys = claim_for_new(keys, n_anchors, space)
    keys = release_to_old(keys, n_anchors, space, nearest_old)
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
    similarity = _floor_new((space.current @ centres.T).toarray(), destinations >= n_anchors)
    best = destinations[similarity.argmax(axis=1)]
    left = (keys == -1) & (similarity.max(axis=1) > 0)
    keys[left] = best[left]
    if len(keys) > MATES_MAX:
        return keys
    return _follow_mates(keys, fresh_labels, n_anchors, space)


def _floor_new(similarity, is_new):
    """Closeness of each comment to each destination, with a new theme counted only where
    the comment's cosine to its centre is at least MIN_SIMILARITY. A leftover that fits no theme
    well is better in the old theme it is nearest than in a new one: joined to a new theme
    it makes a new subject's first theme impure, and a reader then misses the subject
    (benchmarks/README.md, item 27). A comment near nothing but new themes keeps its
    nearest one."""
    floored = np.where(is_new & (similarity < MIN_SIMILARITY), 0.0, similarity)
    near_only_new = floored.max(axis=1) <= 0
    floored[near_only_new] = similarity[near_only_new]
    return floored


def _follow_mates(keys, fresh_labels, n_anchors, space):
    """A fresh theme more than half of whose comments ended in one theme goes whole to it:
    placed one by one against old centres, a fresh theme's comments scatter over old themes
    that share a word with them, and the fresh clustering, which saw all the comments
    together, is the better judge of which belong together. Two kinds of comment stay:
    those in a new theme, and, when the theme gone to is new, those at cosine under
    MIN_SIMILARITY to its centre, which would make a new subject's first theme impure
    (benchmarks/README.md, item 28). In a small week this makes the themes agree with the
    true subjects markedly more; past MATES_MAX comments it lost the emerging subject in
    some medium stories and agreed less at large volume (item 21)."""
    moved, centres = keys.copy(), {}
    for theme in np.unique(fresh_labels[fresh_labels >= 0]):
        members = np.flatnonzero(fresh_labels == theme)
        values, counts = np.unique(keys[members], return_counts=True)
        to = values[counts.argmax()]
        if to >= 0 and counts.max() > len(members) / 2:
            staying = keys[members] >= n_anchors
            if to >= n_anchors:
                if to not in centres:  # keys, not moved: each new theme's centre is fixed
                    centres[to] = space.centre_of(np.flatnonzero(keys == to))
                near = (space.current[members] @ centres[to].T).toarray().ravel()
                staying |= near < MIN_SIMILARITY
            moved[members[~staying]] = to
    return moved


def _fresh_labels(fresh, texts, context, history):
    """Fresh theme of this week's comments, then of the earlier ones: the context's from
    the clustering, older weeks' (`history`, read in a small week only) by nearest_labels.
    A grown theme is split and novel groups are sought (analysis/novelty.py). Returns the
    labels and how many earlier comments they include."""
    labels = np.asarray(fresh.labels)
    clustered = texts + context
    if fresh.model.pipeline_ is None:  # not a word to place comments by
        return labels, len(context)
    if len(texts) > SEEK_MAX:
        return split_grown(labels, len(texts), _vectoriser(fresh.model, clustered)), len(context)
    vectors = fresh.model.transform(clustered + list(history))
    older = nearest_labels(vectors, len(clustered), labels)
    labels = split_grown(np.concatenate([labels, older]), len(texts), vectors.__getitem__)
    return seek_novel(labels, vectors, len(texts)), len(vectors) - len(texts)


def _vectoriser(model, texts):
    """vectors_of(rows) for split_grown: the model's vectors of those of texts."""
    return lambda rows: model.transform([texts[i] for i in rows])


def context_size(n_comments):
    """How many earlier comments a week of n_comments is themed beside."""
    return max(CONTEXT_TARGET - n_comments, n_comments)


def _context(texts, prior, context):
    """The earlier comments to theme beside this week's: the newest of `context`, or an
    even sample of last week's theme members."""
    want = context_size(len(texts))
    if context is not None:
        return list(context[:want])
    pool = [t for p in sorted(prior) for t in prior[p]]
    if len(pool) <= want:
        return pool
    step = len(pool) / want
    return [pool[int(i * step)] for i in range(want)]


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


def _result(texts, keys, prior_ids, space, revived):
    """Renumber themes 0..n-1 (continuing ones first), then name them and pick examples;
    revived maps new themes' keys to the dormant theme ids they continue."""
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
        continues[n] = prior_ids[key] if key < len(prior_ids) else revived.get(key)
    carried = {p for p in continues.values() if p is not None}
    faded = [p for p in prior_ids if p not in carried]
    return TrackedThemes(labels.tolist(), themes, continues, faded)


__all__ = ["TrackedThemes", "context_size", "track_themes"]
