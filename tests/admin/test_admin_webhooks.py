"""The admin webhook pages: add one (secret shown once), see it listed with its last delivery,
its delivery log, revoke it; and addresses refused in plain words."""

import pytest

from app.store import get_service, list_webhooks
from app.webhooks import emit_event
from tests.admin.helpers import table_rows
from tests.helpers import errors, hidden_fields, page, post_form, text_of
from tests.receiver import Receiver

FAST = {"WEBHOOK_TIMEOUT_SECONDS": 0.5, "WEBHOOK_RETRY_DELAYS": (0, 0.01, 0.02)}


def add(client, **answers):
    """Send the add form as an admin would."""
    data = {"address": "https://hooks.example.com/pulse", "service": "all"}
    data.update(answers)
    return post_form(client, "/admin/webhooks/add", **data)


def test_an_added_webhook_shows_its_secret_once_and_is_listed(as_user, staff, db):
    admin = as_user("admin")
    bins = get_service(db, "bins")
    shown = add(admin, service=str(bins.id))
    assert shown.status_code == 200
    assert text_of(page(shown).h1) == "Webhook added"
    secret = text_of(page(shown).select_one("#webhook-secret"))
    [webhook] = list_webhooks(db)
    assert webhook.secret == secret and secret.startswith("whsec_")
    assert (webhook.url, webhook.service_id) == ("https://hooks.example.com/pulse", bins.id)
    listed = admin.get("/admin/webhooks")
    assert secret not in listed.get_data(as_text=True)
    row = table_rows(listed)[0]
    assert row[0].startswith("https://hooks.example.com/pulse")
    assert row[1:2] == ["bins"]
    assert "admin@example.gov.uk" in row[2]
    assert row[3] == "None yet"


def test_every_service_is_the_default_choice_shown(as_user, staff, db):
    admin = as_user("admin")
    form = page(admin.get("/admin/webhooks/add"))
    assert form.select_one("input[name=service][checked]")["value"] == "all"
    add(admin)
    assert list_webhooks(db)[0].service_id is None
    assert table_rows(admin.get("/admin/webhooks"))[0][1] == "Every service"


def test_the_log_shows_each_attempt_and_the_list_the_last(app, as_user, staff, db):
    admin = as_user("admin")
    with Receiver(statuses=[500, 200]) as receiver:
        add(admin, address=receiver.url)
        emit_event(db, {**app.config, **FAST}, "digest.ready", get_service(db, "bins"), {}, "Ready")
    webhook = list_webhooks(db)[0]
    log = admin.get(f"/admin/webhooks/{webhook.id}/log")
    assert text_of(page(log).h1) == f"Delivery log of webhook {webhook.id}"
    rows = table_rows(log)
    assert [r[2] for r in rows] == ["2", "1"]
    assert "Delivered HTTP 200" in rows[0][3]
    assert "Failed HTTP 500" in rows[1][3]
    assert rows[0][1].startswith("digest.ready")
    listed = table_rows(admin.get("/admin/webhooks"))[0]
    assert "delivered (200)" in listed[3]


def test_revoking_stops_the_webhook_and_keeps_its_log(as_user, staff, db):
    admin = as_user("admin")
    add(admin)
    webhook = list_webhooks(db)[0]
    listed = admin.get("/admin/webhooks")
    revoked = admin.post(
        f"/admin/webhooks/{webhook.id}/revoke", data=hidden_fields(listed), follow_redirects=True
    )
    assert f"Revoked webhook {webhook.id}" in revoked.get_data(as_text=True)
    assert "Revoked" in table_rows(revoked)[0][4]
    assert not list_webhooks(db)[0].active
    assert admin.get(f"/admin/webhooks/{webhook.id}/log").status_code == 200
    again = admin.post(
        f"/admin/webhooks/{webhook.id}/revoke", data=hidden_fields(listed), follow_redirects=True
    )
    assert "already revoked" in again.get_data(as_text=True)


def test_a_revoke_without_the_form_token_changes_nothing(as_user, staff, db):
    admin = as_user("admin")
    add(admin)
    webhook = list_webhooks(db)[0]
    admin.post(f"/admin/webhooks/{webhook.id}/revoke", data={})
    assert list_webhooks(db)[0].active


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("", "Enter the address to send events to"),
        ("   ", "Enter the address to send events to"),
        ("ftp://hooks.example.com/x", "The address must start with https://"),
        ("javascript:alert(1)", "The address must start with https://"),
        ("file:///etc/passwd", "The address must start with https://"),
        ("hooks.example.com/pulse", "The address must start with https://"),
        ("http://hooks.example.com/pulse", "Plain http:// is allowed only to this machine"),
        ("http://10.0.0.5/pulse", "Plain http:// is allowed only to this machine"),
        ("https://", "with a host name"),
        ("https://user:pass@hooks.example.com/", "Take the user name and password out"),
        ("https://hooks.example.com:notaport/", "Enter a full address"),
        ("https://hooks.example.com/a b", "must not contain spaces"),
        ("https://example.com/" + "a" * 2000, "2,000 characters or fewer"),
    ],
)
def test_bad_addresses_are_refused_in_plain_words(as_user, staff, db, url, message):
    response = add(as_user("admin"), address=url)
    assert response.status_code == 200
    found = [text for text, _link in errors(response)]
    assert any(message in text for text in found), found
    assert list_webhooks(db) == []


@pytest.mark.parametrize(
    "url", ["http://127.0.0.1:8080/hook", "http://localhost/hook", "http://[::1]:9000/x"]
)
def test_plain_http_to_this_machine_is_allowed_for_testing(as_user, staff, db, url):
    shown = add(as_user("admin"), address=url)
    assert text_of(page(shown).h1) == "Webhook added"
    assert list_webhooks(db)[0].url == url


def test_a_made_up_service_is_refused(as_user, staff, db):
    response = add(as_user("admin"), service="999")
    assert "Select every service or one service" in [t for t, _ in errors(response)]
    assert list_webhooks(db) == []


def test_only_admins_see_the_webhook_pages(as_user, staff, db):
    add(as_user("admin"))
    webhook = list_webhooks(db)[0]
    for persona in ("owner", "viewer"):
        client = as_user(persona)
        for url in ("/admin/webhooks", "/admin/webhooks/add", f"/admin/webhooks/{webhook.id}/log"):
            assert client.get(url).status_code == 404


def test_an_unknown_webhook_log_is_not_found(as_user, staff):
    assert as_user("admin").get("/admin/webhooks/999/log").status_code == 404


def test_staff_who_are_not_admins_cannot_revoke(as_user, staff, db):
    add(as_user("admin"))
    webhook = list_webhooks(db)[0]
    owner = as_user("owner")
    token = hidden_fields(owner.get("/account/alerts"))["csrf_token"]
    response = owner.post(f"/admin/webhooks/{webhook.id}/revoke", data={"csrf_token": token})
    assert response.status_code == 404
    assert list_webhooks(db)[0].active
