"""GCP Dataproc clusters: the Dataproc fee per vCPU-hour plus the Compute Engine VMs and disks it runs.

Pricing: https://cloud.google.com/dataproc/pricing - the Dataproc premium is billed per vCPU-hour of every node
(master, primary and secondary workers), on top of the nodes' Compute Engine prices; defaults: 1 master and 2
primary workers of n1-standard-4 with 500 GB pd-standard boot disks, no secondary workers.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Annotated

from costlib.models import CostComponent
from costlib.resources._q import gcp, hourly, unmodelled
from costlib.resources.gcp.compute import disk, machine_hour
from costlib.resources.registry import resource
from costlib.resources.schema import GB, Block, Count, GcpInputs, Model, choice

__all__ = ["google_dataproc_cluster", "vcpus_of"]

_VCPU = re.compile(r"^(?:[a-z0-9]+-(?:standard|highmem|highcpu|megamem|ultramem)-(\d+)|custom-(\d+)-\d+|"
                   r"[a-z0-9]+-custom-(\d+)-\d+)$")


def vcpus_of(machine_type: str) -> int | None:
    """vCPUs of a predefined or custom machine type name (None when the name does not say).

    >>> vcpus_of("n2-standard-8"), vcpus_of("custom-6-23040"), vcpus_of("e2-medium")
    (8, 6, None)
    """
    m = _VCPU.match(machine_type)
    return int(next(g for g in m.groups() if g)) if m else None


class DiskConfig(Model):
    boot_disk_size_gb: GB = Decimal(500)
    boot_disk_type: Annotated[str, choice("pd-standard", "pd-balanced", "pd-ssd")] = "pd-standard"


class NodeGroup(Model):
    num_instances: Count | None = None
    machine_type: str = "n1-standard-4"
    disk_config: Block[DiskConfig] = None


class SecondaryGroup(NodeGroup):
    preemptibility: Annotated[str, choice("PREEMPTIBLE", "SPOT", "NON_PREEMPTIBLE")] = "PREEMPTIBLE"


class ClusterConfig(Model):
    master_config: Block[NodeGroup] = None
    worker_config: Block[NodeGroup] = None
    preemptible_worker_config: Block[SecondaryGroup] = None


class DataprocCluster(GcpInputs):
    cluster_config: Block[ClusterConfig] = None


@resource("google_dataproc_cluster", example={"region": "us-central1", "cluster_config": [{
    "master_config": [{"num_instances": 1, "machine_type": "n2-standard-4"}],
    "worker_config": [{"num_instances": 2, "machine_type": "n2-standard-4"}]}]})
def google_dataproc_cluster(i: DataprocCluster) -> list[CostComponent]:
    """A Dataproc cluster: per node group (master default 1, workers default 2, secondary workers default 0,
    each n1-standard-4 by default), the VMs, their boot disks and the Dataproc fee per vCPU-hour.

    Pricing: https://cloud.google.com/dataproc/pricing
    """
    cfg = i.cluster_config or ClusterConfig()
    reg = i.region
    out: list[CostComponent] = []
    vcpus = 0
    groups = ((cfg.master_config, 1, "Master", False), (cfg.worker_config, 2, "Workers", False),
              (cfg.preemptible_worker_config, 0, "Secondary workers", True))
    for group, default, label, secondary in groups:
        g = group or NodeGroup()
        n = g.num_instances if g.num_instances is not None else default
        if not n:
            continue
        spot = secondary and isinstance(g, SecondaryGroup) and g.preemptibility != "NON_PREEMPTIBLE"
        out.append(machine_hour(reg, g.machine_type, Decimal(n), spot=spot, label=label))
        dc = g.disk_config or DiskConfig()
        out.append(disk(reg, dc.boot_disk_type, dc.boot_disk_size_gb, label=f"{label} boot disks", count=Decimal(n)))
        per = vcpus_of(g.machine_type)
        if per is None:
            out.append(unmodelled(f"Dataproc fee ({label})", f"the vCPUs of {g.machine_type} are not known"))
        else:
            vcpus += per * n
    if vcpus:
        out.insert(0, hourly(f"Dataproc fee ({vcpus} vCPUs)", gcp("Cloud Dataproc", reg, resource="vcpu"),
                             Decimal(vcpus), unit="vCPU-hours"))
    return out
