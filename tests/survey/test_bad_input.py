"""Bad input: a clear message, the citizen's words kept, never a stack trace."""

from tests.helpers import hidden_fields, page, text_of
from tests.survey.helpers import stored, submit


def _error_summary(soup):
    summary = soup.select_one(".govuk-error-summary")
    assert summary is not None, "expected an error summary"
    return [(text_of(a), a["href"]) for a in summary.select("a")]


def test_missing_rating_shows_error_and_keeps_comment(client, service, db):
    response = submit(client, comment="The form kept timing out")
    soup = page(response)
    assert response.status_code == 200
    assert _error_summary(soup) == [("Select how satisfied you were with the service", "#rating")]
    assert soup.title.string.startswith("Error:")
    assert (
        text_of(soup.select_one("#rating-error"))
        == "Error: Select how satisfied you were with the service"
    )
    assert soup.select_one("#comment").string == "The form kept timing out"
    assert stored(db) == []


def test_out_of_range_or_garbled_rating_is_refused(client, service, db):
    for bad in ("9", "0", "abc", "4.5"):
        soup = page(submit(client, rating=bad, comment="kept"))
        assert _error_summary(soup) == [
            ("Select how satisfied you were with the service", "#rating")
        ]
        assert soup.select_one("#comment").string == "kept"
    assert stored(db) == []


def test_too_long_comment_is_refused_and_kept(client, service, db):
    long_comment = "a" * 1251
    soup = page(submit(client, rating="2", comment=long_comment))
    assert _error_summary(soup) == [("Your comment must be 1,250 characters or fewer", "#comment")]
    assert soup.select_one("#comment").string == long_comment
    assert soup.select_one("input[name=rating][value='2']").has_attr("checked")
    assert stored(db) == []


def test_comment_of_exactly_the_limit_is_accepted_counting_newlines_once(client, service, db):
    # Browsers send new lines as CRLF; the on-page counter counts them as one character.
    comment = ("x" * 48 + "\r\n") * 25
    assert len(comment.replace("\r\n", "\n")) == 1225
    comment += "y" * 25
    assert submit(client, rating="3", comment=comment).status_code == 302
    assert len(stored(db)[0]["comment"]) == 1250


def test_missing_csrf_token_reshows_form_with_answers(client, service, db):
    data = hidden_fields(client.get("/s/bins"))
    data["csrf_token"] = "expired-or-forged"
    data.update(rating="1", comment="Keep my words please")
    response = client.post("/s/bins", data=data)
    soup = page(response)
    assert response.status_code == 200
    assert "Your session timed out" in text_of(soup.select_one(".govuk-notification-banner"))
    assert soup.select_one("#comment").string == "Keep my words please"
    assert soup.select_one("input[name=rating][value='1']").has_attr("checked")
    assert stored(db) == []
    # The re-shown form carries a fresh token, so sending it again works.
    resend = {**hidden_fields(soup), "rating": "1", "comment": "Keep my words please"}
    assert client.post("/s/bins", data=resend).status_code == 302
    assert [r["comment"] for r in stored(db)] == ["Keep my words please"]


def test_oversized_body_gets_413_page(client, service, db):
    response = client.post("/s/bins", data={"rating": "4", "comment": "x" * 70_000})
    assert response.status_code == 413
    assert text_of(page(response).h1) == "What you sent is too large"
    assert stored(db) == []


def test_malformed_encoding_gets_400_page(client, service, db):
    response = client.post(
        "/s/bins",
        data=b"rating=4&comment=%ff%fe%fd",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 400
    assert text_of(page(response).h1) == "Sorry, we could not read what was sent"
    assert stored(db) == []


def test_non_form_body_gets_400_page(client, service, db):
    response = client.post("/s/bins", json={"rating": 4})
    assert response.status_code == 400
    assert text_of(page(response).h1) == "Sorry, we could not read what was sent"


def test_html_in_a_comment_is_shown_as_text(client, service):
    soup = page(submit(client, comment="<script>alert(1)</script><b>bold</b>"))
    assert soup.select_one("#comment").string == "<script>alert(1)</script><b>bold</b>"
    assert not any("alert(1)" in (s.string or "") for s in soup.find_all("script"))
    assert soup.select_one("main b") is None
