"""The weekly run against a real database: figures, theme identity, reruns, crashes."""

import json
import threading
from datetime import UTC, datetime, timedelta

import pytest

import app.store.results as results_store
import app.weekly as weekly_run
from analysis.summary import Response, analyse_service_week
from app.store import (
    NewResponse,
    add_response,
    add_responses,
    add_service,
    dormant_themes,
    earlier_comments,
    older_comments,
    prior_themes,
    recent_themes,
    replace_service_week,
    service_weeks,
)
from app.weekly import run_week
from app.weeks import parse_week
from tests.samples import PARKING, PHONES, STAFF

WEEK = parse_week("2026-W10")


def service_week(db, service_id, week):
    """The stored figures for a service's week, or None."""
    return service_weeks(db, service_id, [week]).get(str(week))


def theme_weeks(db, service_id, week):
    """The stored themes of a service's week, largest first, faded ones last."""
    return list(
        db.query(
            "SELECT * FROM theme_weeks WHERE service_id = ? AND week = ? "
            "ORDER BY status = 'faded', size DESC, theme_id",
            [service_id, str(week)],
        )
    )


def _at(week, day, hour=12):
    start, _ = week.bounds_utc()
    return start + timedelta(days=day, hours=hour)


def _load(db, service, week, comments, rating=2, repeat=3):
    rows = []
    for n in range(repeat):
        for i, comment in enumerate(comments):
            rows.append(
                NewResponse(
                    service.id,
                    rating,
                    f"{comment} ({n})" if n else comment,
                    source="demo",
                    submitted_at=_at(week, (i + n) % 7),
                )
            )
    add_responses(db, rows)


@pytest.fixture
def parking(db):
    return add_service(db, "parking", "Parking permits", "Trwyddedau parcio")


def _snapshot(db, week):
    tables = {}
    for table in ("service_weeks", "theme_weeks", "response_analysis"):
        tables[table] = [
            dict(r)
            for r in db.query(f"SELECT * FROM {table} WHERE week = ? ORDER BY 1, 2", [str(week)])
        ]
    tables["themes"] = [dict(r) for r in db.query("SELECT * FROM themes ORDER BY id")]
    return tables


def test_week_figures_are_stored(app, db, parking):
    _load(db, parking, WEEK, PARKING + PHONES, rating=2)
    _load(db, parking, WEEK, STAFF, rating=5)
    add_responses(db, [NewResponse(parking.id, 4, "", submitted_at=_at(WEEK, 1))])
    summary = run_week(app.config["DATABASE"], WEEK, workers=1)
    assert summary.responses == 37
    stored = service_week(db, parking.id, WEEK)
    assert stored["responses"] == 37
    assert [stored[f"rating_{n}"] for n in range(1, 6)] == [0, 24, 0, 1, 12]
    assert stored["pct_satisfied"] == pytest.approx(100 * 13 / 37, abs=0.05)
    assert stored["comments"] == 36
    assert stored["themes"] >= 2
    themes = theme_weeks(db, parking.id, WEEK)
    assert sum(t["size"] for t in themes) <= 36
    staff = [t for t in themes if t["mean_rating"] == 5]
    assert staff and staff[0]["mean_sentiment"] > 0.3 and staff[0]["pct_satisfied"] == 100
    for theme in themes:
        examples = json.loads(theme["examples"])
        assert 0 < len(examples) <= 5
        assert theme["status"] == "new"


def test_rerun_gives_identical_results(app, db, parking):
    _load(db, parking, WEEK, PARKING + PHONES + STAFF)
    run_week(app.config["DATABASE"], WEEK, workers=1)
    first = _snapshot(db, WEEK)
    run_week(app.config["DATABASE"], WEEK, workers=1)
    assert _snapshot(db, WEEK) == first
    assert first["theme_weeks"], "there should be themes to compare"


def test_failure_mid_write_leaves_previous_results(app, db, parking, monkeypatch):
    _load(db, parking, WEEK, PARKING + PHONES + STAFF)
    run_week(app.config["DATABASE"], WEEK, workers=1)
    before = _snapshot(db, WEEK)
    _load(db, parking, WEEK, ["Brand new complaint about the parking bay signs"], repeat=4)
    rows = [Response(*r) for r in db.execute("SELECT id, rating, comment FROM responses")]
    prior, sizes = prior_themes(db, parking.id, WEEK)
    result = analyse_service_week(rows, prior)
    # The second theme's row fails, after the themes and one theme row are written.
    written = []
    insert_theme_week = results_store._insert_theme_week

    def fail_second(*args):
        if written:
            raise RuntimeError("simulated failure during the weekly write")
        written.append(insert_theme_week(*args))

    # The failure is injected into the store's own module, the one place that writes rows.
    monkeypatch.setattr(results_store, "_insert_theme_week", fail_second)
    with pytest.raises(RuntimeError, match="simulated failure"):
        replace_service_week(db, parking.id, WEEK, result, sizes)
    monkeypatch.undo()
    assert _snapshot(db, WEEK) == before
    # The next run completes normally and takes in the new responses.
    run_week(app.config["DATABASE"], WEEK, workers=1)
    assert service_week(db, parking.id, WEEK)["responses"] == 40


