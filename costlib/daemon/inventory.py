"""Environments from real inventory: tags on spend records, an inventory file, the AWS Resource Groups Tagging API,
Azure Resource Graph and GCP Cloud Asset Inventory.

Each source yields :class:`~costlib.policy.ttl.Environment` values with their team, owner, creation time,
last activity and an estimated monthly cost (from ``costlib.estimate`` where the environment's resources are
described, else the spend run-rate: the trailing days' spend scaled to a 730-hour month; the basis is said).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any, Protocol

import yaml
from pydantic import BaseModel

from costlib.daemon.config import (
    AwsTaggingInventorySettings,
    AzureResourceGraphInventorySettings,
    FileInventorySettings,
    GcpAssetInventorySettings,
    SpendTagsInventorySettings,
)
from costlib.errors import ConfigError, InputError, TransientProviderError, require_extra
from costlib.inputs.readers import read_yaml
from costlib.money import HOURS_PER_MONTH, Money
from costlib.policy.ttl import Environment
from costlib.registry import TypeRegistry
from costlib.retry import RetryPolicy
from costlib.spend.attribution import environment_from_tags
from costlib.spend.base import SourceHealth, SpendRecord
from costlib.spend.health import HealthTracker
from costlib.spend.sdk_errors import aws_error, azure_error, google_error

__all__ = ["INVENTORIES", "Inventory", "build_inventory", "from_aws_tagging", "from_azure_resource_graph", "from_file",
           "from_gcp_asset_inventory", "from_spend", "inventory_builders", "inventory_for", "spend_environment"]


def spend_environment(record: SpendRecord, name_tags: Sequence[str]) -> str | None:
    """The environment a spend record belongs to: its ``name_tags`` values joined with ``-`` (None unless all)."""
    return environment_from_tags(record.tags, name_tags)


def from_spend(records: Sequence[SpendRecord], *, name_tags: Sequence[str], team_tag: str, owner_tag: str,
               kind_tag: str | None, as_of: date, min_cost: Decimal = Decimal(0)) -> list[Environment]:
    """One environment per distinct value of ``name_tags`` (joined with ``-``) among the records' tags."""
    groups: dict[str, list[SpendRecord]] = defaultdict(list)
    for rec in records:
        name = spend_environment(rec, name_tags)
        if name is not None:
            groups[name].append(rec)
    homes: dict[str, set[str]] = defaultdict(set)  # resource id -> the environments it was billed under
    for name, recs in groups.items():
        for r in recs:
            if r.resource_id:
                homes[r.resource_id].add(name)
    envs = []
    for name, recs in sorted(groups.items()):
        currency = recs[0].billing_currency
        if any(r.billing_currency != currency for r in recs):
            continue  # never sum two currencies; such an environment needs a currency-consistent source
        total = Money.sum((r.billed_cost for r in recs), currency)
        if total.amount < min_cost:
            continue
        first = min(r.charge_period_start for r in recs)
        active = [r.charge_period_end for r in recs if r.billed_cost.amount > 0 or (r.consumed_quantity or 0) > 0]
        recent = [r for r in recs if r.charge_date > as_of - timedelta(days=7)]
        days = min(7, (as_of - first.date()).days + 1)
        rate = Money.sum((r.billed_cost for r in recent), currency) / Decimal(max(days, 1)) * (HOURS_PER_MONTH / 24)
        tags, conflicts = _merge([dict(r.tags) for r in sorted(recs, key=lambda r: r.charge_period_start)], team_tag)
        resources = tuple(sorted({r.resource_id for r in recs if r.resource_id}))
        conflicts += tuple(f"{rid} is also billed under {', '.join(sorted(homes[rid] - {name}))}"
                           for rid in resources if len(homes[rid]) > 1)
        created = first
        if tags.get("created-at"):
            try:
                created = _moment(tags["created-at"])
            except ValueError:
                conflicts += (f"created-at {tags['created-at']!r} is not an ISO time",)
        envs.append(Environment(name=name, team=tags.get(team_tag, "unallocated"), owner=tags.get(owner_tag),
                                provider=recs[0].provider_name, kind=tags.get(kind_tag) if kind_tag else None,
                                created_at=created, last_activity=max(active) if active else None, tags=tags,
                                resources=resources, monthly_cost=rate, cost_basis="spend run-rate",
                                conflicts=conflicts))
    return envs


