"""GCP AlloyDB for PostgreSQL: instances (vCPU and memory hours) and clusters (storage and backups).

Pricing: https://cloud.google.com/alloydb/pricing - each node is billed per vCPU-hour and per GB-hour of memory (8 GB
per vCPU); a PRIMARY instance with ``availability_type`` REGIONAL (the default) runs a standby node as well, billed
like the primary; a READ_POOL instance runs ``read_pool_config.node_count`` nodes. Storage is billed per GB-month
of data in the cluster, backups per GB-month.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Annotated

from costlib.errors import InputError
from costlib.models import CostComponent
from costlib.resources._q import gcp, hourly, usage_based
from costlib.resources.registry import resource
from costlib.resources.schema import GB, Block, Count, GcpInputs, Model, Usage, choice, usage_key

__all__ = ["google_alloydb_cluster", "google_alloydb_instance"]

_MACHINE = re.compile(r"^[a-z0-9]+-highmem-(\d+)$")


class MachineConfig(Model):
    cpu_count: Count | None = None
    machine_type: str | None = None


class ReadPoolConfig(Model):
    node_count: Count = 1


class AlloyInstance(GcpInputs):
    instance_type: Annotated[str, choice("PRIMARY", "READ_POOL", "SECONDARY")] = "PRIMARY"
    availability_type: Annotated[str, choice("REGIONAL", "ZONAL")] | None = None
    machine_config: Block[MachineConfig] = None
    read_pool_config: Block[ReadPoolConfig] = None


def _vcpus(cfg: MachineConfig | None) -> int:
    if cfg is not None and cfg.cpu_count:
        return cfg.cpu_count
    if cfg is not None and cfg.machine_type:
        m = _MACHINE.match(cfg.machine_type)
        if not m:
            raise InputError(f"machine_type {cfg.machine_type!r} is not an AlloyDB shape such as n2-highmem-4")
        return int(m.group(1))
    return 2


@resource("google_alloydb_instance", example={"instance_type": "PRIMARY", "machine_config": [{"cpu_count": 4}]})
def google_alloydb_instance(i: AlloyInstance) -> list[CostComponent]:
    """An AlloyDB instance: ``machine_config.cpu_count`` vCPUs (default 2) with 8 GB of memory each, per node;
    PRIMARY with REGIONAL availability (default) is 2 nodes (active + standby), ZONAL 1; READ_POOL
    ``read_pool_config.node_count`` nodes.

    Pricing: https://cloud.google.com/alloydb/pricing
    """
    vcpu = _vcpus(i.machine_config)
    if i.instance_type == "READ_POOL":
        nodes, kind = (i.read_pool_config or ReadPoolConfig()).node_count, "read pool"
    elif i.instance_type == "SECONDARY":
        nodes, kind = 1, "secondary"
    else:
        regional = (i.availability_type or "REGIONAL") == "REGIONAL"
        nodes, kind = (2, "primary, regional (HA)") if regional else (1, "primary, zonal")
    reg = i.region
    return [hourly(f"vCPUs ({kind}, {nodes} x {vcpu})", gcp("AlloyDB", reg, resource="vcpu"),
                   Decimal(nodes * vcpu), unit="vCPU-hours"),
            hourly(f"Memory ({kind}, {nodes} x {vcpu * 8} GB)", gcp("AlloyDB", reg, resource="memory"),
                   Decimal(nodes * vcpu * 8), unit="GB-hours")]


class AlloyCluster(GcpInputs):
    location: str | None = None


class AlloyClusterUsage(Usage):
    storage_gb: GB | None = usage_key("Data stored in the cluster", unit="GB")
    backup_storage_gb: GB | None = usage_key("Backup storage", unit="GB")


@resource("google_alloydb_cluster", example={"location": "us-central1"})
def google_alloydb_cluster(i: AlloyCluster, u: AlloyClusterUsage) -> list[CostComponent]:
    """An AlloyDB cluster: storage per GB-month (usage ``storage_gb``) and backups (usage ``backup_storage_gb``);
    its instances are priced on ``google_alloydb_instance``.

    Pricing: https://cloud.google.com/alloydb/pricing
    """
    return [usage_based("Storage", gcp("AlloyDB", i.region, resource="storage"), u.storage_gb, unit="GB",
                        usage_key="storage_gb"),
            usage_based("Backup storage", gcp("AlloyDB", i.region, resource="backup"), u.backup_storage_gb,
                        unit="GB", usage_key="backup_storage_gb")]
