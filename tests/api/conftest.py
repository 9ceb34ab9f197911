"""API fixtures: a submit token and a read token for the bins service."""

import pytest

from tests.api.helpers import make_token


@pytest.fixture
def submit_token(db, service):
    """A submit token for bins."""
    return make_token(db, "case-system", [service])


@pytest.fixture
def read_token(db, service):
    """A read token for bins."""
    return make_token(db, "data-team", [service], scope="read")
