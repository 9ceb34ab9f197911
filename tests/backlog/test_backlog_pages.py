"""Backlog pages as staff see them: making an item from a theme, its evidence, statuses, CSV."""

import csv
import io

import pytest

from app.store import add_item, change_status, get_item, list_items, live_themes
from app.weekly import run_week
from app.weeks import last_complete_week
from tests.dashboard.helpers import COMPLAINTS, PRAISE, add_week
from tests.helpers import errors, page, post_form, text_of

WEEK = last_complete_week()


@pytest.fixture
def themes(app, db, service, staff):
    """{word: theme id}: missed-bin complaints and thanks for helpful staff, in last week."""
    add_week(db, service, WEEK, [(1, c) for c in COMPLAINTS] * 3 + [(5, c) for c in PRAISE] * 3)
    run_week(app.config["DATABASE"], WEEK, workers=1)
    found = {}
    for theme in live_themes(db, service.id):
        word = "bin" if "bin" in theme["display_label"].lower() else "helpful"
        found[word] = theme["id"]
    assert set(found) == {"bin", "helpful"}
    return found


def _item(db, service, theme_ids, title="Text people when a round is late"):
    return add_item(db, service.id, None, theme_ids, title=title, owner_name="Owen Owner")


def test_an_empty_backlog_says_how_to_make_an_item(as_user, service, staff):
    soup = page(as_user("viewer").get("/services/bins/backlog"))
    assert text_of(soup.h1) == "Backlog"
    assert "No backlog items yet" in text_of(soup)
    assert not soup.find("a", string="create one here"), "a viewer cannot create one"
    owner = page(as_user("owner").get("/services/bins/backlog"))
    assert owner.find("a", string="create one here")["href"] == "/services/bins/backlog/new"


def test_an_owner_makes_an_item_from_a_priorities_theme(as_user, db, service, themes):
    owner = as_user("owner")
    priorities = page(owner.get("/services/bins/priorities"))
    link = priorities.find("a", href=f"/services/bins/backlog/new?theme={themes['bin']}")
    assert link and text_of(link).startswith("Create a backlog item")
    form = page(owner.get(link["href"]))
    ticked = [i["value"] for i in form.select("input[name=themes][checked]")]
    assert ticked == [str(themes["bin"])]
    assert form.select_one("input[name=owner_name]")["value"] == "Owen Owner"
    response = post_form(
        owner,
        link["href"],
        title="Text people when a round is late",
        owner_name="Owen Owner",
        external_url="https://example.atlassian.net/browse/BINS-12",
        external_key="BINS-12",
        themes=str(themes["bin"]),
    )
    assert response.status_code == 302
    shown = page(owner.get(response.headers["Location"]))
    assert text_of(shown.h1) == "Text people when a round is late"
    assert "Proposed" in text_of(shown.select_one(".govuk-tag"))
    rows = shown.select("table")[0].select("tbody tr")
    assert len(rows) == 1 and "12 of 24" in text_of(rows[0])
    quotes = [text_of(q) for q in shown.select(".govuk-inset-text")]
    assert 1 <= len(quotes) <= 5 and set(quotes) <= set(COMPLAINTS), "quotes from the theme"
    priorities = page(owner.get("/services/bins/priorities"))
    item_link = priorities.find("a", string="Text people when a round is late")
    assert item_link["href"] == response.headers["Location"]
    assert "Text people when a round is late : proposed" in text_of(item_link.parent)
    viewer = page(as_user("viewer").get("/services/bins/priorities"))
    assert not viewer.find("a", href=link["href"]), "viewers are not offered to create one"


@pytest.mark.parametrize(
    ("answers", "message", "href"),
    [
        ({"title": "  "}, "Enter a title", "#title"),
        ({"title": "x" * 121}, "The title must be 120 characters or fewer", "#title"),
        ({"owner_name": ""}, "Enter the owner’s name", "#owner_name"),
        (
            {"external_url": "javascript:alert(1)"},
            "Enter the link as a full web address starting https:// or http://",
            "#external_url",
        ),
        ({"external_key": "K" * 65}, "The key must be 64 characters or fewer", "#external_key"),
        ({"themes": "999999"}, "Select themes from the list", "#themes"),
    ],
)
def test_bad_answers_are_shown_with_what_to_do_and_kept(
    as_user, db, service, themes, answers, message, href
):
    owner = as_user("owner")
    sent = {
        "title": "Late rounds",
        "owner_name": "Owen Owner",
        "external_key": "BINS-9",
        "description": "Keep this text",
        **answers,
    }
    response = post_form(owner, "/services/bins/backlog/new", **sent)
    assert response.status_code == 200
    assert errors(response) == [(message, href)]
    soup = page(response)
    assert text_of(soup.select_one("title")).startswith("Error:")
    assert soup.select_one("textarea[name=description]").get_text().strip() == "Keep this text"
    assert list_items(db, [service.id]) == []


