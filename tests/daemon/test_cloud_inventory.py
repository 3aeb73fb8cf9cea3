"""Environments from Azure Resource Graph (replayed REST answers) and GCP Cloud Asset Inventory (REST transport
against a loopback receiver). Answer bodies follow the services' documented REST shapes."""

from __future__ import annotations

import json
from typing import Any

import pytest
import requests
from azure.core.pipeline.transport import RequestsTransport
from azure.mgmt.resourcegraph import ResourceGraphClient
from google.auth.credentials import AnonymousCredentials
from google.cloud import asset_v1
from google.cloud.asset_v1.services.asset_service.transports.rest import AssetServiceRestTransport

from costlib.daemon.inventory import from_azure_resource_graph, from_gcp_asset_inventory
from costlib.errors import AuthError, ProviderError
from costlib.retry import RetryPolicy
from tests.azure_replay import Credential, Replay
from tests.daemon.receivers import HttpReceiver

VM = "/subscriptions/sub-1/resourceGroups/pr-7/providers/Microsoft.Compute/virtualMachines/pr-7-web"
DISK = "/subscriptions/sub-1/resourceGroups/pr-7/providers/Microsoft.Compute/disks/pr-7-web-os"


def graph(answers: list[tuple[int, Any, dict[str, str]]]) -> tuple[ResourceGraphClient, Replay]:
    adapter = Replay(answers)
    session = requests.Session()
    session.mount("https://", adapter)
    return ResourceGraphClient(Credential(), transport=RequestsTransport(session=session), retry_total=0), adapter


def page(rows: list[dict[str, Any]], skip: str | None = None) -> dict[str, Any]:
    doc: dict[str, Any] = {"totalRecords": 3, "count": len(rows), "resultTruncated": "false", "facets": [], "data": rows}
    if skip:
        doc["$skipToken"] = skip
    return doc


def test_azure_resource_graph_pages_and_groups() -> None:
    tags = {"environment": "pr-7", "team": "web", "owner": "ana", "ttl": "3d"}
    client, adapter = graph([
        (200, page([{"id": VM, "name": "pr-7-web", "type": "microsoft.compute/virtualmachines", "location": "westeurope",
                     "tags": tags, "timeCreated": "2026-11-20T08:00:00.1234567Z"}], skip="page-2"), {}),
        (200, page([{"id": DISK, "name": "pr-7-web-os", "type": "microsoft.compute/disks", "location": "westeurope",
                     "tags": tags, "timeCreated": "2026-11-20T07:59:00Z"},
                    {"id": "/subscriptions/sub-1/x", "name": "untagged", "tags": {}}]), {}),
    ])
    [env] = from_azure_resource_graph(subscriptions=["sub-1"], client=client)
    assert (env.name, env.team, env.owner, env.provider) == ("pr-7", "web", "ana", "Microsoft")
    assert env.resources == (DISK, VM) and env.created_at is not None and env.created_at.isoformat().startswith("2026-11-20T07:59")
    first, second = (json.loads(r.body or b"{}") for r in adapter.seen)
    assert first["subscriptions"] == ["sub-1"] and "tags['environment']" in first["query"]
    assert second["options"]["$skipToken"] == "page-2"


@pytest.mark.parametrize(("status", "error"), [(401, AuthError), (500, ProviderError)])
def test_azure_resource_graph_errors(status: int, error: type[Exception]) -> None:
    client, _ = graph([(status, {"error": {"code": "X", "message": "nope"}}, {})])
    with pytest.raises(error, match="Resource Graph"):
        from_azure_resource_graph(subscriptions=["sub-1"], client=client)


def asset_client(receiver: HttpReceiver) -> asset_v1.AssetServiceClient:
    transport = AssetServiceRestTransport(host=f"127.0.0.1:{receiver.port}", credentials=AnonymousCredentials(),
                                          url_scheme="http")
    return asset_v1.AssetServiceClient(transport=transport)


def test_gcp_asset_inventory_pages_and_groups() -> None:
    r = HttpReceiver().start()
    try:
        labels = {"environment": "load-test", "team": "platform", "owner": "sam"}
        r.get_answers = [
            (200, {"results": [{"name": "//compute.googleapis.com/projects/acme/zones/us-central1-a/instances/w1",
                                "assetType": "compute.googleapis.com/Instance", "project": "projects/123",
                                "labels": labels, "createTime": "2026-11-02T10:00:00Z"}], "nextPageToken": "p2"}),
            (200, {"results": [{"name": "//compute.googleapis.com/projects/acme/zones/us-central1-a/instances/w2",
                                "assetType": "compute.googleapis.com/Instance", "labels": labels,
                                "createTime": "2026-11-01T10:00:00Z"}]}),
        ]
        [env] = from_gcp_asset_inventory(scope="projects/acme", client=asset_client(r))
        assert (env.name, env.team, env.owner, len(env.resources)) == ("load-test", "platform", "sam", 2)
        assert env.created_at is not None and env.created_at.day == 1
        assert r.received[0].path.startswith("/v1/projects/acme:searchAllResources")
        assert "labels.environment" in requests.utils.unquote(r.received[0].path) and "p2" in r.received[1].path
        r.get_answers = [(403, {"error": {"code": 403, "message": "denied", "status": "PERMISSION_DENIED"}})]
        with pytest.raises(AuthError, match="Asset Inventory"):
            from_gcp_asset_inventory(scope="projects/acme", client=asset_client(r))
        r.get_answers = [(500, {"error": {"code": 500, "message": "boom", "status": "INTERNAL"}})] * 20
        with pytest.raises(ProviderError, match="Asset Inventory"):  # retried (by the client) while it lasts
            from_gcp_asset_inventory(scope="projects/acme", client=asset_client(r),
                                     retry=RetryPolicy(attempts=3, base=0.01))
    finally:
        r.stop()