def from_file(path: Path, *, estimate: bool = True) -> list[Environment]:
    """Environments listed in a YAML file; ``resources`` in spec-file form are priced with ``costlib.estimate``."""
    try:
        doc = read_yaml(path, error=ConfigError, mode="config") or {}  # guarded: size, encoding, nesting (issue 18)
    except (OSError, yaml.YAMLError) as exc:
        raise ConfigError(f"cannot read inventory: {exc}", where=str(path)) from None
    items = doc.get("environments") if isinstance(doc, dict) else None
    if not isinstance(items, list):
        raise ConfigError("an inventory file needs an 'environments' list", where=str(path))
    envs = []
    for i, item in enumerate(items):
        where = f"{path}: environments[{i}]"
        if not isinstance(item, dict) or not item.get("name") or not item.get("team"):
            raise ConfigError("each environment needs a name and a team", where=where)
        created, activity = item.get("created_at"), item.get("last_activity")
        try:
            created_at = _moment(created) if created else None
            last_activity = _moment(activity) if activity else None
        except ValueError:
            raise ConfigError(f"created_at {created!r} / last_activity {activity!r} is not an ISO time",
                              where=where) from None
        monthly, basis = None, None
        if estimate and item.get("resources"):
            from costlib.estimate import estimate as run_estimate
            from costlib.inputs.specfile import parse_spec_document

            try:
                est = run_estimate(parse_spec_document({"resources": item["resources"]}, where=where))
            except InputError as exc:
                raise ConfigError(str(exc), where=where) from None
            monthly, basis = est.total_monthly_cost, "estimate"
        envs.append(Environment(name=str(item["name"]), team=str(item["team"]), owner=item.get("owner"),
                                provider=item.get("provider"), kind=item.get("kind"), created_at=created_at,
                                last_activity=last_activity, tags={str(k): str(v) for k, v in (item.get("tags") or {}).items()},
                                resources=tuple(str(r) for r in item.get("resource_ids") or []),
                                monthly_cost=monthly, cost_basis=basis))
    return envs


def from_aws_tagging(*, region: str, name_tag: str = "environment", team_tag: str = "team", owner_tag: str = "owner",
                     tag_filter: dict[str, list[str]] | None = None, client: object = None,
                     retry: RetryPolicy | None = None) -> list[Environment]:
    """Environments from the tags of AWS resources (Resource Groups Tagging API, paginated; botocore retries each
    page by ``retry``)."""
    sdk: Any = client  # the SDK's client: its answers are untyped JSON, read right here
    if sdk is None:
        require_extra("boto3", "aws")
        import boto3

        sdk = boto3.client("resourcegroupstaggingapi", region_name=region, config=(retry or RetryPolicy()).botocore_config())
    from botocore.exceptions import BotoCoreError, ClientError

    filters = [{"Key": k, "Values": v} if v else {"Key": k} for k, v in (tag_filter or {name_tag: []}).items()]
    items: list[tuple[str, dict[str, str], datetime | None]] = []
    try:
        for page in sdk.get_paginator("get_resources").paginate(TagFilters=filters):
            for item in page.get("ResourceTagMappingList", []):
                tags = {t["Key"]: t["Value"] for t in item.get("Tags", [])}
                if tags.get(name_tag):
                    items.append((item["ResourceARN"], tags, None))
    except ClientError as exc:
        raise aws_error(exc.response, where="inventory aws_tagging", op="tagging API") from None
    except BotoCoreError as exc:
        raise TransientProviderError(f"tagging API failed: {exc}", where="inventory aws_tagging") from None
    return _group(items, name_tag=name_tag, provider="AWS", team_tag=team_tag, owner_tag=owner_tag)


def _group(items: list[tuple[str, dict[str, str], datetime | None]], *, name_tag: str, provider: str, team_tag: str,
           owner_tag: str) -> list[Environment]:
    """(resource id, tags, created) per resource -> one environment per value of ``name_tag``; the environment's
    tags are its resources' tags merged, its creation the earliest (or a ``created-at`` tag)."""
    groups: dict[str, list[tuple[str, dict[str, str], datetime | None]]] = defaultdict(list)
    for rid, tags, when in items:
        groups[tags[name_tag]].append((rid, tags, when))
    envs = []
    for name, members in sorted(groups.items()):
        merged, conflicts = _merge([t for _, t, _ in members], team_tag)
        times = [c for _, _, c in members if c is not None]
        if merged.get("created-at"):
            try:
                times.append(_parse_created(merged["created-at"]))
            except ValueError:
                conflicts += (f"created-at {merged['created-at']!r} is not an ISO time",)
        envs.append(Environment(name=name, team=merged.get(team_tag, "unallocated"), owner=merged.get(owner_tag),
                                provider=provider, kind=merged.get("kind"), created_at=min(times) if times else None,
                                tags=merged, resources=tuple(sorted(rid for rid, _, _ in members)),
                                conflicts=conflicts))
    return envs


