"""Reading the admin pages' tables, and closing a service as an admin does."""

from app.store import get_service, update_service
from tests.helpers import page, text_of


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
