"""GET /api/v1/openapi.json: the OpenAPI 3.1 document of every endpoint, built here by hand."""

from flask import current_app, jsonify

from app.api import bp
from app.api.validation import FIELDS, LANGUAGES, MAX_COMMENT
from app.auth.access import access
from app.store import CHANNELS, OUTCOMES, SLUG_PATTERN, STATUSES
from app.survey.links import REF_PATTERN
from app.weeks import WEEK_PATTERN

JSON, PROBLEM = "application/json", "application/problem+json"


def _problem_response(description):
    return {"description": description, "content": {PROBLEM: {"schema": _ref("Problem")}}}


def _ref(name):
    return {"$ref": f"#/components/schemas/{name}"}


ERROR_WORDS = {
    400: "The body, a field or a path part is wrong; detail says which and field names it",
    401: "No valid token was sent",
    403: "The token's scope or services do not allow this",
    404: "No such service (or it is closed to feedback), or no such week",
    405: "The address does not accept this method",
    413: "The body is too large",
    415: "The body is not sent as JSON",
    429: "The token made too many requests; Retry-After says when to try again",
}


def _errors(codes):
    """The error responses of an operation, each a problem; any other code is 'default'."""
    found = {str(code): {"$ref": f"#/components/responses/E{code}"} for code in codes}
    return found | {"default": _problem_response("Any other error, as problem details")}


def _json(schema, description):
    return {"description": description, "content": {JSON: {"schema": schema}}}


SLUG = {
    "name": "slug",
    "in": "path",
    "required": True,
    "description": "The service's slug, as in its survey link",
    "schema": {"type": "string", "pattern": SLUG_PATTERN.pattern},
}
WEEK = {
    "name": "week",
    "in": "path",
    "required": True,
    "description": "An ISO week, Monday to Sunday in Europe/London time, such as 2026-W47",
    "schema": {"type": "string", "pattern": WEEK_PATTERN.pattern},
}
NULLABLE_NUMBER = {"type": ["number", "null"]}

SCHEMAS = {
    "Problem": {
        "type": "object",
        "required": ["type", "title", "status", "detail"],
        "properties": {
            "type": {"type": "string"},
            "title": {"type": "string"},
            "status": {"type": "integer"},
            "detail": {"type": "string", "description": "What went wrong, in plain words"},
            "field": {"type": "string", "description": "The body member at fault (400)"},
        },
    },
    "NewResponse": {
        "type": "object",
        "required": ["rating"],
        "additionalProperties": False,
        "properties": {
            "rating": {
                "type": "integer",
                "minimum": 1,
                "maximum": 5,
                "description": "1 very dissatisfied to 5 very satisfied",
            },
            "comment": {
                "type": "string",
                "maxLength": MAX_COMMENT,
                "description": "Personal data in it is redacted before it is stored",
            },
            "channel": {"enum": list(CHANNELS)},
            "outcome": {"enum": list(OUTCOMES)},
            "ref": {
                "type": "string",
                "pattern": REF_PATTERN.pattern,
                "description": "The interaction's reference: a repeat returns the first response",
            },
            "language": {"enum": list(LANGUAGES), "default": "en"},
            "submitted_at": {
                "type": "string",
                "format": "date-time",
                "description": "When the citizen answered, with its offset; now if left out",
            },
        },
    },
    "StoredResponse": {
        "type": "object",
        "required": ["id", "service", "submitted_at", "ref"],
        "properties": {
            "id": {"type": "integer"},
            "service": {"type": "string"},
            "submitted_at": {"type": "string", "format": "date-time"},
            "ref": {"type": ["string", "null"]},
        },
    },
    "Services": {
        "type": "object",
        "required": ["services"],
        "properties": {
            "services": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": ["slug", "name_en", "name_cy", "active"],
                    "properties": {
                        "slug": {"type": "string"},
                        "name_en": {"type": "string"},
                        "name_cy": {"type": "string"},
                        "active": {"type": "boolean"},
                    },
                },
            }
        },
    },
    "Week": {
        "type": "object",
        "required": ["service", "week", "n", "counts", "satisfied", "pct_satisfied"],
        "properties": {
            "service": {"type": "string"},
            "week": {"type": "string"},
            "starts": {"type": "string", "format": "date"},
            "ends": {"type": "string", "format": "date"},
            "n": {"type": "integer", "minimum": 0, "description": "Responses in the week"},
            "counts": {
                "type": "object",
                "description": "Responses at each rating, 1 to 5",
                "required": ["1", "2", "3", "4", "5"],
                "additionalProperties": {"type": "integer", "minimum": 0},
            },
            "satisfied": {"type": "integer", "minimum": 0},
            "pct_satisfied": {**NULLABLE_NUMBER, "description": "null when n is 0"},
            "pct_satisfied_interval_95": {
                "type": ["array", "null"],
                "items": {"type": "number"},
                "minItems": 2,
                "maxItems": 2,
                "description": "Wilson score interval",
            },
            "pct_satisfied_formula": {"type": "string"},
        },
    },
    "Themes": {
        "type": "object",
        "required": ["service", "week", "threshold", "themes"],
        "properties": {
            "service": {"type": "string"},
            "week": {"type": "string"},
            "threshold": {"type": "integer"},
            "themes": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": ["id", "label", "status", "size", "share"],
                    "properties": {
                        "id": {"type": "integer"},
                        "label": {"type": "string"},
                        "status": {"enum": ["new", "continuing", "faded"]},
                        "size": {"type": "integer"},
                        "share": {"type": "number"},
                        "keywords": {"type": "array", "items": {"type": "string"}},
                        "mean_sentiment": NULLABLE_NUMBER,
                        "mean_rating": NULLABLE_NUMBER,
                        "pct_satisfied": NULLABLE_NUMBER,
                    },
                },
            },
        },
    },
    "Backlog": {
        "type": "object",
        "required": ["service", "threshold", "items"],
        "properties": {
            "service": {"type": "string"},
            "threshold": {"type": "integer"},
            "items": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": [
                        "id",
                        "title",
                        "status",
                        "status_history",
                        "shipped_at",
                        "themes",
                        "external_url",
                        "external_key",
                    ],
                    "properties": {
                        "id": {"type": "integer"},
                        "title": {"type": "string"},
                        "status": {"enum": list(STATUSES)},
                        "status_history": {
                            "type": "array",
                            "description": "Every status the item has had, oldest first",
                            "items": {
                                "type": "object",
                                "required": ["status", "changed_at"],
                                "properties": {
                                    "status": {"enum": list(STATUSES)},
                                    "changed_at": {"type": "string", "format": "date-time"},
                                },
                            },
                        },
                        "shipped_at": {
                            "type": ["string", "null"],
                            "format": "date",
                            "description": "The date it shipped; null until it has",
                        },
                        "themes": {
                            "type": "array",
                            "items": {
                                "type": "object",
                                "required": ["id", "label"],
                                "properties": {
                                    "id": {"type": "integer"},
                                    "label": {
                                        "type": ["string", "null"],
                                        "description": "null for a theme of fewer responses "
                                        "than the anonymity threshold",
                                    },
                                },
                            },
                        },
                        "external_url": {"type": ["string", "null"]},
                        "external_key": {"type": ["string", "null"]},
                    },
                },
            },
        },
    },
}