#: tags whose disagreement inside one environment makes it unsafe to stop (matched whatever their case)
GUARDED_TAGS = ("ttl", "expires-at", "extend-until", "do-not-delete")


def _merge(tag_sets: Sequence[dict[str, str]], team_tag: str) -> tuple[dict[str, str], tuple[str, ...]]:
    """The union of the members' tags, and the conflicts: a guarded tag or the team with different values
    (missing on some members counts only for the team). A protection tag on any member protects the whole."""
    merged: dict[str, str] = {}
    seen: dict[str, set[str]] = defaultdict(set)
    for tags in tag_sets:
        merged.update(tags)
        for k, v in tags.items():
            seen[k.lower()].add(v.strip())
    guarded = {team_tag.lower(), *GUARDED_TAGS}
    conflicts = tuple(f"its resources disagree on {k}: {', '.join(sorted(v))}" for k, v in sorted(seen.items())
                      if k in guarded and len(v) > 1)
    if any(team_tag not in t for t in tag_sets) and team_tag.lower() in seen:
        conflicts += (f"some of its resources have no {team_tag} tag",)
    return merged, conflicts


def _moment(value: Any) -> datetime:
    """A tag or file time: an offset is converted to UTC, a naive time is taken as UTC."""
    moment = value if isinstance(value, datetime) else datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    return moment.astimezone(UTC) if moment.tzinfo else moment.replace(tzinfo=UTC)


def _parse_created(value: str) -> datetime:
    return _moment(value)


def from_azure_resource_graph(*, subscriptions: Sequence[str], name_tag: str = "environment", team_tag: str = "team",
                              owner_tag: str = "owner", client: object = None, retry: RetryPolicy | None = None
                              ) -> list[Environment]:
    """Environments from the tags of Azure resources (Resource Graph ``Resources`` table, paged by skip token;
    azure-core retries each page by ``retry``)."""
    sdk: Any = client  # the SDK's client: its answers are untyped JSON, read right here
    if sdk is None:
        require_extra("azure.mgmt.resourcegraph", "azure")
        from azure.identity import DefaultAzureCredential
        from azure.mgmt.resourcegraph import ResourceGraphClient

        sdk = ResourceGraphClient(DefaultAzureCredential(), **(retry or RetryPolicy()).azure_kwargs())
    from azure.core.exceptions import AzureError
    from azure.mgmt.resourcegraph.models import QueryRequest, QueryRequestOptions

    tag = name_tag.replace("'", "")
    query = (f"Resources | where isnotempty(tags['{tag}']) "
             "| project id, name, type, location, tags, timeCreated = tostring(properties.timeCreated)")
    items: list[tuple[str, dict[str, str], datetime | None]] = []
    skip: str | None = None
    try:
        while True:
            resp = sdk.resources(QueryRequest(subscriptions=list(subscriptions), query=query,
                                                 options=QueryRequestOptions(skip_token=skip, result_format="objectArray")))
            for row in resp.data or []:
                tags = {str(k): str(v) for k, v in (row.get("tags") or {}).items()}
                if not tags.get(name_tag):
                    continue
                created = _parse_created(row["timeCreated"]) if row.get("timeCreated") else None
                items.append((str(row["id"]), tags, created))
            skip = resp.skip_token
            if not skip:
                break
    except AzureError as exc:
        raise azure_error(exc, where="inventory azure_resource_graph", what="Azure Resource Graph") from None
    return _group(items, name_tag=name_tag, provider="Microsoft", team_tag=team_tag, owner_tag=owner_tag)


def from_gcp_asset_inventory(*, scope: str, name_tag: str = "environment", team_tag: str = "team",
                             owner_tag: str = "owner", client: object = None, retry: RetryPolicy | None = None
                             ) -> list[Environment]:
    """Environments from the labels of Google Cloud resources (Cloud Asset Inventory ``searchAllResources``).

    ``scope`` is ``projects/ID``, ``folders/N`` or ``organizations/N``; GCP labels are lower-case, so the tags
    are read as labels of the same names."""
    sdk: Any = client  # the SDK's client: its answers are protobuf messages, read right here
    if sdk is None:
        require_extra("google.cloud.asset_v1", "gcp")
        from google.cloud import asset_v1

        sdk = asset_v1.AssetServiceClient()
    from google.api_core import exceptions as gexc
    from google.auth.exceptions import GoogleAuthError

    items: list[tuple[str, dict[str, str], datetime | None]] = []
    try:
        pager = sdk.search_all_resources(request={"scope": scope, "query": f"labels.{name_tag}:*", "page_size": 500},
                                            retry=(retry or RetryPolicy()).google_retry())
        for res in pager:
            labels = {str(k): str(v) for k, v in dict(res.labels).items()}
            if not labels.get(name_tag):
                continue
            created = res.create_time if res.create_time and res.create_time.year > 1970 else None
            items.append((str(res.name), labels,
                          created.replace(tzinfo=created.tzinfo or UTC) if created else None))
    except (gexc.GoogleAPIError, GoogleAuthError) as exc:
        raise google_error(exc, where="inventory gcp_asset_inventory", what="Cloud Asset Inventory") from None
    return _group(items, name_tag=name_tag, provider="Google Cloud", team_tag=team_tag, owner_tag=owner_tag)


