"""Staff names are kept on one line, whichever way they arrive."""

import pytest

from app.store import add_user, edit_user, get_user
from tests.helpers import PASSWORD


@pytest.mark.parametrize(
    ("given", "kept"),
    [
        ("Jo\nBloggs", "Jo Bloggs"),
        ("  Jo \r\n\t Bloggs ", "Jo Bloggs"),
        ("Jo\u2028Bloggs\x00", "Jo Bloggs"),
        ("Siân Llŷr", "Siân Llŷr"),
    ],
)
def test_names_lose_line_breaks_and_control_characters(db, given, kept):
    user = add_user(db, "jo@example.gov.uk", given, PASSWORD, "viewer")
    assert get_user(db, user.id).name == kept
    edit_user(db, user.id, given + "\n", "viewer", True, [])
    assert get_user(db, user.id).name == kept


def test_a_name_of_only_control_characters_is_refused(db):
    with pytest.raises(ValueError, match="Enter the person's name"):
        add_user(db, "jo@example.gov.uk", "\n\r\t", PASSWORD, "viewer")
