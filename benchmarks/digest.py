"""How fast a digest page renders with a million stored responses.

Builds a database of 1M responses over 50 services and 20 weeks in a temporary folder,
analyses one service's last four weeks (oldest first, so each continues the last one's
themes), then times the digest, overview and priorities pages through the app (warm, in-process,
signed in as an admin), a shipped backlog item's list and page, and its public "You said, we
did" page (both languages) and feed. Targets: digest median <= 150 ms; the rest <= 50 ms.

    .venv/bin/python -m benchmarks.digest [--responses 1000000] [--repeat 50]
"""

import argparse
import random
import statistics
import tempfile
import time
from datetime import timedelta
from pathlib import Path

SERVICES = 50
WEEKS = 20
# The priorities page's default window is 4 weeks; analysing them all makes it do its full work.
ANALYSED = 4
PASSWORD = "benchmark password 1"


def build(path, total, seed=11):
    """Fill a fresh database; returns the latest week."""
    from app.db import connect, migrate
    from app.demo import generate_responses
    from app.store import NewResponse, add_responses, add_service, add_user
    from app.weeks import last_complete_week

    db = connect(path)
    migrate(db)
    latest = last_complete_week()
    pool = [
        (r["rating"], r["comment"], r["channel"], r["outcome"])
        for r in generate_responses(seed=seed, weeks=12, last_week_monday=latest.monday)
    ]
    ids = [
        add_service(db, f"service-{n:02d}", f"Service {n}", f"Gwasanaeth {n}").id
        for n in range(SERVICES)
    ]
    add_user(db, "admin@bench.example", "Bench Admin", PASSWORD, "admin")
    rng = random.Random(seed)
    start, _ = latest.shift(-(WEEKS - 1)).bounds_utc()
    span = WEEKS * 7 * 24 * 3600

    def rows():
        for n in range(total):
            rating, comment, channel, outcome = rng.choice(pool)
            when = start + timedelta(seconds=span * n / total)
            yield NewResponse(
                ids[n % SERVICES],
                rating,
                comment,
                channel=channel,
                outcome=outcome,
                source="demo",
                submitted_at=when,
            )

    add_responses(db, rows())
    db.close()
    return latest


def _backlog_item(path, week):
    """A shipped item on service-00's two largest themes, shipped in the week before last, so
    its page measures an effect as well as showing evidence; returns its id."""
    from app.db import connect
    from app.store import (
        add_item,
        change_status,
        get_item,
        get_service,
        live_themes,
        publish_item,
        quote_choices,
    )

    db = connect(path)
    service = get_service(db, "service-00")
    themes = [t["id"] for t in live_themes(db, service.id)[:2]]
    item_id = add_item(
        db, service.id, None, themes, title="Fix the payment page", owner_name="Bench Owner"
    )
    shipped = week.shift(-2).monday + timedelta(days=2)
    change_status(db, get_item(db, service.id, item_id), "shipped", None, shipped_at=shipped)
    texts = {
        "you_said_en": "Paying online kept failing.",
        "you_said_cy": "Roedd talu ar-lein yn methu o hyd.",
        "we_did_en": "We fixed the payment page.",
        "we_did_cy": "Rydym wedi trwsio'r dudalen dalu.",
    }
    quotes = [q.response_id for q in quote_choices(db, item_id, 3)[:3]]
    publish_item(db, get_item(db, service.id, item_id), texts, True, quotes, None, 3)
    db.close()
    return item_id


def timed(client, url, repeat):
    """Milliseconds per GET, after one warm-up request."""
    assert client.get(url).status_code == 200, url
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        response = client.get(url)
        times.append(1000 * (time.perf_counter() - started))
        assert response.status_code == 200
    return times


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--responses", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=50)
    args = parser.parse_args()

    from app import create_app
    from app.weekly import run_week
    from tests.helpers import hidden_fields

    with tempfile.TemporaryDirectory() as folder:
        path = str(Path(folder) / "digest.db")
        started = time.perf_counter()
        week = build(path, args.responses)
        print(
            f"Built {args.responses:,} responses over {SERVICES} services and {WEEKS} weeks "
            f"in {time.perf_counter() - started:.0f}s"
        )
        started = time.perf_counter()
        for back in range(ANALYSED - 1, -1, -1):
            run_week(path, week.shift(-back), slug="service-00")
        print(f"Analysed service-00 for {ANALYSED} weeks in {time.perf_counter() - started:.1f}s")

        item_id = _backlog_item(path, week)
        app = create_app(
            {"SECRET_KEY": "bench", "DATABASE": path, "TESTING": True, "MIN_FILL_SECONDS": 0}
        )
        client = app.test_client()
        data = hidden_fields(client.get("/sign-in"))
        data.update(email="admin@bench.example", password=PASSWORD)
        assert client.post("/sign-in", data=data).status_code == 302
        # The public page must show the published change, or its time says nothing.
        shown = client.get("/s/service-00/you-said-we-did").get_data(as_text=True)
        assert "Paying online kept failing." in shown and "fixed the payment page" in shown
        for name, url in [
            ("digest", f"/services/service-00/weeks/{week}"),
            ("overview", "/dashboard"),
            ("priorities", "/services/service-00/priorities"),
            ("backlog", "/services/service-00/backlog"),
            ("item", f"/services/service-00/backlog/{item_id}"),
            ("public", "/s/service-00/you-said-we-did"),
            ("public cy", "/s/service-00/you-said-we-did?lang=cy"),
            ("feed", "/s/service-00/you-said-we-did.atom"),
        ]:
            times = timed(client, url, args.repeat)
            q = statistics.quantiles(times, n=20)
            print(
                f"{name:<12} median {statistics.median(times):6.1f} ms   p95 {q[18]:6.1f} ms   "
                f"({args.repeat} requests)"
            )
        # Impacts are memoised by their counts; the first view after a weekly run pays for
        # the bootstrap of every theme.
        from analysis.impact import impact_of_counts

        cold = []
        for _ in range(5):
            impact_of_counts.cache_clear()
            started = time.perf_counter()
            assert client.get("/services/service-00/priorities").status_code == 200
            cold.append(1000 * (time.perf_counter() - started))
        print(f"priorities, first view (no impact cached) median {statistics.median(cold):6.1f} ms")
    print("Targets: digest median <= 150 ms; priorities, backlog, item and public <= 50 ms")


if __name__ == "__main__":
    main()
