"""Real local receivers on loopback: an HTTP server with scripted answers, and an aiosmtpd SMTP server."""

from __future__ import annotations

import json
import socket
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from email.message import EmailMessage
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass
class Received:
    path: str
    headers: dict[str, str]
    body: bytes


@dataclass
class HttpReceiver:
    """Answers each POST with the next scripted (status, headers), then 200 for the rest; a status of 0 closes the
    connection without an answer (a server that dies mid-response)."""

    script: list[tuple[int, dict[str, str]]] = field(default_factory=list)
    # (status, JSON body) or (status, raw bytes, headers) for each GET
    get_answers: list[tuple[Any, ...]] = field(default_factory=list)
    received: list[Received] = field(default_factory=list)
    port: int = 0
    server: ThreadingHTTPServer | None = None

    def start(self) -> HttpReceiver:
        owner = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("content-length", 0)))
                owner.received.append(Received(self.path, {k.lower(): v for k, v in self.headers.items()}, body))
                status, headers = owner.script.pop(0) if owner.script else (200, {})
                if status == 0:
                    self.close_connection = True
                    self.wfile.write(b"HTTP/1.1 200 OK\r\ncontent-length: 100\r\n\r\npartial")  # and gone
                    return
                self.send_response(status)
                for k, v in headers.items():
                    self.send_header(k, v)
                self.send_header("content-length", "2")
                self.end_headers()
                self.wfile.write(b"ok")

            def do_GET(self) -> None:
                owner.received.append(Received(self.path, {k.lower(): v for k, v in self.headers.items()}, b""))
                status, doc, *extra = owner.get_answers.pop(0) if owner.get_answers else (404, {"error": "no answer"})
                body = doc if isinstance(doc, bytes) else json.dumps(doc).encode()
                self.send_response(status)
                self.send_header("content-type", "application/json")
                for k, v in (extra[0] if extra else {}).items():
                    self.send_header(k, v)
                self.send_header("content-length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", self.port), Handler)
        self.port = self.server.server_address[1]
        threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
        return self

    def stop(self) -> None:
        if self.server is not None:
            self.server.shutdown()
            self.server.server_close()
            self.server = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class SmtpHandler:
    """Records messages; refuses the first ``refuse`` DATA commands with a 451 (try later)."""

    def __init__(self, refuse: int = 0) -> None:
        self.refuse = refuse
        self.messages: list[EmailMessage] = []
        self.envelopes: list[tuple[str, list[str]]] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        if self.refuse > 0:
            self.refuse -= 1
            return "451 4.3.0 Try again later"
        msg = message_from_bytes(envelope.content, policy=policy.default)
        assert isinstance(msg, EmailMessage)
        self.messages.append(msg)
        self.envelopes.append((envelope.mail_from, list(envelope.rcpt_tos)))
        return "250 OK"


def parts(msg: EmailMessage) -> Iterator[tuple[str, str]]:
    for part in msg.walk():
        if part.get_content_maintype() == "text":
            yield part.get_content_type(), str(part.get_content())
