"""Earlier themes a week's theme continues although last week's themes did not take it:
a subject that started a week or two ago and grew fast (`rising_anchor`), and one back
after a week or two without comments (`revive`). Steps of analysis/tracking.py."""

import numpy as np

from analysis.tracking_space import MIN_SIMILARITY, TrackingSpace

# A fresh theme unlike the weeks before continues a theme first seen in the last few weeks
# when this share of its comments vote for it and that theme held at least
# MIN_RISING_EARLIER (and most) of its earlier comments (rising_anchor).
RISING_VOTE_SHARE = 0.5
MIN_RISING_EARLIER = 2
# A new theme continues a dormant theme when at least this share of its comments are
# nearest that theme's centre, and close enough to join it (revive).
REVIVE_SHARE = 0.5


def rising_anchor(votes, n_members, earlier, prior, prior_ids, recent):
    """The anchor (index into prior_ids) a fresh theme unlike the weeks before continues,
    or None.

    It is the old theme at least RISING_VOTE_SHARE of the fresh theme's n_members comments
    vote for, when that theme is in `recent` (first seen in the last few weeks) and its own
    comments last week include most of the fresh theme's few earlier ones (`earlier`), and
    at least MIN_RISING_EARLIER. Such a subject started a week or two ago and is growing
    fast: calling it new again would show one outage as a new theme week after week.
    """
    if not len(votes):
        return None
    anchor = int(np.bincount(votes).argmax())
    if prior_ids[anchor] not in recent or np.sum(votes == anchor) < RISING_VOTE_SHARE * n_members:
        return None
    theirs = set(prior[prior_ids[anchor]])
    shared = sum(text in theirs for text in earlier)
    return anchor if shared >= max(MIN_RISING_EARLIER, len(earlier) / 2) else None


def revive(keys, texts, prior_groups, dormant, unlike):
    """{new theme's key: dormant theme id it continues}.

    A new theme continues a dormant theme when at least REVIVE_SHARE of its comments are
    nearest that theme's centre (among last week's and the dormant themes' centres, in a
    space fitted on all of them) and at least MIN_SIMILARITY close; not when most of its
    comments passed the test for "new" (`unlike`, step 2 in analysis/tracking.py), and
    each dormant theme at most once, the largest new theme first. A steady subject that
    had no comments for a week or two, which small weeks often give, then keeps its name
    instead of showing as new again. Taking up only whole new themes, never single
    comments, keeps a dormant theme of a related subject from absorbing an emerging one
    (benchmarks/README.md, items 22 and 23).
    """
    n_anchors = len(prior_groups)
    new = [k for k in np.unique(keys) if k >= n_anchors]
    if not dormant or not new:
        return {}
    dormant_ids = sorted(dormant)
    space = TrackingSpace(texts, [*prior_groups, *(dormant[d] for d in dormant_ids)])
    if space.empty:
        return {}
    nearest, closeness = space.nearest()
    revived = {}
    for key in sorted(new, key=lambda k: (-np.sum(keys == k), k)):
        members = np.flatnonzero(keys == key)
        votes = nearest[members][closeness[members] >= MIN_SIMILARITY]
        if unlike[members].mean() > 0.5 or not len(votes):
            continue
        top = int(np.bincount(votes).argmax())
        if top < n_anchors or np.sum(votes == top) < REVIVE_SHARE * len(members):
            continue
        theme_id = dormant_ids[top - n_anchors]
        if theme_id not in revived.values():
            revived[key] = theme_id
    return revived


__all__ = ["MIN_RISING_EARLIER", "REVIVE_SHARE", "RISING_VOTE_SHARE", "revive", "rising_anchor"]