def test_theme_keeps_its_id_next_week_and_fades_when_gone(app, db, parking):
    _load(db, parking, WEEK, PARKING + PHONES + STAFF)
    run_week(app.config["DATABASE"], WEEK, workers=1)
    first = {t["theme_id"]: t for t in theme_weeks(db, parking.id, WEEK)}
    following = WEEK.shift(1)
    _load(db, parking, following, PHONES + STAFF, repeat=3)
    run_week(app.config["DATABASE"], following, workers=1)
    second = {t["theme_id"]: t for t in theme_weeks(db, parking.id, following)}
    continuing = [t for t in second.values() if t["status"] == "continuing"]
    faded = [t for t in second.values() if t["status"] == "faded"]
    assert continuing, "phone and staff themes should carry on"
    assert all(t["theme_id"] in first for t in continuing)
    assert all(t["previous_size"] == first[t["theme_id"]]["size"] for t in continuing)
    assert faded and all(t["size"] == 0 for t in faded)
    faded_words = " ".join(
        first[t["theme_id"]]["label"] + " " + first[t["theme_id"]]["keywords"] for t in faded
    )
    assert "pay" in faded_words or "crash" in faded_words


def test_week_with_no_responses(app, db, parking):
    summary = run_week(app.config["DATABASE"], WEEK, workers=1)
    assert summary.services == []
    assert service_week(db, parking.id, WEEK) is None


def test_service_with_one_comment(app, db, parking):
    add_responses(
        db, [NewResponse(parking.id, 1, "The permit never arrived", submitted_at=_at(WEEK, 2))]
    )
    run_week(app.config["DATABASE"], WEEK, workers=1)
    stored = service_week(db, parking.id, WEEK)
    assert (stored["responses"], stored["comments"], stored["pct_satisfied"]) == (1, 1, 0)
    assert stored["mean_sentiment"] is not None


def test_week_of_ratings_without_comments(app, db, parking):
    add_responses(
        db, [NewResponse(parking.id, r, "", submitted_at=_at(WEEK, 3)) for r in (5, 4, 4, 1)]
    )
    run_week(app.config["DATABASE"], WEEK, workers=1)
    stored = service_week(db, parking.id, WEEK)
    assert (stored["responses"], stored["comments"], stored["themes"]) == (4, 0, 0)
    assert stored["pct_satisfied"] == 75.0
    assert stored["mean_sentiment"] is None


def test_comment_that_is_all_placeholders(app, db, parking):
    add_responses(
        db, [NewResponse(parking.id, 3, "jo@example.com 07700 900123", submitted_at=_at(WEEK, 1))]
    )
    run_week(app.config["DATABASE"], WEEK, workers=1)
    stored = service_week(db, parking.id, WEEK)
    assert (stored["responses"], stored["comments"], stored["themes"]) == (1, 0, 0)


def test_submissions_during_a_run_are_accepted(app, db, parking, monkeypatch):
    _load(db, parking, WEEK, PARKING + PHONES + STAFF, repeat=20)
    accepted, errors = [], []

    def submit_many():
        from app.db import connect

        conn = connect(app.config["DATABASE"])
        try:
            for n in range(40):
                outcome, _ = add_response(
                    conn,
                    NewResponse(parking.id, 4, f"Quick note {n}", submitted_at=datetime.now(UTC)),
                )
                accepted.append(outcome)
        except Exception as error:  # noqa: BLE001 - any refusal is the failure under test
            errors.append(error)
        finally:
            conn.close()

    thread = threading.Thread(target=submit_many)
    real_replace = weekly_run.replace_service_week

    def replace_while_submitting(*args, **kwargs):
        # The submissions start as the run begins writing, so the two really overlap.
        thread.start()
        return real_replace(*args, **kwargs)

    monkeypatch.setattr(weekly_run, "replace_service_week", replace_while_submitting)
    run_week(app.config["DATABASE"], WEEK, workers=1)
    thread.join()
    assert errors == []
    assert accepted == ["stored"] * 40


def test_theme_labels_never_join_words_across_a_redaction():
    comments = [
        "Parking permit [postcode] renewal late",
        "My permit [postcode] renewal is late",
        "permit [postcode] renewal was late again",
    ]
    week = analyse_service_week([Response(n, 2, t) for n, t in enumerate(comments * 4)], {})
    words = [w.lower() for theme in week.themes for w in [theme.label, *theme.keywords]]
    assert words, "the comments form themes"
    # 'permit' and 'renewal' are never next to each other in what anyone wrote.
    assert not any("permit renewal" in w for w in words), words


def test_earlier_comments_are_the_two_weeks_before_newest_first(db, parking):
    other = add_service(db, "bins", "Bins", "Biniau")
    for shift, text in ((-3, "three weeks ago"), (-2, "two weeks ago"), (-1, "last week")):
        add_response(db, NewResponse(parking.id, 3, text, submitted_at=_at(WEEK.shift(shift), 2)))
    add_response(db, NewResponse(parking.id, 3, "", submitted_at=_at(WEEK.shift(-1), 3)))
    add_response(db, NewResponse(parking.id, 3, "this week", submitted_at=_at(WEEK, 1)))
    add_response(db, NewResponse(other.id, 3, "another service", submitted_at=_at(WEEK, -1)))
    assert earlier_comments(db, parking.id, WEEK, 10) == ["last week", "two weeks ago"]
    assert earlier_comments(db, parking.id, WEEK, 1) == ["last week"]


