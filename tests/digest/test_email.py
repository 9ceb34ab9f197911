"""The digest email's content: what it shows and hides, and the plain-text preview."""

from bs4 import BeautifulSoup

from app.digest import build_digest
from app.store import add_service
from app.weekly import run_week
from tests.digest.helpers import LINK, RATINGS, SCRIPT, WEEK, parts, rate, send
from tests.samples import PARKING, PHONES


def test_admin_only_theme_is_on_the_admin_page_but_not_in_email(
    runner, smtp, people, analysed, as_user
):
    page = as_user("admin").get(f"/services/bins/weeks/{WEEK}").get_data(as_text=True)
    assert "Secret tiny theme" in page
    assert send(runner).exit_code == 0
    for message in smtp.inbox.messages:
        for part in parts(message):
            assert "Secret tiny theme" not in part and "rare and telling" not in part


def test_a_comment_with_markup_is_text_in_both_parts(runner, smtp, people, analysed):
    assert send(runner).exit_code == 0
    text, html = parts(smtp.inbox.to("owner@example.gov.uk"))
    assert SCRIPT in text
    assert "&lt;" not in text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<script" not in html
    soup = BeautifulSoup(html, "html.parser")
    assert not soup.select("script")
    assert SCRIPT in soup.get_text()


def test_unanalysed_week_says_so_and_gives_the_command(runner, smtp, staff, service, db):
    rate(db, service, WEEK, RATINGS)
    result = send(runner)
    assert result.exit_code == 0, result.output
    assert "has not been analysed for bins" in result.output
    text, html = parts(smtp.inbox.to("owner@example.gov.uk"))
    assert "has not been analysed yet" in text
    assert f"flask --app wsgi analyse --week {WEEK}" in text
    assert f"flask --app wsgi analyse --week {WEEK}" in html


def test_preview_prints_the_plain_text_digest(runner, analysed):
    result = runner.invoke(args=["digest", "preview", "bins", "--week", str(WEEK)])
    assert result.exit_code == 0, result.output
    out = result.output
    assert out.startswith("Pulse weekly digest: week 2026-W40 — 1 service")
    assert "60%" in out and LINK in out and SCRIPT in out
    assert "Form crashes on submit" in out and "Secret tiny theme" not in out
    assert "<html" not in out and "&lt;" not in out


def test_preview_rejects_an_unknown_slug(runner, service):
    result = runner.invoke(args=["digest", "preview", "nope"])
    assert result.exit_code == 2
    assert "There is no service with the slug 'nope'" in result.output


def test_themes_from_the_weekly_run_follow_the_threshold(app, runner, smtp, staff, db):
    """With real themes from the analysis: shown at the default threshold, and left out of
    the email once the threshold is above their size."""
    from app.store import set_user_services

    roads = add_service(db, "roads", "Report a pothole", "Rhoi gwybod am dwll yn y ffordd")
    set_user_services(db, staff["owner"].id, [roads.id])
    rate(db, roads, WEEK, [2] * 9, PARKING * 2 + [PHONES[0]])
    run_week(app.config["DATABASE"], WEEK, workers=1)
    everything = build_digest(db, roads, WEEK, threshold=1, show_all=True)
    labels = [t["display_label"] for t in everything.themes]
    assert labels, "the weekly run should find a theme in these comments"

    preview = runner.invoke(args=["digest", "preview", "roads", "--week", str(WEEK)]).output
    shown = [t for t in everything.themes[:5] if max(t["size"], t["previous_size"] or 0) >= 3]
    assert shown, "at least one theme reaches the default threshold of 3"
    for theme in shown:
        assert theme["display_label"] in preview

    app.config["ANONYMITY_THRESHOLD"] = max(t["size"] for t in everything.themes) + 1
    assert send(runner).exit_code == 0
    message = smtp.inbox.to("owner@example.gov.uk")
    assert message["Subject"] == "Pulse weekly digest: week 2026-W40 — 1 service"
    for part in parts(message):
        assert "not shown: fewer than" in part
        for label in labels:
            assert label not in part
