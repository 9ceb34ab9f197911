"""flask demo --analyse publishes two parking permit changes on 'You said, we did'."""

from app.store import get_service, list_items, published_entries
from tests.helpers import page, text_of


def test_the_demo_publishes_two_changes_in_both_languages(runner, client, db):
    result = runner.invoke(args=["demo", "--weeks", "2", "--analyse"])
    assert result.exit_code == 0, result.output
    assert "you said, we did: 2 changes published for parking-permits" in result.output
    parking = get_service(db, "parking-permits")
    entries = published_entries(db, parking.id, 3)
    assert len(entries) == 2
    for entry in entries:
        assert all(entry.you_said(lang) and entry.we_did(lang) for lang in ("en", "cy"))
        assert len(entry.quotes) <= 2
    english = page(client.get("/s/parking-permits/you-said-we-did"))
    welsh = page(client.get("/s/parking-permits/you-said-we-did?lang=cy"))
    assert len(english.select("article")) == len(welsh.select("article")) == 2
    assert text_of(welsh.select_one("article h3")) == "Dywedoch chi"
    # Running it again publishes the same items, not new ones.
    again = runner.invoke(args=["demo", "--reset", "--weeks", "2", "--analyse"])
    assert again.exit_code == 0, again.output
    shipped = list_items(db, [parking.id], "shipped")
    assert {item.title for item in shipped} == {
        "Fix the card payment page that crashes",
        "Say which proof of address we accept, and take phone photos",
    }
    assert len(published_entries(db, parking.id, 3)) == 2
