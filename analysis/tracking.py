"""Theme identity across weeks: which of this week's themes continue last week's."""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from scipy.optimize import linear_sum_assignment
from sklearn.feature_extraction.text import TfidfVectorizer

from analysis.themes import find_themes

# Below this cosine similarity two themes are different themes, whatever the matching says.
MIN_SIMILARITY = 0.3


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
    """Find this week's themes and match each to the prior theme it continues.

    prior maps last week's theme ids to their member texts.
    """
    result = find_themes(texts, n_themes=n_themes, random_state=random_state)
    members = {
        theme.id: [texts[i] for i, lab in enumerate(result.labels) if lab == theme.id]
        for theme in result.themes
    }
    continues = _match(members, prior)
    matched = {p for p in continues.values() if p is not None}
    faded = sorted(p for p in prior if p not in matched)
    return TrackedThemes(result.labels, result.themes, continues, faded)


def _match(members, prior):
    """Pair new and prior themes one-to-one by the similarity of their comments."""
    new_ids = sorted(members)
    prior_ids = sorted(prior)
    continues = {theme_id: None for theme_id in new_ids}
    if not new_ids or not prior_ids:
        return continues
    documents = [" ".join(members[t]) for t in new_ids] + [" ".join(prior[p]) for p in prior_ids]
    try:
        matrix = TfidfVectorizer(sublinear_tf=True).fit_transform(documents)
    except ValueError:  # nothing but stop words or empty text on both sides
        return continues
    similarity = (matrix[: len(new_ids)] @ matrix[len(new_ids) :].T).toarray()
    rows, cols = linear_sum_assignment(-similarity)
    for row, col in zip(rows, cols, strict=True):
        if similarity[row, col] >= MIN_SIMILARITY:
            continues[new_ids[row]] = prior_ids[col]
    return continues


__all__ = ["TrackedThemes", "track_themes"]
