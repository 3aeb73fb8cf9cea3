"""GCP managed instance groups: the VMs a group keeps running, priced as Compute Engine instances.

A group's instances are ``target_size`` VMs of its instance template's machine type. A Terraform plan gives
the group a link to its template, not the template's machine type, so the machine type comes from usage
(``machine_type``) or, in a spec file, from the group's own ``machine_type`` attribute; without it the
instances are named as not priced (the resource is then partly priced, never silently $0). ``instances`` in
usage overrides ``target_size`` (an autoscaled group has no fixed size).

Pricing: https://cloud.google.com/compute/vm-instance-pricing (managed instance groups have no charge of their
own: https://cloud.google.com/compute/docs/instance-groups).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated

from costlib.models import CostComponent
from costlib.resources._q import unmodelled
from costlib.resources.gcp.compute import DiskType, disk, machine_hour
from costlib.resources.registry import resource
from costlib.resources.schema import GB, HOURS_IN_MONTH, Count, GcpInputs, Usage, choice, usage_key

__all__ = ["google_compute_instance_group_manager", "google_compute_region_instance_group_manager"]


class GroupManager(GcpInputs):
    target_size: Count = 0
    machine_type: str | None = None
    disk_size_gb: GB = Decimal(10)
    disk_type: DiskType = "pd-standard"
    provisioning_model: Annotated[str, choice("STANDARD", "SPOT")] = "STANDARD"


class GroupUsage(Usage):
    instances: Count | None = usage_key("Instances the group runs (overrides target_size)", unit="instances")
    machine_type: str | None = usage_key("The instance template's machine type", unit="word")
    monthly_hrs: HOURS_IN_MONTH | None = usage_key("Hours a month each instance runs (default 730)", unit="hours")


def _group(i: GroupManager, u: GroupUsage) -> list[CostComponent]:
    count = Decimal(u.instances if u.instances is not None else i.target_size)
    machine = u.machine_type or i.machine_type
    if machine is None:
        return [unmodelled(f"Instances ({count} from target_size)",
                           "the instance template's machine type is not in the plan: set usage machine_type")]
    spot = i.provisioning_model == "SPOT"
    return [machine_hour(i.region, machine, count, spot=spot, label="Instances", hours=u.monthly_hrs),
            disk(i.region, i.disk_type, i.disk_size_gb, label="Boot disks", count=count)]


@resource("google_compute_instance_group_manager", example={"target_size": 3, "machine_type": "e2-standard-2",
                                                            "zone": "us-central1-a"})
def google_compute_instance_group_manager(i: GroupManager, u: GroupUsage) -> list[CostComponent]:
    """A zonal managed instance group: ``target_size`` (default 0; usage ``instances`` overrides) VMs of the
    template's machine type (usage ``machine_type``), each with a boot disk (default 10 GB pd-standard).

    Pricing: https://cloud.google.com/compute/vm-instance-pricing
    """
    return _group(i, u)


@resource("google_compute_region_instance_group_manager", example={"target_size": 3,
                                                                   "machine_type": "e2-standard-2",
                                                                   "region": "us-central1"})
def google_compute_region_instance_group_manager(i: GroupManager, u: GroupUsage) -> list[CostComponent]:
    """A regional managed instance group: ``target_size`` VMs in total, spread over the region's zones (the size
    is the whole group's, not per zone), priced like the zonal group.

    Pricing: https://cloud.google.com/compute/vm-instance-pricing
    """
    return _group(i, u)
