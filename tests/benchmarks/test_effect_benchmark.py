"""The effect benchmark's simulation still runs, and its windows are the shape judge expects."""

import numpy as np

from benchmarks.effect import coverage, draw_window, verdicts


def test_a_drawn_window_adds_up():
    window = draw_window(np.random.default_rng(1), 100, 0.6, 0.2)
    assert window.responses == sum(window.ratings) == 100
    assert 0 <= window.theme_comments <= window.comments <= 100


def test_a_huge_change_is_seen_and_coverage_is_a_share():
    found = verdicts(np.random.default_rng(2), 20, 400, 400, (0.5, 0.3), (0.5, 0.05))
    assert found["improved"] >= 18
    newcombe, wald = coverage(np.random.default_rng(3), 50, 30, 0.2, 0.3)
    assert 0.8 <= newcombe <= 1 and 0.7 <= wald <= 1
