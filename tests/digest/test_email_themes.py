"""The digest email's themes: the typical comment, the split, the tested trend word, what fits
no theme, and what the words mean, in both parts."""

from bs4 import BeautifulSoup

from tests.dashboard.helpers import store_results
from tests.digest.helpers import WEEK, parts, send
from tests.helpers import text_of

RUDE = (1, -0.6, "Staff were rude on the phone")
HELPFUL = (5, 0.7, "Staff were helpful on the phone")
OTHER = (3, 0.0, "Just a note about the leaflet")


def _send(runner, smtp, db, service):
    store_results(
        db,
        service,
        WEEK,
        {
            "Staff on the phone": [(1, -0.7, "Typical: staff were rude")]
            + [RUDE] * 11
            + [HELPFUL] * 3,
            "Tiny": [(2, -0.4, "A rare and telling remark")] * 2,
        },
        [OTHER] * 4,
    )
    result = send(runner)
    assert result.exit_code == 0, result.output
    return parts(smtp.inbox.to("owner@example.gov.uk"))


def test_text_part(runner, smtp, staff, db, service):
    text, _ = _send(runner, smtp, db, service)
    assert "1. Staff on the phone: new, 15 comments of 21" in text
    assert "Mixed: 12 negative, 3 positive" in text
    typical = text.index("Typical comment:")
    assert text.index('"Typical: staff were rude"') > typical
    assert (
        "6 comments fit no theme shown. Read them: http://127.0.0.1:5000/services/bins/"
        f"weeks/{WEEK}/comments?theme=none" in text
    )
    assert "A rare and telling remark" not in text
    assert "What the words mean" in text and "Fisher's exact test" in " ".join(text.split())


def test_html_part(runner, smtp, staff, db, service):
    _, html = _send(runner, smtp, db, service)
    soup = BeautifulSoup(html, "html.parser")
    body = text_of(soup.body)
    assert "Typical comment: “Typical: staff were rude”" in body
    assert "Mixed: 12 negative, 3 positive" in body
    link = soup.find("a", string="Read the comments that fit no theme")
    assert link["href"].endswith(f"/services/bins/weeks/{WEEK}/comments?theme=none")
    assert "A rare and telling remark" not in body
    assert "What the words mean" in body and "Too few to tell:" in body


def test_a_theme_back_after_a_week_without_comments_says_so(runner, smtp, staff, db, service):
    ids = store_results(db, service, WEEK.shift(-2), {"Staff on the phone": [RUDE] * 5}, [OTHER])
    store_results(db, service, WEEK.shift(-1), {}, [OTHER] * 6)
    store_results(
        db,
        service,
        WEEK,
        {"Staff on the phone": [RUDE] * 4},
        [OTHER] * 2,
        continues={"Staff on the phone": ids["Staff on the phone"]},
    )
    assert send(runner).exit_code == 0
    text, html = parts(smtp.inbox.to("owner@example.gov.uk"))
    assert "4 comments of 6; earlier weeks 5 of 12 (42%), none last week" in text
    assert "none last week" in text_of(BeautifulSoup(html, "html.parser").body)
