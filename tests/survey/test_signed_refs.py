"""Signed interaction refs: only the linking service, holding REF_SIGNING_KEY, can mint one."""

import hashlib
import hmac
from urllib.parse import parse_qs, urlsplit

import pytest

from app import create_app
from tests.survey.helpers import stored, submit

KEY = "shared-with-the-linking-service"


def _link(runner, *args):
    result = runner.invoke(args=["services", "link", "bins", *args])
    assert result.exit_code == 0, result.output
    url = urlsplit(result.output.splitlines()[0])
    return f"{url.path}?{url.query}", parse_qs(url.query)


@pytest.fixture
def signing(app):
    app.config["REF_SIGNING_KEY"] = KEY
    return app


def test_link_sign_adds_an_hmac_the_linking_service_can_make_too(
    signing, runner, service, tmp_path
):
    _, query = _link(runner, "--ref", "INT-1001", "--sign", "--out", str(tmp_path))
    (ref,) = query["ref"]
    # The documented recipe: HMAC-SHA256 of '<slug>|<ref>', its first 16 hex digits.
    mac = hmac.new(KEY.encode(), b"bins|INT-1001", hashlib.sha256).hexdigest()[:16]
    assert ref == f"INT-1001.{mac}"


def test_required_signed_refs_keep_minted_refs_and_drop_others(
    signing, client, runner, service, db, tmp_path
):
    signing.config["REQUIRE_SIGNED_REFS"] = True
    path, query = _link(runner, "--ref", "INT-1001", "--sign", "--out", str(tmp_path))
    assert submit(client, path, rating="4").status_code == 302
    for guessed in ("INT-1002", "INT-1002.0123456789abcdef", query["ref"][0] + "0"):
        # A guessed or forged ref still lets the citizen answer, but claims no interaction.
        assert submit(client, f"/s/bins?ref={guessed}", rating="3").status_code == 302
    assert [r["ref"] for r in stored(db)] == [query["ref"][0], None, None, None]
    # The minted ref is answered once, as any ref is.
    assert submit(client, path, rating="4").status_code == 409


def test_a_ref_signed_for_another_service_is_not_accepted(signing, client, service, db):
    signing.config["REQUIRE_SIGNED_REFS"] = True
    mac = hmac.new(KEY.encode(), b"parking|R1", hashlib.sha256).hexdigest()[:16]
    assert submit(client, f"/s/bins?ref=R1.{mac}", rating="4").status_code == 302
    assert [r["ref"] for r in stored(db)] == [None]


def test_unsigned_refs_still_work_unless_signed_ones_are_required(signing, client, service, db):
    assert submit(client, "/s/bins?ref=R1", rating="4").status_code == 302
    assert [r["ref"] for r in stored(db)] == ["R1"]


def test_sign_needs_the_key(runner, service, tmp_path):
    result = runner.invoke(
        args=["services", "link", "bins", "--ref", "R1", "--sign", "--out", str(tmp_path)]
    )
    assert result.exit_code == 2 and "REF_SIGNING_KEY" in result.output
    without_ref = runner.invoke(args=["services", "link", "bins", "--sign", "--out", str(tmp_path)])
    assert without_ref.exit_code == 2 and "--sign needs --ref" in without_ref.output


def test_requiring_signed_refs_without_a_key_stops_at_start(tmp_path):
    with pytest.raises(RuntimeError, match="REF_SIGNING_KEY"):
        create_app(
            {"SECRET_KEY": "x", "DATABASE": str(tmp_path / "p.db"), "REQUIRE_SIGNED_REFS": True}
        )
