"""Owners publish a shipped item on 'You said, we did': every field, every bad input."""

import pytest

from app.publishing.forms import MAX_TEXT
from app.store import publication, published_entries, quote_choices
from tests.helpers import banner, errors, hidden_fields, page, text_of
from tests.survey.published_helpers import (
    TEXTS,
    THEME_SIZE,
    analysed_theme,
    published,
    shipped_item,
)


@pytest.fixture
def theme(app, db, service):
    return analysed_theme(app, db)


@pytest.fixture
def item(db, service, theme):
    return shipped_item(db, service, [theme])


def url(item_id, slug="bins", action="publish"):
    return f"/services/{slug}/backlog/{item_id}/{action}"


def send(client, item_id, **answers):
    """Open the form and send it with these answers (the usual words unless given)."""
    data = hidden_fields(client.get(url(item_id)))
    data.update({**TEXTS, **answers})
    data = {name: value for name, value in data.items() if value is not None}
    return client.post(url(item_id), data=data)


def entries(db, service):
    return published_entries(db, service.id, 3)


def test_an_owner_publishes_in_both_languages(as_user, db, service, staff, item):
    client = as_user("owner")
    soup = page(client.get(url(item)))
    assert text_of(soup.h1).endswith("on You said, we did")
    labels = [text_of(label) for label in soup.select("form label.govuk-label")]
    assert labels[:4] == [
        "You said (English)",
        "You said (Welsh)",
        "We did (English)",
        "We did (Welsh)",
    ]
    assert soup.select_one("#you_said_cy")["lang"] == "cy"
    response = send(client, item, show_effect="y")
    assert response.status_code == 302
    shown = client.get(response.headers["Location"])
    assert banner(shown) == "Published on You said, we did."
    (entry,) = entries(db, service)
    assert (entry.you_said("cy"), entry.we_did("en")) == (TEXTS["you_said_cy"], TEXTS["we_did_en"])
    assert entry.show_effect is True
    stored = publication(db, item)
    assert stored["published"] and stored["published_at"]
    assert stored["last_change"]["action"] == "publish"
    assert stored["last_change"]["user_name"] == "Owen Owner"
    # The form shows the words again, to change them.
    soup = page(shown)
    assert text_of(soup.select_one("#we_did_en")) == TEXTS["we_did_en"]
    assert soup.select_one("#show_effect").has_attr("checked")
    by = text_of(soup.select_one(".pulse-published-by"))
    assert by.startswith("Last published by Owen Owner on ") and " at " in by


def test_picked_quotes_are_kept_and_shown(as_user, db, service, item):
    client = as_user("owner")
    offered = quote_choices(db, item, 3)
    boxes = page(client.get(url(item))).select("input[name=quotes]")
    assert len(boxes) == len(offered) == THEME_SIZE
    data = hidden_fields(client.get(url(item)))
    data.update(TEXTS)
    data["quotes"] = [str(offered[0].response_id), str(offered[1].response_id)]
    assert client.post(url(item), data=data).status_code == 302
    (entry,) = entries(db, service)
    assert [q.response_id for q in entry.quotes] == [q.response_id for q in offered[:2]]


@pytest.mark.parametrize(
    ("field", "message"),
    [
        ("you_said_en", "Enter what people said, in English"),
        ("you_said_cy", "Enter what people said, in Welsh"),
        ("we_did_en", "Enter what you did, in English"),
        ("we_did_cy", "Enter what you did, in Welsh"),
    ],
)
def test_each_text_is_required(as_user, db, service, item, field, message):
    client = as_user("owner")
    response = send(client, item, **{field: "   "})
    assert response.status_code == 200
    assert errors(response) == [(message, f"#{field}")]
    assert page(response).title.string.startswith("Error:")
    # What was typed in the other fields is still there.
    other = "we_did_cy" if field != "we_did_cy" else "you_said_en"
    assert text_of(page(response).select_one(f"#{other}")) == TEXTS[other]
    assert entries(db, service) == []


