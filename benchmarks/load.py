"""The benchmarks' load generator: keep-alive HTTP/1.1 clients on one asyncio loop, and the
latency figures of a timed phase."""

from __future__ import annotations

import asyncio
import html
import json
import math
import time
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urlencode

from benchmarks.servers import SLUG, ServerError, server_cpu

REQUEST_TIMEOUT = 30.0
# Realistic comments; a sequence number is put in front of each so none is a duplicate.
COMMENTS = (
    "The form was clear and quick to fill in.",
    "I waited 2 hours on the phone before anyone answered, then the website said the same.",
    "Could not find where to upload my documents. Form 27B kept asking for the same details.",
    "Staff at the front desk were very helpful and explained what happens next.",
    "The page timed out twice and I had to start again from the beginning, very frustrating.",
    "",
)


@dataclass
class Phase:
    """What one timed phase of one target recorded."""

    latencies: list[float] = field(default_factory=list)
    errors: dict[str, int] = field(default_factory=dict)
    accepted: int = 0
    wall: float = 0.0
    client_cpu: float = 0.0
    server_cpu: float = 0.0

    def error(self, kind):
        """Count one failed request by what went wrong."""
        self.errors[kind] = self.errors.get(kind, 0) + 1


class HiddenInputs(HTMLParser):
    """Collects a form's address and hidden inputs, as a browser would send them back."""

    def __init__(self):
        super().__init__()
        self.fields = {}
        self.action = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and attrs.get("method") == "post":
            self.action = html.unescape(attrs.get("action") or "")
        if tag == "input" and attrs.get("type") == "hidden" and attrs.get("name"):
            self.fields[attrs["name"]] = attrs.get("value") or ""


class Connection:
    """One keep-alive HTTP/1.1 connection to 127.0.0.1 with a cookie jar, reopened on close."""

    def __init__(self, port):
        self.port = port
        self.reader = self.writer = None
        self.cookies = {}

    async def close(self):
        """Close the connection; the next request opens a new one."""
        if self.writer is not None:
            self.writer.close()
            try:
                await self.writer.wait_closed()
            except OSError:
                pass
        self.reader = self.writer = None

    async def request(self, method, path, form=None, *, json_body=None, token=None):
        """Send one request (a form, or JSON with a bearer token); returns (status, headers as
        a dict of lists, body)."""
        if self.writer is None:
            self.reader, self.writer = await asyncio.open_connection("127.0.0.1", self.port)
        head = [f"{method} {path} HTTP/1.1", f"Host: 127.0.0.1:{self.port}"]
        body = b""
        if form is not None:
            body = urlencode(form).encode()
            head += ["Content-Type: application/x-www-form-urlencoded"]
        if json_body is not None:
            body = json.dumps(json_body).encode()
            head += ["Content-Type: application/json"]
        if token is not None:
            head += [f"Authorization: Bearer {token}"]
        head += [f"Content-Length: {len(body)}"]
        if self.cookies:
            head += ["Cookie: " + "; ".join(f"{k}={v}" for k, v in self.cookies.items())]
        self.writer.write(("\r\n".join(head) + "\r\n\r\n").encode("latin-1") + body)
        status_line, *lines = (
            (await self.reader.readuntil(b"\r\n\r\n")).decode("latin-1").split("\r\n")
        )
        headers = {}
        for line in lines:
            if line:
                name, _, value = line.partition(":")
                headers.setdefault(name.strip().lower(), []).append(value.strip())
        length = int(headers.get("content-length", ["-1"])[0])
        if length >= 0:
            content = await self.reader.readexactly(length)
        else:  # no length: the server closes when done (chunked is never used by these apps)
            content = await self.reader.read()
            headers["connection"] = ["close"]
        for cookie in headers.get("set-cookie", []):
            name, _, value = cookie.split(";", 1)[0].partition("=")
            if value:
                self.cookies[name.strip()] = value.strip()
            else:
                self.cookies.pop(name.strip(), None)
        if "close" in [v.lower() for v in headers.get("connection", [])]:
            await self.close()
        return int(status_line.split()[1]), headers, content


@dataclass
class Client:
    """One virtual citizen: a connection, and for Pulse the form's address and hidden fields."""

    number: int
    connection: Connection
    hidden: dict = field(default_factory=dict)
    action: str = ""
    token: str = ""  # the API target's bearer token
    sent: int = 0

    def next_form(self):
        """The next distinct submission from this client."""
        self.sent += 1
        comment = COMMENTS[self.sent % len(COMMENTS)]
        return {
            "rating": str(self.sent % 5 + 1),
            "comment": f"[client {self.number} #{self.sent}] {comment}".strip(),
        }


