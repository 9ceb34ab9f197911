"""Renaming, merging and setting aside themes, as owners do it, and the theme's history."""

import pytest

from app.store import get_service, live_themes
from app.weekly import run_week
from app.weeks import last_complete_week
from tests.dashboard.helpers import COMPLAINTS, PRAISE, add_week
from tests.helpers import errors, page, post_form, text_of

WEEK = last_complete_week()
EARLIER = WEEK.shift(-1)


def _run(app, week):
    run_week(app.config["DATABASE"], week, workers=1)


def _theme(db, service, word):
    """The id of the service's live theme whose name has this word."""
    found = [t["id"] for t in live_themes(db, service.id) if word in t["display_label"].lower()]
    assert len(found) == 1, live_themes(db, service.id)
    return found[0]


def _digest_themes(client, week):
    soup = page(client.get(f"/services/bins/weeks/{week}"))
    return [
        text_of(h).split(" New")[0].split(" Growing")[0].split(" Steady")[0]
        for h in soup.select(".pulse-theme h3")
    ]


@pytest.fixture
def two_themes(app, db, service, staff):
    """Missed-bin complaints and thanks for helpful staff, in the week before the last."""
    add_week(db, service, EARLIER, [(1, c) for c in COMPLAINTS] * 3 + [(5, c) for c in PRAISE] * 3)
    _run(app, EARLIER)
    return _theme(db, service, "bin"), _theme(db, service, "helpful")


def test_a_rename_holds_in_later_weeks_and_reruns(app, db, as_user, two_themes):
    bins, _ = two_themes
    owner = as_user("owner")
    url = f"/services/bins/themes/{bins}/rename"
    form = page(owner.get(url))
    assert text_of(form.h1).startswith("Report a missed bin collection Rename")
    response = post_form(owner, url, label="  Missed collections  ")
    assert response.status_code == 302
    assert response.headers["Location"] == f"/services/bins/themes/{bins}/history"
    history = page(owner.get(response.headers["Location"]))
    assert text_of(history.h1) == "Missed collections"
    assert "Theme renamed ‘Missed collections’." in text_of(history)
    change = [text_of(td) for td in history.select("tbody")[0].select("tr")[0].select("td")]
    assert change[1] == "Owen Owner"
    assert change[2].startswith("Renamed from ‘") and change[2].endswith(
        "’ to ‘Missed collections’"
    )
    # A later week continues the theme, and a rerun of the first week keeps the name.
    add_week(db, get_service(db, "bins"), WEEK, [(1, c) for c in COMPLAINTS] * 3)
    _run(app, WEEK)
    _run(app, EARLIER)
    assert "Missed collections" in _digest_themes(owner, WEEK)
    assert "Missed collections" in _digest_themes(owner, EARLIER)


def test_rename_errors_are_in_plain_words(as_user, two_themes):
    bins, _ = two_themes
    owner = as_user("owner")
    url = f"/services/bins/themes/{bins}/rename"
    assert errors(post_form(owner, url, label="   ")) == [("Enter a name for the theme", "#label")]
    too_long = post_form(owner, url, label="x" * 81)
    assert errors(too_long) == [("Theme names must be 80 characters or fewer", "#label")]
    assert text_of(page(too_long).title).startswith("Error:")


