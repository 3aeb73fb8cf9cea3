"""``/cost estimate <plan URL>``: acknowledged at once, the plan fetched from an allowed prefix on a loopback
server, estimated, and the answer (or why there is none) posted to the request's response_url."""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlencode

import pytest
from fastapi.testclient import TestClient

from costlib import estimate
from costlib.daemon import slack
from costlib.daemon.api import create_app
from costlib.daemon.config import load_config
from costlib.daemon.service import Daemon
from costlib.errors import ConfigError
from tests.daemon.receivers import HttpReceiver, free_port

REPO = Path(__file__).resolve().parents[2]
PLAN = REPO / "examples" / "plan.json"
SECRET = "slack-signing-secret-for-tests"



@pytest.fixture
def daemon(workdir: Path) -> Iterator[Daemon]:
    d = Daemon(load_config(workdir / "config.yaml"))
    yield d
    d.store.close()


def client(daemon: Daemon, receiver: HttpReceiver, **kw: object) -> TestClient:
    command = slack.EstimateCommand(plan_urls=(f"{receiver.url}/plans/",), response_urls=(f"{receiver.url}/hooks/",),
                                    token=lambda: "plan-store-token", **kw)  # type: ignore[arg-type]
    return TestClient(create_app(daemon, slack_secret=lambda: SECRET, slack_estimate=command))


def command(c: TestClient, text: str, response_url: str | None) -> dict[str, object]:
    form = {"command": "/cost", "text": text, **({"response_url": response_url} if response_url else {})}
    body = urlencode(form).encode()
    ts = int(time.time())
    resp = c.post("/slack/commands", content=body, headers={
        "content-type": "application/x-www-form-urlencoded", "x-slack-request-timestamp": str(ts),
        "x-slack-signature": slack.sign(SECRET, ts, body)})
    assert resp.status_code == 200
    return dict(resp.json())


def posted(receiver: HttpReceiver) -> list[str]:
    return [json.loads(r.body)["text"] for r in receiver.received if r.path.startswith("/hooks/")]


def test_estimate_is_acknowledged_then_posted(daemon: Daemon, receiver: HttpReceiver) -> None:
    receiver.get_answers.append((200, json.loads(PLAN.read_text())))
    reply = command(client(daemon, receiver), f"estimate {receiver.url}/plans/pr-7/plan.json",
                    f"{receiver.url}/hooks/T1/B2")
    assert reply["response_type"] == "ephemeral" and "Estimating" in str(reply["text"])
    get, post = receiver.received
    assert get.path == "/plans/pr-7/plan.json" and get.headers["authorization"] == "Bearer plan-store-token"
    assert post.path == "/hooks/T1/B2"
    [text] = posted(receiver)
    expected = estimate(PLAN)
    lines = text.split("\n*Budget impact*")[0].splitlines()  # the estimate; the budget lines follow it
    assert lines[0].startswith(f"*plan.json* will cost about *{expected.total_monthly_cost.display()}/month*")
    top = max((r for r in expected.resources if r.status.value == "priced"), key=lambda r: r.monthly_cost.amount)  # type: ignore[union-attr]
    assert lines[1] == f"• `{top.address}`: {top.monthly_cost.display()}/month"  # type: ignore[union-attr]
    assert ("• `aws_lambda_function.thumbnails`: costs depend on usage: monthly_requests, request_duration_ms "
            "(not in the total)") in lines
    assert not any("aws_iam_role" in line for line in lines)  # free resources are only counted
    assert lines[-1] == "_3 free, 8 priced, 2 usage based_"


def test_slack_link_form_and_currency(daemon: Daemon, receiver: HttpReceiver) -> None:
    receiver.get_answers.append((200, json.loads(PLAN.read_text())))
    command(client(daemon, receiver), f"estimate <{receiver.url}/plans/plan.json> eur", f"{receiver.url}/hooks/x")
    [text] = posted(receiver)
    assert f"about *{estimate(PLAN, currency='EUR').total_monthly_cost.display()}/month*" in text and "€" in text


