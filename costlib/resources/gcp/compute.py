"""GCP Compute Engine instances and disks, GKE clusters and node pools, Cloud NAT.

Pricing: https://cloud.google.com/compute/vm-instance-pricing (sustained-use discounts: N1 up to 30%, N2,
N2D, C2, M1, M2 up to 20% for a full month; none for E2, N4, C3, T2D, Tau, A2 and spot VMs; the discount grows
with the share of the month a VM runs, so a VM running less than a quarter of the month gets none),
https://cloud.google.com/compute/gpus-pricing (GPUs attached to a VM are billed per GPU-hour),
https://cloud.google.com/compute/disks-image-pricing, https://cloud.google.com/kubernetes-engine/pricing
($0.10 per cluster-hour management fee), https://cloud.google.com/nat/pricing.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated

from costlib.models import CostComponent
from costlib.resources._q import gcp, hourly, monthly, running, unmodelled, usage_based
from costlib.resources.registry import resource
from costlib.resources.schema import (
    GB,
    HOURS_IN_MONTH,
    Block,
    Blocks,
    Count,
    GcpInputs,
    Model,
    Rate,
    Usage,
    choice,
    gcp_region_of_zone,
    usage_key,
)

__all__ = [
    "SUSTAINED_USE",
    "google_compute_disk",
    "google_compute_instance",
    "google_compute_region_disk",
    "google_compute_router_nat",
    "google_container_cluster",
    "google_container_node_pool",
    "licence_of",
    "machine_hour",
    "sustained_use_discount",
]

#: Full-month sustained-use discount per machine series (Google's published rates; the cyclenerd table's
#: month/(hour x 730) agrees: 0.70 for n1, m1, m2, f1, g1 and N1 custom types, 0.80 for n2, n2d and c2).
SUSTAINED_USE = {"n1": Decimal("0.30"), "m1": Decimal("0.30"), "m2": Decimal("0.30"), "f1": Decimal("0.30"),
                 "g1": Decimal("0.30"), "custom": Decimal("0.30"),
                 "n2": Decimal("0.20"), "n2d": Decimal("0.20"), "c2": Decimal("0.20")}
#: the incremental rate of each quarter of the month, per full-month discount (Google's published tables)
_SUD_STEPS = {Decimal("0.30"): (Decimal(1), Decimal("0.8"), Decimal("0.6"), Decimal("0.4")),
              Decimal("0.20"): (Decimal(1), Decimal("0.8678"), Decimal("0.733"), Decimal("0.6"))}

DISK_TYPES = ("pd-standard", "pd-balanced", "pd-ssd", "pd-extreme", "hyperdisk-extreme", "hyperdisk-balanced",
              "hyperdisk-throughput", "hyperdisk-ml")
#: machine series whose machine-type price includes their GPUs (a plan lists them in guest_accelerator too)
GPU_INCLUDED = ("a2", "a3", "a4", "g2", "g4")
#: committed-use terms (usage ``commitment``) -> the catalog's term
COMMITMENTS = {"1yr": "1 Year", "3yr": "3 Years"}
DiskType = Annotated[str, choice(*DISK_TYPES)]


def sustained_use_discount(series: str, hours: Decimal | None) -> Decimal:
    """The discount a VM of ``series`` gets for running ``hours`` of a 730-hour month (None: all month).

    >>> sustained_use_discount("n1", None), sustained_use_discount("n1", Decimal(365))
    (Decimal('0.30'), Decimal('0.10'))
    >>> sustained_use_discount("e2", None)
    Decimal('0')
    """
    full = SUSTAINED_USE.get(series, Decimal(0))
    if not full or hours is None or hours >= 730:
        return full
    quarter = Decimal("182.5")
    billed = Decimal(0)
    left = hours
    for rate in _SUD_STEPS[full]:
        used = min(left, quarter)
        billed += used * rate
        left -= used
        if left <= 0:
            break
    return (Decimal(1) - billed / hours) if hours else Decimal(0)


def machine_hour(reg: str, machine_type: str, count: Decimal = Decimal(1), *, spot: bool = False,
                 label: str = "Instance", hours: Decimal | None = None,
                 commitment: str | None = None) -> CostComponent:
    """``count`` VMs of ``machine_type``: on-demand (less the sustained-use discount), spot, or under a
    committed-use discount (``commitment`` 1yr / 3yr: the commitment's hourly rate, no sustained-use discount)."""
    series = "custom" if machine_type.startswith("custom-") else machine_type.split("-", 1)[0]
    if commitment is not None and not spot:
        term = COMMITMENTS[commitment]
        return running(f"{label} ({machine_type}, {commitment} commitment)",
                       gcp("Compute Engine", reg, "Compute Instance", option="reserved", term=term,
                           machineType=machine_type), count, hours,
                       note="a commitment is billed every hour of its term, used or not")
    discount = Decimal(0) if spot else sustained_use_discount(series, hours)
    note = (f"sustained-use discount {discount * 100:.0f}% for {'a full month' if hours is None else f'{hours} h'}"
            if discount else None)
    return running(f"{label} ({machine_type}, {'spot' if spot else 'on-demand'})",
                   gcp("Compute Engine", reg, "Compute Instance", option="spot" if spot else "on_demand",
                       machineType=machine_type), count, hours, discount=discount, note=note)


def gpus(reg: str, accelerators: tuple[Accelerator, ...], count: Decimal, *, spot: bool = False,
         hours: Decimal | None = None, label: str = "GPUs", machine_type: str | None = None) -> list[CostComponent]:
    """GPUs attached to ``count`` VMs, billed per GPU-hour (A2/A3/G2 machine types include theirs)."""
    out: list[CostComponent] = []
    if machine_type is not None and machine_type.split("-", 1)[0] in GPU_INCLUDED:
        return out
    for acc in accelerators:
        if acc.count:
            out.append(running(f"{label} ({acc.count} x {acc.type}, {'spot' if spot else 'on-demand'})",
                               gcp("Compute Engine", reg, "GPU", option="spot" if spot else "on_demand",
                                   gpuType=acc.type), count * acc.count, hours, unit="GPU-hours"))
    return out


def disk(reg: str, disk_type: str, size: Decimal, label: str = "Disk", count: Decimal = Decimal(1)) -> CostComponent:
    return monthly(f"{label} ({disk_type})", gcp("Compute Engine", reg, "Storage", diskType=disk_type),
                   size * count, unit="GB")


class Accelerator(Model):
    type: str
    count: Count = 1


class InitializeParams(Model):
    size: GB = Decimal(10)
    type: DiskType = "pd-standard"
    image: str = ""


class BootDisk(Model):
    initialize_params: Block[InitializeParams] = None


class ScratchDisk(Model):
    interface: str = "NVME"
    size: GB = Decimal(375)


class Scheduling(Model):
    preemptible: bool = False
    provisioning_model: Annotated[str, choice("STANDARD", "SPOT")] = "STANDARD"


class ComputeInstance(GcpInputs):
    machine_type: str
    scheduling: Block[Scheduling] = None
    boot_disk: Block[BootDisk] = None
    guest_accelerator: Blocks[Accelerator] = ()
    scratch_disk: Blocks[ScratchDisk] = ()


class InstanceUsage(Usage):
    monthly_hrs: HOURS_IN_MONTH | None = usage_key("Hours a month the VM runs (default 730)", unit="hours")
    commitment: Annotated[str, choice(*COMMITMENTS)] | None = usage_key(
        "A committed-use discount covering the VM: 1yr or 3yr (default none)", unit="word")


def _spot(sched: Scheduling | None) -> bool:
    return sched is not None and (sched.preemptible or sched.provisioning_model == "SPOT")


#: premium images (by the words in their image name) and the licence Google bills with them
_LICENCES = (("windows", "windows"), ("sql-", "windows"), ("rhel-sap", "rhel-sap"), ("rhel", "rhel"),
             ("sles-sap", "sles-sap"), ("sles", "sles"), ("suse", "sles"))


def licence_of(image: str) -> str | None:
    """The premium licence a boot image carries (None for free images such as Debian or Ubuntu).

    >>> licence_of("windows-cloud/windows-2022"), licence_of("rhel-cloud/rhel-9"), licence_of("debian-12")
    ('windows', 'rhel', None)
    """
    low = image.lower()
    return next((lic for word, lic in _LICENCES if word in low), None)


@resource("google_compute_instance", example={"machine_type": "e2-standard-2", "zone": "us-central1-a"})
def google_compute_instance(i: ComputeInstance, u: InstanceUsage) -> list[CostComponent]:
    """A VM: ``machine_type``, ``zone``, ``scheduling`` (preemptible / provisioning_model SPOT), ``boot_disk``
    (``initialize_params.size`` default 10 GB, ``type`` default pd-standard; a premium ``image`` - Windows, RHEL,
    SLES - adds its licence per hour), ``guest_accelerator`` (GPUs; A2, A3, A4, G2 and G4 machine types include
    theirs), ``scratch_disk`` (local SSDs, 375 GB each). Usage ``commitment`` (1yr / 3yr) prices the VM at its
    committed-use rate instead of on-demand less sustained use.

    Pricing: https://cloud.google.com/compute/vm-instance-pricing, https://cloud.google.com/compute/disks-image-pricing
    """
    spot = _spot(i.scheduling)
    out = [machine_hour(i.region, i.machine_type, spot=spot, hours=u.monthly_hrs, commitment=u.commitment)]
    out += gpus(i.region, i.guest_accelerator, Decimal(1), spot=spot, hours=u.monthly_hrs,
                machine_type=i.machine_type)
    boot = (i.boot_disk.initialize_params if i.boot_disk else None) or InitializeParams()
    out.append(disk(i.region, boot.type, boot.size, label="Boot disk"))
    if i.scratch_disk:
        local = sum((d.size for d in i.scratch_disk), Decimal(0))
        out.append(monthly(f"Local SSD ({len(i.scratch_disk)} x 375 GB)",
                           gcp("Compute Engine", i.region, "Storage", diskType="local-ssd"), local, unit="GB"))
    lic = licence_of(boot.image)
    if lic is not None:
        out.append(running(f"Licence ({lic})", gcp("Compute Engine", i.region, "License", machineType=i.machine_type,
                                                   license=lic), Decimal(1), u.monthly_hrs))
    return out


class ComputeDisk(GcpInputs):
    type: DiskType = "pd-standard"
    size: GB | None = None
    provisioned_iops: Rate | None = None
    provisioned_throughput: Rate | None = None


def _hyperdisk(reg: str, d: ComputeDisk, count: Decimal = Decimal(1)) -> list[CostComponent]:
    """Provisioned performance of a Hyperdisk: Balanced bills IOPS above 3,000 and MiB/s above 140; Extreme all
    its IOPS; Throughput and ML all their MiB/s."""
    out: list[CostComponent] = []
    iops_free, tput_free = ((Decimal(3000), Decimal(140)) if d.type == "hyperdisk-balanced" else
                            (Decimal(0), Decimal(0)))
    if d.type in ("hyperdisk-balanced", "hyperdisk-extreme"):
        if d.provisioned_iops is None and d.type == "hyperdisk-extreme":
            out.append(unmodelled("Provisioned IOPS (hyperdisk-extreme)", "provisioned_iops is not set in the plan"))
        elif d.provisioned_iops is not None and d.provisioned_iops > iops_free:
            out.append(monthly(f"Provisioned IOPS ({d.type})", gcp("Compute Engine", reg, "Storage",
                                                                  diskType=d.type, resource="iops"),
                               (d.provisioned_iops - iops_free) * count, unit="IOPS"))
    if d.type in ("hyperdisk-balanced", "hyperdisk-throughput", "hyperdisk-ml"):
        if d.provisioned_throughput is None and d.type != "hyperdisk-balanced":
            out.append(unmodelled(f"Provisioned throughput ({d.type})", "provisioned_throughput is not set"))
        elif d.provisioned_throughput is not None and d.provisioned_throughput > tput_free:
            out.append(monthly(f"Provisioned throughput ({d.type})", gcp("Compute Engine", reg, "Storage",
                                                                        diskType=d.type, resource="throughput"),
                               (d.provisioned_throughput - tput_free) * count, unit="MiBps"))
    return out


@resource("google_compute_disk", example={"type": "pd-balanced", "size": 100, "zone": "us-central1-a"})
def google_compute_disk(i: ComputeDisk) -> list[CostComponent]:
    """A persistent disk: ``type`` (pd-standard default), ``size`` GB (default 500 for pd-standard, else 100);
    Hyperdisk types add their provisioned IOPS / throughput above the included baseline.

    Pricing: https://cloud.google.com/compute/disks-image-pricing
    """
    size = i.size if i.size is not None else Decimal(500 if i.type == "pd-standard" else 100)
    return [disk(i.region, i.type, size), *_hyperdisk(i.region, i)]


class RegionDisk(GcpInputs):
    type: Annotated[str, choice("pd-standard", "pd-balanced", "pd-ssd", "hyperdisk-balanced-high-availability")] = \
        "pd-standard"
    size: GB | None = None
    replica_zones: tuple[str, ...] = ()


@resource("google_compute_region_disk", example={"type": "pd-balanced", "size": 100, "region": "us-central1"})
def google_compute_region_disk(i: RegionDisk) -> list[CostComponent]:
    """A regional (synchronously replicated, two zones) persistent disk: ``type`` at its regional rate, ``size``
    GB (default 500 for pd-standard, else 100).

    Pricing: https://cloud.google.com/compute/disks-image-pricing#persistentdisk
    """
    size = i.size if i.size is not None else Decimal(500 if i.type == "pd-standard" else 100)
    kind = i.type if i.type.endswith("high-availability") else f"{i.type}-regional"
    return [monthly(f"Regional disk ({i.type})", gcp("Compute Engine", i.region, "Storage", diskType=kind), size,
                    unit="GB")]


class NodeConfig(Model):
    machine_type: str = "e2-medium"
    preemptible: bool = False
    spot: bool = False
    disk_size_gb: GB = Decimal(100)
    disk_type: DiskType = "pd-balanced"
    guest_accelerator: Blocks[Accelerator] = ()


def _node_config(reg: str, config: NodeConfig | None, nodes: Decimal, label: str) -> list[CostComponent]:
    config = config or NodeConfig()
    spot = config.preemptible or config.spot
    return [machine_hour(reg, config.machine_type, nodes, spot=spot, label=label),
            *gpus(reg, config.guest_accelerator, nodes, spot=spot, label=f"{label} GPUs",
                  machine_type=config.machine_type),
            disk(reg, config.disk_type, config.disk_size_gb, label=f"{label} boot disks", count=nodes)]


def zones(location: str | None, node_locations: tuple[str, ...]) -> int:
    """The zones a GKE cluster or pool runs nodes in: its node_locations, else 3 for a regional location.

    >>> zones("us-central1", ()), zones("us-central1-a", ()), zones("us-central1", ("us-central1-a",))
    (3, 1, 1)
    """
    if node_locations:
        return len(node_locations)
    if location and gcp_region_of_zone(location) == location:
        return 3
    return 1


class ContainerCluster(GcpInputs):
    location: str | None = None
    node_locations: tuple[str, ...] = ()
    initial_node_count: Count = 1
    node_config: Block[NodeConfig] = None
    remove_default_node_pool: bool = False
    enable_autopilot: bool = False


class NodesUsage(Usage):
    nodes: Count | None = usage_key("Nodes (overrides the node count of the configuration)", unit="nodes")


@resource("google_container_cluster", example={"location": "us-central1", "initial_node_count": 3})
def google_container_cluster(i: ContainerCluster, u: NodesUsage) -> list[CostComponent]:
    """A GKE Standard cluster: the management fee plus its default node pool (``initial_node_count`` nodes per
    zone - a regional cluster runs them in 3 zones, or in its ``node_locations`` -, ``node_config.machine_type``
    default e2-medium), unless ``remove_default_node_pool`` is set.

    Pricing: https://cloud.google.com/kubernetes-engine/pricing
    """
    out = [hourly("Cluster management fee", gcp("Kubernetes Engine", i.region, usagetype="ClusterManagementFee"))]
    if not i.remove_default_node_pool and not i.enable_autopilot:
        per_zone = i.initial_node_count * zones(i.location, i.node_locations)
        nodes = Decimal(u.nodes if u.nodes is not None else per_zone)
        out += _node_config(i.region, i.node_config, nodes, "Default node pool")
    return out


class Autoscaling(Model):
    min_node_count: Count | None = None
    max_node_count: Count | None = None


class NodePool(GcpInputs):
    location: str | None = None
    node_locations: tuple[str, ...] = ()
    node_count: Count | None = None
    initial_node_count: Count | None = None
    autoscaling: Block[Autoscaling] = None
    node_config: Block[NodeConfig] = None


@resource("google_container_node_pool", example={"location": "us-central1", "node_count": 3,
                                                 "node_config": [{"machine_type": "e2-standard-4"}]})
def google_container_node_pool(i: NodePool, u: NodesUsage) -> list[CostComponent]:
    """A GKE node pool: ``node_count`` (or ``autoscaling.min_node_count``) per zone x ``node_config.machine_type``.

    Pricing: https://cloud.google.com/kubernetes-engine/pricing (nodes are Compute Engine VMs)
    """
    auto = i.autoscaling or Autoscaling()
    per_zone = (i.node_count if i.node_count is not None else i.initial_node_count
                if i.initial_node_count is not None else auto.min_node_count or 1)
    count = u.nodes if u.nodes is not None else per_zone * zones(i.location, i.node_locations)
    return _node_config(i.region, i.node_config, Decimal(count), "Node pool")


class RouterNat(GcpInputs):
    pass


class RouterNatUsage(Usage):
    monthly_data_processed_gb: GB | None = usage_key("Data processed by the gateway a month", unit="GB")


@resource("google_compute_router_nat", example={"region": "us-central1"})
def google_compute_router_nat(i: RouterNat, u: RouterNatUsage) -> list[CostComponent]:
    """Cloud NAT: the gateway hours and data processed (usage ``monthly_data_processed_gb``).

    Pricing: https://cloud.google.com/nat/pricing
    """
    return [
        hourly("NAT gateway", gcp("Compute Engine", i.region, "Network", resource="nat-gateway")),
        usage_based("Data processed", gcp("Compute Engine", i.region, "Network", resource="nat-data"),
                    u.monthly_data_processed_gb, unit="GB", usage_key="monthly_data_processed_gb"),
    ]
