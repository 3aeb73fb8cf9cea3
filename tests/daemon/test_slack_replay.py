"""A Slack request replayed inside the five-minute window (same signature, same timestamp) is refused (issue 18);
signatures are checked by slack_sdk, and any header a client sends is a 401, never a 500."""

from __future__ import annotations

import time
from pathlib import Path

from fastapi.testclient import TestClient

from costlib.daemon import slack
from costlib.daemon.api import create_app
from costlib.daemon.config import load_config
from costlib.daemon.service import Daemon

SECRET = "8f742231b10e8888abcd99yyyzzz85a5"


def test_a_replayed_slack_request_is_refused(workdir: Path) -> None:
    daemon = Daemon(load_config(workdir / "config.yaml"))
    daemon.run_cycle()
    client = TestClient(create_app(daemon, slack_secret=lambda: SECRET))
    body = b"command=%2Fcost&text=budgets&user_id=U1"
    ts = int(time.time())
    headers = {"content-type": "application/x-www-form-urlencoded", "x-slack-request-timestamp": str(ts),
               "x-slack-signature": slack.sign(SECRET, ts, body)}
    first = client.post("/slack/commands", content=body, headers=headers)
    assert first.status_code == 200 and "web-monthly" in first.json()["text"]
    again = client.post("/slack/commands", content=body, headers=headers)
    assert again.status_code == 401 and "replay" in again.json()["detail"]
    later = ts + 1  # the same command sent again by the user is a new request: a new timestamp and signature
    fresh = client.post("/slack/commands", content=body, headers={
        **headers, "x-slack-request-timestamp": str(later), "x-slack-signature": slack.sign(SECRET, later, body)})
    assert fresh.status_code == 200
    not_utf8 = b"command=%2Fcost&text=\xff\xfe"
    hostile = client.post("/slack/commands", content=not_utf8, headers={
        **headers, "x-slack-signature": "v0=" + "0" * 64})
    assert hostile.status_code == 401
    daemon.store.close()


def test_sign_and_verify_agree_with_slacks_documented_example() -> None:
    """The example of https://api.slack.com/authentication/verifying-requests-from-slack."""
    body = (b"token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&"
            b"channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&"
            b"response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&"
            b"trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c")
    expected = "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503"
    assert slack.sign(SECRET, 1531420618, body) == expected
    assert slack.verify(SECRET, "1531420618", expected, body, now=1531420618 + 60)
