"""Digest fixtures: a running SMTP server, staff who get digests, two analysed weeks."""

import pytest

from app.store import add_user, get_service, set_user_active
from app.weekly import run_week
from tests.digest.helpers import (
    LAST_WEEK_RATINGS,
    RATINGS,
    SCRIPT,
    WEEK,
    MailServer,
    add_theme,
    rate,
)
from tests.helpers import PASSWORD


@pytest.fixture
def smtp(app):
    """A running SMTP server that the app sends to; smtp.inbox holds what arrived."""
    server = MailServer(app)
    server.start()
    yield server
    server.stop()


@pytest.fixture
def people(db, staff):
    """The staff fixture plus: an owner of two services, an admin with a service, a disabled
    viewer, an owner with no services."""
    bins, parking = get_service(db, "bins"), get_service(db, "parking")
    extra = {
        "both": add_user(
            db, "both@example.gov.uk", "Bo Both", PASSWORD, "owner", [bins.id, parking.id]
        ),
        "admin_assigned": add_user(
            db, "admin2@example.gov.uk", "Aled Admin", PASSWORD, "admin", [parking.id]
        ),
        "disabled": add_user(db, "gone@example.gov.uk", "Gwen Gone", PASSWORD, "viewer", [bins.id]),
        "unassigned": add_user(db, "none@example.gov.uk", "Nia None", PASSWORD, "owner"),
    }
    set_user_active(db, "gone@example.gov.uk", False)
    return {**staff, **extra}


@pytest.fixture
def analysed(app, db, service):
    """Two analysed weeks of ratings for bins, with one public theme and one admin-only theme."""
    rate(db, service, WEEK.shift(-1), LAST_WEEK_RATINGS)
    run_week(app.config["DATABASE"], WEEK.shift(-1), workers=1)
    rate(db, service, WEEK, RATINGS)
    run_week(app.config["DATABASE"], WEEK, workers=1)
    add_theme(
        db,
        service,
        WEEK,
        "Form crashes on submit",
        5,
        [SCRIPT, "It crashed\non the last page", "A third quote that is not shown"],
    )
    add_theme(db, service, WEEK, "Secret tiny theme", 1, ["A rare and telling remark"])
    return service
