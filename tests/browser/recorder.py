"""Keeps every HTML page the live server sends to the browser, for the HTML validity test."""

import gzip
import threading
from dataclasses import dataclass

import brotli

_DECODE = {"br": brotli.decompress, "gzip": gzip.decompress}


@dataclass(frozen=True)
class SentPage:
    """One HTML response: what was asked for, and the markup the browser read."""

    method: str
    url: str
    status: int
    html: str


class PageRecorder:
    """WSGI middleware that remembers each HTML response's decoded body."""

    def __init__(self, wsgi_app):
        self.wsgi_app = wsgi_app
        self.pages = []
        self._lock = threading.Lock()

    def __call__(self, environ, start_response):
        sent = {}

        def start(status, headers, exc_info=None):
            sent["status"] = int(status.split(" ", 1)[0])
            sent["headers"] = {name.lower(): value for name, value in headers}
            return start_response(status, headers, exc_info)

        body = self.wsgi_app(environ, start)
        try:
            data = b"".join(body)
        finally:
            getattr(body, "close", lambda: None)()
        headers = sent.get("headers", {})
        if headers.get("content-type", "").startswith("text/html") and data:
            decode = _DECODE.get(headers.get("content-encoding"), lambda raw: raw)
            query = environ.get("QUERY_STRING")
            url = environ.get("PATH_INFO", "") + (f"?{query}" if query else "")
            page = SentPage(environ["REQUEST_METHOD"], url, sent["status"], decode(data).decode())
            with self._lock:
                self.pages.append(page)
        return [data]
