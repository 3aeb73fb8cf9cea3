"""Shutdown of expired environments: stop EC2 instances, deallocate Azure VMs, stop GCE instances.

Only environments whose team opted in reach here, only once grace has passed after their expired warning, never
protected or conflicting ones (decided in :mod:`costlib.policy.ttl`); dry-run is the default. A stop that is no
longer due when its turn comes (extended, protected) is cancelled by the daemon, and an EC2 ARN of another
account than the daemon's is never sent. :func:`plan_targets` is pure: which of an
environment's resources can be stopped, and which cannot (said out loud, never silently skipped). The
executors do the I/O; each resource's outcome is recorded by the daemon, and a failed stop is retried on the
next cycle.

>>> [(t.provider, t.region, t.name) for t in plan_targets([
...     "arn:aws:ec2:eu-west-1:123456789012:instance/i-0abc",
...     "/subscriptions/s1/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/vm1",
...     "//compute.googleapis.com/projects/p1/zones/us-central1-a/instances/w1"])[0]]
[('aws', 'eu-west-1', 'i-0abc'), ('azure', None, 'vm1'), ('gcp', 'us-central1-a', 'w1')]
>>> plan_targets(["arn:aws:s3:::logs-bucket"])[1]
[('arn:aws:s3:::logs-bucket', 'not a virtual machine (only EC2, Azure VMs and GCE instances are stopped)')]
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any, TypedDict

import httpx

from costlib.errors import AuthError, ProviderError, TransientProviderError, require_extra

__all__ = ["StopOptions", "StopResult", "Target", "plan_targets", "stop_targets"]

_AWS_ARN = re.compile(r"^arn:aws[\w-]*:ec2:(?P<region>[\w-]+):(?P<account>\d*):instance/(?P<id>i-[0-9a-f]+)$")
_AWS_ID = re.compile(r"^i-[0-9a-f]{8,17}$")
_AZURE = re.compile(r"^/subscriptions/[^/]+/resourceGroups/[^/]+/providers/Microsoft\.Compute/virtualMachines/(?P<name>[^/]+)$",
                    re.IGNORECASE)
_GCE = re.compile(r"^(?://compute\.googleapis\.com/)?projects/(?P<project>[^/]+)/zones/(?P<zone>[^/]+)/instances/(?P<name>[^/]+)$")

AZURE_API_VERSION = "2024-07-01"


@dataclass(frozen=True, slots=True)
class Target:
    provider: str
    resource: str
    name: str
    region: str | None = None
    project: str | None = None
    account: str | None = None


@dataclass(frozen=True, slots=True)
class StopResult:
    resource: str
    ok: bool
    message: str
    transient: bool = False


def plan_targets(resources: Iterable[str], *, default_aws_region: str | None = None
                 ) -> tuple[list[Target], list[tuple[str, str]]]:
    """Split resource ids into stoppable targets and (resource, reason) for each one that is not."""
    targets: list[Target] = []
    skipped: list[tuple[str, str]] = []
    for rid in resources:
        if m := _AWS_ARN.match(rid):
            targets.append(Target("aws", rid, m["id"], m["region"], account=m["account"] or None))
        elif _AWS_ID.match(rid):
            if default_aws_region is None:
                skipped.append((rid, "an instance id without a region (use the ARN)"))
            else:
                targets.append(Target("aws", rid, rid, default_aws_region))
        elif m := _AZURE.match(rid):
            targets.append(Target("azure", rid, m["name"]))
        elif m := _GCE.match(rid):
            targets.append(Target("gcp", rid, m["name"], m["zone"], m["project"]))
        else:
            skipped.append((rid, "not a virtual machine (only EC2, Azure VMs and GCE instances are stopped)"))
    return targets, skipped


class StopOptions(TypedDict, total=False):
    """What :func:`stop_targets` may be given instead of the real clients, tokens and endpoints (tests)."""

    aws_client: Callable[[str], object]
    aws_account: Callable[[], str]
    azure_token: Callable[[], str]
    gcp_token: Callable[[], str]
    azure_endpoint: str
    gcp_endpoint: str
    transport: httpx.BaseTransport


def stop_targets(targets: Sequence[Target], *, aws_client: Callable[[str], object] | None = None,
                 aws_account: Callable[[], str] | None = None,
                 azure_token: Callable[[], str] | None = None, gcp_token: Callable[[], str] | None = None,
                 azure_endpoint: str = "https://management.azure.com",
                 gcp_endpoint: str = "https://compute.googleapis.com", transport: httpx.BaseTransport | None = None
                 ) -> list[StopResult]:
    """Stop every target; one result per target (errors are results, not exceptions). An EC2 ARN of another
    account than the daemon's credentials (``aws_account``, default STS GetCallerIdentity) is never sent."""
    results: list[StopResult] = []
    by_region: dict[str, list[Target]] = defaultdict(list)
    aws = [t for t in targets if t.provider == "aws"]
    if any(t.account for t in aws):
        mine: str | None = None
        unknown = "not stopped: the daemon's AWS account is unknown"
        try:
            mine = (aws_account or _aws_account)()
        except Exception as exc:  # no identity, no stop: an ARN must not reach the wrong account
            unknown = f"not stopped: the daemon's AWS account is unknown ({type(exc).__name__})"
        for t in [t for t in aws if t.account and t.account != mine]:
            results.append(StopResult(t.resource, False, unknown if mine is None else
                                      f"not stopped: account {t.account} is not the daemon's account {mine}"))
        aws = [t for t in aws if not t.account or t.account == mine]
    for t in aws:
        by_region[t.region or ""].append(t)
    for region, items in by_region.items():
        results += _stop_aws(region, items, aws_client)
    http = [t for t in targets if t.provider in ("azure", "gcp")]
    if http:
        with httpx.Client(timeout=30, transport=transport) as client:
            for t in http:
                try:
                    if t.provider == "azure":
                        token = (azure_token or _azure_token)()
                        url = f"{azure_endpoint}{t.resource}/deallocate"
                        _post(client, url, token, {"api-version": AZURE_API_VERSION}, f"azure {t.name}")
                        results.append(StopResult(t.resource, True, "deallocating"))
                    else:
                        token = (gcp_token or _gcp_token)()
                        url = f"{gcp_endpoint}/compute/v1/projects/{t.project}/zones/{t.region}/instances/{t.name}/stop"
                        _post(client, url, token, {}, f"gcp {t.name}")
                        results.append(StopResult(t.resource, True, "stopping"))
                except ProviderError as exc:
                    results.append(StopResult(t.resource, False, str(exc), transient=isinstance(exc, TransientProviderError)))
    return results


