"""Amazon EFS file systems: storage per storage class, throughput mode, and access to the infrequent classes.

Pricing: https://aws.amazon.com/efs/pricing/ — Standard, Infrequent Access (IA) and Archive storage per
GB-month (One Zone when ``availability_zone_name`` is set: One Zone and One Zone-IA); reads from IA and Archive
and tiering into them per GB; Elastic throughput per GB read and written; Provisioned throughput per MiB/s-month
above the baseline that Standard storage earns (50 KiB/s per GiB); Bursting (the default) has no throughput
charge. Storage is usage: ``storage_gb``, ``infrequent_access_storage_gb``, ``archive_storage_gb``.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated

from costlib.models import CostComponent
from costlib.resources._q import aws, monthly, usage_based
from costlib.resources.registry import resource
from costlib.resources.schema import GB, AwsInputs, Rate, Usage, choice, usage_key

__all__ = ["EfsFileSystem", "aws_efs_file_system"]

BASELINE_MIBPS_PER_GIB = Decimal(50) / Decimal(1024)


class EfsFileSystem(AwsInputs):
    availability_zone_name: str | None = None
    throughput_mode: Annotated[str, choice("bursting", "provisioned", "elastic")] = "bursting"
    provisioned_throughput_in_mibps: Rate | None = None


class EfsUsage(Usage):
    storage_gb: GB | None = usage_key("Data stored in the Standard (or One Zone) class", unit="GB")
    infrequent_access_storage_gb: GB | None = usage_key("Data stored in the Infrequent Access class", unit="GB")
    archive_storage_gb: GB | None = usage_key("Data stored in the Archive class (Regional only)", unit="GB")
    monthly_infrequent_access_read_gb: GB | None = usage_key("Data read from Infrequent Access a month", unit="GB")
    monthly_infrequent_access_write_gb: GB | None = usage_key("Data tiered into Infrequent Access a month",
                                                              unit="GB")
    monthly_elastic_read_gb: GB | None = usage_key("Data read a month in Elastic throughput mode", unit="GB")
    monthly_elastic_write_gb: GB | None = usage_key("Data written a month in Elastic throughput mode", unit="GB")


@resource("aws_efs_file_system", example={"throughput_mode": "bursting"})
def aws_efs_file_system(i: EfsFileSystem, u: EfsUsage) -> list[CostComponent]:
    """An EFS file system: storage per class from usage; Elastic throughput per GB; Provisioned throughput above the
    Standard storage baseline. Pricing: https://aws.amazon.com/efs/pricing/
    """
    zone = i.availability_zone_name is not None
    z = "-Z" if zone else ""
    kind = "One Zone" if zone else "Standard"
    out = [
        usage_based(f"Storage ({kind})", aws("AmazonEFS", i.region, "Storage", usagetype=f"TimedStorage{z}-ByteHrs"),
                    u.storage_gb, unit="GB", usage_key="storage_gb"),
        usage_based(f"Storage ({kind}-Infrequent Access)",
                    aws("AmazonEFS", i.region, "Storage", usagetype=f"IATimedStorage{z}-ByteHrs"),
                    u.infrequent_access_storage_gb, unit="GB", usage_key="infrequent_access_storage_gb"),
        usage_based("Infrequent Access reads",
                    aws("AmazonEFS", i.region, "Storage", usagetype=f"IADataAccess{z}-Bytes"),
                    u.monthly_infrequent_access_read_gb, unit="GB", usage_key="monthly_infrequent_access_read_gb"),
    ]
    if u.monthly_infrequent_access_write_gb is not None:
        out.append(monthly("Tiering into Infrequent Access",
                           aws("AmazonEFS", i.region, "Storage", usagetype=f"IATieringDataAccess{z}-Bytes"),
                           u.monthly_infrequent_access_write_gb, unit="GB"))
    if not zone and u.archive_storage_gb is not None:
        out.append(monthly("Storage (Archive)", aws("AmazonEFS", i.region, "Storage",
                                                    usagetype="ArchiveTimedStorage-ByteHrs"),
                           u.archive_storage_gb, unit="GB"))
    if i.throughput_mode == "elastic":
        out += [usage_based("Elastic throughput reads", aws("AmazonEFS", i.region, "Throughput",
                                                            usagetype="ElasticThroughput-Read-Bytes"),
                            u.monthly_elastic_read_gb, unit="GB", usage_key="monthly_elastic_read_gb"),
                usage_based("Elastic throughput writes", aws("AmazonEFS", i.region, "Throughput",
                                                             usagetype="ElasticThroughput-Write-Bytes"),
                            u.monthly_elastic_write_gb, unit="GB", usage_key="monthly_elastic_write_gb")]
    elif i.throughput_mode == "provisioned":
        baseline = (u.storage_gb or Decimal(0)) * BASELINE_MIBPS_PER_GIB
        extra = max(Decimal(0), (i.provisioned_throughput_in_mibps or Decimal(0)) - baseline)
        out.append(monthly("Provisioned throughput above the storage baseline",
                           aws("AmazonEFS", i.region, "Provisioned Throughput", usagetype="ProvisionedTP-MiBpsHrs"),
                           extra, unit="MiBps",
                           note=None if u.storage_gb is not None else "storage_gb not given: no baseline taken off"))
    return out
