"""Backlog items in the store: made from themes, edited, moved through statuses with a record."""

from datetime import date

import pytest

from app.store import (
    FieldError,
    NewResponse,
    add_item,
    add_response,
    change_status,
    get_item,
    item_quotes,
    items_by_theme,
    list_items,
    merge_themes,
    set_item_quotes,
    status_changes,
    update_item,
)


def _theme(db, service_id, label):
    return db.execute(
        "INSERT INTO themes (service_id, first_week, last_week, label) VALUES (?, ?, ?, ?)",
        [service_id, "2026-W40", "2026-W40", label],
    ).lastrowid


def _item(db, service, themes=(), **fields):
    values = {"title": "Say when bins are late", "owner_name": "Owen Owner", **fields}
    return get_item(db, service.id, add_item(db, service.id, None, list(themes), **values))


def test_a_new_item_is_proposed_with_its_themes_and_first_status_kept(db, service, staff):
    theme = _theme(db, service.id, "late collections")
    item_id = add_item(
        db,
        service.id,
        staff["owner"].id,
        [theme],
        title="  Text people when a round is late ",
        description="A message the evening before",
        owner_name="Owen Owner",
        external_url="https://jira.example.gov.uk/browse/BINS-12",
        external_key="BINS-12",
    )
    item = get_item(db, service.id, item_id)
    assert (item.title, item.status, item.external_key) == (
        "Text people when a round is late",
        "proposed",
        "BINS-12",
    )
    assert item.themes == ((theme, "late collections"),)
    changes = status_changes(db, item_id)
    assert [(c["from_status"], c["to_status"], c["user_name"]) for c in changes] == [
        (None, "proposed", "Owen Owner")
    ]


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"title": "   "}, "title", "Enter a title"),
        ({"title": "x" * 121}, "title", "The title must be 120 characters or fewer"),
        ({"owner_name": ""}, "owner_name", "Enter the owner’s name"),
        ({"external_url": "jira/BINS-1"}, "external_url", "full web address"),
        ({"external_url": "javascript:alert(1)"}, "external_url", "full web address"),
        ({"external_url": "ftp://example.org/x"}, "external_url", "full web address"),
        ({"external_url": "https://"}, "external_url", "full web address"),
        ({"external_key": "K" * 65}, "external_key", "64 characters or fewer"),
        ({"description": "d" * 4001}, "description", "4,000 characters or fewer"),
    ],
)
def test_bad_details_are_refused_with_the_field_and_nothing_stored(
    db, service, fields, field, message
):
    with pytest.raises(FieldError, match=message) as refused:
        _item(db, service, **fields)
    assert refused.value.field == field
    assert list_items(db, [service.id]) == []


def test_a_theme_of_another_service_cannot_be_linked(db, service, staff):
    other = _theme(db, 2, "permits")
    with pytest.raises(FieldError) as refused:
        _item(db, service, [other])
    assert refused.value.field == "themes"
    assert list_items(db, [service.id]) == []


def test_status_changes_are_kept_with_who_and_returned(db, service, staff):
    item = _item(db, service)
    change = change_status(db, item, "planned", staff["owner"].id)
    assert (change.from_status, change.to_status) == ("proposed", "planned")
    assert change.item_id == item.id
    item = get_item(db, service.id, item.id)
    change = change_status(
        db, item, "shipped", staff["admin"].id, shipped_at="2026-11-20", today=date(2026, 11, 30)
    )
    assert change.shipped_at == "2026-11-20"
    item = get_item(db, service.id, item.id)
    assert (item.status, item.shipped_at) == ("shipped", "2026-11-20")
    history = [(c["to_status"], c["user_name"]) for c in status_changes(db, item.id)]
    assert history == [("proposed", None), ("planned", "Owen Owner"), ("shipped", "Ada Admin")]


def test_shipped_defaults_to_today_and_refuses_the_future_or_a_bad_date(db, service):
    item = _item(db, service)
    with pytest.raises(FieldError, match="today or in the past"):
        change_status(db, item, "shipped", None, shipped_at="2026-12-01", today=date(2026, 11, 30))
    with pytest.raises(FieldError, match="real date"):
        change_status(db, item, "shipped", None, shipped_at="2026-02-30")
    assert get_item(db, service.id, item.id).status == "proposed"
    assert len(status_changes(db, item.id)) == 1
    change_status(db, item, "shipped", None, today=date(2026, 11, 30))
    assert get_item(db, service.id, item.id).shipped_at == "2026-11-30"


def test_wont_do_needs_a_reason_and_the_same_status_is_refused(db, service):
    item = _item(db, service)
    with pytest.raises(FieldError, match="why it will not be done"):
        change_status(db, item, "wont_do", None, reason="  ")
    with pytest.raises(FieldError, match="already proposed"):
        change_status(db, item, "proposed", None)
    with pytest.raises(FieldError, match="Select a status"):
        change_status(db, item, "done", None)
    change_status(db, item, "wont_do", None, reason="The contractor sends texts already")
    item = get_item(db, service.id, item.id)
    assert (item.status, item.wont_do_reason) == ("wont_do", "The contractor sends texts already")


def test_a_merged_theme_is_read_as_the_theme_it_went_into(db, service):
    kept, gone = _theme(db, service.id, "late"), _theme(db, service.id, "missed")
    item = _item(db, service, [gone])
    rows = {r["id"]: r for r in db.query("SELECT *, label AS display_label FROM themes")}
    merge_themes(db, rows[kept], rows[gone], None)
    item = get_item(db, service.id, item.id)
    assert item.themes == ((kept, "late"),)
    assert list(items_by_theme(db, service.id)) == [kept]


def test_editing_keeps_the_status_and_relinks_themes(db, service):
    one, two = _theme(db, service.id, "one"), _theme(db, service.id, "two")
    item = _item(db, service, [one])
    change_status(db, item, "planned", None)
    item = get_item(db, service.id, item.id)
    update_item(db, item, [two], title="New title", owner_name="Jo", external_url="")
    item = get_item(db, service.id, item.id)
    assert (item.title, item.status, item.theme_ids, item.external_url) == (
        "New title",
        "planned",
        [two],
        None,
    )


def test_another_services_item_is_not_found(db, service, staff):
    item = _item(db, service)
    assert get_item(db, 2, item.id) is None
    assert get_item(db, service.id, 2**70) is None
    assert list_items(db, [2]) == []
    assert [i.id for i in list_items(db, [service.id], status="proposed")] == [item.id]
    assert list_items(db, [service.id], status="planned") == []


def test_picked_quotes_must_be_the_services_and_go_with_a_deleted_response(db, service, staff):
    item = _item(db, service)
    mine = add_response(db, NewResponse(service_id=service.id, rating=2, comment="late"))[1]["id"]
    theirs = add_response(db, NewResponse(service_id=2, rating=2, comment="permit"))[1]["id"]
    with pytest.raises(FieldError):
        set_item_quotes(db, item, [mine, theirs])
    assert item_quotes(db, item.id) == []
    set_item_quotes(db, item, [mine])
    assert item_quotes(db, item.id) == [mine]
    db.execute("DELETE FROM responses WHERE id = ?", [mine])
    assert item_quotes(db, item.id) == []
