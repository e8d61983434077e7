"""The live proof's web server: a fixed table of routes, read only, on 127.0.0.1 unless asked.

No path from a request is ever turned into a file name: the page's own files are read
into memory at start, proofs are bytes the session made, and anything not in the route
table is 404. With --host the server is reachable by others, so every request must then
carry the access token (?token=…).
"""

from __future__ import annotations

import hmac
import json
import re
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from importlib import resources
from urllib.parse import parse_qs, urlencode, urlsplit

from layout.serve.session import ProofSession

LOCAL_HOST = "127.0.0.1"
PING_SECONDS = 15.0  # an idle event stream sends a comment this often, to notice a closed tab
ASSETS = {"/": ("page.html", "text/html; charset=utf-8"),
          "/page.js": ("page.js", "text/javascript; charset=utf-8"),
          "/page.css": ("page.css", "text/css; charset=utf-8")}
PAGE_ROUTE = re.compile(r"/(proof|thumbnail|paragraphs)/([1-9][0-9]{0,3})\.(png|json)")


class ProofServer(ThreadingHTTPServer):
    """Serves one session's page, proofs, status and build events."""

    daemon_threads = True  # an open event stream must not keep the process alive after Ctrl-C

    def __init__(self, session: ProofSession, host: str = LOCAL_HOST, port: int = 0, token: str | None = None):
        super().__init__((host, port), _Handler)
        self.session, self.token = session, token
        self.assets = {route: (resources.files(__package__).joinpath(name).read_bytes(), kind)
                       for route, (name, kind) in ASSETS.items()}
        if token is not None:
            page, kind = self.assets["/"]
            self.assets["/"] = (_asking_with_token(page, token), kind)

    @property
    def url(self) -> str:
        host, port = self.server_address[:2]
        query = f"?token={self.token}" if self.token else ""
        return f"http://{host}:{port}/{query}"

    def allows(self, query: str) -> bool:
        if self.token is None:
            return True
        given = parse_qs(query).get("token", [""])[0]
        return hmac.compare_digest(given.encode(), self.token.encode())

    def resource(self, route: str) -> tuple[bytes, str] | None:
        """The body and content type for a route, or None: there is nothing else to serve."""
        if route in self.assets:
            return self.assets[route]
        if route == "/status.json":
            return _json(self.session.status())
        match = PAGE_ROUTE.fullmatch(route if route != "/proof.png" else "/proof/1.png")
        if not match or (match[1] == "paragraphs") != (match[3] == "json"):
            return None
        page = self.session.page(int(match[2]))
        if page is None:
            return None
        if match[1] == "paragraphs":
            version, lines = self.session.paragraphs(page.number)
            return _json({"page": page.number, "version": version, "lines": list(lines)})
        picture = page.png if match[1] == "proof" else page.thumbnail
        return (picture, "image/png") if picture is not None else None


def _asking_with_token(page: bytes, token: str) -> bytes:
    """The page with its own script and style asked for with the token, as every request must be."""
    query = "?" + urlencode({"token": token})
    for name in ("page.js", "page.css"):
        page = page.replace(f'"{name}"'.encode(), f'"{name}{query}"'.encode())
    return page


def _json(value: dict) -> tuple[bytes, str]:
    return json.dumps(value, ensure_ascii=False).encode(), "application/json; charset=utf-8"


class _Handler(BaseHTTPRequestHandler):
    server: ProofServer
    protocol_version = "HTTP/1.1"

    def do_GET(self) -> None:  # noqa: N802 — the name http.server calls
        self._answer(send_body=True)

    def do_HEAD(self) -> None:  # noqa: N802
        self._answer(send_body=False)

    def _refuse_write(self) -> None:
        self._send(HTTPStatus.METHOD_NOT_ALLOWED, b"read only\n", "text/plain", extra={"Allow": "GET, HEAD"})

    do_POST = do_PUT = do_DELETE = do_PATCH = _refuse_write  # noqa: N815

    def _answer(self, send_body: bool) -> None:
        url = urlsplit(self.path)
        if not self.server.allows(url.query):
            self._send(HTTPStatus.FORBIDDEN, b"open the address the server printed: it carries ?token=\n",
                       "text/plain", send_body)
        elif url.path == "/events" and send_body:
            self._events()
        elif (found := self.server.resource(url.path)) is None:
            self._send(HTTPStatus.NOT_FOUND, b"not found\n", "text/plain", send_body)
        else:
            self._send(HTTPStatus.OK, *found, send_body)

    def _send(self, code: HTTPStatus, body: bytes, kind: str, send_body: bool = True,
              extra: dict[str, str] | None = None) -> None:
        self.send_response(code)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Content-Type-Options", "nosniff")
        for name, value in (extra or {}).items():
            self.send_header(name, value)
        self.end_headers()
        if send_body:
            self.wfile.write(body)

    def _events(self) -> None:
        """Server-sent events: the status of every finished build, as it finishes."""
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.close_connection = True
        session, seen = self.server.session, -1
        try:
            while not session.stopping:
                number = session.wait_for_build(seen, PING_SECONDS)  # at once on connecting: seen is -1
                if number == seen:
                    self.wfile.write(b": ping\n\n")
                else:
                    seen = number
                    self.wfile.write(b"event: build\ndata: " + _json(session.status())[0] + b"\n\n")
                self.wfile.flush()
        except (BrokenPipeError, ConnectionResetError):
            return  # the tab was closed

    def log_message(self, format: str, *args) -> None:  # noqa: A002 — http.server's signature
        """Quiet: the terminal shows one line per build, not one per request."""
