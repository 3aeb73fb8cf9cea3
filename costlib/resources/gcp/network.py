"""GCP IP addresses, private services access and Cloud Interconnect VLAN attachments.

Pricing: https://cloud.google.com/vpc/network-pricing (IP addresses: a static external address reserved but not
in use is billed per hour at the unused rate; one in use by a standard VM at the in-use rate, by a spot VM at the
spot rate; addresses used by forwarding rules and internal addresses carry no charge),
https://cloud.google.com/vpc/docs/private-services-access (the connection itself has no charge; the traffic over
it is VM-VM data transfer), https://cloud.google.com/network-connectivity/docs/interconnect/pricing (VLAN
attachments are billed per hour by capacity; egress through them per GB).
"""

from __future__ import annotations

from typing import Annotated

from costlib.models import CostComponent
from costlib.resources._q import gcp, hourly, usage_based
from costlib.resources.gcp._common import VmEgress, no_charge, vm_egress
from costlib.resources.registry import resource
from costlib.resources.schema import GB, Block, GcpInputs, Usage, choice, usage_key

__all__ = ["address_components", "google_compute_address", "google_compute_global_address",
           "google_compute_interconnect_attachment", "google_service_networking_connection"]

_INTERNAL_PURPOSES = {"GCE_ENDPOINT", "VPC_PEERING", "PRIVATE_SERVICE_CONNECT", "SHARED_LOADBALANCER_VIP",
                      "IPSEC_INTERCONNECT", "DNS_RESOLVER", "SERVERLESS"}


class Address(GcpInputs):
    address_type: Annotated[str, choice("EXTERNAL", "INTERNAL")] = "EXTERNAL"
    purpose: str | None = None
    users: tuple[str, ...] = ()


class AddressUsage(Usage):
    in_use_by: Annotated[str, choice("vm", "spot_vm", "forwarding_rule", "none")] | None = usage_key(
        "What uses the address: vm, spot_vm, forwarding_rule or none (default: its users, else reserved unused)",
        unit="word")


def address_components(i: Address, u: AddressUsage) -> list[CostComponent]:
    """The hour charge of one static address, by what uses it (``users`` in the plan, else usage ``in_use_by``)."""
    if i.address_type == "INTERNAL" or (i.purpose or "").upper() in _INTERNAL_PURPOSES:
        return [no_charge("Internal IP address", "internal addresses have no charge")]
    use = u.in_use_by
    if use is None and i.users:
        use = ("forwarding_rule" if any("/forwardingRules/" in x for x in i.users) else "vm")
    if use == "forwarding_rule":
        return [no_charge("External IP address (forwarding rule)",
                          "an address in use by a forwarding rule is billed with the load balancer")]
    state, label, note = {
        "vm": ("in-use", "in use by a VM", None),
        "spot_vm": ("in-use-spot", "in use by a spot VM", None),
    }.get(use or "none", ("unused", "reserved, unused",
                          None if use == "none" else "assumed reserved and unused (usage in_use_by: vm, spot_vm, "
                                                     "forwarding_rule)"))
    return [hourly(f"Static external IP address ({label})",
                   gcp("Compute Engine", i.region, "Network", resource="external-ip", state=state), note=note)]


@resource("google_compute_address", example={"address_type": "EXTERNAL"})
def google_compute_address(i: Address, u: AddressUsage) -> list[CostComponent]:
    """A regional static address: external ones by the hour (unused, in use by a VM or spot VM); internal ones and
    external ones used by forwarding rules carry no charge.

    Pricing: https://cloud.google.com/vpc/network-pricing#ipaddress
    """
    return address_components(i, u)


@resource("google_compute_global_address", example={})
def google_compute_global_address(i: Address, u: AddressUsage) -> list[CostComponent]:
    """A global static address: external (a global load balancer's anycast IP; no charge while a forwarding rule
    uses it, the unused rate otherwise) or internal (``purpose`` VPC_PEERING / PRIVATE_SERVICE_CONNECT: no charge).

    Pricing: https://cloud.google.com/vpc/network-pricing#ipaddress
    """
    return address_components(i, u)


class ServiceNetworkingConnection(GcpInputs):
    service: str = "servicenetworking.googleapis.com"


class PeeringUsage(Usage):
    monthly_egress_data_transfer_gb: Block[VmEgress] = usage_key(
        "Data transfer over the peering a month, by destination", unit="GB")


@resource("google_service_networking_connection", example={"service": "servicenetworking.googleapis.com"})
def google_service_networking_connection(i: ServiceNetworkingConnection, u: PeeringUsage) -> list[CostComponent]:
    """Private services access: the peering has no charge; the traffic over it is VM-VM data transfer by
    destination (usage ``monthly_egress_data_transfer_gb``).

    Pricing: https://cloud.google.com/vpc/network-pricing#vpc-pricing
    """
    return [no_charge("Private services access connection", "the peering itself has no charge"),
            *vm_egress(i.region, "Peering", u.monthly_egress_data_transfer_gb, "monthly_egress_data_transfer_gb")]


_BANDWIDTHS = ("BPS_50M", "BPS_100M", "BPS_200M", "BPS_300M", "BPS_400M", "BPS_500M", "BPS_1G", "BPS_2G", "BPS_5G",
               "BPS_10G", "BPS_20G", "BPS_50G", "BPS_100G")


class InterconnectAttachment(GcpInputs):
    type: Annotated[str, choice("DEDICATED", "PARTNER", "PARTNER_PROVIDER")] = "DEDICATED"
    bandwidth: Annotated[str, choice(*_BANDWIDTHS)] = "BPS_10G"
    admin_enabled: bool = True


class InterconnectUsage(Usage):
    monthly_egress_data_gb: GB | None = usage_key("Data sent out through the attachment a month", unit="GB")


@resource("google_compute_interconnect_attachment", example={"type": "PARTNER", "bandwidth": "BPS_1G"})
def google_compute_interconnect_attachment(i: InterconnectAttachment, u: InterconnectUsage) -> list[CostComponent]:
    """A VLAN attachment: an hour charge by ``type`` (DEDICATED default, PARTNER) and ``bandwidth`` (BPS_10G
    default; Partner attachments are priced by capacity), plus egress per GB (usage ``monthly_egress_data_gb``).
    The Interconnect connection (port) of a Dedicated Interconnect is billed on its own resource.

    Pricing: https://cloud.google.com/network-connectivity/docs/interconnect/pricing
    """
    kind = "PARTNER" if i.type.startswith("PARTNER") else "DEDICATED"
    return [
        hourly(f"VLAN attachment ({kind.lower()}, {i.bandwidth.removeprefix('BPS_')})",
               gcp("Networking", i.region, "Network", resource="interconnect-attachment", type=kind,
                   bandwidth=i.bandwidth)),
        usage_based("Egress through the attachment",
                    gcp("Networking", i.region, "Network", resource="interconnect-egress", type=kind),
                    u.monthly_egress_data_gb, unit="GB", usage_key="monthly_egress_data_gb"),
    ]


