"""Step 4 of analysis/tracking.py, for the new themes a week's leftovers form: alike new
themes are one (`merge_new`), a new theme alike an old one continues it
(`join_alike_anchors`), a comment an old theme took moves to a nearer new theme
(`claim_for_new`) and one in a new theme nearer an old theme goes back (`release_to_old`).
Keys are anchor indexes below n_anchors and new themes from n_anchors on; -1 is unplaced.
"""

import numpy as np
from scipy import sparse
from scipy.sparse.csgraph import connected_components

from analysis.tracking_space import MIN_SIMILARITY

# New themes whose centres are at least this close (cosine) are one new theme.
MERGE_SIMILARITY = 0.3


def claim_for_new(keys, n_anchors, space):
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


def release_to_old(keys, n_anchors, space, nearest_old):
    """A comment in a new theme that is nearer an old theme's centre (and close enough to
    join it) than its new theme's goes back to the old theme: a new subject's theme keeps to
    the new subject rather than taking older ones' comments that were clustered with it.
    nearest_old is space.nearest(), worked out once by track_themes."""
    new = [k for k in np.unique(keys) if k >= n_anchors]
    if not new or not n_anchors:
        return keys
    nearest, closeness = nearest_old
    keys = keys.copy()
    moving = np.zeros(len(keys), dtype=bool)
    for key in new:
        members = np.flatnonzero(keys == key)
        own = space.closeness_to_centre(members)
        back = (closeness[members] >= MIN_SIMILARITY) & (closeness[members] > own)
        moving[members[back]] = True
    keys[moving] = nearest[moving]
    return keys


def join_alike_anchors(keys, n_anchors, space, unlike):
    """A new theme whose centre is within MERGE_SIMILARITY of an old theme's centre is that
    old theme said in other words: it continues it rather than showing twice."""
    new = [k for k in np.unique(keys) if k >= n_anchors]
    if not new or not n_anchors:
        return keys
    centres = sparse.vstack([space.centre_of(np.flatnonzero(keys == k)) for k in new])
    similarity = (centres @ space.centres.T).toarray()
    keys = keys.copy()
    for position, key in enumerate(new):
        if unlike[keys == key].mean() > 0.5:
            continue
        if similarity[position].max() >= MERGE_SIMILARITY:
            keys[keys == key] = similarity[position].argmax()
    return keys


def merge_new(keys, n_anchors, space):
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


__all__ = ["MERGE_SIMILARITY", "claim_for_new", "join_alike_anchors", "merge_new", "release_to_old"]
