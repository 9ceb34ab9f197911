"""Welsh comments in the demo data: are they scored, and do they theme by subject?

.venv/bin/python -m benchmarks.welsh [weeks]

The demo generator (app/demo/) writes about 6.5% of comments in Welsh, from hand-written
Welsh sentences on the same subjects as the English ones. Each service's week is analysed as
the weekly run does (analysis.summary.analyse_service_week, no prior themes), and this prints,
per language: how many comments score exactly 0, the correlation of sentiment with the
rating, and how often the sign agrees with a clear rating (4-5 positive, 1-2 negative); then
how many themes are mostly (over half) Welsh, and what share of Welsh comments sit in one.
"""

import statistics
import sys
from collections import defaultdict
from datetime import date, timedelta

from analysis import redact
from analysis.summary import Response, analyse_service_week
from app.demo.generator import generate_responses


def main(weeks: int = 4) -> None:
    """Analyse the demo's service weeks and print the Welsh figures."""
    monday = date(2026, 11, 23)
    rows = list(generate_responses(seed=2026, weeks=weeks, last_week_monday=monday))
    groups = defaultdict(list)
    for i, row in enumerate(rows):
        week = (row["submitted_at"].date() - (monday - timedelta(weeks=weeks))).days // 7
        comment = redact(row["comment"]).text if row["comment"] else ""
        groups[row["service"], week].append(Response(i, row["rating"], comment, row["language"]))
    scored = defaultdict(list)  # language -> [(sentiment, rating)]
    themes = welsh_themes = welsh_comments = welsh_in_welsh_themes = 0
    for responses in groups.values():
        result = analyse_service_week(responses, {}, random_state=0)
        by_id = {r.id: r for r in responses}
        for rid, sentiment in result.sentiment.items():
            scored[by_id[rid].language].append((sentiment, by_id[rid].rating))
        members = defaultdict(list)
        for rid, theme in result.theme_of.items():
            members[theme].append(by_id[rid].language == "cy")
        for flags in members.values():
            themes += 1
            mostly = sum(flags) > len(flags) / 2
            welsh_themes += mostly
            welsh_in_welsh_themes += sum(flags) if mostly else 0
        welsh_comments += sum(sum(flags) for flags in members.values())
    print(f"demo data, {weeks} weeks, {len(groups)} service weeks")
    for language, pairs in sorted(scored.items()):
        sentiments, ratings = zip(*pairs, strict=True)
        zero = sum(s == 0 for s in sentiments)
        clear = [(s, r) for s, r in pairs if r != 3]
        agree = sum((s > 0) == (r >= 4) for s, r in clear if s != 0)
        print(
            f"  {language}: {len(pairs):5} comments, {100 * zero / len(pairs):5.1f}% scored 0, "
            f"corr(sentiment, rating) {statistics.correlation(sentiments, ratings):+.3f}, "
            f"sign agrees with a clear rating {agree}/{len(clear)}"
        )
    share = 100 * welsh_in_welsh_themes / welsh_comments if welsh_comments else 0.0
    print(
        f"  themes mostly Welsh: {welsh_themes} of {themes}; Welsh comments in them: "
        f"{welsh_in_welsh_themes} of {welsh_comments} ({share:.0f}%)"
    )


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 4)
