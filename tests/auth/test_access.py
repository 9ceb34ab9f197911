"""Every route declares who may open it, and the rule holds for each kind of user.

A new route without an @access rule, or with URL parts this test does not know how to fill,
fails here until someone decides who should see it.
"""

import pytest

from app.auth.access import TOKEN_RULES
from app.store import (
    NewResponse,
    add_item,
    add_response,
    add_webhook,
    get_service,
    list_items,
    live_themes,
)
from app.weekly import run_week
from app.weeks import last_complete_week
from tests.dashboard.helpers import COMPLAINTS, add_week
from tests.helpers import hidden_fields
from tests.survey.published_helpers import TEXTS

RESPONSE_ID = 1  # the first response in each test's fresh database
WEBHOOK_ID = 1  # likewise the first webhook

PERSONAS = ["viewer", "other_owner", "owner", "admin", "recorder"]
EXPECTED = {
    # rule: {persona: allowed? (False: page not found; a number: that status)}
    "any_staff": dict.fromkeys(PERSONAS, True),
    "signed_in": {
        "viewer": True,
        "other_owner": True,
        "owner": True,
        "admin": True,
        "recorder": False,
    },
    "admin": {"viewer": False, "other_owner": False, "owner": False, "admin": True},
    "service_read": {"viewer": True, "other_owner": False, "owner": True, "admin": True},
    "service_manage": {"viewer": False, "other_owner": False, "owner": True, "admin": True},
    "service_edit": {"viewer": 403, "other_owner": False, "owner": True, "admin": True},
    "service_record": {
        "viewer": 403,
        "other_owner": False,
        "owner": True,
        "admin": True,
        "recorder": True,
    },
}
# A recorder reads no feedback: every page but its own is 'page not found' to it.
for _allowed in EXPECTED.values():
    _allowed.setdefault("recorder", False)


@pytest.fixture(autouse=True)
def with_recorder(recorder):
    """A recorder of bins joins the other personas."""


@pytest.fixture(autouse=True)
def a_response(db, service):
    """One response, so the pages about a response have one to show."""
    _, row = add_response(db, NewResponse(service.id, 4, "Fine"))
    assert row["id"] == RESPONSE_ID


@pytest.fixture(autouse=True)
def a_webhook(db, staff):
    """One webhook, so its delivery log has one to show."""
    assert (
        add_webhook(db, "https://hooks.example.com/pulse", None, staff["admin"].id).id == WEBHOOK_ID
    )


@pytest.fixture(autouse=True)
def themes(app, db, staff):
    """{slug: a theme id} for bins and for the other service, parking, from an analysed week."""
    week = last_complete_week()
    found = {}
    for slug in ("bins", "parking"):
        service = get_service(db, slug)
        add_week(db, service, week, [(1, c) for c in COMPLAINTS] * 3)
        run_week(app.config["DATABASE"], week, slug=slug, workers=1)
        found[slug] = live_themes(db, service.id)[0]["id"]
    return found


@pytest.fixture(autouse=True)
def items(db, themes):
    """{slug: a backlog item id} for bins and parking, each linked to the service's theme."""
    found = {}
    for slug in ("bins", "parking"):
        service = get_service(db, slug)
        found[slug] = add_item(
            db, service.id, None, [themes[slug]], title=f"{slug} change", owner_name="Jo"
        )
    return found


def _url_values(rule, staff, theme_id, item_id):
    values = {
        "theme_id": theme_id,
        "item_id": item_id,
        "slug": "bins",
        "week": str(last_complete_week()),
        "user_id": staff["viewer"].id,
        "format": "csv",
        "kind": "png",
        "response_id": RESPONSE_ID,
        "name": "a-token",
        "webhook_id": WEBHOOK_ID,
    }
    missing = set(rule.arguments) - set(values)
    assert not missing, f"{rule.rule}: teach test_access how to fill {missing}"
    return {name: values[name] for name in rule.arguments}


