"""AWS Network Firewall firewalls: an endpoint per subnet mapping per hour, plus GB processed.

Pricing: https://aws.amazon.com/network-firewall/pricing/ — each firewall endpoint (one per
``subnet_mapping``, i.e. per Availability Zone) is billed per hour, and each GB it processes. Advanced
inspection (TLS inspection configurations) is billed on top per GB, named as not modelled when the firewall's
usage says it is used. A NAT gateway's hour and GB charges are waived for each firewall endpoint hour and GB
in the same account and AZ; that offset is on the NAT gateway's bill and is not applied here.
Usage types ``FirewallEndpoint-Hours`` and ``Traffic-GB-Processed`` (AWSNetworkFirewall).
"""

from __future__ import annotations

from decimal import Decimal

from costlib.models import CostComponent
from costlib.resources._q import aws, hourly, unmodelled, usage_based
from costlib.resources.registry import resource
from costlib.resources.schema import GB, AwsInputs, Blocks, Model, Usage, usage_key

__all__ = ["aws_networkfirewall_firewall"]


class SubnetMapping(Model):
    subnet_id: str | None = None


class Firewall(AwsInputs):
    subnet_mapping: Blocks[SubnetMapping] = ()


class FirewallUsage(Usage):
    monthly_data_processed_gb: GB | None = usage_key("Data processed by the firewall a month", unit="GB")
    monthly_advanced_inspection_gb: GB | None = usage_key("Data decrypted by TLS inspection a month", unit="GB")


@resource("aws_networkfirewall_firewall", example={"firewall_policy_arn": "arn:aws:network-firewall:x",
                                                   "vpc_id": "vpc-1",
                                                   "subnet_mapping": [{"subnet_id": "subnet-a"},
                                                                      {"subnet_id": "subnet-b"}]})
def aws_networkfirewall_firewall(i: Firewall, u: FirewallUsage) -> list[CostComponent]:
    """A firewall: endpoint hours (one endpoint per ``subnet_mapping``), plus GB processed (usage
    ``monthly_data_processed_gb``). Pricing: https://aws.amazon.com/network-firewall/pricing/"""
    endpoints = Decimal(max(1, len(i.subnet_mapping)))
    out = [hourly(f"Firewall endpoints ({endpoints})", aws("AWSNetworkFirewall", i.region, usagetype="FirewallEndpoint-Hours"),
                  endpoints, unit="endpoint-hours"),
           usage_based("Data processed", aws("AWSNetworkFirewall", i.region, usagetype="Traffic-GB-Processed"),
                       u.monthly_data_processed_gb, unit="GB", usage_key="monthly_data_processed_gb")]
    if u.monthly_advanced_inspection_gb:
        out.append(unmodelled("Advanced inspection (TLS)", "TLS inspection's per-GB charge is not priced yet"))
    return out
