"""The contract every inventory keeps (the same as the spend sources'): built from its settings through the
registry, its health after a good listing, throttling, a 5xx, expired credentials and a listing that fails on its
second page; nothing half-listed is returned, and the counters only grow.

A new inventory passes by adding one line to :data:`HARNESSES`. Answers follow the services' documented REST
shapes (Resource Groups Tagging ``GetResources``, Resource Graph ``Resources``, Cloud Asset ``searchAllResources``).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import boto3
import pytest
import requests
from azure.core.pipeline.transport import RequestsTransport
from azure.mgmt.resourcegraph import ResourceGraphClient
from botocore.stub import Stubber
from google.auth.credentials import AnonymousCredentials
from google.cloud import asset_v1
from google.cloud.asset_v1.services.asset_service.transports.rest import AssetServiceRestTransport

from costlib.daemon.config import (
    AwsTaggingInventorySettings,
    AzureResourceGraphInventorySettings,
    FileInventorySettings,
    GcpAssetInventorySettings,
    SpendTagsInventorySettings,
)
from costlib.daemon.inventory import Inventory, build_inventory, inventory_builders
from costlib.errors import AuthError, CostlibError, ThrottledError, TransientProviderError
from costlib.money import Money
from costlib.retry import RetryPolicy
from costlib.spend import HealthStatus, SpendRecord
from tests.azure_replay import Credential, Replay
from tests.daemon.receivers import HttpReceiver

SCENARIOS = ("ok", "throttle", "server_error", "expired", "partial")
TAGS = {"environment": "pr-7", "team": "web", "owner": "ana"}


class Harness:
    scenarios: tuple[str, ...] = SCENARIOS
    inventory: Inventory
    records: tuple[SpendRecord, ...] = ()

    def script(self, scenario: str) -> None:
        raise NotImplementedError

    def close(self) -> None:
        pass


class SpendTags(Harness):
    scenarios = ("ok",)  # read from the records already polled: nothing to fail

    def __init__(self, tmp: Path) -> None:
        start = datetime(2026, 11, 1, tzinfo=UTC)
        self.records = (SpendRecord(billed_cost=Money("2", "USD"), charge_period_start=start,
                                    charge_period_end=start.replace(day=2), provider_name="AWS", tags=TAGS),)
        self.inventory = build_inventory(SpendTagsInventorySettings(type="spend_tags"), tmp)

    def script(self, scenario: str) -> None:
        pass


class InventoryFile(Harness):
    scenarios = ("ok", "partial")

    def __init__(self, tmp: Path) -> None:
        self.path = tmp / "envs.yaml"
        self.inventory = build_inventory(FileInventorySettings(type="file", path="envs.yaml"), tmp, estimate=False)

    def script(self, scenario: str) -> None:
        second = "  - {team: web}\n" if scenario == "partial" else "  - {name: pr-8, team: web}\n"
        self.path.write_text("environments:\n  - {name: pr-7, team: web}\n" + second)


class AwsTagging(Harness):
    def __init__(self, tmp: Path) -> None:
        client = boto3.client("resourcegroupstaggingapi", region_name="eu-west-1", aws_access_key_id="x",
                              aws_secret_access_key="y")
        self.stub = Stubber(client)
        self.stub.activate()
        self.inventory = build_inventory(AwsTaggingInventorySettings(type="aws_tagging"), tmp, client=client)

    def script(self, scenario: str) -> None:
        page = {"ResourceTagMappingList": [{"ResourceARN": "arn:aws:ec2:eu-west-1:1:instance/i-0abc12345",
                                            "Tags": [{"Key": k, "Value": v} for k, v in TAGS.items()]}]}
        if scenario in ("ok", "partial"):
            self.stub.add_response("get_resources", {**page, "PaginationToken": "p2"})
        if scenario == "ok":
            self.stub.add_response("get_resources", {**page, "PaginationToken": ""})
            return
        code, status = {"throttle": ("ThrottlingException", 400), "expired": ("ExpiredTokenException", 400)}.get(
            scenario, ("InternalServiceException", 500))
        self.stub.add_client_error("get_resources", service_error_code=code, http_status_code=status)


class ResourceGraph(Harness):
    def __init__(self, tmp: Path) -> None:
        self.replay = Replay([])
        session = requests.Session()
        session.mount("https://", self.replay)
        client = ResourceGraphClient(Credential(), transport=RequestsTransport(session=session), retry_total=0)
        self.inventory = build_inventory(AzureResourceGraphInventorySettings(type="azure_resource_graph", scope="s1"),
                                         tmp, client=client)

    def script(self, scenario: str) -> None:
        def page(skip: str | None) -> dict[str, Any]:
            doc: dict[str, Any] = {"totalRecords": 2, "count": 1, "resultTruncated": "false", "facets": [], "data": [
                {"id": "/subscriptions/s1/resourceGroups/pr-7/providers/Microsoft.Compute/virtualMachines/vm",
                 "name": "vm", "tags": TAGS}]}
            return {**doc, "$skipToken": skip} if skip else doc

        error = {"error": {"code": "X", "message": "nope"}}
        self.replay.answers += {"ok": [(200, page("p2"), {}), (200, page(None), {})],
                                "throttle": [(429, error, {"Retry-After": "1"})], "server_error": [(500, error, {})],
                                "expired": [(401, error, {})], "partial": [(200, page("p2"), {}), (503, error, {})]}[scenario]


class AssetInventory(Harness):
    def __init__(self, tmp: Path) -> None:
        self.receiver = HttpReceiver().start()
        transport = AssetServiceRestTransport(host=f"127.0.0.1:{self.receiver.port}", credentials=AnonymousCredentials(),
                                              url_scheme="http")
        self.inventory = build_inventory(GcpAssetInventorySettings(type="gcp_asset_inventory", scope="projects/acme"),
                                         tmp, client=asset_v1.AssetServiceClient(transport=transport),
                                         retry=RetryPolicy(attempts=2, base=0.01))

    def script(self, scenario: str) -> None:
        found = {"results": [{"name": "//compute.googleapis.com/projects/acme/zones/z/instances/w1",
                              "labels": TAGS, "createTime": "2026-11-02T10:00:00Z"}]}
        error = {"throttle": (429, "RESOURCE_EXHAUSTED"), "server_error": (500, "INTERNAL"),
                 "expired": (401, "UNAUTHENTICATED"), "partial": (503, "UNAVAILABLE")}
        answers: list[tuple[Any, ...]] = []
        if scenario in ("ok", "partial"):
            answers.append((200, {**found, "nextPageToken": "p2"}))
        if scenario == "ok":
            answers.append((200, found))
        else:
            code, status = error[scenario]
            answers += [(code, {"error": {"code": code, "message": "nope", "status": status}})] * 10  # while retried
        self.receiver.get_answers = answers

    def close(self) -> None:
        self.receiver.stop()


#: One line per settings type: the harness of its inventory.
HARNESSES: dict[type, Callable[[Path], Harness]] = {
    SpendTagsInventorySettings: SpendTags,
    FileInventorySettings: InventoryFile,
    AwsTaggingInventorySettings: AwsTagging,
    AzureResourceGraphInventorySettings: ResourceGraph,
    GcpAssetInventorySettings: AssetInventory,
}

EXPECTED: dict[str, tuple[type[Exception] | None, set[HealthStatus]]] = {
    "ok": (None, {HealthStatus.OK}), "throttle": (ThrottledError, {HealthStatus.THROTTLED}),
    "server_error": (TransientProviderError, {HealthStatus.ERROR}), "expired": (AuthError, {HealthStatus.AUTH_FAILED}),
    "partial": (CostlibError, {HealthStatus.ERROR, HealthStatus.INVALID_CONFIG})}


def test_every_registered_inventory_has_a_harness() -> None:
    assert set(inventory_builders()) == set(HARNESSES)


@pytest.mark.parametrize("settings_type", list(HARNESSES), ids=lambda t: t.__name__)
def test_inventory_contract(settings_type: type, tmp_path: Path) -> None:
    harness = HARNESSES[settings_type](tmp_path)
    inv = harness.inventory
    try:
        for scenario in [s for s in ("ok", "throttle", "ok", "server_error", "expired", "partial", "ok")
                         if s in harness.scenarios]:
            before = inv.health()
            harness.script(scenario)
            error, statuses = EXPECTED[scenario]
            if error is None:
                assert inv.environments(as_of=date(2026, 11, 20), records=harness.records)
            else:
                with pytest.raises(error) as info:
                    inv.environments(as_of=date(2026, 11, 20), records=harness.records)
                if scenario == "server_error":
                    assert not isinstance(info.value, ThrottledError | AuthError)
            after = inv.health()
            assert after.status in statuses, (scenario, after)
            assert after.requests_total > before.requests_total
            assert after.errors_total == before.errors_total + (0 if error is None else 1)
            assert after.last_success == (before.last_success if error else after.checked_at)
    finally:
        harness.close()
