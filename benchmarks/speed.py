"""Wall time and peak memory of find_themes and score_sentiment as the input grows.

Run from the project root: ``.venv/bin/python -m benchmarks.speed [--sizes 10000 100000]``.
Each size runs in a fresh subprocess, so its peak resident memory (``ru_maxrss``, which
counts numpy and scipy buffers that tracemalloc misses) belongs to that size alone. The
comments are synthetic council-service feedback built from templates with a fixed seed.
Target: 100,000 comments in 60 s or less and 1.5 GB or less on two cores.
"""

import argparse
import json
import random
import resource
import subprocess
import sys
import time

DEFAULT_SIZES = (10_000, 100_000, 1_000_000)
# The largest size gets longer, but not forever: it is there to show growth.
TIMEOUT_SECONDS = 1_800

TOPICS = {
    "bins": (
        ["bin", "recycling bin", "garden waste bin", "food waste caddy", "black bin"],
        [
            "was not collected {when}",
            "was missed {when}",
            "has been left out since {day}",
            "collection is always late",
            "was emptied but the crew left rubbish everywhere",
            "was collected early before I could put it out",
            "lid was broken by the crew",
        ],
    ),
    "parking": (
        ["parking permit", "resident permit", "visitor parking permit", "blue badge"],
        [
            "took {n} weeks to arrive",
            "renewal website kept crashing",
            "costs far too much",
            "application asked for the same documents twice",
            "never arrived in the post",
            "zone map is confusing",
            "was easy to renew online",
        ],
    ),
    "council_tax": (
        ["council tax bill", "council tax account", "single person discount", "direct debit"],
        [
            "was wrong {when}",
            "went up with no explanation",
            "took {n} weeks to sort out",
            "was easy to set up online",
            "reminder arrived after the due date",
            "refund has still not been paid",
            "page logs me out every few minutes",
        ],
    ),
    "housing": (
        ["housing repair", "damp in my flat", "broken boiler", "leaking roof", "mould"],
        [
            "has been reported {n} times",
            "was fixed quickly {when}",
            "is still not fixed",
            "appointment was missed {when}",
            "engineer never turned up on {day}",
            "needs someone to actually call back",
        ],
    ),
    "roads": (
        ["pothole", "street light", "pavement", "road surface", "traffic light"],
        [
            "on {street} has been there for {n} months",
            "on {street} is dangerous",
            "was repaired quickly after I reported it",
            "report form would not accept the location",
            "on {street} is still broken {when}",
        ],
    ),
    "library": (
        ["library", "library opening hours", "library app", "mobile library"],
        [
            "should open longer at weekends",
            "staff were really helpful",
            "closed without notice",
            "computers are always booked",
            "made renewing books easy",
            "wifi is too slow",
        ],
    ),
    "phone": (
        ["phone line", "contact centre", "call back", "helpline", "webchat"],
        [
            "kept me on hold for {n} minutes",
            "cut me off twice",
            "never called back {when}",
            "staff were polite and sorted it",
            "was closed when I tried {when}",
            "options menu goes round in circles",
        ],
    ),
    "website": (
        ["website", "online form", "online account", "payment page", "login page"],
        [
            "crashed when I pressed submit",
            "timed out {when}",
            "is hard to use on a phone",
            "worked first time, thank you",
            "does not explain what documents I need",
            "asked me to create yet another account",
        ],
    ),
}
OPENERS = [
    "",
    "",
    "",
    "Honestly, ",
    "Again, ",
    "Please note: ",
    "Not happy. ",
    "Great service, ",
    "Why is it that the ",
    "As usual the ",
    "FYI the ",
    "Frankly the ",
]
CLOSERS = [
    "",
    "",
    "",
    ".",
    "!",
    " - please sort it out.",
    " Thanks.",
    " Very frustrating.",
    " Contact me on [phone number].",
    " Email me at [email].",
    " 😡",
    " 👍",
    " I have lived here {n} years.",
]
WHEN = [
    "this week",
    "last week",
    "again",
    "on {day}",
    "for the third time",
    "since {month}",
    "twice this month",
    "over Christmas",
]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
MONTHS = ["January", "March", "April", "June", "September", "November"]
STREETS = [
    "High Street",
    "Station Road",
    "Church Lane",
    "Mill Road",
    "Park Avenue",
    "Victoria Road",
    "Green Lane",
    "Manor Road",
    "Kings Road",
    "the ring road",
]