def _stop_aws(region: str, items: list[Target], aws_client: Callable[[str], object] | None) -> list[StopResult]:
    if aws_client is None:
        require_extra("boto3", "aws")
        import boto3

        def aws_client(r: str) -> object:
            return boto3.client("ec2", region_name=r)

    from botocore.exceptions import BotoCoreError, ClientError

    ids = [t.name for t in items]
    try:
        ec2: Any = aws_client(region)  # the SDK's client: its answers are untyped JSON, read right here
        resp = ec2.stop_instances(InstanceIds=ids)
    except ClientError as exc:
        code = exc.response.get("Error", {}).get("Code", "")
        if code.startswith("InvalidInstanceID") and len(items) > 1:  # one gone instance must not keep the rest up
            return [r for t in items for r in _stop_aws(region, [t], aws_client)]
        transient = code in ("RequestLimitExceeded", "Throttling", "InternalError", "Unavailable")
        return [StopResult(t.resource, False, f"ec2 StopInstances in {region}: {code}", transient) for t in items]
    except BotoCoreError as exc:
        return [StopResult(t.resource, False, f"ec2 StopInstances in {region}: {exc}", True) for t in items]
    states = {i["InstanceId"]: i.get("CurrentState", {}).get("Name", "?") for i in resp.get("StoppingInstances", [])}
    return [StopResult(t.resource, t.name in states, states.get(t.name, "not in the StopInstances answer")) for t in items]


def _aws_account() -> str:
    require_extra("boto3", "aws")
    import boto3

    return str(boto3.client("sts").get_caller_identity()["Account"])


def _post(client: httpx.Client, url: str, token: str, params: dict[str, str], what: str) -> None:
    try:
        resp = client.post(url, params=params, headers={"authorization": f"Bearer {token}"}, content=b"")
    except httpx.TransportError as exc:
        raise TransientProviderError(f"{what}: {type(exc).__name__}", where="shutdown") from None
    if resp.status_code in (200, 202, 204):
        return
    if resp.status_code in (401, 403):
        raise AuthError(f"{what}: {resp.status_code} (check the daemon's role: it needs the stop permission)",
                        where="shutdown")
    if resp.status_code == 429 or resp.status_code >= 500:
        raise TransientProviderError(f"{what}: {resp.status_code}", where="shutdown")
    raise ProviderError(f"{what}: {resp.status_code} {resp.text[:200]}", where="shutdown")


def _azure_token() -> str:  # pragma: no cover - needs Azure credentials
    require_extra("azure.identity", "azure")
    from azure.identity import DefaultAzureCredential

    return str(DefaultAzureCredential().get_token("https://management.azure.com/.default").token)


def _gcp_token() -> str:  # pragma: no cover - needs Google credentials
    import google.auth
    import google.auth.transport.requests

    creds, _ = google.auth.default(scopes=["https://www.googleapis.com/auth/compute"])
    creds.refresh(google.auth.transport.requests.Request())  # type: ignore[no-untyped-call]
    return str(creds.token)
