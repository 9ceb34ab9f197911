"""Two theme-weeks of one week, as a merge combines them."""

import json

import pytest

import app.store.theme_edits as theme_edits_store

combine = theme_edits_store.combine_weeks


def _week(status, size, share, rating, previous=None):
    return {
        "theme_id": 1,
        "week": "2026-W40",
        "status": status,
        "label": "x",
        "keywords": json.dumps(["bin"] if size else []),
        "size": size,
        "share": share,
        "mean_sentiment": None if not size else -0.5,
        "mean_rating": rating,
        "pct_satisfied": None if rating is None else 0.0,
        "examples": json.dumps([size]),
        "previous_size": previous,
        "previous_share": None,
    }


def test_counts_add_and_means_weigh_by_size():
    combined = combine(_week("new", 3, 0.1, 1.0), _week("continuing", 1, 0.05, 5.0, 4))
    assert (combined["size"], combined["share"]) == (4, pytest.approx(0.15))
    assert combined["mean_rating"] == pytest.approx(2.0)  # (3 x 1 + 1 x 5) / 4
    assert combined["status"] == "continuing"
    assert combined["previous_size"] == 4
    assert json.loads(combined["examples"]) == [3, 1]
    assert json.loads(combined["keywords"]) == ["bin"]


def test_a_faded_week_adds_only_last_weeks_size():
    combined = combine(_week("faded", 0, 0, None, 6), _week("new", 5, 0.2, 2.0, 2))
    assert (combined["status"], combined["size"], combined["previous_size"]) == ("new", 5, 8)
