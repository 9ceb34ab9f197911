"""The development server's request log never holds a client's address."""

import logging
import threading
from urllib.request import urlopen

from werkzeug.serving import make_server


def test_request_lines_leave_out_the_client_address(make_app, caplog):
    app = make_app()
    server = make_server("127.0.0.1", 0, app, threaded=False)
    thread = threading.Thread(target=server.handle_request)
    with caplog.at_level(logging.INFO, logger="werkzeug"):
        thread.start()
        with urlopen(f"http://127.0.0.1:{server.port}/accessibility") as response:
            assert response.status == 200
        thread.join(timeout=10)
    server.server_close()
    lines = [r.getMessage() for r in caplog.records if r.name == "werkzeug"]
    assert any("GET /accessibility" in line for line in lines)
    assert not any("127.0.0.1" in line for line in lines)
