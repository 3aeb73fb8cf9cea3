"""A loopback HTTP server that replays recorded provider responses, with the failures real networks have:
throttling (429 + Retry-After), 5xx, bodies cut off mid-way (the connection drops after part of a declared
Content-Length), and Range requests (206) so an interrupted download can resume."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlparse

__all__ = ["Replay", "Response", "cut", "ok", "serve", "status"]


@dataclass(frozen=True)
class Response:
    status: int
    body: bytes
    headers: dict[str, str] = field(default_factory=dict)
    cut_at: int | None = None  # send only this many bytes of the body, then drop the connection
    ranges: bool = False  # honour a Range request with 206


def ok(body: bytes | str, *, ranges: bool = False, **headers: str) -> Response:
    return Response(200, body.encode() if isinstance(body, str) else body,
                    {"Content-Type": "application/json", **headers}, ranges=ranges)


def status(code: int, body: bytes | str = b"", **headers: str) -> Response:
    return Response(code, body.encode() if isinstance(body, str) else body, dict(headers))


def cut(body: bytes | str, at: int, *, ranges: bool = False) -> Response:
    data = body.encode() if isinstance(body, str) else body
    return Response(200, data, {"Content-Type": "application/json"}, cut_at=at, ranges=ranges)


@dataclass
class Replay:
    """Route key -> responses in order (the last one repeats). A key is the path, plus ``?page=N`` or
    ``?pageToken=T`` when the request carries one."""

    routes: dict[str, list[Response]] = field(default_factory=dict)
    hits: list[str] = field(default_factory=list)
    queries: list[dict[str, list[str]]] = field(default_factory=list)
    headers: list[dict[str, str]] = field(default_factory=list)

    def add(self, key: str, *responses: Response) -> None:
        self.routes[key] = list(responses)

    def count(self, key: str) -> int:
        return self.hits.count(key)


def _key(path: str) -> str:
    parsed = urlparse(path)
    query = parse_qs(parsed.query)
    for name in ("page", "pageToken"):
        if name in query:
            return f"{parsed.path}?{name}={query[name][0]}"
    return parsed.path


def _filter_key(path: str) -> str | None:
    """``<path>?$filter=<filter>`` for a request with an OData filter (routes may be that specific)."""
    parsed = urlparse(path)
    query = parse_qs(parsed.query)
    return f"{parsed.path}?$filter={query['$filter'][0]}" if "$filter" in query else None


@contextmanager
def serve() -> Iterator[tuple[str, Replay]]:
    replay = Replay()

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        wbufsize = 1 << 16  # headers and body in one write: no delayed-ACK stall per request

        def do_GET(self) -> None:
            key = _key(self.path)
            replay.hits.append(_filter_key(self.path) or key)
            replay.queries.append(parse_qs(urlparse(self.path).query))
            replay.headers.append({k.lower(): v for k, v in self.headers.items()})
            specific = _filter_key(self.path)
            if specific is not None and replay.routes.get(specific):
                key = specific
            responses = replay.routes.get(key)
            if not responses:
                self._send(404, b"not found", {})
                return
            resp = responses.pop(0) if len(responses) > 1 else responses[0]
            body, code, headers = resp.body, resp.status, dict(resp.headers)
            wanted = self.headers.get("Range")
            if resp.ranges and wanted and wanted.startswith("bytes=") and code == 200:
                start = int(wanted.removeprefix("bytes=").split("-")[0])
                headers["Content-Range"] = f"bytes {start}-{len(body) - 1}/{len(body)}"
                body, code = body[start:], 206
            if resp.cut_at is not None:
                self.send_response(code)
                for k, v in headers.items():
                    self.send_header(k, v)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body[:resp.cut_at])
                self.wfile.flush()
                self.close_connection = True
                return
            self._send(code, body, headers)

        def _send(self, code: int, body: bytes, headers: dict[str, str]) -> None:
            self.send_response(code)
            for k, v in headers.items():
                self.send_header(k, v)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: Any) -> None:
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}", replay
    finally:
        httpd.shutdown()
        httpd.server_close()