def test_older_comments_are_the_weeks_before_those_newest_first(db, parking):
    for shift in (-9, -8, -3, -2, -1):
        text = f"{-shift} weeks ago"
        add_response(db, NewResponse(parking.id, 3, text, submitted_at=_at(WEEK.shift(shift), 2)))
    add_response(db, NewResponse(parking.id, 3, "", submitted_at=_at(WEEK.shift(-4), 3)))
    assert older_comments(db, parking.id, WEEK, 10) == ["3 weeks ago", "8 weeks ago"]
    assert older_comments(db, parking.id, WEEK, 1) == ["3 weeks ago"]


def test_a_small_week_counts_older_weeks_and_a_big_one_does_not(app, db, parking, monkeypatch):
    _load(db, parking, WEEK.shift(-4), PHONES)
    _load(db, parking, WEEK, PARKING)
    seen = _spy_on_compute(monkeypatch)
    run_week(app.config["DATABASE"], WEEK)
    assert sorted(seen[-1]["history"]) == sorted(
        f"{c} ({n})" if n else c for n in range(3) for c in PHONES
    )
    monkeypatch.setattr("analysis.novelty.SEEK_MAX", 5)
    run_week(app.config["DATABASE"], WEEK)
    assert seen[-1]["history"] == []


def test_a_week_is_themed_beside_the_comments_before_it(app, db, parking, monkeypatch):
    _load(db, parking, WEEK.shift(-1), PHONES)
    _load(db, parking, WEEK, PARKING)
    seen = _spy_on_compute(monkeypatch)
    run_week(app.config["DATABASE"], WEEK)
    assert sorted(seen[-1]["context"]) == sorted(
        f"{c} ({n})" if n else c for n in range(3) for c in PHONES
    )


def test_a_small_week_of_mostly_ratings_still_gets_its_full_context(app, db, parking, monkeypatch):
    _load(db, parking, WEEK.shift(-1), PHONES, repeat=60)  # 240 earlier comments
    add_responses(
        db,
        [NewResponse(parking.id, 4, "", submitted_at=_at(WEEK, n % 7)) for n in range(100)]
        + [
            NewResponse(parking.id, 2, PARKING[n % 4], submitted_at=_at(WEEK, 1)) for n in range(20)
        ],
    )
    seen = _spy_on_compute(monkeypatch)
    run_week(app.config["DATABASE"], WEEK)
    assert len(seen[-1]["context"]) >= 180  # 200 in all, less this week's 20 comments


def test_themes_first_seen_in_the_two_weeks_before_are_recent(app, db, parking, monkeypatch):
    for back, comments in ((3, PHONES), (2, PHONES + PARKING), (1, PHONES + PARKING + STAFF)):
        _load(db, parking, WEEK.shift(-back), comments)
        run_week(app.config["DATABASE"], WEEK.shift(-back))
    first_weeks = dict(db.execute("SELECT id, first_week FROM themes").fetchall())
    wanted = {t for t, w in first_weeks.items() if w >= str(WEEK.shift(-2))}
    assert wanted and len(wanted) < len(first_weeks), first_weeks
    assert recent_themes(db, parking.id, WEEK) == wanted
    assert recent_themes(db, parking.id, WEEK.shift(-3)) == frozenset()
    _load(db, parking, WEEK, PARKING)
    seen = _spy_on_compute(monkeypatch)
    run_week(app.config["DATABASE"], WEEK)
    assert seen[-1]["recent"] == wanted


def test_only_a_small_week_is_given_the_dormant_themes(app, db, parking, monkeypatch):
    for back, comments in ((2, PHONES + PARKING), (1, PARKING)):
        _load(db, parking, WEEK.shift(-back), comments)
        run_week(app.config["DATABASE"], WEEK.shift(-back))
    _load(db, parking, WEEK, PARKING + PHONES)
    seen = _spy_on_compute(monkeypatch)
    run_week(app.config["DATABASE"], WEEK)
    assert seen[-1]["dormant"] and seen[-1]["dormant"] == dormant_themes(db, parking.id, WEEK)
    monkeypatch.setattr("analysis.novelty.SEEK_MAX", 5)
    run_week(app.config["DATABASE"], WEEK)
    assert seen[-1]["dormant"] == {}


def _spy_on_compute(monkeypatch):
    """Record what each service's computation is given (context, history, recent,
    dormant), in order, while still running it."""
    seen = []
    real = weekly_run._compute

    def spy(rows, prior, context, history, recent, dormant, random_state):
        seen.append(
            {
                "context": list(context),
                "history": list(history),
                "recent": recent,
                "dormant": dormant,
            }
        )
        return real(rows, prior, context, history, recent, dormant, random_state)

    monkeypatch.setattr(weekly_run, "_compute", spy)
    return seen