def test_status_changes_are_kept_and_shown(as_user, db, service, themes):
    item_id = _item(db, service, [themes["bin"]])
    owner = as_user("owner")
    url = f"/services/bins/backlog/{item_id}/status"
    response = post_form(owner, url, status="wont_do", reason="")
    assert errors(response) == [("Enter why it will not be done", "#reason")]
    response = post_form(owner, url, status="shipped", shipped_at="2999-01-01")
    assert errors(response) == [("The date it shipped must be today or in the past", "#shipped_at")]
    response = post_form(owner, url, status="shipped", shipped_at="not a date")
    assert errors(response) == [("Enter the date it shipped as a real date", "#shipped_at")]
    response = post_form(owner, url, status="")
    assert errors(response) == [("Select the item’s new status", "#status")]
    assert get_item(db, service.id, item_id).status == "proposed"
    response = post_form(owner, url, status="shipped", shipped_at="2026-11-02")
    assert response.status_code == 302
    soup = page(owner.get(response.headers["Location"]))
    assert "Status changed to shipped." in text_of(soup)
    history = [text_of(r) for r in soup.select("table")[-1].select("tbody tr")]
    assert history[-1].endswith("Owen Owner Proposed to shipped")
    assert get_item(db, service.id, item_id).shipped_at == "2026-11-02"


def test_the_list_sorts_by_impact_and_filters_by_status(as_user, db, service, themes):
    praise = _item(db, service, [themes["helpful"]], title="Thank the crews")
    none = _item(db, service, [], title="No evidence")
    bins = _item(db, service, [themes["bin"]], title="Late rounds")
    change_status(db, get_item(db, service.id, bins), "planned", None)
    soup = page(as_user("viewer").get("/services/bins/backlog"))
    titles = [text_of(r.th) for r in soup.select("tbody tr")]
    assert titles == ["Late rounds", "Thank the crews", "No evidence"], (praise, none)
    soup = page(as_user("viewer").get("/services/bins/backlog?status=planned"))
    assert [text_of(r.th) for r in soup.select("tbody tr")] == ["Late rounds"]
    overview = page(as_user("viewer").get("/backlog"))
    assert len(overview.select("tbody tr")) == 3
    assert not page(as_user("other_owner").get("/backlog")).select("tbody tr")


def test_a_theme_under_the_threshold_is_shown_to_admins_only(make_app, db, service, staff):
    app = make_app(ANONYMITY_THRESHOLD=1000)
    add_week(db, service, WEEK, [(1, c) for c in COMPLAINTS] * 3)
    run_week(app.config["DATABASE"], WEEK, workers=1)
    theme = live_themes(db, service.id)[0]["id"]
    item_id = _item(db, service, [theme])
    from tests.helpers import sign_in

    viewer, admin = app.test_client(), app.test_client()
    sign_in(viewer, staff["viewer"].email)
    sign_in(admin, staff["admin"].email)
    url = f"/services/bins/backlog/{item_id}"
    seen = page(viewer.get(url))
    assert not seen.select(".govuk-inset-text"), "no quote from a theme under the threshold"
    assert "1 linked theme is not shown" in text_of(seen)
    assert page(admin.get(url)).select(".govuk-inset-text"), "an admin sees the quotes"
    rows = list(csv.reader(io.StringIO(viewer.get(f"{url}.csv").get_data(as_text=True))))
    assert rows[1][6:] == [""] * 12, "the viewer's CSV has no theme row"


def test_the_csv_has_the_evidence_and_quotes_formulas(as_user, db, service, themes):
    item_id = add_item(
        db, service.id, None, [themes["bin"]], title="=HYPERLINK(1)", owner_name="Owen"
    )
    response = as_user("viewer").get(f"/services/bins/backlog/{item_id}?format=csv")
    assert response.mimetype == "text/csv"
    rows = list(csv.DictReader(io.StringIO(response.get_data(as_text=True))))
    assert len(rows) == 1
    assert rows[0]["title"] == "'=HYPERLINK(1)"
    assert (rows[0]["responses_in_theme"], rows[0]["responses_all"]) == ("12", "24")
    assert float(rows[0]["impact_mean_rating"]) < 0
    low, high = (
        float(rows[0]["impact_mean_rating_low_95"]),
        float(rows[0]["impact_mean_rating_high_95"]),
    )
    assert low <= float(rows[0]["impact_mean_rating"]) <= high


def test_an_owner_edits_the_details(as_user, db, service, themes):
    item_id = _item(db, service, [themes["bin"]])
    owner = as_user("owner")
    url = f"/services/bins/backlog/{item_id}/edit"
    form = page(owner.get(url))
    assert form.select_one("input[name=title]")["value"] == "Text people when a round is late"
    response = post_form(
        owner, url, title="Text ahead", owner_name="Jo", themes=str(themes["helpful"])
    )
    assert response.status_code == 302
    item = get_item(db, service.id, item_id)
    assert (item.title, item.owner_name, item.theme_ids) == (
        "Text ahead",
        "Jo",
        [themes["helpful"]],
    )
