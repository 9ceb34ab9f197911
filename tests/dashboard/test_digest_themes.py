"""The digest's themes as staff read them: the tested trend word, the typical comment, the
negative/positive split, and the count of comments that fit no theme, with their page."""

import pytest

from analysis.novelty import NEW_ALPHA, NEW_RATE, SEEK_MAX
from app.store import CONTEXT_WEEKS, DORMANT_WEEKS, HISTORY_WEEKS, RECENT_WEEKS
from app.weeks import last_complete_week
from tests.dashboard.helpers import store_results
from tests.helpers import page, text_of

WEEK = last_complete_week()
BEFORE = WEEK.shift(-1)
MISSED = (1, -0.5, "Bin missed again, nobody came back")
OTHER = (3, 0.0, "Just a note about the leaflet")


def _theme(soup, label):
    found = [t for t in soup.select(".pulse-theme") if label in text_of(t.h3)]
    return found[0] if found else None


@pytest.fixture
def steady(db, service, staff):
    """4 of 20 comments last week, 7 of 20 this week: noise, not growth."""
    ids = store_results(db, service, BEFORE, {"Missed bins": [MISSED] * 4}, [OTHER] * 16)
    store_results(
        db,
        service,
        WEEK,
        {"Missed bins": [(1, -0.6, "Typical: the bin was missed")] + [MISSED] * 6},
        [OTHER] * 12 + [(2, -0.3, "<script>alert(1)</script> odd one out")],
        continues={"Missed bins": ids["Missed bins"]},
    )
    return service


def test_four_to_seven_of_twenty_reads_steady_with_its_counts(as_user, steady):
    soup = page(as_user("owner").get(f"/services/bins/weeks/{WEEK}"))
    theme = _theme(soup, "Missed bins")
    assert text_of(theme.select_one(".govuk-tag")) == "Steady"
    detail = text_of(theme.select_one(".pulse-theme-detail"))
    assert "7 of 20 comments (35%)" in detail
    assert "earlier weeks 4 of 20 (20%), p = 0.288" in detail
    assert "none last week" not in detail


def test_the_words_are_explained(as_user, steady):
    soup = page(as_user("viewer").get(f"/services/bins/weeks/{WEEK}"))
    words = soup.select_one(".pulse-words")
    assert text_of(words.summary) == "What the words mean"
    meanings = {text_of(d.dt): text_of(d.dd) for d in words.select(".govuk-summary-list__row")}
    assert "Fisher's exact test" in meanings["Growing or Shrinking"]
    assert "p < 0.05" in meanings["Growing or Shrinking"]
    assert "up to 4 earlier weeks" in meanings["Growing or Shrinking"]
    assert "Too few to tell" in meanings and "Steady" in meanings
    assert "rated 2 or lower" in meanings["Negative and positive"]
    # The test for "new" as analysis/novelty.py and the store state it.
    assert f"up to {HISTORY_WEEKS} earlier weeks ({CONTEXT_WEEKS} when" in meanings["New"]
    assert f"over {SEEK_MAX:,} comments" in meanings["New"]
    assert f"p < {NEW_ALPHA}" in meanings["New"] and NEW_RATE == 0.5
    assert f"first appeared in the last {RECENT_WEEKS} weeks keeps that theme" in meanings["New"]
    assert f"in the next {DORMANT_WEEKS} weeks are nearest it" in meanings["Faded"]
    assert f"in a week of up to {SEEK_MAX:,} comments" in meanings["Faded"]


def test_a_tiny_p_value_reads_as_below_a_thousandth(as_user, db, service, staff):
    ids = store_results(db, service, BEFORE, {"Missed bins": [MISSED] * 40}, [OTHER] * 60)
    store_results(
        db,
        service,
        WEEK,
        {"Missed bins": [MISSED] * 3},
        [OTHER] * 97,
        continues={"Missed bins": ids["Missed bins"]},
    )
    soup = page(as_user("owner").get(f"/services/bins/weeks/{WEEK}"))
    theme = _theme(soup, "Missed bins")
    assert text_of(theme.select_one(".govuk-tag")) == "Shrinking"
    detail = text_of(theme.select_one(".pulse-theme-detail"))
    assert "earlier weeks 40 of 100 (40%), p < 0.001" in detail
    assert "p =" not in detail


def test_a_theme_back_after_a_week_without_comments_says_so(as_user, db, service, staff):
    two_back = WEEK.shift(-2)
    ids = store_results(db, service, two_back, {"Missed bins": [MISSED] * 5}, [OTHER] * 15)
    store_results(db, service, BEFORE, {}, [OTHER] * 20)
    store_results(
        db,
        service,
        WEEK,
        {"Missed bins": [MISSED] * 4},
        [OTHER] * 16,
        continues={"Missed bins": ids["Missed bins"]},
    )
    theme = _theme(page(as_user("owner").get(f"/services/bins/weeks/{WEEK}")), "Missed bins")
    assert text_of(theme.select_one(".govuk-tag")) == "Steady"
    detail = text_of(theme.select_one(".pulse-theme-detail"))
    assert "earlier weeks 5 of 40 (12%), p = " in detail and ", none last week" in detail


def test_thirty_of_a_hundred_after_two_is_growing(as_user, db, service, staff):
    ids = store_results(db, service, BEFORE, {"Missed bins": [MISSED] * 2}, [OTHER] * 98)
    store_results(
        db,
        service,
        WEEK,
        {"Missed bins": [MISSED] * 30},
        [OTHER] * 70,
        continues={"Missed bins": ids["Missed bins"]},
    )
    soup = page(as_user("owner").get(f"/services/bins/weeks/{WEEK}"))
    assert text_of(_theme(soup, "Missed bins").select_one(".govuk-tag")) == "Growing"