async def open_pulse_client(number, port):
    """GET the survey for its form cookie, address and hidden fields (not timed)."""
    connection = Connection(port)
    status, _, content = await connection.request("GET", f"/s/{SLUG}")
    if status != 200:
        raise ServerError(f"pulse: GET /s/{SLUG} returned {status}")
    parser = HiddenInputs()
    parser.feed(content.decode("utf-8"))
    missing = {"csrf_token", "started"} - parser.fields.keys()
    if missing or not parser.action or "pulse_form" not in connection.cookies:
        lacking = sorted(missing) or ("a form address" if not parser.action else "a form cookie")
        raise ServerError(f"pulse: the survey page lacks {lacking}")
    return Client(number, connection, parser.fields, parser.action)


async def pulse_post(client):
    """One survey POST; accepted only as a 302 to the thank-you page."""
    form = {**client.hidden, **client.next_form(), "website": ""}
    status, headers, _ = await client.connection.request("POST", client.action, form)
    location = headers.get("location", [""])[0]
    if status == 302 and location.startswith(f"/s/{SLUG}/thanks"):
        return None
    return f"HTTP {status}" + (f" to {location}" if location else "")


async def api_post(client):
    """One JSON POST to the API with a submit token; accepted only as a 201 Created."""
    answer = client.next_form()
    body = {"rating": int(answer["rating"]), "comment": answer["comment"], "channel": "phone"}
    status, _, _ = await client.connection.request(
        "POST", f"/api/v1/services/{SLUG}/responses", json_body=body, token=client.token
    )
    return None if status == 201 else f"HTTP {status}"


async def bare_post(client):
    """One POST to the bare endpoint; accepted as a 200."""
    status, _, _ = await client.connection.request("POST", "/submit", client.next_form())
    return None if status == 200 else f"HTTP {status}"


async def floor_post(client):
    """One POST to the floor endpoint; accepted as a 302 to /thanks."""
    status, headers, _ = await client.connection.request("POST", "/submit", client.next_form())
    location = headers.get("location", [""])[0]
    return None if status == 302 and location == "/thanks" else f"HTTP {status}"


# The least survey answers as Pulse does: a 302 to the thank-you page.
POSTS = {
    "bare": bare_post,
    "floor": floor_post,
    "pulse": pulse_post,
    "least": pulse_post,
    "api": api_post,
}
# Targets whose clients first GET the survey for its cookie, address and hidden fields.
SURVEYS = ("pulse", "least")


async def run_phase(server, clients, post, count, seconds):
    """Send up to count POSTs (or stop starting new ones after seconds) over the clients."""
    phase = Phase()
    budget = [count]
    for client in clients:  # fresh connections, so none has idled out since the last phase
        await client.connection.close()

    async def worker(client):
        while budget[0] > 0 and time.perf_counter() < deadline:
            budget[0] -= 1
            started = time.perf_counter()
            try:
                problem = await asyncio.wait_for(post(client), REQUEST_TIMEOUT)
            except (TimeoutError, OSError, asyncio.IncompleteReadError, ValueError) as e:
                problem = type(e).__name__
                await client.connection.close()
            if problem is None:
                phase.latencies.append(time.perf_counter() - started)
                phase.accepted += 1
            else:
                phase.error(problem)

    cpu_before, server_before = time.process_time(), server_cpu(server)
    started = time.perf_counter()
    deadline = started + seconds
    await asyncio.gather(*(worker(client) for client in clients))
    phase.wall = time.perf_counter() - started
    phase.client_cpu = time.process_time() - cpu_before
    phase.server_cpu = server_cpu(server) - server_before
    return phase


def percentile(sorted_values, q):
    """Nearest-rank percentile of an already sorted list."""
    if not sorted_values:
        return math.nan
    return sorted_values[max(0, math.ceil(q * len(sorted_values)) - 1)]


def summary(phase):
    """The figures printed for one phase."""
    lat = sorted(phase.latencies)
    done = phase.accepted + sum(phase.errors.values())
    return {
        "requests": done,
        "errors": sum(phase.errors.values()),
        "rps": phase.accepted / phase.wall if phase.wall else 0.0,
        "p50": percentile(lat, 0.50) * 1000,
        "p95": percentile(lat, 0.95) * 1000,
        "p99": percentile(lat, 0.99) * 1000,
        "max": (lat[-1] * 1000) if lat else math.nan,
        "server_cpu": phase.server_cpu / done * 1000 if done else math.nan,
        "client_cpu": phase.client_cpu / done * 1000 if done else math.nan,
    }
