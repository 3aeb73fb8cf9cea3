"""Replaying recorded Azure REST answers through azure-core's requests transport (no network)."""

from __future__ import annotations

import io
import json
from typing import Any

import requests
import urllib3
from azure.core.credentials import AccessToken


class Credential:
    def get_token(self, *scopes: str, **kwargs: Any) -> AccessToken:
        return AccessToken("token", 4_102_444_800)


class Replay(requests.adapters.BaseAdapter):
    """Serves queued (status, body, headers) answers and records the requests."""

    def __init__(self, answers: list[tuple[int, Any, dict[str, str]]]) -> None:
        super().__init__()
        self.answers = answers
        self.seen: list[requests.PreparedRequest] = []

    def send(self, request: requests.PreparedRequest, **kwargs: Any) -> requests.Response:
        self.seen.append(request)
        status, body, headers = self.answers.pop(0)
        data = b"" if body is None else json.dumps(body).encode()
        all_headers = {"Content-Type": "application/json", "Content-Length": str(len(data)), **headers}
        resp = requests.Response()
        resp.status_code = status
        resp.raw = urllib3.HTTPResponse(body=io.BytesIO(data), headers=all_headers, status=status,
                                        preload_content=False, decode_content=False)
        resp.headers.update(all_headers)
        resp.url = request.url or ""
        resp.request = request
        return resp

    def close(self) -> None:
        pass
