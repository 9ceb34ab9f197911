"""A real HTTP server on 127.0.0.1, in a thread, that takes webhook posts: it keeps each
request and answers with the statuses it is told to, or hangs to test timeouts."""

import hashlib
import hmac
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class Receiver:
    """Start with `with Receiver() as r:`; r.url to post to, r.requests what arrived."""

    def __init__(self, statuses=(200,), hang=False):
        self.statuses = list(statuses)
        self.hang = hang
        self.requests = []
        self._release = threading.Event()
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802 - the name http.server calls
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                receiver.requests.append({"headers": dict(self.headers), "body": body})
                if receiver.hang:
                    receiver._release.wait(10)
                    return
                status = (
                    receiver.statuses.pop(0)
                    if len(receiver.statuses) > 1
                    else (receiver.statuses[0])
                )
                self.send_response(status)
                self.send_header("Content-Length", "2")
                self.end_headers()
                self.wfile.write(b"ok")

            def log_message(self, *_args):
                """Quiet: nothing on the test's output."""

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.server.block_on_close = False
        self.url = f"http://127.0.0.1:{self.server.server_port}/hook"
        self._thread = threading.Thread(
            target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *_exc):
        self._release.set()
        self.server.shutdown()
        self.server.server_close()

    def events(self):
        """Each body received, parsed from JSON."""
        return [json.loads(r["body"]) for r in self.requests]


def verify(secret, headers, body):
    """What a receiver does: recompute the signature over timestamp.body and compare."""
    expected = hmac.new(
        secret.encode(), headers["X-Pulse-Timestamp"].encode() + b"." + body, hashlib.sha256
    ).hexdigest()
    return hmac.compare_digest(headers["X-Pulse-Signature"], f"sha256={expected}")
