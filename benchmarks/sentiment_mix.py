"""How often clearly positive and clearly negative comments share a theme (issue 11, item 5).

Two sets of weeks, each stored in a migrated temporary database and analysed with the real
weekly run, week by week: the demo generator's twelve weeks (app/demo), and benchmarks/story.py's
CLINC150 stories, whose ratings story.py already draws from each topic's tone (the problem
topic near 1.6, the others 2.5 to 4.5). Sides are analysis.sentiment_split's: clearly negative
= rating <= 2 with sentiment < -0.05, clearly positive = rating >= 4 with sentiment > +0.05.
Counted over every theme-week shown to owners (at least 3 comments):

- mixed: each side at least 2 comments and 20% of the clear ones (what the digest flags);
- both: at least one comment on each side;
- and the same with the sides taken from the rating alone (<= 2 against >= 4), which shows
  how much the words' agreement narrows "clearly".

    .venv/bin/python -m benchmarks.sentiment_mix [--levels small medium] [--seeds 0]
"""

import argparse
import tempfile
import time
from collections import defaultdict
from pathlib import Path

from analysis.sentiment_split import is_mixed, side

MIN_SHOWN = 3  # the default anonymity threshold: themes owners see


def theme_members(db):
    """{(service id, week, theme id): [(rating, sentiment)]} from the stored results."""
    members = defaultdict(list)
    for service_id, week, theme_id, rating, sentiment in db.execute(
        "SELECT a.service_id, a.week, a.theme_id, r.rating, a.sentiment "
        "FROM response_analysis a JOIN responses r ON r.id = a.response_id "
        "WHERE a.theme_id IS NOT NULL"
    ):
        members[(service_id, week, theme_id)].append((rating, sentiment))
    return members


def _rating_side(rating, _sentiment):
    return -1 if rating <= 2 else (1 if rating >= 4 else 0)


def mix_figures(members):
    """{measure: (themes share, comments share)} over theme-weeks of at least MIN_SHOWN."""
    shown = {key: pairs for key, pairs in members.items() if len(pairs) >= MIN_SHOWN}
    total_comments = sum(len(p) for p in shown.values())
    figures = {"theme-weeks": (len(shown), total_comments)}
    for name, rule in (("words and rating", side), ("rating alone", _rating_side)):
        counts = {"mixed": [0, 0], "both": [0, 0]}
        for pairs in shown.values():
            sides = [rule(r, s) for r, s in pairs]
            negative, positive = sides.count(-1), sides.count(1)
            for kind, hit in (
                ("mixed", is_mixed(negative, positive)),
                ("both", negative >= 1 and positive >= 1),
            ):
                if hit:
                    counts[kind][0] += 1
                    counts[kind][1] += len(pairs)
        for kind, (themes, comments) in counts.items():
            figures[f"{kind}, {name}"] = (
                themes / len(shown) if shown else 0.0,
                comments / total_comments if total_comments else 0.0,
            )
    return figures


def demo_members(seed):
    """Theme members after the demo generator's twelve weeks, analysed week by week."""
    from app.db import connect, migrate
    from app.demo import SERVICES, generate_responses
    from app.store import NewResponse, add_responses, add_service
    from app.weekly import run_week, weeks_to_analyse
    from app.weeks import last_complete_week

    with tempfile.TemporaryDirectory() as folder:
        path = str(Path(folder) / "demo.db")
        db = connect(path)
        migrate(db)
        ids = {
            s["slug"]: add_service(db, s["slug"], s["name_en"], s["name_cy"]).id for s in SERVICES
        }
        last = last_complete_week()
        add_responses(
            db,
            (
                NewResponse(
                    ids[row["service"]],
                    row["rating"],
                    row["comment"],
                    language=row["language"],
                    channel=row["channel"],
                    outcome=row["outcome"],
                    source="demo",
                    submitted_at=row["submitted_at"],
                )
                for row in generate_responses(seed=seed, weeks=12, last_week_monday=last.monday)
            ),
        )
        for week in weeks_to_analyse(db, last, all_weeks=True):
            run_week(path, week, workers=1)
        members = theme_members(db)
        db.close()
    return members


def story_members(texts, domains, level, seed, services):
    """Theme members after one of story.py's stories, built and analysed as story.py does."""
    from app.db import connect, migrate
    from app.weekly import run_week
    from app.weeks import parse_week
    from benchmarks.story import FIRST_WEEK, WEEKS, build

    with tempfile.TemporaryDirectory() as folder:
        path = str(Path(folder) / "story.db")
        db = connect(path)
        migrate(db)
        build(db, texts, domains, level, seed, services)
        for week in range(WEEKS):
            run_week(path, parse_week(FIRST_WEEK).shift(week), random_state=seed)
        members = theme_members(db)
        db.close()
    return members


def _print(title, figures):
    count, comments = figures.pop("theme-weeks")
    print(f"\n{title}: {count} theme-weeks of >= {MIN_SHOWN} comments, {comments} comments")
    print(f"  {'share where both sides meet':34}{'of themes':>11}{'of comments':>13}")
    for name, (themes, in_comments) in figures.items():
        print(f"  {name:34}{themes:>11.2f}{in_comments:>13.2f}")


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--levels", nargs="+", default=["small", "medium"])
    parser.add_argument("--seeds", type=int, nargs="+", default=[0])
    parser.add_argument("--services", type=int, default=3, help="story services (domains)")
    parser.add_argument("--demo-seed", type=int, default=2026)
    args = parser.parse_args()
    from benchmarks.story import LEVELS, load_clinc

    started = time.perf_counter()
    _print(f"Demo data (seed {args.demo_seed})", mix_figures(demo_members(args.demo_seed)))
    print(f"  ({time.perf_counter() - started:.0f}s)")
    data = load_clinc()
    if data is None:
        print("\nStories skipped: no CLINC150 data")
        return
    texts, domains = data
    for level in args.levels:
        if level not in LEVELS:
            parser.error(f"unknown level {level!r}: one of {', '.join(LEVELS)}")
        started = time.perf_counter()
        members = {}
        for seed in args.seeds:
            found = story_members(texts, domains, level, seed, args.services)
            members.update({(seed, *key): pairs for key, pairs in found.items()})
        title = f"Story {level}, {args.services} services x seeds {args.seeds}"
        _print(title, mix_figures(members))
        print(f"  ({time.perf_counter() - started:.0f}s)")


if __name__ == "__main__":
    main()
