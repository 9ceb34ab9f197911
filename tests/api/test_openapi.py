"""The OpenAPI document: valid OpenAPI 3.1, naming every API route, and true of the API when
schemathesis drives each endpoint from it (no 500, no response outside the document)."""

from datetime import UTC, datetime

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from openapi_spec_validator import validate
from openapi_spec_validator.validation.exceptions import OpenAPIValidationError
from schemathesis.generation import GenerationMode

from app.api.docs import document
from app.db import connect
from app.store import (
    SLUG_PATTERN,
    NewResponse,
    add_item,
    add_responses,
    add_service,
    change_status,
    get_item,
)
from tests.api.helpers import bearer, make_token


def test_the_document_is_valid_openapi_3_1(client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    document = response.get_json()
    assert document["openapi"].startswith("3.1")
    validate(document)  # raises on any departure from the OpenAPI 3.1 schema


def test_the_validator_would_catch_a_broken_document(client):
    document = client.get("/api/v1/openapi.json").get_json()
    document["paths"]["/services/{slug}/weeks/{week}"]["get"]["parameters"][0]["in"] = "body"
    with pytest.raises(OpenAPIValidationError):
        validate(document)


def test_the_document_names_every_api_route_and_method(app, client):
    document = client.get("/api/v1/openapi.json").get_json()
    documented = {
        (path, method.upper()) for path, item in document["paths"].items() for method in item
    }
    routed = set()
    for rule in app.url_map.iter_rules():
        if rule.rule.startswith("/api/v1/"):
            path = rule.rule.removeprefix("/api/v1").replace("<", "{").replace(">", "}")
            routed |= {(path, m) for m in rule.methods - {"HEAD", "OPTIONS"}}
    assert documented == routed


@pytest.fixture
def api(make_app):
    """An app with a service that has responses, a token of each scope, and no rate limit in
    the way of the generated calls."""
    app = make_app(API_RATE_LIMIT_COUNT=100_000)
    db = connect(app.config["DATABASE"])
    service = add_service(db, "bins", "Report a missed bin", "Rhoi gwybod am fin a fethwyd")
    add_responses(db, [NewResponse(service.id, rating) for rating in (1, 3, 4, 5, 5)])
    item_id = add_item(db, service.id, None, title="Text ahead", owner_name="Jo")
    change_status(db, get_item(db, service.id, item_id), "shipped", None)
    add_item(db, service.id, None, title="Plain", owner_name="Jo", external_url="https://x.org")
    # The WSGI client does not undo Brotli or gzip, which a body of 512 bytes or more gets.
    plain = {"Accept-Encoding": "identity"}
    headers = {
        "submit": bearer(make_token(db, "submitter", [service])) | plain,
        "read": bearer(make_token(db, "reader", [service], scope="read")) | plain,
    }
    db.close()
    return app, headers


# Every operation of the document, each its own test; the ones that take input are also
# sent data the document forbids.
OPERATIONS = [
    pytest.param(method.upper(), path, mode, id=f"{method.upper()} {path} {mode}")
    for path, item in document("http://x/api/v1")["paths"].items()
    for method, operation in item.items()
    for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE)
    if mode == GenerationMode.POSITIVE or operation.get("parameters") or "requestBody" in operation
]


def _in_reach(case, mode):
    """Point a case whose slug is well formed at the service the tokens cover, so the call goes
    past the 404 to what the case is testing; keep a valid case's submitted_at in the past: the
    document cannot say 'not in the future', the API does."""
    slug = (case.path_parameters or {}).get("slug")
    if isinstance(slug, str) and SLUG_PATTERN.match(slug):
        case.path_parameters["slug"] = "bins"
    if mode != GenerationMode.POSITIVE:
        return
    if isinstance(case.body, dict) and "submitted_at" in case.body:
        when = datetime.fromisoformat(case.body["submitted_at"])
        if when.tzinfo is None or when > datetime.now(UTC):
            del case.body["submitted_at"]


@pytest.mark.parametrize(("method", "path", "mode"), OPERATIONS)
def test_every_endpoint_keeps_to_the_document(api, method, path, mode):
    """Data the document allows is accepted, data it forbids is refused, and every answer,
    status, type and body, is one the document describes. Never a 500."""
    app, headers = api
    operation = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app)[path][method]
    scope = "submit" if method == "POST" else "read"

    @given(case=operation.as_strategy(generation_mode=mode))
    @settings(
        max_examples=25,
        derandomize=True,
        database=None,
        deadline=None,
        suppress_health_check=list(HealthCheck),
    )
    def call(case):
        _in_reach(case, mode)
        case.call_and_validate(headers=headers[scope])

    call()
