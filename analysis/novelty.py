"""Is a subject new this week? The stated test, and the groups of comments it is tried on.

A group holding `members` of this week's n comments and `held` of the C earlier comments is
new when `held` is significantly below what a subject NEW_RATE times as common before would
give (one-sided binomial at NEW_ALPHA; see `unlike_before`). The test is tried on the fresh
themes (analysis/tracking.py), on halves of a fresh theme that grew (`split_grown`), and on
the branches of a tree of all the comments (`seek_novel`): at a council's small volumes a
new subject has three or four comments in its first week, too few for the clustering to
give them a theme of their own.

The earlier comments are the weeks just before, which are clustered with this week's, and
older weeks' comments, which are only counted: each is counted in the fresh theme of the
clustered comment nearest to it (`nearest_labels`). With eight weeks of comments behind a
week, three comments that no earlier comment resembles are enough to pass the test.
"""

import warnings

import numpy as np
from scipy.cluster.hierarchy import linkage
from scipy.stats import binom
from sklearn.cluster import KMeans
from sklearn.exceptions import ConvergenceWarning

# The subject was at most half as common before: steady subjects sit at twice this rate, so
# they are far from the line. The same test at a rate of 1 says a group grew.
NEW_RATE = 0.5
NEW_ALPHA = 0.01
# The fewest comments a new theme may have (the smallest group Pulse shows to staff).
MIN_GROUP = 3
# Past this many comments in a week, a subject big enough to show (3% of the week: 12 or
# more comments) passes the test as a fresh theme of its own against as many earlier
# comments as the week has ((2/3)^12 < 0.01): older weeks are not read, no groups sought.
SEEK_MAX = 400
# Shuffled weeks that set the bar for a branch of seek_novel's tree: enough that a group
# which one week in 500 would make by chance is told from one that one in 100 would.
SHUFFLES = 999

__all__ = ["SEEK_MAX", "nearest_labels", "seek_novel", "split_grown", "unlike_before"]


def unlike_before(members, held, n_now, n_before, rate=NEW_RATE):
    """True when a group of `members` of this week's n_now comments and `held` of the
    n_before earlier ones holds significantly fewer earlier comments than a subject `rate`
    times as common before would (at rate 1: the group grew)."""
    if not n_before or members < MIN_GROUP:
        return False
    expected = rate * n_before / (rate * n_before + n_now)
    return binom.cdf(held, members + held, expected) < NEW_ALPHA


def nearest_labels(vectors, n_clustered, labels):
    """Fresh theme of each row after the first n_clustered: the theme of the clustered row
    nearest to it. Nearest comment, not nearest centre: a small theme's centre is near every
    comment of a subject no theme has, so the subject would seem common before."""
    if len(vectors) == n_clustered:
        return np.zeros(0, dtype=int)
    similarity = vectors[n_clustered:] @ vectors[:n_clustered].T
    return np.asarray(labels)[similarity.argmax(axis=1)]


def split_grown(labels, n_now, vectors_of):
    """Split a fresh theme that grew in two when one half is unlike the weeks before: a new
    subject clustered with an older one whose words it shares. The first n_now rows are this
    week's; vectors_of(rows) gives the rows' vectors. Returns the labels."""
    labels = labels.copy()
    n_before = len(labels) - n_now
    if not n_before:
        return labels
    next_id = labels.max() + 1
    for theme_id in np.unique(labels[labels >= 0]):
        members = np.flatnonzero(labels == theme_id)
        now = int(np.sum(members < n_now))
        held = len(members) - now
        if now < 2 * MIN_GROUP or not unlike_before(now, held, n_now, n_before, rate=1):
            continue
        with warnings.catch_warnings():  # identical comments make one "half" empty
            warnings.simplefilter("ignore", ConvergenceWarning)
            halves = KMeans(2, n_init=3, random_state=0).fit_predict(vectors_of(members))
        for half in (0, 1):
            part = members[halves == half]
            part_now = int(np.sum(part < n_now))
            if unlike_before(part_now, len(part) - part_now, n_now, n_before):
                labels[part] = next_id
                next_id += 1
                break
    return labels