@pytest.mark.parametrize(("text", "response_url", "says"), [
    ("estimate {url}/elsewhere/plan.json", "{url}/hooks/x", "not under them"),
    ("estimate {url}/plans/../secrets.json", "{url}/hooks/x", "not under them"),
    ("estimate {url}/plans/%2e%2e/secrets.json", "{url}/hooks/x", "not under them"),
    ("estimate http://user:pw@127.0.0.1:1/plans/x.json", "{url}/hooks/x", "not under them"),
    ("estimate {url}/plans/..;/secrets.json", "{url}/hooks/x", "not under them"),
    ("estimate {url}/plans/%252e%252e/secrets.json", "{url}/hooks/x", "not under them"),
    ("estimate {url}/plans/x/..%00/secrets.json", "{url}/hooks/x", "not under them"),
    ("estimate {url}/plans/plan.json", None, "no Slack response URL"),
    ("estimate {url}/plans/plan.json", "https://attacker.example/hooks/x", "no Slack response URL"),
    ("estimate {url}/plans/plan.json euros", "{url}/hooks/x", "not a currency code"),
    ("estimate", "{url}/hooks/x", "Usage: `/cost estimate"),
])
def test_refused_requests_fetch_nothing(daemon: Daemon, receiver: HttpReceiver, text: str,
                                        response_url: str | None, says: str) -> None:
    reply = command(client(daemon, receiver), text.format(url=receiver.url),
                    response_url.format(url=receiver.url) if response_url else None)
    assert says in str(reply["text"]) and receiver.received == []


def test_off_unless_plan_urls_are_configured(daemon: Daemon, receiver: HttpReceiver) -> None:
    c = TestClient(create_app(daemon, slack_secret=lambda: SECRET))
    reply = command(c, f"estimate {receiver.url}/plans/plan.json", f"{receiver.url}/hooks/x")
    assert "`/cost estimate` is off: set server.slack_plan_urls" in str(reply["text"]) and receiver.received == []
    assert "/cost estimate" in str(command(c, "help", None)["text"])


@pytest.mark.parametrize(("answer", "says"), [
    ((404, {"error": "gone"}), "GET answered 404"),
    ((302, b"", {"location": "http://169.254.169.254/latest/meta-data/"}), "GET answered 302"),  # never followed
    ((200, b"{not json"), "not JSON"),
    ((200, [1, 2]), "not a Terraform plan"),
    ((200, {"format_version": "1.2", "planned_values": []}), "planned_values"),
    ((200, b" " * 5000), "the plan is over 4096 bytes"),
    ((200, b"PK\x03\x04\x14\x00\x08\x00"), "this is a binary Terraform plan (a zip archive), not its JSON: run "
                                         "`terraform show -json p.json &gt; plan.json`"),  # Slack-escaped
    ((200, {"format_version": "1.0", "values": {"root_module": {}}}), "this is the JSON of a Terraform state"),
])
def test_failures_are_posted_with_the_reason(daemon: Daemon, receiver: HttpReceiver, answer: tuple[object, ...],
                                             says: str) -> None:
    receiver.get_answers.append(answer)
    command(client(daemon, receiver, max_bytes=4096), f"estimate {receiver.url}/plans/p.json",
            f"{receiver.url}/hooks/x")
    [text] = posted(receiver)
    assert text.startswith(f"Could not estimate `{receiver.url}/plans/p.json`:") and says in text
    assert [r.path for r in receiver.received] == ["/plans/p.json", "/hooks/x"]


def test_unreachable_plan_store_and_refused_answer(daemon: Daemon, receiver: HttpReceiver,
                                                   caplog: pytest.LogCaptureFixture) -> None:
    dead = f"http://127.0.0.1:{free_port()}/plans/"
    cmd = slack.EstimateCommand(plan_urls=(dead,), response_urls=(f"{receiver.url}/hooks/",), timeout=2)
    c = TestClient(create_app(daemon, slack_secret=lambda: SECRET, slack_estimate=cmd))
    command(c, f"estimate {dead}p.json", f"{receiver.url}/hooks/x")
    assert "fetching the plan failed: ConnectError" in posted(receiver)[0]
    receiver.script.append((500, {}))
    receiver.get_answers.append((200, json.loads(PLAN.read_text())))
    with caplog.at_level(logging.WARNING, logger="costlib.daemon"):
        command(client(daemon, receiver), f"estimate {receiver.url}/plans/p.json", f"{receiver.url}/hooks/y")
    assert "Slack refused the estimate answer: HTTP 500" in caplog.text


def test_url_prefixes_are_validated_in_config(workdir: Path) -> None:
    cfg = workdir / "config.yaml"
    base = cfg.read_text()
    cfg.write_text(base + "server:\n  slack_plan_urls: [https://ci.example.com/plans/]\n")
    assert load_config(cfg).server.slack_plan_urls == ["https://ci.example.com/plans/"]
    for bad in ("https://ci.example.com", "ftp://ci.example.com/plans/", "https://u:p@ci.example.com/plans/"):
        cfg.write_text(base + f"server:\n  slack_plan_urls: ['{bad}']\n")
        with pytest.raises(ConfigError, match="slack_plan_urls.*is not a URL prefix"):
            load_config(cfg)


