"""Characters that hide or reorder text are taken out of what people type, so staff read
what was stored and what was stored is what it looks like."""

import pytest

from app.forms import clean_text
from app.store import get_service
from tests.helpers import page, post_form, text_of
from tests.survey.helpers import stored, submit

RLO = "\u202e"  # right-to-left override: "evil\u202etxt.exe" shows as "evilexe.txt"


@pytest.mark.parametrize(
    ("typed", "kept"),
    [
        (f"Bins {RLO}were missed", "Bins were missed"),
        ("Left\u202a to\u202b right\u202c", "Left to right"),
        ("\u2066isolated\u2069 and \u2067again\u2068", "isolated and again"),
        ("marks\u200e\u200f\u061c gone", "marks gone"),
        ("zero\u200bwidth", "zerowidth"),
        ("word\u2060joiner\ufeff", "wordjoiner"),
        ("\ufeffstarts with a byte order mark", "starts with a byte order mark"),
        ("soft\u00adhyphen", "softhyphen"),
        ("pass\u200dword\u200c", "password"),
        # Joiners shape emoji and some scripts: kept between two such characters.
        ("Diolch \U0001f469\u200d\u2695\ufe0f", "Diolch \U0001f469\u200d\u2695\ufe0f"),
        (
            "\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645",
            "\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645",
        ),
        ("Gwasanaeth gwych, diolch yn fawr iawn", "Gwasanaeth gwych, diolch yn fawr iawn"),
    ],
)
def test_clean_text_drops_hiding_characters(typed, kept):
    assert clean_text(typed) == kept


def test_a_survey_comment_is_stored_without_them(client, service, db):
    comment = f"The collection{RLO} was missed\u200b again"
    assert submit(client, rating="2", comment=comment).status_code == 302
    assert [row["comment"] for row in stored(db)] == ["The collection was missed again"]


def test_a_service_name_is_stored_and_shown_without_them(as_user, staff, db):
    admin = as_user("admin")
    response = post_form(
        admin,
        "/admin/services/add",
        name_en=f"Join the {RLO}library",
        name_cy="Ymuno \u200bâ'r llyfrgell",
        slug="library-cards",
        status="open",
    )
    assert response.status_code == 302
    service = get_service(db, "library-cards")
    assert (service.name_en, service.name_cy) == ("Join the library", "Ymuno â'r llyfrgell")
    assert "Join the library" in text_of(page(admin.get("/admin/services")))
