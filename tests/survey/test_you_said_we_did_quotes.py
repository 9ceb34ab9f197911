"""Quotes on 'You said, we did': only those an owner picked, from themes at or above the
anonymity threshold, checked when picked and again whenever the page is read."""

from datetime import UTC, datetime

import pytest

from app.db import connect
from app.store import (
    NewResponse,
    add_response,
    delete_response,
    quote_choices,
    remove_comments_before,
)
from tests.helpers import page, text_of
from tests.survey.published_helpers import THEME_SIZE, analysed_theme, published, shipped_item

URL = "/s/bins/you-said-we-did"


def quotes(client, url=URL):
    return [text_of(q) for q in page(client.get(url)).select(".pulse-quote")]


@pytest.fixture
def theme(app, db, service):
    return analysed_theme(app, db)


def test_a_picked_quote_is_shown_in_its_own_language(client, db, service, theme):
    item = shipped_item(db, service, [theme])
    offered = quote_choices(db, item, 3)
    assert len(offered) == THEME_SIZE
    kept = published(db, item, quotes=[offered[0].response_id])
    assert kept == [offered[0].response_id]
    soup = page(client.get(URL))
    (quote,) = soup.select(".pulse-quote")
    assert text_of(quote) == f"“{offered[0].text}”" and quote["lang"] == "en"
    assert "One of the comments we were given:" in text_of(soup.select_one("article"))
    # Only the picked one: the theme's other comments stay out.
    assert len(quotes(client)) == 1


def test_at_most_three_quotes_are_kept_by_the_form_and_all_picked_show(client, db, service, theme):
    item = shipped_item(db, service, [theme])
    offered = [q.response_id for q in quote_choices(db, item, 3)]
    published(db, item, quotes=offered[:3])
    assert len(quotes(client)) == 3


def test_a_quote_under_the_threshold_is_refused_when_picked(db, service, theme):
    item = shipped_item(db, service, [theme])
    offered = quote_choices(db, item, 3)
    # With a threshold above the theme's size nothing may be quoted.
    assert quote_choices(db, item, THEME_SIZE + 1) == []
    assert published(db, item, threshold=THEME_SIZE + 1, quotes=[offered[0].response_id]) == []


def test_a_quote_under_the_threshold_is_never_shown_even_if_picked(make_app, db, service, theme):
    item = shipped_item(db, service, [theme])
    picked = quote_choices(db, item, 3)[0]
    published(db, item, quotes=[picked.response_id])
    # The same database read with a stricter threshold: the quote must not show.
    strict = make_app(ANONYMITY_THRESHOLD=THEME_SIZE + 1).test_client()
    assert quotes(strict) == []
    assert picked.text not in strict.get(f"{URL}.atom").get_data(as_text=True)
    assert picked.text not in strict.get(URL).get_data(as_text=True)


def test_a_comment_outside_the_items_themes_cannot_be_quoted(client, db, service, theme):
    item = shipped_item(db, service, [theme])
    _, stray = add_response(db, NewResponse(service.id, 1, "Someone identifiable said this"))
    unlinked = shipped_item(db, service)
    assert quote_choices(db, unlinked, 3) == []
    assert published(db, item, quotes=[stray["id"]]) == []
    assert published(db, unlinked, quotes=[quote_choices(db, item, 3)[0].response_id]) == []
    assert quotes(client) == []


def test_a_deleted_comment_stops_showing(client, db, service, staff, theme):
    item = shipped_item(db, service, [theme])
    picked = [q.response_id for q in quote_choices(db, item, 3)[:2]]
    published(db, item, quotes=picked)
    assert len(quotes(client)) == 2
    delete_response(db, picked[0], staff["admin"].id, "Asked to be removed")
    assert len(quotes(client)) == 1
    assert text_of(page(client.get(URL)).h2) == "Changed on 3 November 2026"


def test_a_comment_removed_by_retention_stops_showing(client, app, service, theme):
    db = connect(app.config["DATABASE"])
    item = shipped_item(db, service, [theme])
    published(db, item, quotes=[quote_choices(db, item, 3)[0].response_id])
    assert len(quotes(client)) == 1
    remove_comments_before(db, datetime.now(UTC).isoformat(timespec="seconds"))
    assert quotes(client) == []
    db.close()


def test_the_form_offers_the_latest_comments_and_keeps_those_picked(db, service, theme):
    item = shipped_item(db, service, [theme])
    every = [q.response_id for q in quote_choices(db, item, 3)]
    assert [q.response_id for q in quote_choices(db, item, 3, newest=2)] == every[-2:]
    kept = quote_choices(db, item, 3, newest=2, keep=[every[0]])
    assert [q.response_id for q in kept] == [every[0], *every[-2:]]
