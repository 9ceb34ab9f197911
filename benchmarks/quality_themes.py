"""How well find_themes recovers CLINC150's 150 intents (test split, 4,500 short requests).

Run from the project root: ``.venv/bin/python -m benchmarks.quality_themes``.
Comments left in no theme (-1) count as singletons when scoring, so leaving a comment out
is never free. The labels are used only for scoring, never for fitting.

What was tried, and the figures that decided it, is in benchmarks/README.md.
"""

import json
import os
from pathlib import Path

import numpy as np
from sklearn.metrics import adjusted_rand_score, normalized_mutual_info_score

from analysis import find_themes

SEEDS = (0, 1, 2)


def data_dir() -> Path:
    """The shared evaluation data folder (PULSE_SHARED_DATA overrides)."""
    override = os.environ.get("PULSE_SHARED_DATA")
    if override:
        return Path(override)
    return Path(__file__).resolve().parents[1].parent / "shared" / "data"


def load_clinc(split: str = "test") -> tuple[list[str], list[str]] | None:
    """CLINC150 texts and intents for one split, or None when the data is absent."""
    path = data_dir() / "clinc150" / "data_full.json"
    if not path.is_file():
        return None
    rows = json.loads(path.read_text(encoding="utf-8"))[split]
    return [text for text, _ in rows], [intent for _, intent in rows]


def as_singletons(labels) -> np.ndarray:
    """Give every -1 its own cluster id, so scoring treats it as a cluster of one."""
    labels = np.array(labels)
    missing = labels < 0
    labels[missing] = labels.max(initial=-1) + 1 + np.arange(missing.sum())
    return labels


def score(truth, labels) -> tuple[float, float]:
    """NMI and ARI against the true intents, -1s as singletons."""
    predicted = as_singletons(labels)
    return (normalized_mutual_info_score(truth, predicted), adjusted_rand_score(truth, predicted))


def report() -> None:
    """Print NMI/ARI per seed and their mean for n_themes=150 and n_themes=None."""
    data = load_clinc()
    if data is None:
        print(f"CLINC150 not found under {data_dir()}: skipping the theme quality benchmark.")
        return
    texts, intents = data
    print(f"CLINC150 test split: {len(texts)} comments, {len(set(intents))} intents")
    print(
        "targets: NMI >= 0.80 and ARI >= 0.45 (mean of seeds); reference TF-IDF+KMeans "
        "NMI 0.633, TF-IDF->LSA->KMeans NMI 0.720"
    )
    last = None
    for n_themes in (150, None):
        rows = []
        for seed in SEEDS:
            result = find_themes(texts, n_themes=n_themes, random_state=seed)
            nmi, ari = score(intents, result.labels)
            outside = sum(label < 0 for label in result.labels)
            rows.append((nmi, ari, len(result.themes)))
            print(
                f"  n_themes={n_themes!s:>4} seed={seed}: NMI {nmi:.3f}  ARI {ari:.3f}  "
                f"themes {len(result.themes):3d}  in no theme {outside}"
            )
            last = result
        nmi, ari, k = np.mean(rows, axis=0)
        chosen = ", ".join(str(row[2]) for row in rows)
        print(
            f"  n_themes={n_themes!s:>4} mean:   NMI {nmi:.3f}  ARI {ari:.3f}  "
            f"(themes per seed: {chosen}; mean {k:.0f})"
        )
    print("Ten theme labels (n_themes=None, last seed), every 15th by size:")
    for theme in last.themes[::15][:10]:
        print(f"  {theme.size:4d}  {theme.label!r:34} keywords: {', '.join(theme.keywords[:4])}")


if __name__ == "__main__":
    report()
