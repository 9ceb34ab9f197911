"""Deleting one response at a citizen's request, as an admin does it on the pages."""

from datetime import timedelta

import pytest

from app.store import NewResponse, add_responses, get_response, response_deletions
from app.weeks import last_complete_week
from tests.admin.helpers import table_rows
from tests.helpers import banner, errors, hidden_fields, page, post_form, text_of

WEEK = last_complete_week()
COMMENTS = [
    "The crew left my bin on the pavement",
    "Please come back for the green BIN on Elm Road",
    "Quick and friendly",
    "",
]


@pytest.fixture
def given(db, service):
    """Four responses to the bins service last week; returns their ids in order."""
    start, _ = WEEK.bounds_utc()
    add_responses(
        db,
        [
            NewResponse(service.id, 2, comment, submitted_at=start + timedelta(hours=9 + i))
            for i, comment in enumerate(COMMENTS)
        ],
    )
    return [r[0] for r in db.execute("SELECT id FROM responses ORDER BY id")]


def _find(client, **query):
    return client.get("/admin/responses", query_string=query)


def test_find_by_service_week_and_words_then_delete_with_a_reason(as_user, db, given, staff):
    admin = as_user("admin")
    found = _find(admin, service="bins", week=str(WEEK), text="bin")
    assert text_of(page(found).select_one("#results")) == "2 responses found"
    rows = table_rows(found)
    assert [row[0] for row in rows[:2]] == [str(given[0]), str(given[1])]
    assert rows[1][3] == COMMENTS[1]
    link = page(found).select_one(f"a[href='/admin/responses/{given[1]}/delete']")
    assert text_of(link) == f"Delete response {given[1]}"

    confirm = admin.get(link["href"])
    soup = page(confirm)
    assert text_of(soup.h1) == f"Delete response {given[1]}"
    assert COMMENTS[1] in text_of(soup.select_one(".govuk-summary-list"))
    assert soup.main.select_one("form[method=post]")["action"] == link["href"]

    done = post_form(admin, link["href"], reason="Asked by email on 3 March", confirm="y")
    assert done.status_code == 302 and done.headers["Location"] == "/admin/responses"
    shown = admin.get("/admin/responses")
    assert f"Deleted response {given[1]}" in banner(shown)
    assert "will count it without this response" in banner(shown)
    assert get_response(db, given[1]) is None
    assert get_response(db, given[0]) is not None
    # The audit table on the page: who, which week, why; never the comment.
    (record,) = table_rows(shown)
    assert record[0] == str(given[1]) and record[3] == "Ada Admin"
    assert record[1] == f"Report a missed bin collection, {WEEK}"
    assert record[4] == "Asked by email on 3 March"
    assert COMMENTS[1] not in shown.get_data(as_text=True)


def test_find_by_the_number_in_the_comments_export(as_user, given):
    rows = table_rows(_find(as_user("admin"), number=str(given[2])))
    assert [row[0] for row in rows] == [str(given[2])]
    assert rows[0][2] == "2 of 5" and rows[0][3] == "Quick and friendly"


def test_a_response_without_a_comment_says_so(as_user, given):
    rows = table_rows(_find(as_user("admin"), number=str(given[3])))
    assert rows[0][3] == "No comment"


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"week": str(WEEK)}, "Select the service the response was given to"),
        ({"service": "nope", "week": str(WEEK)}, "Select the service the response was given to"),
        ({"service": "bins"}, "Enter the week the response was given in, like 2026-W47"),
        ({"service": "bins", "week": "last week"}, "'last week' is not a week"),
        ({"number": "12a"}, "Response number must be a number"),
        ({"number": "99999"}, "There is no response number 99999"),
        ({"number": "9" * 30}, "There is no response number 999"),
        ({"service": "bins", "week": str(WEEK), "text": "x" * 201}, "200 characters or fewer"),
    ],
)
def test_a_search_that_cannot_run_says_what_to_fix(as_user, given, query, message):
    shown = _find(as_user("admin"), **query)
    assert shown.status_code == 200
    assert any(message in text for text, _link in errors(shown)), errors(shown)
    assert page(shown).select_one("#results") is None


def test_a_number_too_large_for_the_database_is_page_not_found(as_user, given):
    url = "/admin/responses/" + "9" * 30 + "/delete"
    assert as_user("admin").get(url).status_code == 404


def test_no_match_says_what_to_try(as_user, given):
    shown = _find(as_user("admin"), service="bins", week=str(WEEK.shift(-1)))
    assert text_of(page(shown).select_one("#results")) == "0 responses found"
    assert "try fewer words" in text_of(page(shown).main)


def test_delete_needs_a_reason_and_the_confirmation(as_user, db, given):
    admin = as_user("admin")
    url = f"/admin/responses/{given[0]}/delete"
    refused = post_form(admin, url, reason="   ")
    assert [text for text, _ in errors(refused)] == [
        "Enter why you are deleting this response",
        "Confirm that this is the response the person asked about",
    ]
    long = post_form(admin, url, reason="x" * 501, confirm="y")
    assert errors(long) == [("The reason must be 500 characters or fewer", "#reason")]
    assert get_response(db, given[0]) is not None
    assert response_deletions(db) == []


def test_delete_refuses_a_post_without_the_csrf_token(as_user, db, given):
    response = as_user("admin").post(
        f"/admin/responses/{given[0]}/delete", data={"reason": "asked", "confirm": "y"}
    )
    assert response.status_code in (200, 400)
    assert get_response(db, given[0]) is not None


def test_a_response_already_deleted_is_not_found_or_says_so(as_user, db, given):
    admin = as_user("admin")
    url = f"/admin/responses/{given[0]}/delete"
    token = hidden_fields(admin.get(url))["csrf_token"]
    assert post_form(admin, url, reason="asked", confirm="y").status_code == 302
    assert admin.get(url).status_code == 404
    again = admin.post(url, data={"csrf_token": token, "reason": "asked", "confirm": "y"})
    assert again.status_code == 302
    assert "had already been deleted" in text_of(page(admin.get("/admin/responses")).main)
    assert len(response_deletions(db)) == 1


@pytest.mark.parametrize("role", ["owner", "viewer", "other_owner"])
def test_only_admins_can_find_or_delete_responses(as_user, db, given, role):
    client = as_user(role)
    url = f"/admin/responses/{given[0]}/delete"
    token = hidden_fields(client.get("/dashboard", follow_redirects=True))["csrf_token"]
    assert client.get("/admin/responses").status_code == 404
    assert client.get(url).status_code == 404
    posted = client.post(url, data={"csrf_token": token, "reason": "asked", "confirm": "y"})
    assert posted.status_code == 404
    assert get_response(db, given[0]) is not None


def test_people_not_signed_in_are_sent_to_sign_in(client, given):
    for url in ("/admin/responses", f"/admin/responses/{given[0]}/delete"):
        response = client.get(url)
        assert response.status_code == 302
        assert response.headers["Location"].startswith("/sign-in?next=")
