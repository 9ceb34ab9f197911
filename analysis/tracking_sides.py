"""A new theme keeps to one side of its ratings: the other side's comments go back.

A new theme whose middle rating is clearly on one side (median at most NEGATIVE_RATING:
a new complaint; at least POSITIVE_RATING: new praise) is what changed this week as people
felt it. Its comments rated on the other side, when close enough to join the old theme they
are nearest to, are mostly that older subject's comments which share the new one's words
("what is my credit limit", rated 4, inside a new "increase my credit limit" theme rated 1s
and 2s), so they go back to it. The rating is the citizen's own judgement of the visit,
which tells these apart where the words alone do not. Figures: benchmarks/README.md, item 25.
"""

import numpy as np

from analysis.sentiment_split import NEGATIVE_RATING, POSITIVE_RATING
from analysis.tracking_space import MIN_SIMILARITY


def other_side_back(keys, n_anchors, ratings, nearest_old, min_left):
    """Keys after a one-sided new theme's other-side comments go back to their old theme.

    keys: each comment's anchor index (below n_anchors) or new theme key (n_anchors and up);
    ratings: each comment's 1-5 rating; nearest_old: (nearest old theme, closeness to it)
    per comment. They go back only while at least min_left comments stay in the new theme,
    and they go back even to an old theme the new one had emptied: that subject carries on.
    """
    nearest, closeness = nearest_old
    moved = keys.copy()
    for key in np.unique(keys[keys >= n_anchors]):
        members = np.flatnonzero(keys == key)
        middle = np.median(ratings[members])
        if middle <= NEGATIVE_RATING:
            other = ratings[members] >= POSITIVE_RATING
        elif middle >= POSITIVE_RATING:
            other = ratings[members] <= NEGATIVE_RATING
        else:
            continue
        back = members[other & (closeness[members] >= MIN_SIMILARITY)]
        if len(members) - len(back) >= min_left:
            moved[back] = nearest[back]
    return moved


__all__ = ["other_side_back"]
