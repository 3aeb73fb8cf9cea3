"""GCP Compute Engine instances and disks, GKE clusters and node pools, Cloud NAT.

Pricing: https://cloud.google.com/compute/vm-instance-pricing (sustained-use discounts: N1 up to 30%, N2,
N2D, C2, M1, M2 up to 20% for a full month; none for E2, N4, C3, T2D, Tau, A2 and spot VMs),
https://cloud.google.com/compute/disks-image-pricing, https://cloud.google.com/kubernetes-engine/pricing
($0.10 per cluster-hour management fee), https://cloud.google.com/nat/pricing.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from costlib.errors import InputError
from costlib.models import CostComponent, ResourceSpec
from costlib.resources._attrs import attr, gcp_region_of_zone, usage
from costlib.resources._q import gcp, hourly, monthly, usage_based
from costlib.resources.registry import register

__all__ = ["SUSTAINED_USE", "google_compute_disk", "google_compute_instance", "google_compute_router_nat",
           "google_container_cluster", "google_container_node_pool", "machine_hour", "region"]

#: Full-month sustained-use discount per machine series (Google's published rates; the cyclenerd table's
#: month/(hour x 730) agrees: 0.70 for n1, m1, m2, f1, g1 and N1 custom types, 0.80 for n2, n2d and c2).
SUSTAINED_USE = {"n1": Decimal("0.30"), "m1": Decimal("0.30"), "m2": Decimal("0.30"), "f1": Decimal("0.30"),
                 "g1": Decimal("0.30"), "custom": Decimal("0.30"),
                 "n2": Decimal("0.20"), "n2d": Decimal("0.20"), "c2": Decimal("0.20")}

DISK_TYPES = ("pd-standard", "pd-balanced", "pd-ssd", "pd-extreme", "hyperdisk-extreme")


def region(spec: ResourceSpec) -> str:
    reg = spec.region or spec.attributes.get("region")
    if not reg and spec.attributes.get("zone"):
        reg = gcp_region_of_zone(str(spec.attributes["zone"]))
    if not reg and spec.attributes.get("location"):
        reg = gcp_region_of_zone(str(spec.attributes["location"]))
    if not reg:
        raise InputError("no region: set the provider region, the zone or the location", where=spec.address)
    return gcp_region_of_zone(str(reg))


def machine_hour(reg: str, machine_type: str, count: Decimal = Decimal(1), *, spot: bool = False,
                 label: str = "Instance") -> CostComponent:
    series = machine_type.split("-", 1)[0]
    discount = Decimal(0) if spot else SUSTAINED_USE.get(series, Decimal(0))
    note = f"sustained-use discount {discount * 100:.0f}% for a full month" if discount else None
    return hourly(f"{label} ({machine_type}, {'spot' if spot else 'on-demand'})",
                  gcp("Compute Engine", reg, "Compute Instance", option="spot" if spot else "on_demand",
                      machineType=machine_type), count, discount=discount, note=note)


def disk(spec: ResourceSpec, reg: str, disk_type: str, size: Decimal, label: str = "Disk",
         count: Decimal = Decimal(1)) -> CostComponent:
    if disk_type not in DISK_TYPES:
        raise InputError(f"unknown disk type {disk_type!r}; expected one of {', '.join(DISK_TYPES)}",
                         where=spec.address)
    return monthly(f"{label} ({disk_type})", gcp("Compute Engine", reg, "Storage", diskType=disk_type),
                   size * count, unit="GB")


def _first(value: Any) -> dict[str, Any]:
    if isinstance(value, list) and value and isinstance(value[0], dict):
        return value[0]
    return value if isinstance(value, dict) else {}


@register("google_compute_instance")
def google_compute_instance(spec: ResourceSpec) -> list[CostComponent]:
    """A VM: ``machine_type``, ``zone``, ``scheduling`` (preemptible / provisioning_model SPOT), ``boot_disk``
    (``initialize_params.size`` default 10 GB, ``type`` default pd-standard).

    Pricing: https://cloud.google.com/compute/vm-instance-pricing
    """
    mtype = attr(spec, "machine_type")
    if not mtype:
        raise InputError("machine_type is required", where=spec.address)
    reg = region(spec)
    sched = _first(attr(spec, "scheduling"))
    spot = bool(sched.get("preemptible")) or str(sched.get("provisioning_model", "")).upper() == "SPOT"
    out = [machine_hour(reg, str(mtype), spot=spot)]
    boot = _first(_first(attr(spec, "boot_disk")).get("initialize_params"))
    out.append(disk(spec, reg, str(boot.get("type") or "pd-standard"), Decimal(str(boot.get("size") or 10)),
                    label="Boot disk"))
    return out


@register("google_compute_disk")
def google_compute_disk(spec: ResourceSpec) -> list[CostComponent]:
    """A persistent disk: ``type`` (pd-standard default), ``size`` GB (default 500 for pd-standard, else 100).

    Pricing: https://cloud.google.com/compute/disks-image-pricing
    """
    dtype = str(attr(spec, "type", "pd-standard"))
    size = Decimal(str(attr(spec, "size", 500 if dtype == "pd-standard" else 100)))
    return [disk(spec, region(spec), dtype, size)]


def _node_config(spec: ResourceSpec, block: dict[str, Any], nodes: Decimal, reg: str,
                 label: str) -> list[CostComponent]:
    config = _first(block.get("node_config"))
    mtype = str(config.get("machine_type") or "e2-medium")
    spot = bool(config.get("preemptible") or config.get("spot"))
    size = Decimal(str(config.get("disk_size_gb") or 100))
    dtype = str(config.get("disk_type") or "pd-balanced")
    return [machine_hour(reg, mtype, nodes, spot=spot, label=label),
            disk(spec, reg, dtype, size, label=f"{label} boot disks", count=nodes)]


@register("google_container_cluster")
def google_container_cluster(spec: ResourceSpec) -> list[CostComponent]:
    """A GKE Standard cluster: the management fee plus its default node pool (``initial_node_count`` nodes,
    ``node_config.machine_type`` default e2-medium), unless ``remove_default_node_pool`` is set.

    Pricing: https://cloud.google.com/kubernetes-engine/pricing
    """
    reg = region(spec)
    out = [hourly("Cluster management fee", gcp("Kubernetes Engine", reg, usagetype="ClusterManagementFee"))]
    if not attr(spec, "remove_default_node_pool", False):
        nodes = Decimal(str(spec.usage.get("nodes") or attr(spec, "initial_node_count", 1)))
        out += _node_config(spec, dict(spec.attributes), nodes, reg, "Default node pool")
    return out


@register("google_container_node_pool")
def google_container_node_pool(spec: ResourceSpec) -> list[CostComponent]:
    """A GKE node pool: ``node_count`` (or ``autoscaling.min_node_count``) x ``node_config.machine_type``.

    Pricing: https://cloud.google.com/kubernetes-engine/pricing (nodes are Compute Engine VMs)
    """
    reg = region(spec)
    auto = _first(attr(spec, "autoscaling"))
    nodes = Decimal(str(spec.usage.get("nodes") or attr(spec, "node_count") or auto.get("min_node_count") or 1))
    return _node_config(spec, dict(spec.attributes), nodes, reg, "Node pool")


@register("google_compute_router_nat")
def google_compute_router_nat(spec: ResourceSpec) -> list[CostComponent]:
    """Cloud NAT: the gateway hours and data processed (usage ``monthly_data_processed_gb``).

    Pricing: https://cloud.google.com/nat/pricing
    """
    reg = region(spec)
    return [
        hourly("NAT gateway", gcp("Compute Engine", reg, "Network", resource="nat-gateway")),
        usage_based("Data processed", gcp("Compute Engine", reg, "Network", resource="nat-data"),
                    usage(spec, "monthly_data_processed_gb"), unit="GB", usage_key="monthly_data_processed_gb"),
    ]
