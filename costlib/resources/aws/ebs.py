"""Amazon EBS volumes: storage per GB-month, provisioned IOPS and throughput above the free baseline.

Pricing: https://aws.amazon.com/ebs/pricing/ — gp3 includes 3,000 IOPS and 125 MiB/s free; io2 IOPS are
tiered (up to 32,000; 32,001-64,000; over 64,000); ``standard`` (magnetic) bills I/O requests from usage.
"""

from __future__ import annotations

from decimal import Decimal

from costlib.errors import InputError
from costlib.models import CostComponent, ResourceSpec
from costlib.resources._attrs import num, optional_num, usage
from costlib.resources._q import aws, monthly, usage_based
from costlib.resources.aws._common import region
from costlib.resources.registry import register

__all__ = ["aws_ebs_volume", "volume_components"]

VOLUME_TYPES = ("gp2", "gp3", "io1", "io2", "st1", "sc1", "standard")
GP3_FREE_IOPS = Decimal(3000)
GP3_FREE_THROUGHPUT_MIBPS = Decimal(125)
IO2_TIERS = ((Decimal(0), Decimal(32000), "EBS IOPS"), (Decimal(32000), Decimal(64000), "EBS IOPS Tier 2"),
             (Decimal(64000), None, "EBS IOPS Tier 3"))


def volume_components(spec: ResourceSpec, reg: str, volume_type: str, size: Decimal, iops: Decimal | None,
                      throughput: Decimal | None, label: str = "Storage") -> list[CostComponent]:
    """Components of one EBS volume (used by aws_ebs_volume and the block devices of aws_instance)."""
    vt = volume_type.lower()
    if vt not in VOLUME_TYPES:
        raise InputError(f"unknown EBS volume type {volume_type!r}; expected one of {', '.join(VOLUME_TYPES)}",
                         where=spec.address)
    out = [monthly(f"{label} (EBS {vt})", aws("AmazonEC2", reg, "Storage", volumeApiName=vt), size, unit="GB")]
    if vt == "gp3":
        extra_iops = max(Decimal(0), (iops or GP3_FREE_IOPS) - GP3_FREE_IOPS)
        if extra_iops:
            out.append(monthly(f"{label} provisioned IOPS above 3,000 (gp3)",
                               aws("AmazonEC2", reg, "System Operation", volumeApiName="gp3", group="EBS IOPS"),
                               extra_iops, unit="IOPS"))
        extra_tp = max(Decimal(0), (throughput or GP3_FREE_THROUGHPUT_MIBPS) - GP3_FREE_THROUGHPUT_MIBPS)
        if extra_tp:
            out.append(monthly(f"{label} provisioned throughput above 125 MiB/s (gp3)",
                               aws("AmazonEC2", reg, "Provisioned Throughput", volumeApiName="gp3"),
                               extra_tp / Decimal(1024), unit="GiBps"))
    elif vt == "io1":
        out.append(monthly(f"{label} provisioned IOPS (io1)",
                           aws("AmazonEC2", reg, "System Operation", volumeApiName="io1", group="EBS IOPS"),
                           iops or Decimal(100), unit="IOPS"))
    elif vt == "io2":
        total = iops or Decimal(100)
        for start, end, group in IO2_TIERS:
            qty = max(Decimal(0), (total if end is None else min(total, end)) - start)
            if qty:
                out.append(monthly(f"{label} provisioned IOPS (io2, {group})",
                                   aws("AmazonEC2", reg, "System Operation", volumeApiName="io2", group=group),
                                   qty, unit="IOPS"))
    elif vt == "standard":
        out.append(usage_based(f"{label} I/O requests (magnetic)",
                               aws("AmazonEC2", reg, "System Operation", volumeApiName="standard",
                                   group="EBS I/O Requests"),
                               usage(spec, "monthly_standard_io_requests"), unit="requests",
                               usage_key="monthly_standard_io_requests"))
    return out


@register("aws_ebs_volume")
def aws_ebs_volume(spec: ResourceSpec) -> list[CostComponent]:
    """An EBS volume: ``type`` (default gp2), ``size`` GB (default 8), ``iops``, ``throughput`` MiB/s.

    Pricing: https://aws.amazon.com/ebs/pricing/
    """
    return volume_components(spec, region(spec), str(spec.attributes.get("type") or "gp2"),
                             num(spec, "size", 8), optional_num(spec, "iops"), optional_num(spec, "throughput"))
