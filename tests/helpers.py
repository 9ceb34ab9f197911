"""Helpers the tests share: reading pages, filling in forms, signing in, finding modules."""

import re
from pathlib import Path

from bs4 import BeautifulSoup

PASSWORD = "correct horse battery staple"


def page(response):
    """The response body as a BeautifulSoup tree."""
    return BeautifulSoup(response.get_data(as_text=True), "html.parser")


def hidden_fields(shown):
    """The hidden inputs (csrf token, start time) of a page's form: a response or its soup."""
    soup = shown if isinstance(shown, BeautifulSoup) else page(shown)
    return {
        field["name"]: field.get("value", "") for field in soup.select("form input[type=hidden]")
    }


def text_of(element):
    """An element's visible text with runs of white space folded."""
    return re.sub(r"\s+", " ", element.get_text(" ")).strip()


def sign_in(client, email, password=PASSWORD):
    """Sign in through the real form; returns the response to the POST."""
    shown = client.get("/sign-in")
    data = hidden_fields(shown)
    data.update(email=email, password=password)
    return client.post("/sign-in", data=data)


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


ROOT = Path(__file__).parents[1]


def source_modules(*packages):
    """{dotted module name: path} of every Python module in these top-level packages."""
    found = {}
    for package in packages:
        for path in sorted((ROOT / package).rglob("*.py")):
            parts = path.relative_to(ROOT).with_suffix("").parts
            found[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return found