def test_typical_comment_sits_under_the_label(as_user, steady):
    theme = _theme(page(as_user("owner").get(f"/services/bins/weeks/{WEEK}")), "Missed bins")
    assert text_of(theme.select_one(".pulse-typical")) == "Typical: the bin was missed"
    assert theme.select_one(".pulse-typical-label").find_previous("h3") == theme.h3


def test_comments_in_no_theme_are_counted_with_a_link(as_user, steady):
    soup = page(as_user("owner").get(f"/services/bins/weeks/{WEEK}"))
    line = soup.select_one(".pulse-unthemed")
    assert text_of(line).startswith("13 comments fit no theme shown here.")
    assert line.a["href"] == f"/services/bins/weeks/{WEEK}/comments?theme=none"


def test_the_comments_page_lists_them_escaped(as_user, steady):
    response = as_user("viewer").get(f"/services/bins/weeks/{WEEK}/comments?theme=none")
    soup = page(response)
    assert text_of(soup.h1) == "Comments that fit no theme"
    rows = soup.select("tbody tr")
    assert len(rows) == 13
    assert text_of(soup.caption) == "13 comments"
    assert [text_of(td) for td in rows[0].select("td")] == [
        "Neither satisfied nor dissatisfied",
        "Just a note about the leaflet",
    ]
    assert "<script>alert(1)</script> odd one out" in text_of(soup.select_one("tbody"))
    assert "<script>alert" not in response.get_data(as_text=True)
    assert "Bin missed" not in text_of(soup.main)  # the theme's comments are not listed


def test_a_theme_too_small_to_show_counts_as_no_theme(as_user, db, service, staff, app):
    store_results(
        db,
        service,
        WEEK,
        {"Big": [MISSED] * 5, "Tiny": [(2, -0.4, "A rare and telling remark")] * 2},
        [OTHER] * 3,
    )
    owner = page(as_user("owner").get(f"/services/bins/weeks/{WEEK}"))
    assert _theme(owner, "Tiny") is None
    assert "A rare and telling remark" not in text_of(owner.main)
    assert text_of(owner.select_one(".pulse-unthemed")).startswith("5 comments fit no theme")
    admin = page(as_user("admin").get(f"/services/bins/weeks/{WEEK}"))
    tiny = _theme(admin, "Tiny")
    assert text_of(tiny.select_one(".pulse-typical")) == "A rare and telling remark"
    assert text_of(tiny.select_one(".govuk-tag")) == "Too few to tell"
    assert text_of(admin.select_one(".pulse-unthemed")).startswith("3 comments fit no theme")
    listed = page(as_user("admin").get(f"/services/bins/weeks/{WEEK}/comments?theme=none"))
    assert len(listed.select("tbody tr")) == 3


def test_fewer_comments_than_the_threshold_are_not_listed(as_user, db, service, staff):
    store_results(db, service, WEEK, {"Big": [MISSED] * 5}, [(2, -0.4, "Only two of us")] * 2)
    owner = page(as_user("owner").get(f"/services/bins/weeks/{WEEK}/comments?theme=none"))
    assert "not shown because fewer than 3" in text_of(owner.main)
    assert "Only two of us" not in text_of(owner.main)
    admin = page(as_user("admin").get(f"/services/bins/weeks/{WEEK}/comments?theme=none"))
    assert len(admin.select("tbody tr")) == 2


def test_the_comments_page_turns_pages(as_user, db, service, staff):
    unthemed = [(4, 0.1, f"Comment number {n}") for n in range(60)]
    store_results(db, service, WEEK, {"Big": [MISSED] * 5}, unthemed)
    client = as_user("owner")
    url = f"/services/bins/weeks/{WEEK}/comments?theme=none"
    first = page(client.get(url))
    assert len(first.select("tbody tr")) == 50
    assert text_of(first.caption) == "60 comments: 1 to 50"
    next_link = first.select_one(".govuk-pagination__next a")["href"]
    second = page(client.get(next_link))
    assert len(second.select("tbody tr")) == 10
    assert "Comment number 59" in text_of(second.select_one("tbody"))
    bad_pages = ("3", "0", "two", "-1", "99999999999", "%C2%B2", "%D9%A1")
    for bad in (f"&page={number}" for number in bad_pages):
        assert client.get(url + bad).status_code == 404, bad
    assert client.get(f"/services/bins/weeks/{WEEK}/comments?theme=7").status_code == 404
    assert client.get("/services/bins/weeks/not-a-week/comments").status_code == 404


def test_an_unanalysed_week_has_none(as_user, service, staff):
    soup = page(as_user("owner").get(f"/services/bins/weeks/{WEEK}/comments?theme=none"))
    assert "None this week" in text_of(soup.main)


def test_praise_and_complaint_in_one_theme_show_their_split(as_user, db, service, staff):
    rude = (1, -0.6, "Staff were rude on the phone")
    helpful = (5, 0.7, "Staff were helpful on the phone")
    store_results(
        db,
        service,
        WEEK,
        {"Staff": [rude] * 12 + [helpful] * 3, "Bins": [MISSED] * 12 + [helpful]},
    )
    soup = page(as_user("owner").get(f"/services/bins/weeks/{WEEK}"))
    assert text_of(_theme(soup, "Staff").select_one(".pulse-split")) == (
        "Mixed: 12 negative, 3 positive"
    )
    assert _theme(soup, "Bins").select_one(".pulse-split") is None