def test_served_daemon_wires_the_command_from_config(workdir: Path, receiver: HttpReceiver,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    import httpx

    from costlib.daemon.api import serve

    port = free_port()
    monkeypatch.setenv("TEST_SLACK_SECRET", SECRET)
    monkeypatch.setenv("TEST_PLAN_TOKEN", "from-config")
    cfg = workdir / "config.yaml"
    cfg.write_text(cfg.read_text() + f"server:\n  listen: 127.0.0.1:{port}\n  slack_signing_secret: env:TEST_SLACK_SECRET\n"
                   f"  slack_plan_urls: ['{receiver.url}/plans/']\n  slack_plan_token: env:TEST_PLAN_TOKEN\n"
                   f"  slack_response_urls: ['{receiver.url}/hooks/']\n")
    daemon = Daemon(load_config(cfg))
    receiver.get_answers.append((200, json.loads(PLAN.read_text())))
    server, thread = serve(daemon)
    try:
        body = urlencode({"text": f"estimate {receiver.url}/plans/plan.json",
                          "response_url": f"{receiver.url}/hooks/z"}).encode()
        ts = int(time.time())
        headers = {"content-type": "application/x-www-form-urlencoded", "x-slack-request-timestamp": str(ts),
                   "x-slack-signature": slack.sign(SECRET, ts, body)}
        deadline = time.monotonic() + 20
        while True:  # the server thread may still be binding its socket
            try:
                reply = httpx.post(f"http://127.0.0.1:{port}/slack/commands", content=body, headers=headers, timeout=5)
                break
            except httpx.ConnectError:
                assert time.monotonic() < deadline, "the HTTP server did not start"
                time.sleep(0.05)
        assert reply.status_code == 200 and "Estimating" in reply.json()["text"]
        while not posted(receiver) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert "will cost about" in posted(receiver)[0]
        assert receiver.received[0].headers["authorization"] == "Bearer from-config"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        daemon.store.close()


def test_partly_priced_resource_says_what_is_in_the_total() -> None:
    doc = {"currency": "USD", "total_monthly_cost": "102.20", "price_date": None, "summary": {"price_not_found": 1},
           "resources": [{"address": "azurerm_linux_virtual_machine.app", "status": "price_not_found",
                          "monthly_cost": "102.20", "message": "the catalog has no azure Storage prices in eastus"},
                         {"address": "aws_iam_role.x", "status": "free", "monthly_cost": None, "message": None}]}
    assert slack.estimate_message(doc, "p.json")["text"].splitlines() == [
        "*p.json* will cost about *$102.20/month*",
        "• `azurerm_linux_virtual_machine.app`: $102.20/month so far; the catalog has no azure Storage prices in "
        "eastus (not in the total)",
        "_1 price not found_"]
    many = {**doc, "resources": [{"address": f"r{i}", "status": "priced", "monthly_cost": str(i), "message": None}
                                 for i in range(30)]}
    lines = slack.estimate_message(many, "p.json")["text"].splitlines()
    assert lines[1] == "• `r29`: $29.00/month" and lines[-2] == "…and 5 more" and len(lines) == 1 + 25 + 2



def test_slack_escaped_query_is_unescaped_before_fetching(daemon: Daemon, receiver: HttpReceiver) -> None:
    receiver.get_answers.append((200, json.loads(PLAN.read_text())))
    command(client(daemon, receiver), f"estimate <{receiver.url}/plans/p.json?X-Amz-Signature=a&amp;X-Amz-Date=1>",
            f"{receiver.url}/hooks/x")
    assert receiver.received[0].path == "/plans/p.json?X-Amz-Signature=a&X-Amz-Date=1"
    assert "will cost about" in posted(receiver)[0]


def test_gzip_plans_are_inflated_but_never_past_the_limit(receiver: HttpReceiver) -> None:
    import gzip
    import tracemalloc

    from costlib.errors import InputError

    cmd = slack.EstimateCommand(plan_urls=(f"{receiver.url}/plans/",), max_bytes=64 * 1024)
    plan = PLAN.read_bytes()
    receiver.get_answers.append((200, gzip.compress(plan), {"content-encoding": "gzip"}))
    assert cmd.fetch(f"{receiver.url}/plans/p.json") == json.loads(plan)
    bomb = gzip.compress(b" " * (64 * 1024 * 1024))  # 64 MiB of spaces in ~64 KB
    receiver.get_answers.append((200, bomb, {"content-encoding": "gzip"}))
    tracemalloc.start()
    try:
        with pytest.raises(InputError, match="over 65536 bytes"):
            cmd.fetch(f"{receiver.url}/plans/p.json")
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 4 * 1024 * 1024, peak  # the bomb is never inflated past the limit (64 MiB if it were)
    receiver.get_answers.append((200, b"\x1f\x8b broken", {"content-encoding": "gzip"}))
    with pytest.raises(InputError, match="gzip body is corrupt"):
        cmd.fetch(f"{receiver.url}/plans/p.json")
    receiver.get_answers.append((200, b"...", {"content-encoding": "br"}))
    with pytest.raises(InputError, match="Content-Encoding 'br'"):
        cmd.fetch(f"{receiver.url}/plans/p.json")


def test_a_trickling_plan_store_hits_the_whole_fetch_deadline() -> None:
    import socket
    import threading

    from costlib.errors import ProviderError

    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(1)
    stop = threading.Event()

    def trickle() -> None:  # one byte every 0.2 s: no single read ever waits long
        conn, _ = server.accept()
        with conn:
            conn.recv(65536)
            conn.sendall(b"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 1000\r\n\r\n")
            while not stop.is_set():
                try:
                    conn.sendall(b" ")
                except OSError:
                    return
                time.sleep(0.2)

    threading.Thread(target=trickle, daemon=True).start()
    url = f"http://127.0.0.1:{server.getsockname()[1]}/plans/p.json"
    cmd = slack.EstimateCommand(plan_urls=(url.rsplit("/", 1)[0] + "/",), timeout=1.0)
    started = time.monotonic()
    try:
        with pytest.raises(ProviderError, match="took over 1 s"):
            cmd.fetch(url)
    finally:
        stop.set()
        server.close()
    assert time.monotonic() - started < 3


def test_hostile_signature_headers_are_401_not_500(daemon: Daemon, receiver: HttpReceiver) -> None:
    assert not slack.verify(SECRET, str(int(time.time())), "v0=\xff", b"", now=time.time())
    assert not slack.verify(SECRET, "\u00b2", "v0=ab", b"", now=time.time())
    assert not slack.verify(SECRET, "1" * 5000, "v0=ab", b"", now=time.time())
    c = client(daemon, receiver)
    resp = c.post("/slack/commands", content=b"text=help", headers={
        "content-type": "application/x-www-form-urlencoded", "x-slack-request-timestamp": str(int(time.time())),
        "x-slack-signature": "v0=\xff".encode("latin-1")})  # type: ignore[dict-item]
    assert resp.status_code == 401


def test_oversized_streamed_slack_body_is_413_without_an_app_error(daemon: Daemon, receiver: HttpReceiver) -> None:
    app = create_app(daemon, slack_secret=lambda: SECRET, max_body_bytes=1024)
    c = TestClient(app)  # raises any exception the app lets out

    def chunks() -> Iterator[bytes]:
        for _ in range(8):
            yield b"x" * 512

    assert c.post("/slack/commands", content=chunks()).status_code == 413


def test_an_unreachable_response_url_is_logged_not_raised(receiver: HttpReceiver,
                                                          caplog: pytest.LogCaptureFixture) -> None:
    dead = f"http://127.0.0.1:{free_port()}/hooks/"
    cmd = slack.EstimateCommand(plan_urls=(f"{receiver.url}/plans/",), response_urls=(dead,), timeout=2)
    receiver.get_answers.append((200, json.loads(PLAN.read_text())))
    with caplog.at_level(logging.WARNING, logger="costlib.daemon"):
        cmd.run(f"{receiver.url}/plans/p.json", "USD", dead + "x")
    assert "posting the estimate answer to Slack failed: ConnectError" in caplog.text


def test_every_cost_estimate_form_the_docs_write_is_one_the_command_takes() -> None:
    # config.example.yaml said `/cost estimate <url> confirm`: the command reads `confirm` first, so that form was
    # answered "`CONFIRM` is not a currency code like EUR." and nothing was recorded
    import re

    command = slack.EstimateCommand(plan_urls=("https://plans.example.com/",))
    forms = set()
    for doc in ("README.md", "config.example.yaml", "docs/guardrails.md"):
        for form in re.findall(r"`/cost estimate ([^`\[\]]*<[^`\[\]]*)`", (REPO / doc).read_text(encoding="utf-8")):
            forms.add(form)
    assert any("confirm" in f for f in forms), forms
    for form in sorted(forms):
        text = "estimate " + re.sub(r"<[^>]*>", "https://plans.example.com/plan.json", form)
        reply, job = command.accept(text, "https://hooks.slack.com/commands/1", user="alice (U1)")
        assert job is not None, (form, reply)
        assert job.url == "https://plans.example.com/plan.json" and job.currency == "USD", form
        assert (job.confirmed_by == "alice (U1)") == ("confirm" in form), form
