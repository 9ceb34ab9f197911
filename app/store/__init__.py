"""Every read and write Pulse makes, as named functions over a sqlite_utils.Database."""

from app.store.responses import (
    NewResponse,
    add_response,
    add_responses,
    ref_used,
)
from app.store.services import (
    Service,
    ServiceError,
    add_service,
    get_service,
    list_services,
    set_service_active,
)
from app.store.spam import (
    count_spam,
    record_hit,
    spam_totals,
)
from app.store.transaction import write_transaction

__all__ = [
    "NewResponse",
    "Service",
    "ServiceError",
    "add_response",
    "add_responses",
    "add_service",
    "count_spam",
    "get_service",
    "list_services",
    "record_hit",
    "ref_used",
    "set_service_active",
    "spam_totals",
    "write_transaction",
]
