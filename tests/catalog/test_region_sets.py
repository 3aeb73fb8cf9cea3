"""Issue 13, "Checked by": the example plan moved to six region sets teams run in, priced offline.

``examples/plan.json`` with ``examples/usage.yml`` has 60 billable resources over the six sets (10 each: two EC2
instances, an ALB, a NAT gateway, an Elastic IP, an S3 bucket, a Lambda function, an RDS instance, an Azure VM,
a Compute Engine instance). The plan is rewritten to each set (the AWS provider region, every Azure ``location``,
the Google provider region and every ``zone``), estimated against the embedded catalog alone (no user overlay, no
network), and the resources whose every component has a price are counted. Each set prints what is missing, per
resource and component, so the gap is visible in the test log (``pytest -s``) and in the failure message.
"""

from __future__ import annotations

import copy
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

import costlib
from costlib.catalog.default import embedded_catalog_path
from costlib.catalog.store import SQLiteCatalog
from costlib.models import Estimate, Status

REPO = Path(__file__).resolve().parents[2]
PLAN = REPO / "examples" / "plan.json"
USAGE = REPO / "examples" / "usage.yml"

#: (AWS region, Azure location, GCP region, GCP zone) of the six sets the issue names.
REGION_SETS: tuple[tuple[str, str, str, str], ...] = (
    ("us-west-2", "eastus", "us-central1", "us-central1-a"),
    ("eu-central-1", "northeurope", "europe-west4", "europe-west4-a"),
    ("ap-southeast-2", "australiaeast", "australia-southeast1", "australia-southeast1-a"),
    ("us-east-2", "westus2", "us-east1", "us-east1-b"),
    ("ap-northeast-1", "japaneast", "asia-northeast1", "asia-northeast1-a"),
    ("sa-east-1", "brazilsouth", "southamerica-east1", "southamerica-east1-a"),
)

#: The issue's target: at least this many of the 60 billable resources fully priced offline.
TARGET = 45

#: What the embedded data prices today (7 before pricing/curated/regions-aws.csv, 17 before the list prices of the
#: FOCUS sample's rows): a floor, so a lost row shows.
#: Raise it with every row added; the target test below turns into a failure (strict xfail) once TARGET is met,
#: and its marker goes then.
FLOOR = 25


def _provider_region(doc: dict[str, Any], provider: str, region: str) -> None:
    config = doc["configuration"]["provider_config"][provider]
    config.setdefault("expressions", {})["region"] = {"constant_value": region}


def _value_dicts(resource: dict[str, Any]) -> list[dict[str, Any]]:
    """The attribute dicts of one plan resource: ``values`` (planned_values, prior_state) and ``change.before`` /
    ``change.after`` (resource_changes)."""
    change = resource.get("change") if isinstance(resource.get("change"), dict) else {}
    found = [resource.get("values"), change.get("before"), change.get("after")]
    return [d for d in found if isinstance(d, dict)]


def _rewrite_values(node: Any, *, azure: str, zone: str) -> int:
    """Set ``location`` of azurerm resources and ``zone`` of google resources everywhere a plan carries their
    attributes; returns how many were set."""
    changed = 0
    if isinstance(node, dict):
        rtype = node.get("type")
        if isinstance(rtype, str) and "address" in node:
            for values in _value_dicts(node):
                if rtype.startswith("azurerm_") and "location" in values:
                    values["location"] = azure
                    changed += 1
                if rtype.startswith("google_") and "zone" in values:
                    values["zone"] = zone
                    changed += 1
        for child in node.values():
            changed += _rewrite_values(child, azure=azure, zone=zone)
    elif isinstance(node, list):
        for child in node:
            changed += _rewrite_values(child, azure=azure, zone=zone)
    return changed


