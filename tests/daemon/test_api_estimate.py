"""``POST /v1/estimate`` takes the raw ``terraform show -json plan.out`` document as well as the wrapped form; the
OpenAPI schema documents both; a state document, or a body that is neither, is a clean 4xx naming the problem."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from costlib.daemon.api import create_app
from costlib.daemon.config import load_config
from costlib.daemon.service import Daemon

REPO = Path(__file__).resolve().parents[2]
PLAN = json.loads((REPO / "examples" / "plan.json").read_text())

#: the JSON of a state, shaped as Terraform documents it (internals/json-format, "State Representation":
#: format_version, terraform_version, values.root_module.resources with address, mode, type, name,
#: provider_name and values)
STATE = {"format_version": "1.0", "terraform_version": "1.9.5", "values": {"root_module": {"resources": [
    {"address": "aws_instance.web", "mode": "managed", "type": "aws_instance", "name": "web",
     "provider_name": "registry.terraform.io/hashicorp/aws", "schema_version": 1,
     "values": {"instance_type": "m5.large", "availability_zone": "us-east-1a",
                "arn": "arn:aws:ec2:us-east-1:123456789012:instance/i-0abc"}, "sensitive_values": {}}]}}}


@pytest.fixture
def client(workdir: Path) -> Iterator[TestClient]:
    d = Daemon(load_config(workdir / "config.yaml"))
    yield TestClient(create_app(d, max_body_bytes=512_000))
    d.store.close()


def test_a_raw_plan_is_estimated_like_the_wrapped_one(client: TestClient) -> None:
    raw = client.post("/v1/estimate", json=PLAN)
    assert raw.status_code == 200, raw.text  # 422 before: the raw document was not a known body
    wrapped = client.post("/v1/estimate", json={"plan": PLAN})
    assert wrapped.status_code == 200, wrapped.text
    assert raw.json()["total_monthly_cost"] == wrapped.json()["total_monthly_cost"]
    assert [r["address"] for r in raw.json()["resources"]] == [r["address"] for r in wrapped.json()["resources"]]
    eur = client.post("/v1/estimate?currency=eur", json=PLAN)
    assert eur.status_code == 200 and eur.json()["currency"] == "EUR"
    both = client.post("/v1/estimate?currency=EUR", json={"plan": PLAN, "currency": "GBP"})
    assert both.status_code == 400 and "gives its currency in the body" in both.json()["detail"]


@pytest.mark.parametrize("body", [STATE, {"plan": STATE}])
def test_a_state_document_is_a_clear_400(client: TestClient, body: dict[str, Any]) -> None:
    resp = client.post("/v1/estimate", json=body)
    assert resp.status_code == 400, resp.text
    assert "this is the JSON of a Terraform state" in resp.json()["detail"]
    assert "terraform show -json plan.out" in resp.json()["detail"]


@pytest.mark.parametrize(("content", "status", "says"), [
    (b"[1, 2, 3]", 422, "EstimateRequest"),
    (b'{"hello": "world"}', 422, "format_version"),
    (b"PK\x03\x04\x14\x00binary plan", 422, "JSON decode error"),
    (b'{"format_version": "7.0", "planned_values": {}}', 400, "format_version 7.0 is not supported"),
    (b'{"format_version": "1.2"}', 400, "neither planned_values nor resource_changes"),
    (b'{"format_version": "1.2", "planned_values": {"root_module": {"resources": "lots"}}}', 400,
     "root module resources is not a list of objects"),
])
def test_junk_is_a_clean_4xx(client: TestClient, content: bytes, status: int, says: str) -> None:
    resp = client.post("/v1/estimate", content=content, headers={"content-type": "application/json"})
    assert resp.status_code == status, resp.text
    assert says in resp.text and "Traceback" not in resp.text


def test_the_openapi_schema_documents_both_forms(client: TestClient) -> None:
    doc = client.get("/openapi.json").json()
    body = doc["paths"]["/v1/estimate"]["post"]["requestBody"]["content"]["application/json"]
    refs = {item["$ref"].rsplit("/", 1)[-1] for item in body["schema"]["anyOf"]}
    assert refs == {"EstimateRequest", "TerraformPlan"}
    assert doc["components"]["schemas"]["TerraformPlan"]["required"] == ["format_version"]
    assert set(body["examples"]) == {"raw plan", "wrapped plan", "resources"}
    for example in body["examples"].values():  # every documented example is accepted as documented
        assert client.post("/v1/estimate", json=example["value"]).status_code == 200
    params = {p["name"] for p in doc["paths"]["/v1/estimate"]["post"].get("parameters", [])}
    assert params == {"currency"}


def test_the_estimate_carries_its_savings_findings(client: TestClient) -> None:
    """The endpoint answers with the estimate's JSON, findings included: the same rules and catalog as the CLI."""
    body = {"resources": [{"name": "data", "type": "aws_ebs_volume", "provider": "aws", "region": "us-east-1",
                           "attributes": {"type": "gp2", "size": 100}}]}
    resp = client.post("/v1/estimate", json=body)
    assert resp.status_code == 200, resp.text
    doc = resp.json()
    # us-east-1: 100 GB gp2 at $0.10/GB-month, gp3 at $0.08
    assert [(f["rule"], f["address"], f["monthly_cost"], f["monthly_cost_after"], f["monthly_saving"])
            for f in doc["findings"]] == [("ebs-gp2-to-gp3", "data", "10.00", "8.00", "2.00")]
    assert doc["total_monthly_saving"] == "2.00"
    raw = client.post("/v1/estimate", json=PLAN).json()  # the example plan's m5.large instances: Graviton
    assert {f["rule"] for f in raw["findings"]} >= {"ec2-graviton"}
