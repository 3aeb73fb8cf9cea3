"""A property run of the HTTP API against its own OpenAPI schema (schemathesis): no input gives a 5xx, and
every answer conforms to the schema's status codes."""

from __future__ import annotations

from pathlib import Path

import pytest
import schemathesis
from hypothesis import HealthCheck, settings

from costlib.daemon.api import create_app
from costlib.daemon.config import load_config
from costlib.daemon.service import Daemon
from tests.daemon.conftest import CONFIG, write_focus

TOKEN = "schema-token"


def _app() -> object:
    import tempfile

    tmp = Path(tempfile.mkdtemp(prefix="costlib-schema-"))
    write_focus(tmp)
    (tmp / "config.yaml").write_text(CONFIG)
    d = Daemon(load_config(tmp / "config.yaml"))
    d.run_cycle()
    return create_app(d, token=lambda: TOKEN, max_body_bytes=256_000).app


schema = schemathesis.openapi.from_asgi("/openapi.json", _app())


@schema.parametrize()
@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
@pytest.mark.slow
def test_api_never_answers_5xx(case: schemathesis.Case) -> None:
    headers = {"Authorization": f"Bearer {TOKEN}"} if case.method == "POST" else {}
    response = case.call(headers=headers)
    assert response.status_code < 500, (case.method, case.path, response.status_code, response.text[:500])