def test_too_long_and_too_many_and_made_up_quotes(as_user, db, service, item):
    client = as_user("owner")
    response = send(client, item, we_did_en="x" * (MAX_TEXT + 1))
    assert errors(response) == [
        (f"We did (English) must be {MAX_TEXT} characters or fewer", "#we_did_en")
    ]
    offered = [str(q.response_id) for q in quote_choices(db, item, 3)]
    data = {**hidden_fields(client.get(url(item))), **TEXTS, "quotes": offered[:4]}
    response = client.post(url(item), data=data)
    assert errors(response) == [("Select up to 3 quotes", "#quotes")]
    data["quotes"] = ["999999", "not a number"]
    response = client.post(url(item), data=data)
    assert errors(response) == [("Select quotes from the list shown", "#quotes")]
    assert entries(db, service) == []


def test_without_a_token_nothing_is_published(as_user, db, service, item):
    response = as_user("owner").post(url(item), data=TEXTS)
    assert response.status_code in (200, 400)
    assert entries(db, service) == []


def test_an_item_not_shipped_cannot_be_published(as_user, db, service, theme):
    item = shipped_item(db, service, [theme], status="in_progress")
    client = as_user("owner")
    soup = page(client.get(url(item)))
    assert "Only a shipped change can be published" in text_of(soup.select_one("main"))
    assert soup.select("textarea") == []
    data = {**hidden_fields(client.get("/dashboard", follow_redirects=True)), **TEXTS}
    assert client.post(url(item), data=data).status_code == 200
    assert publication(db, item)["published"] is False


def test_unknown_items_and_other_services_items_are_not_found(as_user, db, staff, item):
    from app.store import get_service

    parking_item = shipped_item(db, get_service(db, "parking"))
    client = as_user("owner")
    assert client.get(url(item + 1000)).status_code == 404
    assert client.get(url(2**64)).status_code == 404
    assert client.get(url(parking_item)).status_code == 404
    assert client.get(url(parking_item, slug="parking")).status_code == 404
    assert as_user("admin").get(url(parking_item, slug="parking")).status_code == 200


def test_unpublish_takes_it_off_and_keeps_the_words(as_user, db, service, item):
    client = as_user("owner")
    published(db, item)
    soup = page(client.get(url(item)))
    form = soup.select_one(f'form[action="{url(item, action="unpublish")}"]')
    assert text_of(form.button) == "Unpublish"
    response = client.post(url(item, action="unpublish"), data=hidden_fields(soup))
    assert response.status_code == 302
    shown = client.get(response.headers["Location"])
    assert banner(shown) == "Taken off You said, we did."
    assert text_of(page(shown).select_one(".pulse-published-by")).startswith(
        "Last unpublished by Owen Owner on "
    )
    assert entries(db, service) == []
    stored = publication(db, item)
    assert stored["we_did_en"] == TEXTS["we_did_en"] and stored["published"] is False
    assert client.get("/s/bins/you-said-we-did").status_code == 200


def test_a_viewer_may_not_publish(as_user, db, service, item):
    client = as_user("viewer")
    assert client.get(url(item)).status_code == 403
    token = hidden_fields(client.get("/dashboard", follow_redirects=True))["csrf_token"]
    assert client.post(url(item), data={"csrf_token": token, **TEXTS}).status_code == 403
    published(db, item)
    response = client.post(url(item, action="unpublish"), data={"csrf_token": token})
    assert response.status_code == 403
    assert len(entries(db, service)) == 1


def test_the_item_page_links_here_once_the_item_has_shipped(as_user, db, service, theme, item):
    proposed = shipped_item(db, service, [theme], status="proposed")

    def link(client, item_id):
        soup = page(client.get(f"/services/bins/backlog/{item_id}"))
        return [a["href"] for a in soup.select("main a") if "Publish on" in text_of(a)]

    owner = as_user("owner")
    assert link(owner, item) == [url(item)]
    assert link(owner, proposed) == []
    assert link(as_user("viewer"), item) == []
    crumbs = [text_of(a) for a in page(owner.get(url(item))).select(".govuk-breadcrumbs a")]
    assert crumbs[-1] == "Shorter missed-bin form"
