"""A staff name that holds a line break never breaks that person's digest email."""

from email import message_from_bytes, policy

from app.digest.email import build_message, service_digest
from app.store import add_user, digest_recipients, set_user_services
from app.weeks import parse_week
from tests.helpers import PASSWORD

WEEK = parse_week("2026-W40")


def test_a_stored_name_with_a_new_line_still_makes_a_readable_email(app, db, service):
    user = add_user(db, "jo@example.gov.uk", "Jo Bloggs", PASSWORD, "owner")
    set_user_services(db, user.id, [service.id])
    # A name stored before names were cleaned on the way in.
    db.execute("UPDATE users SET name = ? WHERE id = ?", ["Jo\r\nBcc: all@example.com", user.id])
    db.conn.commit()
    (recipient,) = digest_recipients(db)
    with app.app_context():
        digests = [service_digest(db, s, WEEK) for s in recipient.services]
        message = build_message(recipient, WEEK, digests)
    parsed = message_from_bytes(message.as_bytes(), policy=policy.default)
    (to,) = parsed["To"].addresses
    assert (to.display_name, to.addr_spec) == ("Jo Bcc: all@example.com", "jo@example.gov.uk")
    assert parsed["Bcc"] is None
