"""How often does "Did it work?" call noise a change, and how often does it see a real one?

Simulated windows of weeks, drawn with a fixed seed: responses rated satisfied with chance
p_satisfied, comments (60% of responses) in the linked themes with chance p_theme. With no
change between the windows, any verdict but "no clear change" is a false alarm: the
Bonferroni split is meant to keep "improved" plus "got worse" at 5% or under. With a real
change, the share of "improved" is the power. Also the coverage of the 95% interval for a
difference of proportions, Newcombe's hybrid score interval beside the plain Wald interval,
at small n.

    .venv/bin/python -m benchmarks.effect [--runs 4000] [--seed 7]
"""

import argparse
import math
from collections import Counter

import numpy as np

from analysis.effect import Window, compare_proportions, judge

COMMENT_SHARE = 0.6


def draw_window(rng, n, p_satisfied, p_theme):
    """A Window of n responses: satisfied ones rated 5, the rest 1."""
    satisfied = int(rng.binomial(n, p_satisfied))
    comments = int(rng.binomial(n, COMMENT_SHARE))
    themed = int(rng.binomial(comments, p_theme))
    return Window(n, (n - satisfied, 0, 0, 0, satisfied), comments, themed)


def verdicts(rng, runs, n_before, n_after, before, after):
    """Counter of states over runs pairs of windows; before/after are (p_satisfied, p_theme)."""
    found = Counter()
    for _ in range(runs):
        found[
            judge(
                draw_window(rng, n_before, *before),
                draw_window(rng, n_after, *after),
                complete=True,
            ).state
        ] += 1
    return found


def wald(x1, n1, x2, n2):
    p1, p2 = x1 / n1, x2 / n2
    half = 1.959963984540054 * math.sqrt(p1 * (1 - p1) / n1 + p2 * (1 - p2) / n2)
    return p2 - p1 - half, p2 - p1 + half


def coverage(rng, runs, n, p1, p2):
    """(Newcombe, Wald) share of runs whose 95% interval holds the true difference."""
    hits = Counter()
    truth = p2 - p1
    for _ in range(runs):
        x1, x2 = int(rng.binomial(n, p1)), int(rng.binomial(n, p2))
        found = compare_proportions(x1, n, x2, n)
        hits["newcombe"] += found.low <= truth <= found.high
        low, high = wald(x1, n, x2, n)
        hits["wald"] += low <= truth <= high
    return hits["newcombe"] / runs, hits["wald"] / runs


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=4000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    rng = np.random.default_rng(args.seed)
    print(f"Verdicts over {args.runs:,} simulated pairs of windows (seed {args.seed})")
    cases = [
        ("no change, n=30 each side", 30, 30, (0.6, 0.15), (0.6, 0.15)),
        ("no change, n=200", 200, 200, (0.6, 0.15), (0.6, 0.15)),
        ("no change, n=1000", 1000, 1000, (0.6, 0.15), (0.6, 0.15)),
        ("no change, rare theme 3%, n=200", 200, 200, (0.6, 0.03), (0.6, 0.03)),
        ("theme 18% -> 6%, n=200", 200, 200, (0.6, 0.18), (0.6, 0.06)),
        ("theme 18% -> 12%, n=200", 200, 200, (0.6, 0.18), (0.6, 0.12)),
        ("satisfied 60% -> 70%, n=200", 200, 200, (0.6, 0.15), (0.7, 0.15)),
        ("satisfied 60% -> 50%, n=200", 200, 200, (0.6, 0.15), (0.5, 0.15)),
    ]
    print(f"  {'case':36} {'improved':>9} {'worse':>7} {'no clear':>9}")
    for name, n1, n2, before, after in cases:
        found = verdicts(rng, args.runs, n1, n2, before, after)
        share = {k: found[k] / args.runs for k in ("improved", "worse", "no_clear_change")}
        print(
            f"  {name:36} {share['improved']:9.3f} {share['worse']:7.3f} "
            f"{share['no_clear_change']:9.3f}"
        )
    print("Coverage of the 95% interval for a difference of proportions")
    print(f"  {'case':36} {'Newcombe':>9} {'Wald':>7}")
    for n, p1, p2 in [(20, 0.1, 0.1), (30, 0.05, 0.15), (40, 0.9, 0.8), (200, 0.18, 0.06)]:
        newcombe, plain = coverage(rng, args.runs, n, p1, p2)
        print(f"  {f'n={n} each, {p1:.2f} -> {p2:.2f}':36} {newcombe:9.3f} {plain:7.3f}")


if __name__ == "__main__":
    main()
