"""flask users: add, list, disable and enable staff accounts from the command line."""

import pytest

from app.store import MAX_FAILED, add_service, authenticate, get_user_by_email, list_users
from tests.helpers import PASSWORD


@pytest.fixture
def parking(db, service):
    """A second service, beside the bins service."""
    return add_service(db, "parking", "Parking permits", "Trwyddedau parcio")


def add(runner, *args, input=None):
    return runner.invoke(args=["users", "add", *args], input=input)


def test_add_asks_for_the_password_twice_without_showing_it(runner, db, service, parking):
    result = add(
        runner,
        "Owen@Example.gov.uk",
        "--role",
        "owner",
        "--name",
        "Owen Owner",
        "--service",
        "bins",
        "--service",
        "parking",
        input=f"{PASSWORD}\n{PASSWORD}\n",
    )
    assert result.exit_code == 0, result.output
    assert "Repeat for confirmation" in result.output
    assert PASSWORD not in result.output
    assert "Added Owen@Example.gov.uk (Owen Owner) as owner, for bins, parking." in result.output
    user = get_user_by_email(db, "owen@example.gov.uk")
    assert (user.name, user.role, user.active) == ("Owen Owner", "owner", True)
    assert user.service_ids == frozenset({service.id, parking.id})
    outcome, signed_in = authenticate(db, "owen@example.gov.uk", PASSWORD)
    assert outcome == "ok" and signed_in.id == user.id


def test_add_asks_again_when_the_two_passwords_differ(runner, db):
    result = add(
        runner,
        "ada@example.gov.uk",
        "--role",
        "admin",
        "--name",
        "Ada",
        input=f"{PASSWORD}\nsomething else entirely\n{PASSWORD}\n{PASSWORD}\n",
    )
    assert result.exit_code == 0, result.output
    assert "do not match" in result.output
    assert authenticate(db, "ada@example.gov.uk", PASSWORD)[0] == "ok"


def test_add_asks_for_the_name_when_not_given(runner, db):
    result = add(
        runner,
        "ada@example.gov.uk",
        "--role",
        "admin",
        input=f"Ada Lovelace\n{PASSWORD}\n{PASSWORD}\n",
    )
    assert result.exit_code == 0, result.output
    assert "Full name" in result.output
    assert get_user_by_email(db, "ada@example.gov.uk").name == "Ada Lovelace"


def test_add_reads_one_line_of_standard_input_for_scripts(runner, db, service):
    result = add(
        runner,
        "vera@example.gov.uk",
        "--role",
        "viewer",
        "--name",
        "Vera Viewer",
        "--service",
        "bins",
        "--password-stdin",
        input=f"  {PASSWORD}  \nnot read\n",
    )
    assert result.exit_code == 0, result.output
    assert "Password" not in result.output
    # Stripped like the sign-in form strips what people type, so the two always agree.
    assert authenticate(db, "vera@example.gov.uk", PASSWORD)[0] == "ok"
    assert get_user_by_email(db, "vera@example.gov.uk").service_ids == frozenset({service.id})


def test_an_owner_with_no_services_is_added_with_a_warning(runner, db):
    result = add(
        runner,
        "owen@example.gov.uk",
        "--role",
        "owner",
        "--name",
        "Owen",
        "--password-stdin",
        input=f"{PASSWORD}\n",
    )
    assert result.exit_code == 0, result.output
    assert "Warning: an owner with no services sees nothing" in result.stderr
    assert get_user_by_email(db, "owen@example.gov.uk").service_ids == frozenset()


@pytest.mark.parametrize(
    ("args", "stdin", "message"),
    [
        (
            ["not-an-email", "--role", "admin", "--name", "X"],
            PASSWORD,
            "not an email address in the correct format, like name@example.gov.uk",
        ),
        (
            ["jo@example.gov.uk", "--role", "viewer", "--name", "Jo", "--service", "nope"],
            PASSWORD,
            "There is no service with the slug 'nope'",
        ),
        (
            ["jo@example.gov.uk", "--role", "admin", "--name", "Jo"],
            "too short",
            "Password must be at least 12 characters",
        ),
        (
            ["jo@example.gov.uk", "--role", "admin", "--name", " "],
            PASSWORD,
            "Enter the person's name",
        ),
        (["jo@example.gov.uk", "--role", "admin"], PASSWORD, "--name is required"),
        (["jo@example.gov.uk", "--role", "root", "--name", "Jo"], PASSWORD, "'root' is not one"),
    ],
)
def test_add_refuses_bad_input_with_a_clear_error(runner, db, service, args, stdin, message):
    result = add(runner, *args, "--password-stdin", input=f"{stdin}\n")
    assert result.exit_code == 2, result.output
    assert message in result.output
    assert list_users(db) == []


def test_add_refuses_an_email_already_in_use_before_asking_for_a_password(runner, db):
    add(
        runner,
        "ada@example.gov.uk",
        "--role",
        "admin",
        "--name",
        "Ada",
        "--password-stdin",
        input=f"{PASSWORD}\n",
    )
    result = add(runner, "ADA@example.gov.uk", "--role", "viewer", "--name", "Ada 2", input="")
    assert result.exit_code == 2
    assert "A user with the email ADA@example.gov.uk already exists" in result.output
    assert "Password" not in result.output
    assert len(list_users(db)) == 1


