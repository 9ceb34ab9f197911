"""The 12-week trend chart's markers for shipped changes, in the SVG and in the table beside it."""

from types import SimpleNamespace

from bs4 import BeautifulSoup

from app.dashboard.chart import LEFT, satisfaction_chart
from tests.helpers import text_of

TREND = [
    {"week": f"2026-W{n:02d}", "pct_satisfied": None if n == 13 else 50 + n, "responses": 10}
    for n in range(10, 22)
]


def draw(app, chart):
    with app.test_request_context():
        html = app.jinja_env.get_template("dashboard/trend.html").render(
            chart=chart, digest=SimpleNamespace(trend=TREND)
        )
    return BeautifulSoup(html, "html.parser")


def test_without_markers_the_chart_is_as_before(app):
    chart = satisfaction_chart(TREND)
    assert chart.markers == [] and chart.markers_by_week == {}
    shown = draw(app, chart)
    assert not shown.select("g.pulse-chart__marker")
    assert [text_of(th) for th in shown.select("thead th")] == [
        "Week",
        "% satisfied",
        "Responses",
    ]
    assert text_of(shown.select_one("desc")) == (
        "Line chart; the table below gives the same figures."
    )


def test_markers_sit_on_their_weeks_numbered_in_week_order(app):
    chart = satisfaction_chart(
        TREND,
        [("2026-W18", "Text reminders"), ("2026-W12", "Clearer form"), ("2026-W30", "Later")],
    )
    assert [(m["number"], m["week"], m["label"]) for m in chart.markers] == [
        (1, "2026-W12", "Clearer form"),
        (2, "2026-W18", "Text reminders"),
    ]
    step = (640 - LEFT - 16) / 11
    assert chart.markers[0]["x"] == round(LEFT + 2 * step, 1)
    shown = draw(app, chart)
    lines = shown.select("g.pulse-chart__marker")
    assert [g["data-week"] for g in lines] == ["2026-W12", "2026-W18"]
    first = lines[0]
    assert text_of(first.title) == "Shipped in week 2026-W12: Clearer form"
    assert first.line["x1"] == first.line["x2"] == str(chart.markers[0]["x"])
    assert first.line["stroke-dasharray"]
    assert text_of(first.find("text")) == "1"
    assert text_of(shown.select_one("desc")) == (
        "Line chart; the table below gives the same figures. Numbered dashed lines mark changes "
        "shipped: 1, Clearer form, in week 2026-W12; 2, Text reminders, in week 2026-W18."
    )
    assert text_of(shown.select("thead th")[-1]) == "Shipped"
    cells = {text_of(tr.th): text_of(tr.select("td")[-1]) for tr in shown.select("tbody tr")}
    assert cells["2026-W12"] == "1: Clearer form"
    assert cells["2026-W18"] == "2: Text reminders"
    assert cells["2026-W13"] == ""


def test_two_changes_in_one_week_share_a_line_and_stack(app):
    chart = satisfaction_chart(TREND, [("2026-W15", "A"), ("2026-W15", "B")])
    assert [m["stack"] for m in chart.markers] == [0, 1]
    shown = draw(app, chart)
    numbers = [g.find("text") for g in shown.select("g.pulse-chart__marker")]
    assert numbers[0]["y"] != numbers[1]["y"]
    row = next(tr for tr in shown.select("tbody tr") if text_of(tr.th) == "2026-W15")
    assert [s for s in row.select("td")[-1].stripped_strings] == ["1: A", "2: B"]


def test_a_label_is_escaped(app):
    shown = draw(app, satisfaction_chart(TREND, [("2026-W15", "<script>x</script>")]))
    assert not shown.select("script")
    assert "<script>x</script>" in text_of(shown.select_one("g.pulse-chart__marker title"))
