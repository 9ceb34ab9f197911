"""What a browser is told about compression and caching: compressed pages and assets when it
accepts them (never a page carrying a secret), a year's immutable caching for fingerprinted
assets, and no caching of pages with personal data."""

import gzip
import hashlib

import brotli
import pytest
from bs4 import BeautifulSoup

from app.fingerprint import build
from tests.helpers import hidden_fields, page
from tests.survey.helpers import submit

IMMUTABLE = "public, max-age=31536000, immutable"
BROWSER = {"Accept-Encoding": "gzip, deflate, br, zstd"}


def decoded(response):
    """The response body as the browser reads it, undoing its Content-Encoding."""
    body = response.get_data()
    encoding = response.headers.get("Content-Encoding")
    if encoding == "br":
        return brotli.decompress(body)
    if encoding == "gzip":
        return gzip.decompress(body)
    assert encoding is None, f"unexpected Content-Encoding {encoding}"
    return body


def linked_assets(response):
    """The stylesheet, script and icon addresses a page links to."""
    soup = page(response)
    links = [tag["href"] for tag in soup.select("link[rel=stylesheet], link[rel=icon]")]
    return links + [tag["src"] for tag in soup.select("script[src]")]


@pytest.mark.parametrize(
    ("accept", "encoding"),
    [("gzip, deflate, br, zstd", "br"), ("gzip", "gzip"), ("br;q=0, gzip", "gzip"), ("", None)],
)
def test_the_survey_is_compressed_as_the_browser_accepts(client, service, accept, encoding):
    response = client.get("/s/bins", headers={"Accept-Encoding": accept})
    assert response.headers.get("Content-Encoding") == encoding
    assert "Accept-Encoding" in response.headers["Vary"]
    assert BeautifulSoup(decoded(response), "html.parser").h1.get_text() == "Give feedback"
    plain = client.get("/s/bins")
    if encoding:
        assert len(response.get_data()) < len(plain.get_data()) / 2


def test_the_error_state_and_thank_you_page_are_compressed(client, service):
    shown = client.get("/s/bins")
    data = {**hidden_fields(shown), "comment": "The lorry never came"}
    error = client.post("/s/bins", data=data, headers=BROWSER)
    assert error.headers["Content-Encoding"] == "br"
    assert b"There is a problem" in decoded(error)
    thanks = client.get("/s/bins/thanks", headers=BROWSER)
    assert thanks.headers["Content-Encoding"] == "br"


def test_pages_with_a_session_token_or_for_staff_are_never_compressed(client, as_user):
    # BREACH: a compressed page can leak its secrets; see app/compress.py.
    sign_in = client.get("/sign-in", headers=BROWSER)
    assert 'name="csrf_token"' in sign_in.get_data(as_text=True)
    assert "Content-Encoding" not in sign_in.headers
    staff = as_user("owner")
    for url in ("/dashboard", "/services/bins", "/account/password", "/nope"):
        response = staff.get(url, headers=BROWSER, follow_redirects=True)
        assert "Content-Encoding" not in response.headers, url
        assert len(response.get_data()) > 512, url


def test_the_survey_token_differs_every_second(client, service, monkeypatch):
    # Why compressing the survey is safe: BREACH needs the same secret in every response.
    tokens = []
    for now in (1_800_000_000, 1_800_000_001):
        monkeypatch.setattr("app.survey.csrf.time.time", lambda now=now: now)
        tokens.append(hidden_fields(client.get("/s/bins"))["csrf_token"])
    assert tokens[0] != tokens[1]
    assert tokens[0].split(".")[1][:8] != tokens[1].split(".")[1][:8]


@pytest.mark.parametrize("url", ["/s/bins", "/s/bins/thanks", "/", "/sign-in"])
def test_linked_assets_are_fingerprinted_compressed_and_immutable(client, service, url):
    assets = linked_assets(client.get(url))
    assert any(asset.endswith(".css") for asset in assets)
    for asset in assets:
        name = asset.rsplit("/", 1)[-1]
        stem, digest, ext = name.rsplit(".", 2)
        plain = client.get(asset, headers={"Accept-Encoding": ""})
        assert hashlib.sha256(plain.get_data()).hexdigest()[:10] == digest, asset
        assert plain.headers["Cache-Control"] == IMMUTABLE
        assert "Content-Encoding" not in plain.headers
        packed = client.get(asset, headers=BROWSER)
        assert packed.headers["Cache-Control"] == IMMUTABLE
        assert packed.headers["Content-Encoding"] == "br"
        assert packed.headers["Vary"] == "Accept-Encoding"
        assert decoded(packed) == plain.get_data()
        assert packed.mimetype == plain.mimetype != "application/octet-stream"
        plain.close()
        packed.close()


def test_scripts_load_only_where_a_component_needs_one(client, service, as_user):
    def scripts(response):
        return [src.rsplit("/", 1)[-1].split(".")[0] for src in linked_assets(response)]

    survey, thanks = client.get("/s/bins"), client.get("/s/bins/thanks")
    assert [a for a in scripts(survey) if a in ("survey", "staff")] == ["survey"]
    assert "pulse" in scripts(survey) and "pulse-staff" not in scripts(survey)
    assert page(thanks).select("script[src]") == []
    assert page(client.get("/privacy")).select("script[src]") == []
    staff = scripts(as_user("owner").get("/dashboard", follow_redirects=True))
    assert "staff" in staff and "pulse-staff" in staff and "pulse" not in staff


def test_pages_with_personal_data_are_not_cached(client, service, as_user):
    error = submit(client, comment="My neighbour Jo Bloggs saw the lorry")
    assert "Jo Bloggs" in error.get_data(as_text=True)
    assert error.headers["Cache-Control"] == "no-store"
    assert client.get("/s/bins/thanks?removed=2").headers["Cache-Control"] == "no-store"
    staff = as_user("admin")
    for url in ("/dashboard", "/services/bins", "/admin/users"):
        response = staff.get(url, follow_redirects=True)
        assert response.status_code == 200, url
        assert response.headers["Cache-Control"] == "no-store", url


def test_a_file_not_fingerprinted_is_checked_again_each_time(client):
    response = client.get("/static/favicon.svg")
    assert response.status_code == 200
    assert "immutable" not in response.headers["Cache-Control"]
    response.close()


def test_build_names_files_by_content_and_removes_old_copies(tmp_path):
    source = tmp_path / "src" / "pulse.css"
    source.parent.mkdir()
    out = tmp_path / "out"
    out.mkdir()
    source.write_text("body{color:red}" * 100)
    first = build(out, [source])["pulse.css"]
    assert first == f"pulse.{hashlib.sha256(source.read_bytes()).hexdigest()[:10]}.css"
    assert brotli.decompress((out / f"{first}.br").read_bytes()) == source.read_bytes()
    assert gzip.decompress((out / f"{first}.gz").read_bytes()) == source.read_bytes()

    source.write_text("body{color:blue}" * 100)
    second = build(out, [source])["pulse.css"]
    assert second != first
    names = sorted(path.name for path in out.iterdir())
    assert names == sorted(["manifest.json", second, f"{second}.br", f"{second}.gz"])
