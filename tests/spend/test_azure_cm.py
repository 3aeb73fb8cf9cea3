"""Azure Cost Management: real recorded REST examples replayed through an azure-core transport."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import requests
from azure.core.pipeline.transport import RequestsTransport
from azure.mgmt.costmanagement import CostManagementClient

from costlib.errors import AuthError, TransientProviderError
from costlib.spend import HealthStatus, SpendWindow
from costlib.spend.azure_cm import AzureCostManagementSource
from tests.azure_replay import Credential, Replay

pytestmark = pytest.mark.shared_data


def source(answers: list[tuple[int, Any, dict[str, str]]], sleeps: list[float] | None = None) -> tuple[AzureCostManagementSource, Replay]:
    adapter = Replay(answers)
    session = requests.Session()
    session.mount("https://", adapter)
    client = CostManagementClient(Credential(), transport=RequestsTransport(session=session),
                                  retry_total=0)
    return AzureCostManagementSource("azure", "/subscriptions/00000000-0000-0000-0000-000000000000", client=client,
                                     sleep=(sleeps if sleeps is not None else []).append), adapter


def example(shared_data: Path, name: str) -> Any:
    return json.loads((shared_data / "spend-samples/azure/query" / name).read_text())["responses"]["200"]["body"]


WINDOW = SpendWindow(date(2026, 10, 1), date(2026, 11, 1))


def test_recorded_daily_query(shared_data: Path) -> None:
    body = example(shared_data, "SubscriptionQuery.json")
    src, adapter = source([(200, body, {})])
    res = src.fetch(WINDOW, group_by=[], tag_keys=[])
    assert res.records and res.health.status is HealthStatus.OK
    first = body["properties"]["rows"][0]
    assert res.records[0].billed_cost.amount == Decimal(repr(first[0]))
    sent = json.loads(adapter.seen[0].body or b"{}")
    assert sent["type"] == "ActualCost" and sent["dataset"]["granularity"] == "Daily"


def test_paging_throttling_and_auth(shared_data: Path) -> None:
    body = example(shared_data, "SubscriptionQuery.json")
    page1 = json.loads(json.dumps(body))
    page1["properties"]["nextLink"] = ("https://management.azure.com/subscriptions/x/providers/Microsoft.CostManagement"
                                       "/query?api-version=2025-03-01&$skiptoken=AQAAAA%3D%3D")
    throttled = (429, {"error": {"code": "429", "message": "Too many requests. Please retry."}},
                 {"x-ms-ratelimit-microsoft.costmanagement-qpu-retry-after": "7"})
    sleeps: list[float] = []
    src, adapter = source([(200, page1, {}), throttled, (200, body, {})], sleeps)
    res = src.fetch(WINDOW, group_by=[], tag_keys=[])
    assert len(res.records) == 2 * len(body["properties"]["rows"])
    assert sleeps == [7.0] and "skiptoken=AQAAAA" in (adapter.seen[-1].url or "")
    src, _ = source([throttled] * 4)
    with pytest.raises(TransientProviderError, match="HTTP 429 after 4 attempts"):
        src.fetch(WINDOW, group_by=[], tag_keys=[])
    assert src.health().status is HealthStatus.THROTTLED
    src, _ = source([(401, {"error": {"code": "ExpiredAuthenticationToken", "message": "expired"}}, {})])
    with pytest.raises(AuthError):
        src.fetch(WINDOW, group_by=[], tag_keys=[])
    assert src.health().status is HealthStatus.AUTH_FAILED


def test_grouping_by_tag(shared_data: Path) -> None:
    body = {"id": "x", "name": "x", "type": "Microsoft.CostManagement/query", "properties": {
        "nextLink": None,
        "columns": [{"name": "Cost", "type": "Number"}, {"name": "UsageDate", "type": "Number"},
                    {"name": "TagKey", "type": "String"}, {"name": "TagValue", "type": "String"},
                    {"name": "ServiceName", "type": "String"}, {"name": "Currency", "type": "String"}],
        "rows": [[12.34, 20261001, "team", "payments", "Storage", "EUR"], [0.5, 20261001, "team", None, "Storage", "EUR"]]}}
    src, _ = source([(200, body, {})])
    res = src.fetch(WINDOW, group_by=["ServiceName"], tag_keys=["team"])
    assert [(dict(r.tags), str(r.billed_cost.amount), r.billed_cost.currency) for r in res.records] == [
        ({"team": "payments"}, "12.34", "EUR"), ({}, "0.5", "EUR")]


def test_an_empty_tag_value_is_untagged() -> None:
    body = {"properties": {"nextLink": None, "columns": [
        {"name": "Cost", "type": "Number"}, {"name": "UsageDate", "type": "Number"},
        {"name": "TagKey", "type": "String"}, {"name": "TagValue", "type": "String"},
        {"name": "Currency", "type": "String"}],
        "rows": [[3.5, 20261002, "team", "", "EUR"], [2.25, 20261002, "team", "web", "EUR"]]}}
    src, _ = source([(200, body, {})])
    res = src.fetch(WINDOW, group_by=[], tag_keys=["team"])
    assert sorted((r.billed_cost.amount, dict(r.tags).get("team")) for r in res.records) == [
        (Decimal("2.25"), "web"), (Decimal("3.5"), None)]
