"""GCP Cloud VPN: tunnels, HA and Classic VPN gateways, external (peer) VPN gateways.

Pricing: https://cloud.google.com/network-connectivity/docs/vpn/pricing - each tunnel is billed per hour (the
gateway carries no hour charge of its own); traffic leaving Google Cloud through a tunnel is billed as internet
data transfer (by destination), traffic between regions over it as VM-VM data transfer.
"""

from __future__ import annotations

from decimal import Decimal

from costlib.models import CostComponent
from costlib.resources._q import gcp, hourly, usage_based
from costlib.resources.gcp._common import VmEgress, no_charge, vm_egress
from costlib.resources.registry import resource
from costlib.resources.schema import GB, Block, GcpInputs, Model, NoUsage, Usage, usage_key

__all__ = ["google_compute_external_vpn_gateway", "google_compute_ha_vpn_gateway", "google_compute_vpn_gateway",
           "google_compute_vpn_tunnel"]


class VpnTunnel(GcpInputs):
    pass


@resource("google_compute_vpn_tunnel", example={"region": "us-central1"})
def google_compute_vpn_tunnel(i: VpnTunnel, _u: NoUsage) -> list[CostComponent]:
    """A Cloud VPN tunnel (HA or Classic): billed per tunnel-hour.

    Pricing: https://cloud.google.com/network-connectivity/docs/vpn/pricing
    """
    return [hourly("VPN tunnel", gcp("Compute Engine", i.region, "Network", resource="vpn-tunnel"))]


class VpnGateway(GcpInputs):
    pass


class GatewayUsage(Usage):
    monthly_egress_data_transfer_gb: Block[VmEgress] = usage_key(
        "VM-VM data transfer through the gateway a month, by destination", unit="GB")


@resource("google_compute_ha_vpn_gateway", example={"region": "us-central1"})
def google_compute_ha_vpn_gateway(i: VpnGateway, u: GatewayUsage) -> list[CostComponent]:
    """An HA VPN gateway: no hour charge (its tunnels are billed); traffic through it by destination.

    Pricing: https://cloud.google.com/network-connectivity/docs/vpn/pricing
    """
    return [no_charge("HA VPN gateway", "the gateway is free; each of its tunnels is billed per hour"),
            *vm_egress(i.region, "VPN", u.monthly_egress_data_transfer_gb, "monthly_egress_data_transfer_gb")]


@resource("google_compute_vpn_gateway", example={"region": "us-central1"})
def google_compute_vpn_gateway(i: VpnGateway, u: GatewayUsage) -> list[CostComponent]:
    """A Classic VPN gateway: no hour charge (its tunnels are billed); traffic through it by destination.

    Pricing: https://cloud.google.com/network-connectivity/docs/vpn/pricing
    """
    return [no_charge("Classic VPN gateway", "the gateway is free; each of its tunnels is billed per hour"),
            *vm_egress(i.region, "VPN", u.monthly_egress_data_transfer_gb, "monthly_egress_data_transfer_gb")]


class InternetEgress(Model):
    worldwide: GB | None = usage_key("Worldwide, excluding China and Australia", unit="GB")
    china: GB | None = usage_key("China, excluding Hong Kong", unit="GB")
    australia: GB | None = usage_key("Australia", unit="GB")


class ExternalGatewayUsage(Usage):
    monthly_egress_data_transfer_gb: Block[InternetEgress] = usage_key(
        "Data sent to the peer gateway over the internet a month, by destination", unit="GB")


class ExternalVpnGateway(GcpInputs):
    pass


@resource("google_compute_external_vpn_gateway", example={})
def google_compute_external_vpn_gateway(i: ExternalVpnGateway, u: ExternalGatewayUsage) -> list[CostComponent]:
    """The peer side of an HA VPN: no charge of its own; data sent to it leaves Google Cloud and is billed as
    Premium Tier internet data transfer, tiered by monthly volume, by destination.

    Pricing: https://cloud.google.com/vpc/network-pricing#internet_egress
    """
    out = [no_charge("External VPN gateway", "a description of the peer gateway; its tunnels are billed")]
    egress = u.monthly_egress_data_transfer_gb or InternetEgress()
    given = {k: v for k, v in egress.model_dump().items() if v is not None}
    for dest in given or {"worldwide": None}:
        gb = given.get(dest)
        out.append(usage_based(f"Internet data transfer to the peer ({dest})",
                               gcp("Compute Engine", i.region, "Network", resource="egress-internet",
                                   destination=dest), None if gb is None else Decimal(gb), unit="GB",
                               usage_key=f"monthly_egress_data_transfer_gb.{dest}"))
    return out