def _staff_routes(app, staff, theme_id=None, methods=("GET",), item_id=1):
    routes = []
    for rule in app.url_map.iter_rules():
        if rule.endpoint == "static":
            continue
        view = app.view_functions[rule.endpoint]
        access_rule = getattr(view, "access_rule", None)
        assert access_rule, f"{rule.endpoint} ({rule.rule}) has no @access rule"
        # API routes answer to a token, never a session: tests/api checks them.
        if access_rule in TOKEN_RULES:
            continue
        if access_rule != "public" and set(methods) & rule.methods:
            with app.test_request_context():
                from flask import url_for

                url = url_for(rule.endpoint, **_url_values(rule, staff, theme_id, item_id))
            routes.append((rule.endpoint, access_rule, url))
    return routes


def test_every_route_declares_access(app, staff, themes):
    assert _staff_routes(app, staff, themes["bins"]), "there should be staff pages to check"


def test_anonymous_visitors_are_sent_to_sign_in(app, staff, themes):
    client = app.test_client()
    for endpoint, _rule, url in _staff_routes(app, staff, themes["bins"]):
        response = client.get(url)
        assert response.status_code == 302, endpoint
        assert response.headers["Location"].startswith("/sign-in"), endpoint


@pytest.mark.parametrize("persona", PERSONAS)
def test_each_role_gets_what_it_should(app, staff, themes, as_user, persona):
    client = as_user(persona)
    for endpoint, rule, url in _staff_routes(app, staff, themes["bins"]):
        response = client.get(url)
        expected = EXPECTED[rule][persona]
        if expected is True:
            assert response.status_code in (200, 302), (endpoint, url, response.status_code)
            if response.status_code == 302:
                assert not response.headers["Location"].startswith("/sign-in"), endpoint
        else:
            assert response.status_code == (expected or 404), (endpoint, url, response.status_code)


@pytest.mark.parametrize("persona", PERSONAS)
def test_another_services_theme_is_not_found_through_this_service(
    app, staff, themes, as_user, persona
):
    client = as_user(persona)
    routes = [r for r in _staff_routes(app, staff, themes["parking"]) if "/themes/" in r[2]]
    assert len(routes) == 4, "history, rename, merge and not-actionable"
    for endpoint, rule, url in routes:
        # Bins' address with parking's theme: nobody, not even an admin, finds it there. A
        # viewer of bins is refused every edit before any theme is looked up.
        expected = 403 if persona == "viewer" and rule == "service_edit" else 404
        assert client.get(url).status_code == expected, (endpoint, url)


@pytest.mark.parametrize("persona", ["viewer", "other_owner", "owner", "admin"])
def test_another_services_backlog_item_is_not_found_through_this_service(
    app, staff, themes, items, as_user, persona
):
    client = as_user(persona)
    routes = [
        r
        for r in _staff_routes(app, staff, themes["bins"], item_id=items["parking"])
        if f"/backlog/{items['parking']}" in r[2]
    ]
    assert len(routes) == 5, "item, its CSV, edit, status and publish"
    for endpoint, rule, url in routes:
        expected = 403 if persona == "viewer" and rule == "service_edit" else 404
        assert client.get(url).status_code == expected, (endpoint, url)
        if rule == "service_edit":
            answers = {"title": "Hijacked", "owner_name": "X", "status": "planned"}
            assert client.post(url, data=answers).status_code in (400, expected), url


