"""flask services: add, list and link the services people rate."""

from app.store import get_service, list_services


def test_services_add_and_list(runner, db):
    result = runner.invoke(
        args=[
            "services",
            "add",
            "parking",
            "--name",
            "Parking permits",
            "--name-cy",
            "Trwyddedau parcio",
        ]
    )
    assert result.exit_code == 0, result.output
    assert "http://127.0.0.1:5000/s/parking" in result.output
    assert get_service(db, "parking").name_cy == "Trwyddedau parcio"
    listed = runner.invoke(args=["services", "list"]).output
    assert "parking" in listed and "Trwyddedau parcio" in listed and "open" in listed


def test_services_add_refuses_bad_or_taken_slugs(runner, db):
    bad = runner.invoke(args=["services", "add", "Not OK!", "--name", "X", "--name-cy", "Y"])
    assert bad.exit_code == 2
    assert "lower-case letters, numbers and hyphens" in bad.output
    runner.invoke(args=["services", "add", "bins", "--name", "Bins", "--name-cy", "Biniau"])
    taken = runner.invoke(args=["services", "add", "bins", "--name", "Bins", "--name-cy", "Biniau"])
    assert taken.exit_code == 2 and "already exists" in taken.output
    # The admin pages' own address word is refused here too, not only by the web form.
    reserved = runner.invoke(args=["services", "add", "add", "--name", "X", "--name-cy", "Y"])
    assert reserved.exit_code == 2 and "The slug 'add' is reserved" in reserved.output
    assert len(list_services(db)) == 1


def test_services_list_when_empty_says_how_to_add(runner):
    assert "services add" in runner.invoke(args=["services", "list"]).output


def test_services_link_prints_url_and_writes_qr_codes(runner, service, tmp_path):
    out = tmp_path / "qr"
    args = [
        "services",
        "link",
        "bins",
        "--channel",
        "phone",
        "--outcome",
        "completed",
        "--ref",
        "A1",
    ]
    result = runner.invoke(args=[*args, "--out", str(out)])
    assert result.exit_code == 0, result.output
    url = result.output.splitlines()[0]
    assert url == "http://127.0.0.1:5000/s/bins?channel=phone&outcome=completed&ref=A1"
    svg = (out / "bins-phone-completed-A1.svg").read_text()
    assert svg.lstrip().startswith("<?xml") and "<svg" in svg
    png = (out / "bins-phone-completed-A1.png").read_bytes()
    assert png.startswith(b"\x89PNG\r\n\x1a\n")


def test_services_link_for_unknown_service_or_bad_ref(runner, service, tmp_path):
    missing = runner.invoke(args=["services", "link", "nope", "--out", str(tmp_path)])
    assert missing.exit_code == 2 and "no service with the slug 'nope'" in missing.output
    bad_ref = runner.invoke(
        args=["services", "link", "bins", "--ref", "has space", "--out", str(tmp_path)]
    )
    assert bad_ref.exit_code == 2 and "--ref must be" in bad_ref.output
    bad_channel = runner.invoke(args=["services", "link", "bins", "--channel", "carrier-pigeon"])
    assert bad_channel.exit_code == 2