def seek_novel(labels, vectors, n_now):
    """Give a group of comments that passes the test for "new" a fresh theme of its own.
    The first n_now rows are this week's. Returns the labels.

    The groups tried are the branches of an average-linkage tree of all the comments, this
    week's and earlier ones alike: built blind to which week a comment came from, so the
    test on a branch is as fair as on a whole theme. (A group chosen for holding this
    week's comments would pass by chance far more often than NEW_ALPHA; that was measured,
    see benchmarks/README.md.) Many branches are tried, so one would often pass by chance
    alone: a passing branch must also stand further apart from the rest of the tree (the
    height at which it joins it, less its own height) than the most apart passing branch
    does in all but NEW_ALPHA of SHUFFLES weeks made by shuffling which comments are this
    week's. So a week like the weeks before gets a theme from this search about once in 100
    at most. The largest branches that pass, with at least MIN_GROUP of this week's
    comments outside fresh themes already new, become fresh themes.
    """
    n_before = len(labels) - n_now
    if not n_before or n_now < MIN_GROUP or n_now > SEEK_MAX:
        return labels
    tree = linkage(vectors, method="average", metric="cosine")
    children = tree[:, :2].astype(int)
    is_now = np.arange(len(vectors)) < n_now
    rng = np.random.default_rng(0)
    weeks = np.column_stack([is_now, *(rng.permutation(is_now) for _ in range(SHUFFLES))])
    now = _branch_sums(children, weeks.astype(float))
    size = _branch_sums(children, np.ones((len(vectors), 1)))
    expected = NEW_RATE * n_before / (NEW_RATE * n_before + n_now)
    unlike = now >= MIN_GROUP
    sizes = np.broadcast_to(size, now.shape)[unlike]
    unlike[unlike] = binom.cdf(sizes - now[unlike], sizes, expected) < NEW_ALPHA
    # How far a branch stands apart: the height at which it joins the rest of the tree,
    # less its own height.
    heights = np.concatenate([np.zeros(len(vectors)), tree[:, 2]])
    parent = np.zeros(len(heights), dtype=int)
    parent[children.ravel()] = np.repeat(np.arange(len(vectors), len(heights)), 2)
    apart = np.where(np.arange(len(heights)) < len(heights) - 1, heights[parent] - heights, 0)
    score = np.where(unlike, apart[:, None], -1.0)
    by_chance = score[:, 1:].max(axis=0)
    family = (1 + (by_chance[None, :] >= score[:, :1]).sum(axis=1)) / (1 + SHUFFLES)
    passing = unlike[:, 0] & (family < NEW_ALPHA)
    labels = labels.copy()
    # A fresh theme that is new as a whole keeps its comments: a branch inside it would
    # only cut the new subject in two.
    taken = np.isin(
        labels, [t for t in np.unique(labels[labels >= 0]) if _passes(labels == t, n_now)]
    )
    next_id = labels.max() + 1
    for branch in _largest(children, passing, len(vectors)):
        rows = _leaves(children, branch, len(vectors))
        rows = rows[~taken[rows]]
        if np.sum(rows < n_now) >= MIN_GROUP:
            labels[rows] = next_id
            next_id += 1
    return labels


def _passes(marked, n_now):
    """Whether the rows marked True (the first n_now are this week's) pass the test for
    "new" as one group."""
    now = int(marked[:n_now].sum())
    return unlike_before(now, int(marked[n_now:].sum()), n_now, len(marked) - n_now)


def _branch_sums(children, values):
    """values (one row per comment) summed over every branch of the tree: leaves first,
    then each merge in order."""
    sums = np.zeros((2 * len(values) - 1, values.shape[1]))
    sums[: len(values)] = values
    for step, (left, right) in enumerate(children):
        sums[len(values) + step] = sums[left] + sums[right]
    return sums


def _largest(children, passing, n_rows):
    """The passing branches not inside a larger passing branch, from the root down."""
    found, stack = [], [2 * n_rows - 2]
    while stack:
        branch = stack.pop()
        if passing[branch]:
            found.append(branch)
        elif branch >= n_rows:
            stack.extend(children[branch - n_rows])
    return sorted(found)


def _leaves(children, branch, n_rows):
    """The rows under a branch of the tree."""
    rows, stack = [], [branch]
    while stack:
        node = stack.pop()
        if node < n_rows:
            rows.append(node)
        else:
            stack.extend(children[node - n_rows])
    return np.asarray(rows)
