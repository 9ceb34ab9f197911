"""Does a theme keep its id from week to week? Measured on CLINC150 split into four 'weeks'.

All in-scope CLINC150 rows (150 intents) are shuffled into 4 weeks. Week 1's themes get new
ids; each later week is themed with the previous week's themes as prior, exactly as the
weekly run does. For every id present in two consecutive weeks we check whether its
majority intent is the same. Target: >= 0.90, over all ids of five random splits (one
split alone varies by about 0.01 either way; the lowest split is printed too).

For comparison it also prints a ceiling: the stability if each intent's comments this week
spread over the ids exactly as that intent's comments did last week (drawn at random in
last week's proportions). A theme that mixes two intents of similar size then changes
majority by chance alone, so a tracker that keeps last week's themes as they were cannot
expect to beat it; only purer themes can.

    .venv/bin/python -m benchmarks.tracking [--seeds 0 1 2 3 4] [--n-themes 150]
"""

import argparse
import json
import random
import time
from collections import Counter

from benchmarks.quality_themes import data_dir

WEEKS = 4
# As the data README's reference points, the number of themes is given: one per intent.
N_INTENTS = 150
# Each seed is one random split into weeks; one split alone moves by about +-0.01.
SEEDS = (0, 1, 2, 3, 4)


def load_rows():
    """[(text, intent)] of every in-scope row, or None when the data is absent."""
    path = data_dir() / "clinc150" / "data_full.json"
    if not path.exists():
        return None
    data = json.loads(path.read_text(encoding="utf-8"))
    return [tuple(row) for split in ("train", "val", "test") for row in data[split]]


def run(rows, seed, n_themes):
    """Theme each week with tracking.

    Returns per transition: (ids carried on, how many kept their majority intent, themes
    before, themes after, ids in the ceiling's draw, how many of those kept it).
    """
    from analysis.tracking import track_themes

    rng = random.Random(seed)
    rows = rows[:]
    rng.shuffle(rows)
    weeks = [rows[i::WEEKS] for i in range(WEEKS)]
    next_id = 0
    prior = {}
    history = []  # per week: {stable id: Counter of intents}
    for week in weeks:
        texts = [text for text, _ in week]
        tracked = track_themes(texts, prior, n_themes=n_themes, random_state=seed)
        stable = {}
        for theme in tracked.themes:
            previous = tracked.continues.get(theme.id)
            if previous is None:
                previous, next_id = next_id, next_id + 1
            stable[theme.id] = previous
        intents, members = {}, {}
        for (text, intent), label in zip(week, tracked.labels, strict=True):
            if label == -1:
                continue
            sid = stable[label]
            intents.setdefault(sid, Counter())[intent] += 1
            members.setdefault(sid, []).append(text)
        history.append(intents)
        prior = members
    results = []
    for before, after, week in zip(history, history[1:], weeks[1:], strict=False):
        kept, same = _same_majority(before, after)
        ceiling = _same_majority(before, _spread_as_before(before, week, rng))
        results.append((kept, same, len(before), len(after), *ceiling))
    return results


def _same_majority(before, after):
    """(ids present in both weeks, how many of them have the same majority intent)."""
    shared = set(before) & set(after)
    same = sum(
        1 for sid in shared if before[sid].most_common(1)[0][0] == after[sid].most_common(1)[0][0]
    )
    return len(shared), same


def _spread_as_before(before, week, rng):
    """{id: Counter of intents} if each comment went to an id its intent used last week."""
    spread = {}
    for sid, intents in before.items():
        for intent, count in intents.items():
            spread.setdefault(intent, ([], []))
            spread[intent][0].append(sid)
            spread[intent][1].append(count)
    after = {}
    for _, intent in week:
        if intent in spread:
            sid = rng.choices(*spread[intent])[0]
            after.setdefault(sid, Counter())[intent] += 1
    return after


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--seeds", type=int, nargs="+", default=list(SEEDS), help="one random split per seed"
    )
    parser.add_argument(
        "--n-themes",
        type=int,
        default=N_INTENTS,
        help="themes per week (default 150, one per intent); 0 lets Pulse choose, at most "
        "MAX_THEMES=60, so that each theme must then mix intents",
    )
    args = parser.parse_args()
    rows = load_rows()
    if rows is None:
        print(f"Skipped: no CLINC150 data under {data_dir()}")
        return
    totals = [0, 0, 0, 0]  # ids carried, kept their intent; ceiling draws, kept theirs
    lowest = 1.0
    for seed in args.seeds:
        started = time.perf_counter()
        results = run(rows, seed, args.n_themes or None)
        print(
            f"CLINC150, {len(rows):,} rows in {WEEKS} weeks of ~{len(rows) // WEEKS:,}; "
            f"n_themes={args.n_themes or 'auto'}; seed {seed}"
        )
        for week, (kept, same, before, after, drawn, held) in enumerate(results, start=2):
            print(
                f"  week {week - 1} -> {week}: {before} -> {after} themes, {kept} ids carried on, "
                f"{same} with the same majority intent ({same / max(kept, 1):.3f}; "
                f"ceiling {held / max(drawn, 1):.3f})"
            )
        seed_totals = [sum(r[i] for r in results) for i in (0, 1, 4, 5)]
        totals = [a + b for a, b in zip(totals, seed_totals, strict=True)]
        stability = seed_totals[1] / max(seed_totals[0], 1)
        lowest = min(lowest, stability)
        print(
            f"  seed {seed}: {stability:.3f} ({seed_totals[1]}/{seed_totals[0]}); ceiling "
            f"{seed_totals[3] / max(seed_totals[2], 1):.3f}; {time.perf_counter() - started:.0f}s"
        )
    pooled = totals[1] / max(totals[0], 1)
    print(
        f"Identity stability over {len(args.seeds)} random splits: {pooled:.3f} "
        f"({totals[1]}/{totals[0]}; lowest split {lowest:.3f}); target >= 0.90: "
        f"{'met' if pooled >= 0.90 else 'NOT met'}; ceiling for these themes "
        f"{totals[3] / max(totals[2], 1):.3f}"
    )


if __name__ == "__main__":
    main()
