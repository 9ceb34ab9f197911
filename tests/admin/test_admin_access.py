"""Only admins may open the admin pages: others get 'page not found' or are sent to sign in."""

import pytest

from app.store import get_user_by_email
from tests.helpers import hidden_fields, post_form

URLS = [
    "/admin/users",
    "/admin/users/add",
    "/admin/users/1",
    "/admin/users/1/password",
    "/admin/services",
    "/admin/services/add",
    "/admin/services/bins",
    "/admin/services/bins/link",
    "/admin/services/bins/qr.png",
    "/admin/services/bins/qr.svg",
    "/admin/responses",
    "/admin/webhooks",
    "/admin/webhooks/add",
]


def _statuses(client):
    return {url: client.get(url).status_code for url in URLS}


def test_admin_pages_open_for_admins(as_user):
    assert _statuses(as_user("admin")) == dict.fromkeys(URLS, 200)


@pytest.mark.parametrize("role", ["owner", "viewer", "other_owner"])
def test_other_staff_get_page_not_found(as_user, role):
    # One test per role rather than per address: each sign-in costs a slow password hash.
    assert _statuses(as_user(role)) == dict.fromkeys(URLS, 404)


def test_people_not_signed_in_are_sent_to_sign_in(client, staff):
    for url in URLS:
        response = client.get(url)
        assert response.status_code == 302, url
        assert response.headers["Location"].startswith("/sign-in?next="), url


def _token(client):
    return hidden_fields(client.get("/dashboard", follow_redirects=True))["csrf_token"]


def test_an_owner_cannot_add_users_or_promote_themself_by_posting(as_user, staff, db):
    owner = as_user("owner")
    token = _token(owner)
    added = owner.post(
        "/admin/users/add",
        data={
            "csrf_token": token,
            "email": "sneaky@example.gov.uk",
            "name": "Sneaky",
            "role": "admin",
            "password": "a long enough password",
        },
    )
    assert added.status_code == 404
    assert get_user_by_email(db, "sneaky@example.gov.uk") is None
    promoted = owner.post(
        f"/admin/users/{staff['owner'].id}",
        data={"csrf_token": token, "name": "Owen", "role": "admin", "status": "active"},
    )
    assert promoted.status_code == 404
    assert get_user_by_email(db, "owner@example.gov.uk").role == "owner"
    closed = owner.post(
        "/admin/services/bins",
        data={"csrf_token": token, "name_en": "X", "name_cy": "Y", "status": "closed"},
    )
    assert closed.status_code == 404


def test_forms_refuse_a_post_without_the_csrf_token(as_user, db):
    admin = as_user("admin")
    response = admin.post(
        "/admin/services/add",
        data={"slug": "nope", "name_en": "Nope", "name_cy": "Na", "status": "open"},
    )
    assert response.status_code == 400
    good = post_form(
        admin, "/admin/services/add", slug="yes", name_en="Yes", name_cy="Ie", status="open"
    )
    assert good.status_code == 302


def test_every_admin_view_declares_the_admin_rule(app):
    endpoints = [rule.endpoint for rule in app.url_map.iter_rules()]
    admin_views = [e for e in endpoints if e.startswith("admin.")]
    assert len(admin_views) == 18  # 4 of them the webhook pages
    for endpoint in admin_views:
        assert app.view_functions[endpoint].access_rule == "admin", endpoint