def _operation(summary, scope, responses, errors, parameters=(), body=None):
    operation = {
        "summary": summary,
        "description": f"Needs a token of scope {scope}.",
        "operationId": summary.lower().replace(" ", "_").replace("'", ""),
        "security": [{"bearer": []}],
        "parameters": list(parameters),
        "responses": responses | _errors(errors),
    }
    if body:
        operation["requestBody"] = body
    return operation


READ_ERRORS = (400, 401, 403, 404, 429)


def document(server_url):
    """The OpenAPI 3.1 document, with the API's address on this server."""
    submit = _operation(
        "Submit a response",
        "submit",
        {
            "201": _json(_ref("StoredResponse"), "Stored; the comment redacted first"),
            "200": _json(_ref("StoredResponse"), "The ref was already answered: the first one"),
        },
        (400, 401, 403, 404, 413, 415, 429),
        [SLUG],
        {"required": True, "content": {JSON: {"schema": _ref("NewResponse")}}},
    )
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Pulse API",
            "version": "1.0.0",
            "description": (
                "Send citizens' feedback and read weekly figures. Authenticate with "
                "'Authorization: Bearer <token>' (flask --app wsgi tokens add). Fields: "
                + ", ".join(FIELDS)
            ),
        },
        "servers": [{"url": server_url}],
        "paths": {
            "/services": {
                "get": _operation(
                    "List services",
                    "read",
                    {"200": _json(_ref("Services"), "The services the token covers")},
                    (401, 403, 429),
                )
            },
            "/services/{slug}/responses": {"post": submit},
            "/services/{slug}/weeks/{week}": {
                "get": _operation(
                    "A week's figures",
                    "read",
                    {"200": _json(_ref("Week"), "Counts at each level, n and % satisfied")},
                    READ_ERRORS,
                    [SLUG, WEEK],
                )
            },
            "/services/{slug}/weeks/{week}/themes": {
                "get": _operation(
                    "A week's themes",
                    "read",
                    {"200": _json(_ref("Themes"), "Themes at or above the anonymity threshold")},
                    READ_ERRORS,
                    [SLUG, WEEK],
                )
            },
            "/services/{slug}/backlog": {
                "get": _operation(
                    "A service's backlog",
                    "read",
                    {"200": _json(_ref("Backlog"), "The service's backlog items")},
                    (401, 403, 404, 429),
                    [SLUG],
                )
            },
            "/openapi.json": {
                "get": {
                    "summary": "This document",
                    "operationId": "openapi",
                    "security": [],
                    "responses": {"200": {"description": "The OpenAPI document"}},
                }
            },
        },
        "components": {
            "schemas": SCHEMAS,
            "responses": {f"E{c}": _problem_response(text) for c, text in ERROR_WORDS.items()},
            "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}},
        },
    }


@bp.get("/openapi.json")
@access("public")
def openapi():
    """The OpenAPI document, so clients can be generated and calls checked against it."""
    return jsonify(document(current_app.config["PUBLIC_URL"].rstrip("/") + "/api/v1"))
