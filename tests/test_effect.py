"""Did a shipped change work? The model over stored weeks, and the partial a person reads."""

from datetime import date

from bs4 import BeautifulSoup

from app.effect import effect_text, measure_effect
from app.weeks import Week
from tests.dashboard.helpers import add_week, store_theme, store_theme_week, store_week
from tests.helpers import text_of

SHIPPED_ON = date(2026, 5, 13)  # a Wednesday in 2026-W20
SHIPPED = Week(2026, 20)
AFTER_ENDS = date(2026, 6, 14)  # the Sunday of 2026-W24


def seed(db, service, before_theme=12, after_theme=2, before_happy=30, after_happy=30):
    """Four weeks each side of the shipped week: 60 responses and 50 comments a week."""
    theme = store_theme(db, service, "missed bins")
    for offset in (-4, -3, -2, -1, 1, 2, 3, 4):
        happy = before_happy if offset < 0 else after_happy
        store_week(db, service, SHIPPED.shift(offset), (60 - happy, 0, 0, 0, happy), 50)
        size = before_theme if offset < 0 else after_theme
        store_theme_week(db, service, theme, SHIPPED.shift(offset), size)
    store_week(db, service, SHIPPED, (0, 0, 0, 0, 500), 500)  # the shipped week: left out
    return theme


def render(app, measured):
    with app.test_request_context():
        html = app.jinja_env.from_string(
            '{% from "components/effect.html" import effect_summary %}{{ effect_summary(m) }}'
        ).render(m=measured)
    return BeautifulSoup(html, "html.parser")


def test_a_fall_in_the_theme_reads_as_improved(app, db, service):
    theme = seed(db, service)
    measured = measure_effect(db, service.id, [theme], SHIPPED_ON, date(2026, 6, 15))
    assert measured.state == "improved"
    assert measured.effect.themes.before_n == 200 and measured.effect.themes.after_count == 8
    page = render(app, measured)
    assert text_of(page.find("h3")) == "Did it work? Improved"
    assert [text_of(th) for th in page.select("thead th")][2] == "After"
    assert "govuk-tag--green" in page.find("strong")["class"]
    rows = [[text_of(c) for c in tr.find_all(["th", "td"])] for tr in page.select("tbody tr")]
    assert rows[0][:3] == [
        "Linked themes' share of comments",
        "24% (48 of 200 comments)",
        "4% (8 of 200 comments)",
    ]
    assert rows[0][3].startswith("-20.0 points (95% interval")
    assert rows[0][4] == "p < 0.001, z-test"
    assert rows[1][1:3] == ["50% (120 of 240 responses)", "50% (120 of 240 responses)"]
    assert rows[2][0] == "Mean rating (1 to 5)" and rows[2][4].endswith("Welch's t-test")
    bullets = [text_of(li) for li in page.select("li")]
    assert bullets[0].startswith("The linked themes fell from 24% of comments (n=200) to 4%")
    assert "2026-W16 to 2026-W19 (4 of 4 analysed)" in text_of(page)
    assert "2026-W21 to 2026-W24 (4 of 4 analysed)" in text_of(page)


def test_waiting_until_the_after_weeks_have_ended(app, db, service):
    theme = seed(db, service)
    measured = measure_effect(db, service.id, [theme], SHIPPED_ON, AFTER_ENDS)
    assert measured.state == "waiting"
    assert measured.headline == (
        "Waiting for data: the 4 weeks after shipping end on Sunday 14 June 2026 "
        "(240 responses so far)."
    )
    page = render(app, measured)
    assert text_of(page.find("h3")) == "Did it work? Waiting for data"
    assert [text_of(th) for th in page.select("thead th")][2] == "After, so far"
    assert {text_of(tr.find_all("td")[2]) for tr in page.select("tbody tr")} == {"Not compared yet"}
    assert not page.select("li")


def test_waiting_while_a_week_is_not_analysed(app, db, service):
    theme = store_theme(db, service, "missed bins")
    for offset in (-4, -3, -2, -1, 1, 2, 3):
        store_week(db, service, SHIPPED.shift(offset), (10, 0, 0, 0, 50), 20)
    add_week(db, service, SHIPPED.shift(4), [(5, "")] * 4)
    measured = measure_effect(db, service.id, [theme], SHIPPED_ON, date(2026, 7, 1))
    assert measured.state == "waiting"
    assert measured.headline == (
        "Waiting for data: week 2026-W24 has responses that have not been analysed yet; "
        "the effect is measured once it has been."
    )
    assert measured.unanalysed == ("2026-W24",)


def test_too_few_responses_after(app, db, service):
    theme = seed(db, service)
    db.execute(
        "UPDATE service_weeks SET responses = 5, rating_1 = 0, rating_5 = 5 WHERE week > ?",
        ["2026-W20"],
    )
    measured = measure_effect(db, service.id, [theme], SHIPPED_ON, date(2026, 7, 1))
    assert measured.state == "waiting"
    assert "20 responses so far" in measured.headline and "at least 30" in measured.headline


def test_no_clear_change_without_linked_themes(app, db, service):
    seed(db, service)
    measured = measure_effect(db, service.id, [], SHIPPED_ON, date(2026, 7, 1))
    assert measured.state == "no_clear_change"
    page = render(app, measured)
    assert [text_of(tr.th) for tr in page.select("tbody tr")] == [
        "% satisfied",
        "Mean rating (1 to 5)",
    ]
    assert "govuk-tag--blue" in page.find("strong")["class"]


def test_worse_when_satisfaction_falls(app, db, service):
    theme = seed(db, service, before_theme=5, after_theme=5, before_happy=45, after_happy=20)
    measured = measure_effect(db, service.id, [theme], SHIPPED_ON, date(2026, 7, 1))
    assert measured.state == "worse"
    assert measured.label == "Got worse"
    assert "govuk-tag--red" in render(app, measured).find("strong")["class"]


def test_everything_from_the_database_is_escaped(app, db, service):
    measured = measure_effect(db, service.id, [], SHIPPED_ON, date(2026, 7, 1))
    with app.test_request_context():
        html = app.jinja_env.from_string(
            '{% from "components/effect.html" import effect_summary %}'
            "{{ effect_summary(m, title=t) }}"
        ).render(m=measured, t="<script>x</script>")
    assert "<script>" not in html and "&lt;script&gt;" in html


def test_plain_text(db, service):
    theme = seed(db, service)
    text = effect_text(
        measure_effect(db, service.id, [theme], SHIPPED_ON, date(2026, 7, 1)),
        "Fix the missed-bin form",
    )
    lines = text.splitlines()
    assert lines[0] == "Fix the missed-bin form: Improved"
    assert lines[1].startswith("Improved: the linked themes' share of comments fell")
    assert lines[2].startswith("- The linked themes fell from 24% of comments (n=200)")
    assert lines[-1].startswith("Shipped Wednesday 13 May 2026, in week 2026-W20")
