"""Filling in the admin forms the way a browser would."""

from app.store import get_service, update_service
from tests.conftest import hidden_fields, page, text_of


def post_form(client, url, **answers):
    """Open the form at url, then send it with its hidden fields and these answers."""
    data = hidden_fields(client.get(url))
    data.update(answers)
    return client.post(url, data=data)


def errors(response):
    """[(text, link)] from the page's error summary."""
    summary = page(response).select(".govuk-error-summary__list a")
    return [(text_of(link), link["href"]) for link in summary]


def banner(response):
    """The success notification's text, or None."""
    found = page(response).select_one(".govuk-notification-banner--success")
    return text_of(found.select_one(".govuk-notification-banner__content")) if found else None


def table_rows(response):
    """Each body row of the page's table as a list of cell texts."""
    soup = page(response)
    return [
        [text_of(cell) for cell in row.select("th, td")] for row in soup.select("table tbody tr")
    ]


def close_service(db, slug):
    """Close a service, as an admin does on its Change page."""
    service = get_service(db, slug)
    update_service(db, slug, service.name_en, service.name_cy, active=False)
