"""A theme's history page: its typical comment (above the anonymity threshold) and, each week,
whether praise and complaint share it."""

from app.weeks import last_complete_week
from tests.dashboard.helpers import store_results
from tests.helpers import page, text_of

WEEK = last_complete_week()
RUDE = (1, -0.6, "Staff were rude on the phone")
HELPFUL = (5, 0.7, "Staff were helpful on the phone")


def _rows(soup):
    table = soup.select("table")[-1]
    return {text_of(r.th): text_of(r.select_one(".pulse-split")) for r in table.select("tbody tr")}


def test_history_shows_the_typical_comment_and_each_weeks_split(as_user, db, service, staff):
    ids = store_results(db, service, WEEK.shift(-1), {"Staff": [RUDE] * 5 + [HELPFUL]})
    store_results(
        db,
        service,
        WEEK,
        {"Staff": [(1, -0.7, "Typical: staff were rude")] + [RUDE] * 11 + [HELPFUL] * 3},
        continues={"Staff": ids["Staff"]},
    )
    soup = page(as_user("viewer").get(f"/services/bins/themes/{ids['Staff']}/history"))
    assert text_of(soup.select_one(".pulse-typical")) == "Typical: staff were rude"
    assert f"Typical comment, week {WEEK}:" in text_of(soup.main)
    assert _rows(soup) == {
        str(WEEK): "Mixed: 12 negative, 3 positive",
        str(WEEK.shift(-1)): "Not mixed",
    }


def test_a_theme_below_the_threshold_shows_no_comment_but_to_admins(as_user, db, service, staff):
    ids = store_results(db, service, WEEK, {"Tiny": [(2, -0.4, "A rare and telling remark")] * 2})
    url = f"/services/bins/themes/{ids['Tiny']}/history"
    owner = page(as_user("owner").get(url))
    assert owner.select_one(".pulse-typical") is None
    assert "A rare and telling remark" not in text_of(owner.main)
    admin = page(as_user("admin").get(url))
    assert text_of(admin.select_one(".pulse-typical")) == "A rare and telling remark"