def test_list_when_empty_says_how_to_add(runner):
    result = runner.invoke(args=["users", "list"])
    assert result.exit_code == 0
    assert "users add EMAIL --role admin" in result.output


def test_list_shows_email_name_role_status_and_services(runner, db, service, parking):
    from app.store import add_user

    add_user(db, "ada@example.gov.uk", "Ada Admin", PASSWORD, "admin")
    add_user(db, "owen@example.gov.uk", "Owen Owner", PASSWORD, "owner", [parking.id, service.id])
    add_user(db, "vera@example.gov.uk", "Vera Viewer", PASSWORD, "viewer")
    runner.invoke(args=["users", "disable", "vera@example.gov.uk"])
    lines = runner.invoke(args=["users", "list"]).output.splitlines()
    assert len(lines) == 3
    ada, owen, vera = lines
    assert ada.split()[:3] == ["ada@example.gov.uk", "admin", "active"]
    assert "Ada Admin" in ada and ada.endswith("all services")
    assert owen.split()[:3] == ["owen@example.gov.uk", "owner", "active"]
    assert owen.endswith("Owen Owner  |  bins, parking")
    assert vera.split()[:3] == ["vera@example.gov.uk", "viewer", "disabled"]
    assert vera.endswith("no services")


def test_disable_and_enable(runner, db):
    from app.store import add_user

    add_user(db, "jo@example.gov.uk", "Jo", PASSWORD, "viewer")
    disabled = runner.invoke(args=["users", "disable", "jo@example.gov.uk"])
    assert disabled.exit_code == 0 and "Disabled jo@example.gov.uk" in disabled.output
    assert authenticate(db, "jo@example.gov.uk", PASSWORD)[0] == "disabled"
    enabled = runner.invoke(args=["users", "enable", "jo@example.gov.uk"])
    assert enabled.exit_code == 0 and "Enabled jo@example.gov.uk" in enabled.output
    assert authenticate(db, "jo@example.gov.uk", PASSWORD)[0] == "ok"


def test_enable_lifts_a_lock_out(runner, db):
    from app.store import add_user

    add_user(db, "jo@example.gov.uk", "Jo", PASSWORD, "viewer")
    for _ in range(MAX_FAILED):
        authenticate(db, "jo@example.gov.uk", "wrong password")
    assert authenticate(db, "jo@example.gov.uk", PASSWORD)[0] == "locked"
    assert "locked" in runner.invoke(args=["users", "list"]).output
    runner.invoke(args=["users", "enable", "jo@example.gov.uk"])
    assert authenticate(db, "jo@example.gov.uk", PASSWORD)[0] == "ok"


@pytest.mark.parametrize("command", ["disable", "enable"])
def test_disable_or_enable_an_unknown_email(runner, command):
    result = runner.invoke(args=["users", command, "nobody@example.gov.uk"])
    assert result.exit_code == 2
    assert "There is no user with the email nobody@example.gov.uk" in result.output


def test_set_password_replaces_it_and_lifts_a_lock_out(runner, db, staff):
    from app.store import authenticate

    for _ in range(5):
        authenticate(db, "viewer@example.gov.uk", "wrong password")
    assert authenticate(db, "viewer@example.gov.uk", PASSWORD)[0] == "locked"
    result = runner.invoke(
        args=["users", "set-password", "viewer@example.gov.uk", "--password-stdin"],
        input="a brand new passphrase\n",
    )
    assert result.exit_code == 0, result.output
    assert "Set a new password for viewer@example.gov.uk" in result.output
    assert authenticate(db, "viewer@example.gov.uk", "a brand new passphrase")[0] == "ok"
    assert authenticate(db, "viewer@example.gov.uk", PASSWORD)[0] == "bad"


def test_set_password_refuses_short_passwords_and_unknown_users(runner, staff):
    short = runner.invoke(
        args=["users", "set-password", "viewer@example.gov.uk", "--password-stdin"], input="short\n"
    )
    assert short.exit_code == 2 and "at least 12 characters" in short.output
    unknown = runner.invoke(
        args=["users", "set-password", "nobody@example.gov.uk", "--password-stdin"], input="x\n"
    )
    assert unknown.exit_code == 2 and "no user with the email" in unknown.output


def test_add_a_recorder(runner, db, service):
    result = add(
        runner,
        "rita@example.gov.uk",
        "--role",
        "recorder",
        "--name",
        "Rita Recorder",
        "--service",
        "bins",
        "--password-stdin",
        input=f"{PASSWORD}\n",
    )
    assert result.exit_code == 0, result.output
    assert "as recorder, for bins" in result.output
    user = get_user_by_email(db, "rita@example.gov.uk")
    assert user.role == "recorder" and user.can_record(service.id) and not user.can_see(service.id)
    listed = runner.invoke(args=["users", "list"]).output
    assert "rita@example.gov.uk" in listed and "recorder active" in " ".join(listed.split())