def test_a_merge_keeps_one_id_with_both_histories(app, db, service, as_user, two_themes):
    bins, helpful = two_themes
    owner = as_user("owner")
    url = f"/services/bins/themes/{bins}/merge"
    shown = page(owner.get(url))
    choices = [text_of(label) for label in shown.select(".govuk-radios__label")]
    assert len(choices) == 1 and "helpful" in choices[0].lower()
    assert errors(post_form(owner, url)) == [("Select the theme to merge into this one", "#other")]
    assert errors(post_form(owner, url, other="99999")) == [
        ("Select the theme to merge into this one", "#other")
    ]
    assert post_form(owner, url, other=str(helpful)).status_code == 302
    history = page(owner.get(f"/services/bins/themes/{bins}/history"))
    weeks = [[text_of(c) for c in row.select("th, td")] for row in history.select("tbody")[1]("tr")]
    assert weeks[0][:2] == [str(EARLIER), "24"]
    assert "Merged ‘" in text_of(history.select("tbody")[0])
    gone = page(owner.get(f"/services/bins/themes/{helpful}/history"))
    assert "Merged into" in text_of(gone.select_one(".govuk-inset-text"))
    assert owner.get(f"/services/bins/themes/{helpful}/rename").status_code == 404
    # Rerunning the week and analysing the next one still give the one merged theme.
    add_week(db, service, WEEK, [(1, c) for c in COMPLAINTS] * 3 + [(5, c) for c in PRAISE] * 3)
    _run(app, EARLIER)
    _run(app, WEEK)
    assert [t["id"] for t in live_themes(db, service.id)] == [bins]
    assert len(_digest_themes(owner, EARLIER)) == 1
    assert len(_digest_themes(owner, WEEK)) == 1


def test_a_theme_marked_not_actionable_leaves_the_ranking_but_not_the_counts(as_user, two_themes):
    bins, _ = two_themes
    owner = as_user("owner")
    url = f"/services/bins/themes/{bins}/not-actionable"
    assert errors(post_form(owner, url, reason="")) == [
        ("Enter why the theme is not actionable", "#reason")
    ]
    assert post_form(owner, url, reason="Collections are run by the county").status_code == 302
    soup = page(owner.get("/services/bins/priorities?weeks=4"))
    ranked = soup.select("table")[0]
    assert "bin" not in text_of(ranked).lower().replace("bins", "")
    assert "12 of 24" in text_of(ranked)  # the set-aside theme's 12 still count in the 24
    set_aside = text_of(soup.select_one("main ul.govuk-list--bullet"))
    assert "Collections are run by the county" in set_aside
    history = page(owner.get(f"/services/bins/themes/{bins}/history"))
    assert "Marked not actionable: Collections are run by the county" in text_of(history)
    # And back again.
    assert post_form(owner, url).status_code == 302
    assert "Marked actionable again" in text_of(
        page(owner.get(f"/services/bins/themes/{bins}/history"))
    )
    assert not page(owner.get("/services/bins/priorities")).select("ul.govuk-list--bullet")


def test_viewers_read_the_history_without_edit_links(as_user, two_themes):
    bins, _ = two_themes
    viewer = as_user("viewer")
    history = page(viewer.get(f"/services/bins/themes/{bins}/history"))
    assert "Nobody has changed this theme yet." in text_of(history)
    assert not history.find("a", string="Rename this theme")
    assert viewer.get(f"/services/bins/themes/{bins}/rename").status_code == 403


def test_a_post_without_csrf_is_refused(as_user, db, service, two_themes):
    bins, _ = two_themes
    response = as_user("admin").post(f"/services/bins/themes/{bins}/rename", data={"label": "X"})
    assert response.status_code == 400
    assert all(t["display_label"] != "X" for t in live_themes(db, service.id))


def test_priorities_link_to_the_theme_history(as_user, two_themes):
    bins, _ = two_themes
    soup = page(as_user("viewer").get("/services/bins/priorities"))
    hrefs = {a["href"] for a in soup.select("table a")}
    assert f"/services/bins/themes/{bins}/history" in hrefs


def test_the_digest_links_each_theme_to_its_history(as_user, two_themes):
    soup = page(as_user("viewer").get(f"/services/bins/weeks/{EARLIER}"))
    hrefs = {a["href"] for a in soup.select(".pulse-theme h3 a")}
    assert hrefs == {f"/services/bins/themes/{t}/history" for t in two_themes}


def test_a_theme_number_past_any_id_is_not_found(as_user, service):
    admin = as_user("admin")
    for page_name in ("history", "rename", "merge", "not-actionable"):
        url = f"/services/bins/themes/{10**25}/{page_name}"
        assert admin.get(url).status_code == 404, url
