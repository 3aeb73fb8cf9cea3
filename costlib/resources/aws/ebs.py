"""Amazon EBS volumes: storage per GB-month, provisioned IOPS and throughput above the free baseline.

Pricing: https://aws.amazon.com/ebs/pricing/ — gp3 includes 3,000 IOPS and 125 MiB/s free; io2 IOPS are
tiered (up to 32,000; 32,001-64,000; over 64,000); ``standard`` (magnetic) bills I/O requests from usage.
Volume types are lower case in the EC2 API (``gp3``); other spellings are read case-insensitively.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated

from costlib.models import CostComponent
from costlib.resources._q import aws, monthly, usage_based
from costlib.resources.registry import resource
from costlib.resources.schema import GB, AwsInputs, Model, Quantity, Rate, Usage, choice, usage_key

__all__ = ["EbsVolume", "EbsVolumeUsage", "VolumeType", "aws_ebs_volume", "volume_components"]

VOLUME_TYPES = ("gp2", "gp3", "io1", "io2", "st1", "sc1", "standard")
VolumeType = Annotated[str, choice(*VOLUME_TYPES, what="EBS volume type")]
GP3_FREE_IOPS = Decimal(3000)
GP3_FREE_THROUGHPUT_MIBPS = Decimal(125)
IO_DEFAULT_IOPS = Decimal(100)
IO2_TIERS = ((Decimal(0), Decimal(32000), "EBS IOPS"), (Decimal(32000), Decimal(64000), "EBS IOPS Tier 2"),
             (Decimal(64000), None, "EBS IOPS Tier 3"))


class VolumeUsage(Model):
    """Usage of one EBS volume (also the ``root_block_device`` entry of an instance's usage)."""

    monthly_standard_io_requests: Quantity | None = usage_key(
        "I/O requests a month on a magnetic (standard) volume", unit="requests")


def volume_components(region: str, volume_type: str, size: Decimal, iops: Decimal | None,
                      throughput: Decimal | None, usage: VolumeUsage | None = None, label: str = "Storage",
                      count: Decimal = Decimal(1)) -> list[CostComponent]:
    """Components of ``count`` EBS volumes (also the block devices of instances and node groups)."""
    vt = volume_type
    out = [monthly(f"{label} (EBS {vt})", aws("AmazonEC2", region, "Storage", volumeApiName=vt), size * count,
                   unit="GB")]
    if vt == "gp3":
        extra_iops = max(Decimal(0), (iops or GP3_FREE_IOPS) - GP3_FREE_IOPS)
        if extra_iops:
            out.append(monthly(f"{label} provisioned IOPS above 3,000 (gp3)",
                               aws("AmazonEC2", region, "System Operation", volumeApiName="gp3", group="EBS IOPS"),
                               extra_iops * count, unit="IOPS"))
        extra_tp = max(Decimal(0), (throughput or GP3_FREE_THROUGHPUT_MIBPS) - GP3_FREE_THROUGHPUT_MIBPS)
        if extra_tp:
            out.append(monthly(f"{label} provisioned throughput above 125 MiB/s (gp3)",
                               aws("AmazonEC2", region, "Provisioned Throughput", volumeApiName="gp3"),
                               extra_tp / Decimal(1024) * count, unit="GiBps"))
    elif vt == "io1":
        out.append(monthly(f"{label} provisioned IOPS (io1)",
                           aws("AmazonEC2", region, "System Operation", volumeApiName="io1", group="EBS IOPS"),
                           (iops or IO_DEFAULT_IOPS) * count, unit="IOPS"))
    elif vt == "io2":
        total = iops or IO_DEFAULT_IOPS
        for start, end, group in IO2_TIERS:
            qty = max(Decimal(0), (total if end is None else min(total, end)) - start)
            if qty:
                out.append(monthly(f"{label} provisioned IOPS (io2, {group})",
                                   aws("AmazonEC2", region, "System Operation", volumeApiName="io2", group=group),
                                   qty * count, unit="IOPS"))
    elif vt == "standard":
        requests = usage.monthly_standard_io_requests if usage is not None else None
        out.append(usage_based(f"{label} I/O requests (magnetic)",
                               aws("AmazonEC2", region, "System Operation", volumeApiName="standard",
                                   group="EBS I/O Requests"),
                               None if requests is None else requests * count, unit="requests",
                               usage_key="monthly_standard_io_requests"))
    return out


class EbsVolume(AwsInputs):
    type: VolumeType = "gp2"
    size: GB = Decimal(8)
    iops: Rate | None = None
    throughput: Rate | None = None


class EbsVolumeUsage(VolumeUsage, Usage):
    pass


@resource("aws_ebs_volume", example={"type": "gp3", "size": 100})
def aws_ebs_volume(i: EbsVolume, u: EbsVolumeUsage) -> list[CostComponent]:
    """An EBS volume: ``type`` (default gp2), ``size`` GB (default 8), ``iops``, ``throughput`` MiB/s.

    Pricing: https://aws.amazon.com/ebs/pricing/
    """
    return volume_components(i.region, i.type, i.size, i.iops, i.throughput, u)