@pytest.mark.parametrize(("persona", "status"), [("viewer", 403), ("other_owner", 404)])
def test_staff_who_may_not_edit_themes_cannot_post_changes(
    app, db, staff, themes, as_user, persona, status
):
    client = as_user(persona)
    token = hidden_fields(client.get("/dashboard", follow_redirects=True))["csrf_token"]
    routes = _staff_routes(app, staff, themes["bins"], methods=("POST",))
    edits = [
        url for _endpoint, rule, url in routes if rule == "service_edit" and "/publish" not in url
    ]
    edits = [url for url in edits if not url.endswith("/unpublish")]
    assert len(edits) == 6, "three theme edits; new backlog item, its edit and its status"
    for url in edits:
        answers = {
            "csrf_token": token,
            "label": "Hijacked",
            "reason": "No",
            "other": "1",
            "title": "Hijacked",
            "owner_name": "X",
            "status": "planned",
        }
        assert client.post(url, data=answers).status_code == status, url
    bins = get_service(db, "bins")
    assert all(t["display_label"] != "Hijacked" for t in live_themes(db, bins.id))
    assert [(i.title, i.status) for i in list_items(db, [bins.id])] == [("bins change", "proposed")]


def test_public_pages_need_no_sign_in(client, service):
    public = ("/", "/privacy", "/accessibility", "/s/bins", "/sign-in", "/you-said-we-did")
    for url in (*public, "/s/bins/you-said-we-did", "/s/bins/you-said-we-did.atom"):
        assert client.get(url).status_code == 200, url


def test_token_routes_are_the_api_and_refuse_a_staff_session(app, staff, as_user):
    client = as_user("admin")
    token_routes = [
        rule
        for rule in app.url_map.iter_rules()
        if getattr(app.view_functions[rule.endpoint], "access_rule", None) in TOKEN_RULES
    ]
    assert len(token_routes) >= 4
    for rule in token_routes:
        assert rule.rule.startswith("/api/v1/"), rule.rule
        url = rule.rule.replace("<slug>", "bins").replace("<week>", "2026-W47")
        method = "POST" if "POST" in rule.methods else "GET"
        response = client.open(url, method=method, json={"rating": 5})
        assert response.status_code == 401, (rule.rule, response.status_code)


@pytest.mark.parametrize(("persona", "status"), [("viewer", 403), ("other_owner", 404)])
def test_staff_who_may_not_edit_cannot_publish_or_unpublish(
    app, db, staff, themes, as_user, persona, status
):
    client = as_user(persona)
    token = hidden_fields(client.get("/dashboard", follow_redirects=True))["csrf_token"]
    routes = _staff_routes(app, staff, themes["bins"], methods=("POST",))
    edits = [url for _endpoint, _rule, url in routes if "/backlog/" in url]
    assert {url.rsplit("/", 1)[1] for url in edits} >= {"publish", "unpublish"}
    for url in edits:
        assert client.post(url, data={"csrf_token": token, **TEXTS}).status_code == status, url
    assert client.get("/s/bins/thanks").status_code == 200
    assert "See what we changed" not in client.get("/s/bins/thanks").get_data(as_text=True)


@pytest.mark.parametrize("persona", PERSONAS)
def test_recording_for_another_service_is_not_found(app, staff, themes, as_user, persona):
    client = as_user(persona)
    routes = [r for r in _staff_routes(app, staff, themes["bins"]) if r[1] == "service_record"]
    assert len(routes) == 2, "the form and its confirmation"
    for endpoint, _rule, url in routes:
        # Parking: only its owner (other_owner) and admins may record for it.
        url = url.replace("/services/bins/", "/services/parking/")
        response = client.get(url)
        if persona in ("admin", "other_owner"):
            assert response.status_code in (200, 302), (endpoint, url)
        else:
            assert response.status_code == 404, (endpoint, url, response.status_code)


@pytest.mark.parametrize(
    ("persona", "slug", "status"),
    [("viewer", "bins", 403), ("recorder", "parking", 404), ("owner", "parking", 404)],
)
def test_staff_who_may_not_record_cannot_post_feedback(db, as_user, persona, slug, status):
    client = as_user(persona)
    token = hidden_fields(client.get("/account/password"))["csrf_token"]
    answers = {"csrf_token": token, "rating": "1", "channel": "phone", "language": "en"}
    response = client.post(f"/services/{slug}/responses/new", data=answers)
    assert response.status_code == status
    assert db.execute("SELECT count(*) FROM responses WHERE source = 'staff'").fetchone()[0] == 0