def synthetic_comments(n: int, seed: int = 0) -> list[str]:
    """Generate ``n`` synthetic council-service comments, the same ones for the same seed."""
    rng = random.Random(seed)
    topics = list(TOPICS.values())

    def fill(template: str) -> str:
        return template.format(
            when=rng.choice(WHEN).format(day=rng.choice(DAYS), month=rng.choice(MONTHS)),
            day=rng.choice(DAYS),
            n=rng.randint(2, 40),
            street=rng.choice(STREETS),
        )

    comments = []
    for _ in range(n):
        subjects, complaints = rng.choice(topics)
        text = f"{rng.choice(subjects)} {fill(rng.choice(complaints))}"
        if rng.random() < 0.15:  # some comments raise a second issue
            subjects, complaints = rng.choice(topics)
            text += f" and the {rng.choice(subjects)} {fill(rng.choice(complaints))}"
        opener = rng.choice(OPENERS)
        text = opener + (text if opener.endswith("the ") else text[0].upper() + text[1:])
        comments.append(text + fill(rng.choice(CLOSERS)))
    return comments


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux reports KiB


def measure(n: int) -> dict:
    """Time find_themes and score_sentiment on ``n`` comments in this process."""
    from analysis import find_themes, score_sentiment

    comments = synthetic_comments(n)
    row = {"n": n, "distinct": len(set(comments)), "rss_before_mb": _peak_mb()}
    started = time.perf_counter()
    result = find_themes(comments, random_state=0)
    row["themes_s"] = time.perf_counter() - started
    row["themes"] = len(result.themes)
    row["no_theme"] = sum(label < 0 for label in result.labels)
    row["themes_peak_mb"] = _peak_mb()
    started = time.perf_counter()
    score_sentiment(comments)
    row["sentiment_s"] = time.perf_counter() - started
    row["peak_mb"] = _peak_mb()
    return row


def _run_child(n: int) -> dict | None:
    command = [sys.executable, "-m", "benchmarks.speed", "--child", str(n)]
    try:
        done = subprocess.run(
            command, capture_output=True, text=True, check=False, timeout=TIMEOUT_SECONDS
        )
    except subprocess.TimeoutExpired:
        print(f"{n:>9,}  did not finish within {TIMEOUT_SECONDS} s")
        return None
    if done.returncode != 0:
        print(f"{n:>9,}  failed (exit {done.returncode}): {done.stderr.strip()[-400:]}")
        return None
    return json.loads(done.stdout.strip().splitlines()[-1])


def report(sizes=DEFAULT_SIZES) -> None:
    """Print one line per size: times, theme count and peak memory."""
    print(
        "comments  distinct  themes  no-theme  find_themes  score_sentiment  total    "
        "peak RSS (before analysis)"
    )
    for n in sizes:
        row = _run_child(n)
        if row is None:
            continue
        total = row["themes_s"] + row["sentiment_s"]
        print(
            f"{row['n']:>8,}  {row['distinct']:>8,}  {row['themes']:>6}  {row['no_theme']:>8,}"
            f"  {row['themes_s']:>9.1f} s  {row['sentiment_s']:>13.1f} s"
            f"  {total:>5.1f} s  {row['peak_mb']:>6.0f} MB ({row['rss_before_mb']:.0f} MB)",
            flush=True,
        )
    print("Target: 100,000 comments in <= 60 s and <= 1.5 GB peak (2 cores).")


def main(argv=None) -> None:
    """Parse arguments: --sizes for the parent run, --child N inside each subprocess."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--sizes",
        type=int,
        nargs="+",
        default=list(DEFAULT_SIZES),
        help="numbers of comments to time, each in a fresh process",
    )
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child is not None:
        print(json.dumps(measure(args.child)))
    else:
        report(args.sizes)


if __name__ == "__main__":
    main()
