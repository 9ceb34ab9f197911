"""The measures behind benchmarks/story.py, on plain lists: true topics beside theme ids.

A theme id of None or -1 means the comment is in no theme. Every function takes one
service-week (or two consecutive ones) so it can be checked on tiny hand-made cases.
"""

from collections import Counter

from sklearn.cluster import KMeans
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.metrics import normalized_mutual_info_score

from analysis.text import is_stop_phrase, stem, tokenise
from app import DEFAULTS

PURITY = 0.6
COVERAGE = 0.5
LABEL_SUPPORT = 0.4
# The fewest comments a theme is shown with to staff.
MIN_SHOWN = DEFAULTS["ANONYMITY_THRESHOLD"]


def placed(theme):
    """True when a comment is in a theme."""
    return theme is not None and theme != -1


def placed_share(themes):
    """Share of comments in a theme (None with no comments)."""
    themes = list(themes)
    return sum(placed(t) for t in themes) / len(themes) if themes else None


def shown_as_one_theme(truth, themes, topic, allowed=None, purity=PURITY, coverage=COVERAGE):
    """True when one theme (from `allowed`, if given) is >= purity this topic and holds
    >= coverage of the topic's comments."""
    of_topic = Counter(t for t, topic_of in zip(themes, truth, strict=True) if topic_of == topic)
    total = sum(of_topic.values())
    if not total:
        return False
    sizes = Counter(t for t in themes if placed(t))
    for theme, count in of_topic.items():
        if not placed(theme) or (allowed is not None and theme not in allowed):
            continue
        if count >= coverage * total and count >= purity * sizes[theme]:
            return True
    return False


def shown_new(themes, first, week):
    """How many themes first seen in `week` ({theme: first week}) hold at least MIN_SHOWN
    of the week's comments (one theme per comment): the themes staff see marked New."""
    sizes = Counter(t for t in themes if placed(t))
    return sum(1 for t, n in sizes.items() if first[t] == week and n >= MIN_SHOWN)


def main_theme(truth, themes, topic):
    """The theme holding most of a topic's placed comments (smallest id on a tie), or None."""
    counts = Counter(t for t, topic_of in zip(themes, truth, strict=True) if topic_of == topic)
    counts = {t: n for t, n in counts.items() if placed(t)}
    if not counts:
        return None
    return min(counts, key=lambda t: (-counts[t], t))


def themes_per_topic(truth, themes):
    """Themes in the week per true topic with comments that week."""
    topics = set(truth)
    return len({t for t in themes if placed(t)}) / len(topics) if topics else None


def as_singletons(themes):
    """Theme ids as integers with each unplaced comment a cluster of its own."""
    ids = {}
    out = []
    for n, theme in enumerate(themes):
        key = ("theme", theme) if placed(theme) else ("alone", n)
        out.append(ids.setdefault(key, len(ids)))
    return out


def weekly_nmi(truth, themes):
    """NMI of the themes against the true topics, unplaced comments counted as singletons."""
    return float(normalized_mutual_info_score(list(truth), as_singletons(themes)))


def naive_themes(texts, k, random_state=0):
    """The baseline: TF-IDF then k-means told the true number of topics."""
    texts = list(texts)
    k = max(1, min(k, len(set(texts))))
    vectors = TfidfVectorizer().fit_transform(texts)
    model = KMeans(n_clusters=k, n_init=3, random_state=random_state)
    return model.fit_predict(vectors).tolist()


def content_stems(label):
    """Stems of the label's words that carry meaning (stop words and numbers left out)."""
    return sorted({stem(word) for word in tokenise(label) if not is_stop_phrase([word])})


def label_supported(label, comments, share=LABEL_SUPPORT):
    """True when every content word of the label (by stem) is in >= share of the comments."""
    wanted = content_stems(label)
    comments = list(comments)
    if not wanted or not comments:
        return False
    stems = [{stem(word) for word in tokenise(text)} for text in comments]
    return all(sum(w in s for s in stems) >= share * len(comments) for w in wanted)


__all__ = [
    "content_stems",
    "label_supported",
    "main_theme",
    "naive_themes",
    "placed_share",
    "shown_as_one_theme",
    "themes_per_topic",
    "weekly_nmi",
]
