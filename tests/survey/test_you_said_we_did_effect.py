"""The measured effect on 'You said, we did': only when the owner chose to show it, in words
with the figures and their n, in English and Welsh."""

from datetime import date

from app.weeks import london_today
from tests.helpers import page, text_of
from tests.survey.published_helpers import published, shipped_item
from tests.test_effect import SHIPPED_ON, seed

URL = "/s/bins/you-said-we-did"


def effect(client, url=URL):
    article = page(client.get(url)).select_one("article")
    headings = [text_of(h3) for h3 in article.select("h3")]
    if len(headings) < 3:
        return None
    return headings[2], text_of(article.select("h3")[2].find_next_sibling("p"))


def test_the_effect_shows_in_plain_words_when_the_owner_chooses(client, db, service):
    theme = seed(db, service)
    published(db, shipped_item(db, service, [theme], shipped_on=SHIPPED_ON), show_effect=True)
    assert effect(client) == (
        "What happened next",
        "Fewer comments were about this problem: 24% of comments before the change, 4% after. "
        "There was no clear change in how satisfied people were. In the 4 weeks before it, "
        "50% of 240 people who gave feedback were satisfied; in the 4 weeks after, 50% of 240.",
    )
    heading, words = effect(client, f"{URL}?lang=cy")
    assert heading == "Beth ddigwyddodd wedyn"
    assert words.startswith("Roedd llai o sylwadau am y broblem hon: 24% o’r sylwadau cyn")
    assert "50% o 240" in words


def test_no_effect_unless_the_owner_chose_it(client, db, service):
    theme = seed(db, service)
    published(db, shipped_item(db, service, [theme], shipped_on=SHIPPED_ON))
    assert effect(client) is None
    assert "What happened next" not in client.get(f"{URL}.atom").get_data(as_text=True)


def test_a_recent_change_is_still_being_measured(client, db, service):
    item = shipped_item(db, service, shipped_on=london_today())
    published(db, item, show_effect=True)
    assert effect(client) == (
        "What happened next",
        "We are still measuring the effect of this change.",
    )
    assert effect(client, f"{URL}?lang=cy")[1] == "Rydym yn dal i fesur effaith y newid hwn."


def test_too_little_feedback_is_said_in_words(client, db, service):
    published(db, shipped_item(db, service, shipped_on=date(2026, 5, 13)), show_effect=True)
    assert effect(client)[1] == (
        "There was not enough feedback after this change to measure its effect."
    )
    assert effect(client, f"{URL}?lang=cy")[1] == (
        "Nid oedd digon o adborth ar ôl y newid hwn i fesur ei effaith."
    )
