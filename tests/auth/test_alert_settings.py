"""The Email alerts page: anyone signed in turns their alert emails off and on again."""

from app.store import alerts_email_on
from tests.helpers import banner, errors, page, post_form, text_of


def _choice(response):
    checked = page(response).select_one("input[name=alerts_email][checked]")
    return checked["value"] if checked else None


def test_an_owner_turns_alert_emails_off_and_on(as_user, staff, db):
    owner = as_user("owner")
    shown = owner.get("/account/alerts")
    assert text_of(page(shown).h1) == "Email alerts"
    assert _choice(shown) == "on"
    saved = post_form(owner, "/account/alerts", alerts_email="off")
    assert saved.status_code == 302
    after = owner.get("/account/alerts")
    assert banner(after) == "You will not get alert emails."
    assert _choice(after) == "off"
    assert not alerts_email_on(db, staff["owner"].id)
    post_form(owner, "/account/alerts", alerts_email="on")
    assert alerts_email_on(db, staff["owner"].id)


def test_no_choice_or_a_made_up_one_says_what_to_do(as_user, staff, db):
    owner = as_user("owner")
    for answer in ("", "sometimes"):
        response = post_form(owner, "/account/alerts", alerts_email=answer)
        assert [text for text, _ in errors(response)] == ["Select whether to get alert emails"]
    assert alerts_email_on(db, staff["owner"].id)


def test_a_viewer_is_told_alerts_go_to_owners(as_user, staff):
    text = text_of(page(as_user("viewer").get("/account/alerts")))
    assert "Alert emails go to service owners" in text


def test_every_staff_page_links_to_the_setting(as_user, staff):
    shown = as_user("owner").get("/dashboard", follow_redirects=True)
    links = page(shown).select(".pulse-sign-out a")
    assert "/account/alerts" in [a.get("href") for a in links]


def test_one_persons_choice_leaves_the_others(as_user, staff, db):
    post_form(as_user("owner"), "/account/alerts", alerts_email="off")
    assert alerts_email_on(db, staff["viewer"].id)
