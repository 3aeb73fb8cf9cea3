"""AWS Database Migration Service replication instances: instance hours and storage above the included amount.

Pricing: https://aws.amazon.com/dms/pricing/ — instance hours per class, twice for Multi-AZ (a standby); each
instance includes 50 GB of gp2 storage (T2/T3 classes) or 100 GB (C and R classes), more is billed per GB-month.
"""

from __future__ import annotations

from decimal import Decimal

from costlib.models import CostComponent
from costlib.resources._q import aws, monthly, running
from costlib.resources.registry import resource
from costlib.resources.schema import GB, HOURS_IN_MONTH, AwsInputs, Usage, usage_key

__all__ = ["aws_dms_replication_instance", "included_storage_gb"]


class ReplicationInstance(AwsInputs):
    replication_instance_class: str
    allocated_storage: GB = Decimal(50)
    multi_az: bool = False


class DmsUsage(Usage):
    monthly_hrs: HOURS_IN_MONTH | None = usage_key("Hours a month the instance runs (default 730)", unit="hours")


def included_storage_gb(instance_class: str) -> Decimal:
    """Storage included with a replication instance.

    >>> included_storage_gb("dms.t3.medium"), included_storage_gb("dms.r5.large")
    (Decimal('50'), Decimal('100'))
    """
    return Decimal(50) if instance_class.split(".")[1:2] and instance_class.split(".")[1].startswith("t") else \
        Decimal(100)


@resource("aws_dms_replication_instance", example={"replication_instance_class": "dms.t3.medium"})
def aws_dms_replication_instance(i: ReplicationInstance, u: DmsUsage) -> list[CostComponent]:
    """A DMS replication instance: ``replication_instance_class`` hours (Single-AZ or ``multi_az``) and
    ``allocated_storage`` above the included amount. Pricing: https://aws.amazon.com/dms/pricing/
    """
    kind = "Multi-AZ" if i.multi_az else "Single-AZ"
    prefix = "Multi-AZUsg" if i.multi_az else "InstanceUsg"
    out = [running(f"Replication instance ({kind}, {i.replication_instance_class})",
                   aws("AWSDatabaseMigrationSvc", i.region, "Database Migration Service",
                       usagetype=f"{prefix}:{i.replication_instance_class}"), hours=u.monthly_hrs)]
    extra = max(Decimal(0), i.allocated_storage - included_storage_gb(i.replication_instance_class))
    if extra:
        out.append(monthly(f"Storage above the included amount ({kind})",
                           aws("AWSDatabaseMigrationSvc", i.region, "Storage",
                               usagetype="Multi-AZ-GP2-Storage" if i.multi_az else "GP2-Storage"),
                           extra, unit="GB"))
    return out