def moved_plan(plan: dict[str, Any], aws: str, azure: str, gcp: str, zone: str) -> dict[str, Any]:
    """The example plan with every region of it moved to one set."""
    doc = copy.deepcopy(plan)
    _provider_region(doc, "aws", aws)
    _provider_region(doc, "google", gcp)
    assert _rewrite_values(doc, azure=azure, zone=zone) > 0, "the example plan has no Azure location or GCP zone"
    return doc


@dataclass(frozen=True)
class SetResult:
    regions: tuple[str, str, str, str]
    billable: int
    priced: int
    missing: tuple[str, ...]


def _missing(est: Estimate) -> tuple[str, ...]:
    lines = []
    for r in est.resources:
        if r.status in (Status.FREE, Status.PRICED):
            continue
        parts = [f"{c.name}: {c.message or c.status.value}" for c in r.components if c.status is not Status.PRICED]
        lines.append(f"{r.address} [{r.region}] {r.status.value}: " + ("; ".join(parts) or (r.message or "")))
    return tuple(lines)


@pytest.fixture(scope="module")
def results(tmp_path_factory: pytest.TempPathFactory) -> list[SetResult]:
    catalog = SQLiteCatalog(embedded_catalog_path())  # the embedded data alone: no refreshed overlay
    plan = json.loads(PLAN.read_text(encoding="utf-8"))
    folder = tmp_path_factory.mktemp("region-sets")
    out = []
    for regions in REGION_SETS:
        aws, azure, gcp, zone = regions
        path = folder / f"plan-{aws}.json"
        path.write_text(json.dumps(moved_plan(plan, aws, azure, gcp, zone)), encoding="utf-8")
        est = costlib.estimate([path], usage=USAGE, catalog=catalog)
        wanted = {"aws": aws, "azure": azure, "gcp": zone}
        for r in est.resources:  # the move reached every resource (else the count would be of the old regions)
            assert r.region in (wanted[r.provider], gcp), (r.address, r.region, regions)
        billable = [r for r in est.resources if r.status is not Status.FREE]
        priced = [r for r in billable if r.status is Status.PRICED]
        out.append(SetResult(regions, len(billable), len(priced), _missing(est)))
    return out


def _report(results: list[SetResult]) -> str:
    lines = []
    for res in results:
        lines.append(f"{' / '.join(res.regions[:3])}: {res.priced} of {res.billable} priced")
        lines.extend(f"    missing {m}" for m in res.missing)
    lines.append(f"total: {sum(r.priced for r in results)} of {sum(r.billable for r in results)} priced")
    return "\n".join(lines)


def test_the_moved_plan_has_sixty_billable_resources(results: list[SetResult]) -> None:
    assert [r.billable for r in results] == [10] * 6, _report(results)


def test_what_is_priced_today_stays_priced(results: list[SetResult]) -> None:
    report = _report(results)
    print("\n" + report)
    assert sum(r.priced for r in results) >= FLOOR, report


@pytest.mark.xfail(strict=True, reason="issue 13 target not met (25 of 60): the embedded catalog lacks the per-region S3 "
                   "storage, Lambda Arm duration, RDS storage and Azure disk prices, and EBS, ALB and NAT outside the "
                   "regions the FOCUS sample bills, that no real file holds and no two public pages (or a provider "
                   "page) were found for; the printed report names each missing price")
def test_at_least_45_of_60_billable_resources_are_priced_offline(results: list[SetResult]) -> None:
    assert sum(r.priced for r in results) >= TARGET, _report(results)


def test_the_rewrite_moves_every_region() -> None:
    """The rewrite itself: provider regions and every resource's location/zone, planned and changed values."""
    plan = json.loads(PLAN.read_text(encoding="utf-8"))
    doc = moved_plan(plan, "sa-east-1", "brazilsouth", "southamerica-east1", "southamerica-east1-a")
    text = json.dumps(doc)
    assert "westeurope" not in text and "europe-west1" not in text and '"us-east-1"' not in text
    assert doc["configuration"]["provider_config"]["aws"]["expressions"]["region"] == {"constant_value": "sa-east-1"}
