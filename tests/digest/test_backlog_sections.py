"""The digest's backlog sections: hidden when empty, listed on the page and in both email parts."""

from bs4 import BeautifulSoup

from app.digest import Digest, build_digest
from app.digest.backlog import BacklogDigest, DigestItem, backlog_for_digest
from app.digest.email import render_html, render_text
from app.weeks import last_complete_week
from tests.helpers import page, text_of

WEEK = last_complete_week()
SHIPPED = DigestItem(
    "Clearer missed-bin form <b>",
    "http://127.0.0.1:5000/services/bins/backlog/7",
    "shipped",
    "Shipped on Wednesday; its effect will be measured after 4 more weeks.",
)
MEASURED = DigestItem(
    "Text reminders before collection",
    "http://127.0.0.1:5000/services/bins/backlog/3",
    "improved",
    "Improved: the linked themes' share of comments fell by more than chance would explain.",
)


def with_items(monkeypatch, **items):
    monkeypatch.setattr(
        "app.digest.model.backlog_for_digest",
        lambda db, service, week, weeks: BacklogDigest(**items),
    )


def test_the_provider_finds_nothing_until_the_backlog_fills_it(db, service):
    found = backlog_for_digest(db, service, WEEK, [WEEK])
    assert (found.shipped_this_week, found.effects_measured, found.markers) == ([], [], [])
    digest = build_digest(db, service, WEEK, threshold=3, show_all=False)
    assert digest.shipped_this_week == digest.effects_measured == digest.markers == []


def test_no_sections_when_there_is_nothing(as_user, service):
    shown = page(as_user("owner").get(f"/services/bins/weeks/{WEEK}"))
    headings = [text_of(h) for h in shown.select("h2")]
    assert "Shipped this week" not in headings and "Effects measured this week" not in headings


def test_the_page_lists_both_sections(monkeypatch, as_user, service):
    with_items(monkeypatch, shipped_this_week=[SHIPPED], effects_measured=[MEASURED])
    shown = page(as_user("owner").get(f"/services/bins/weeks/{WEEK}"))
    shipped = shown.find("h2", id="shipped-this-week")
    assert text_of(shipped) == "Shipped this week"
    first = shipped.find_next("ul").find("li")
    assert text_of(first.a) == "Clearer missed-bin form <b>"
    assert first.a["href"] == SHIPPED.link
    assert text_of(first.strong) == "Shipped"
    measured = shown.find("h2", id="effects-measured").find_next("ul").find("li")
    assert text_of(measured.strong) == "Improved"
    assert "govuk-tag--green" in measured.strong["class"]
    assert MEASURED.sentence in text_of(measured)


def test_markers_reach_the_trend_chart(monkeypatch, app, db, as_user, service):
    from tests.dashboard.helpers import add_week, store_week

    add_week(db, service, WEEK, [(5, "")] * 3)
    store_week(db, service, WEEK, (0, 0, 0, 0, 3), 0)
    with_items(monkeypatch, markers=[(str(WEEK.shift(-3)), "Clearer form")])
    shown = page(as_user("owner").get(f"/services/bins/weeks/{WEEK}"))
    marker = shown.select_one("svg g.pulse-chart__marker")
    assert marker["data-week"] == str(WEEK.shift(-3))
    assert text_of(marker.title) == f"Shipped in week {WEEK.shift(-3)}: Clearer form"
    assert "1, Clearer form, in week" in text_of(shown.select_one("svg desc"))
    table = shown.select_one("details table")
    assert text_of(table.select("thead th")[-1]) == "Shipped"
    row = next(tr for tr in table.select("tbody tr") if text_of(tr.th) == str(WEEK.shift(-3)))
    assert text_of(row.select("td")[-1]) == "1: Clearer form"


def digests(service):
    return [
        Digest(
            service,
            WEEK,
            "quiet_week",
            shipped_this_week=[SHIPPED],
            effects_measured=[MEASURED],
        )
    ]


def test_both_email_parts_list_the_sections(app, service):
    with app.app_context():
        text = render_text(WEEK, digests(service), "Owen")
        html = render_html(WEEK, digests(service), "Owen")
    assert "Shipped this week\n  - Clearer missed-bin form <b> (Shipped)" in text
    assert "Effects measured this week\n  - Text reminders before collection: Improved" in text
    assert MEASURED.link in text and SHIPPED.link in text
    assert "its effect will be measured" in text
    soup = BeautifulSoup(html, "html.parser")
    headings = [text_of(h) for h in soup.select("h3")]
    assert headings == ["Shipped this week", "Effects measured this week"]
    link = soup.find("a", href=SHIPPED.link)
    assert text_of(link) == "Clearer missed-bin form <b>"
    assert "<b>" not in str(link) and "&lt;b&gt;" in str(link)
    assert "Improved" in text_of(soup.find("a", href=MEASURED.link).parent)


def test_email_parts_leave_the_sections_out_when_empty(app, service):
    with app.app_context():
        text = render_text(WEEK, [Digest(service, WEEK, "quiet_week")])
        html = render_html(WEEK, [Digest(service, WEEK, "quiet_week")])
    assert "Shipped this week" not in text and "Effects measured" not in text
    assert "Shipped this week" not in html and "Effects measured" not in html


def test_the_sections_come_before_the_downloads_on_an_analysed_week(
    monkeypatch, db, as_user, service
):
    from tests.dashboard.helpers import add_week, store_week

    add_week(db, service, WEEK, [(5, "")] * 3)
    store_week(db, service, WEEK, (0, 0, 0, 0, 3), 0)
    with_items(monkeypatch, shipped_this_week=[SHIPPED])
    headings = [
        text_of(h) for h in page(as_user("owner").get(f"/services/bins/weeks/{WEEK}")).select("h2")
    ]
    assert headings.index("Shipped this week") == headings.index("Download") - 1


def test_the_sections_show_on_a_quiet_week_too(monkeypatch, as_user, service):
    with_items(monkeypatch, effects_measured=[MEASURED])
    headings = [
        text_of(h) for h in page(as_user("owner").get(f"/services/bins/weeks/{WEEK}")).select("h2")
    ]
    assert "Effects measured this week" in headings and "Download" not in headings
