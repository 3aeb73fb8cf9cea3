"""Amazon Lightsail instances: a fixed monthly price per bundle (hourly, up to the monthly price).

Pricing: https://aws.amazon.com/lightsail/pricing/ — each bundle (``nano_3_0``, ``small_win_3_0`` ...) has a
monthly price that includes its vCPUs, memory, SSD and a data transfer allowance; an instance that exists for
part of a month is billed by the hour up to that price. Transfer out beyond the allowance is billed per GB.
"""

from __future__ import annotations

from decimal import Decimal

from costlib.models import CostComponent
from costlib.resources._q import aws, monthly, usage_based
from costlib.resources.registry import resource
from costlib.resources.schema import GB, HOURS_IN_MONTH, AwsInputs, Usage, usage_key

__all__ = ["LightsailInstance", "aws_lightsail_instance"]


class LightsailInstance(AwsInputs):
    bundle_id: str
    blueprint_id: str | None = None


class LightsailUsage(Usage):
    monthly_hrs: HOURS_IN_MONTH | None = usage_key("Hours a month the instance exists (default: all month)",
                                                   unit="hours")
    monthly_outbound_data_gb: GB | None = usage_key(
        "Data transferred out to the internet a month beyond the bundle's allowance", unit="GB")


@resource("aws_lightsail_instance", example={"bundle_id": "small_3_0", "blueprint_id": "amazon_linux_2023",
                                             "availability_zone": "us-east-1a"})
def aws_lightsail_instance(i: LightsailInstance, u: LightsailUsage) -> list[CostComponent]:
    """A Lightsail instance: its bundle's monthly price (``bundle_id``; Windows bundles are ``*_win_*``), pro rata
    for ``monthly_hrs``; data transfer out beyond the allowance from usage. Pricing: https://aws.amazon.com/lightsail/pricing/
    """
    share = Decimal(1) if u.monthly_hrs is None else min(Decimal(1), u.monthly_hrs / Decimal(730))
    bundle = i.bundle_id.lower()
    return [
        monthly(f"Lightsail instance ({bundle})", aws("AmazonLightsail", i.region, "Lightsail Instance",
                                                      bundleId=bundle), share, unit="months"),
        usage_based("Data transfer out beyond the bundle allowance",
                    aws("AmazonLightsail", i.region, "Data Transfer", usagetype="DataXfer-Out-Bytes"),
                    u.monthly_outbound_data_gb, unit="GB", usage_key="monthly_outbound_data_gb"),
    ]