# --- inventories found by the type of their settings, each keeping its health -----------------------------------------
class Inventory(Protocol):
    """Where the daemon finds environments: ``environments()`` raises a CostlibError on failure (nothing
    half-listed), ``health()`` says how the last listing went (the same tracker as the spend sources')."""

    name: str

    def environments(self, *, as_of: date, records: Sequence[SpendRecord]) -> list[Environment]: ...

    def health(self) -> SourceHealth: ...


class _Tracked:
    def __init__(self, name: str, listing: Callable[[date, Sequence[SpendRecord]], list[Environment]]) -> None:
        self.name = name
        self._listing = listing
        self._health = HealthTracker(name)

    def environments(self, *, as_of: date, records: Sequence[SpendRecord]) -> list[Environment]:
        with self._health.attempt() as attempt:
            attempt.request()
            envs = self._listing(as_of, records)
            attempt.succeeded(records=len(envs))
        return envs

    def health(self) -> SourceHealth:
        return self._health.health()


INVENTORIES: TypeRegistry[Inventory] = TypeRegistry("inventory")
#: Register the builder ``(settings, base folder, overrides) -> Inventory`` of a settings type.
inventory_for = INVENTORIES.register


def inventory_builders() -> Mapping[type, Callable[..., Inventory]]:
    return INVENTORIES.types()


def build_inventory(settings: BaseModel, base: Path, **overrides: object) -> Inventory:
    """The inventory of one item of ``environments.inventory``; ``overrides`` inject SDK clients in tests.

    >>> from costlib.daemon.config import FileInventorySettings
    >>> build_inventory(FileInventorySettings(type="file", path="envs.yaml"), Path("/srv")).name
    'inventory file /srv/envs.yaml'
    """
    return INVENTORIES.build(settings, base, dict(overrides), where="environments.inventory")


@inventory_for(SpendTagsInventorySettings)
def _spend_tags(s: SpendTagsInventorySettings, base: Path, overrides: dict[str, Any]) -> Inventory:
    return _Tracked("inventory spend_tags", lambda as_of, records: from_spend(
        records, name_tags=s.name_tags, team_tag=s.team_tag, owner_tag=s.owner_tag, kind_tag=s.kind_tag, as_of=as_of,
        min_cost=s.min_cost))


@inventory_for(FileInventorySettings)
def _file(s: FileInventorySettings, base: Path, overrides: dict[str, Any]) -> Inventory:
    path = Path(s.path) if Path(s.path).is_absolute() else base / s.path
    return _Tracked(f"inventory file {path}", lambda as_of, records: from_file(path, **overrides))


@inventory_for(AwsTaggingInventorySettings)
def _aws(s: AwsTaggingInventorySettings, base: Path, overrides: dict[str, Any]) -> Inventory:
    return _Tracked("inventory aws_tagging", lambda as_of, records: from_aws_tagging(
        region=s.region, name_tag=s.name_tags[0], team_tag=s.team_tag, owner_tag=s.owner_tag, tag_filter=s.tag_filter,
        **overrides))


@inventory_for(AzureResourceGraphInventorySettings)
def _azure(s: AzureResourceGraphInventorySettings, base: Path, overrides: dict[str, Any]) -> Inventory:
    subscriptions = [part.strip() for part in s.scope.split(",")]
    return _Tracked("inventory azure_resource_graph", lambda as_of, records: from_azure_resource_graph(
        subscriptions=subscriptions, name_tag=s.name_tags[0], team_tag=s.team_tag, owner_tag=s.owner_tag, **overrides))


@inventory_for(GcpAssetInventorySettings)
def _gcp(s: GcpAssetInventorySettings, base: Path, overrides: dict[str, Any]) -> Inventory:
    return _Tracked("inventory gcp_asset_inventory", lambda as_of, records: from_gcp_asset_inventory(
        scope=s.scope, name_tag=s.name_tags[0], team_tag=s.team_tag, owner_tag=s.owner_tag, **overrides))
