"""The privacy page says how long comments are kept and how to have feedback deleted."""

from tests.helpers import page, text_of


def _section(client, url):
    soup = page(client.get(url))
    heading = soup.select_one("#how-long")
    return text_of(heading), [text_of(p) for p in heading.find_next_siblings("p", limit=2)]


def test_english_states_the_configured_retention_and_how_to_ask_for_deletion(app, client):
    app.config["RETENTION_MONTHS"] = 18
    heading, (kept, deletion) = _section(client, "/privacy")
    assert heading == "How long we keep it"
    assert kept.startswith("We keep the words of your comment for 18 months.")
    assert "keep only your rating" in kept
    assert deletion.startswith("If you want us to delete feedback you gave")


def test_welsh_states_it_too(app, client):
    heading, (kept, deletion) = _section(client, "/privacy?lang=cy")
    assert heading == "Am ba hyd rydym yn ei gadw"
    assert kept.startswith("Rydym yn cadw geiriau eich sylw am 24 mis.")
    assert deletion.startswith("Os ydych am i ni ddileu adborth a roesoch")
