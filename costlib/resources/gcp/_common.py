"""Helpers shared by the GCP families: explicit no-charge lines and per-destination data transfer.

>>> no_charge("Internal IP address", "internal addresses have no charge").note
'no charge: internal addresses have no charge'
"""

from __future__ import annotations

from decimal import Decimal

from costlib.models import CostComponent
from costlib.money import Money
from costlib.resources._q import gcp, usage_based
from costlib.resources.schema import GB, Model, usage_key

__all__ = ["VmEgress", "no_charge", "vm_egress"]


def no_charge(name: str, why: str) -> CostComponent:
    """A part the provider bills nothing for in this configuration, said out loud ($0, with the reason)."""
    return CostComponent(name=name, unit="months", query=None, monthly_quantity=Decimal(1),
                         fixed_price=Money.zero("USD"), note=f"no charge: {why}")


class VmEgress(Model):
    """VM-to-VM data transfer a month by destination (GB), the sections other tools' usage files use."""

    same_region: GB | None = usage_key("To VMs in the same region (another zone)", unit="GB")
    us_or_canada: GB | None = usage_key("Between regions in the US or Canada", unit="GB")
    europe: GB | None = usage_key("Between regions within Europe", unit="GB")
    asia: GB | None = usage_key("Between regions within Asia", unit="GB")
    south_america: GB | None = usage_key("Between regions within South America", unit="GB")
    oceania: GB | None = usage_key("Indonesia and Oceania to or from any region", unit="GB")
    worldwide: GB | None = usage_key("To a region on another continent", unit="GB")


def vm_egress(region: str, label: str, egress: VmEgress | None, key: str) -> list[CostComponent]:
    """One component per destination given; none given: one usage-based line naming the usage section.

    Query: ``Compute Engine [Network] {resource: vm-egress, destination}`` (SKUs "Network Inter Zone Data Transfer
    Out", "Network Inter Region Data Transfer Out from <region> to <region>").
    """
    given = {k: v for k, v in (egress.model_dump() if egress else {}).items() if v is not None}
    if not given:
        return [usage_based(f"{label} (VM-VM data transfer)",
                            gcp("Compute Engine", region, "Network", resource="vm-egress", destination="same_region"),
                            None, unit="GB", usage_key=key)]
    return [usage_based(f"{label} (VM-VM data transfer, {dest.replace('_', ' ')})",
                        gcp("Compute Engine", region, "Network", resource="vm-egress", destination=dest),
                        Decimal(gb), unit="GB", usage_key=f"{key}.{dest}") for dest, gb in given.items()]
