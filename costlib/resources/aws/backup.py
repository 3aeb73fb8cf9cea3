"""AWS Backup vaults: backup storage per resource type and storage tier, and restores, from usage.

Pricing: https://aws.amazon.com/backup/pricing/ — backups are billed per GB-month in the vault by the type of
resource backed up (EFS warm and cold, EBS, RDS, Aurora, DynamoDB, FSx), restores per GB (EFS item-level
restores per request). A vault by itself has no charge: every line is usage (the keys other tools' usage files
use: ``monthly_efs_warm_backup_gb`` ...).
"""

from __future__ import annotations

from costlib.models import CostComponent
from costlib.resources._q import aws, usage_based
from costlib.resources.registry import resource
from costlib.resources.schema import GB, AwsInputs, Quantity, Usage, usage_key

__all__ = ["aws_backup_vault"]


class BackupVault(AwsInputs):
    name: str | None = None


class BackupUsage(Usage):
    monthly_efs_warm_backup_gb: GB | None = usage_key("EFS backups in warm storage", unit="GB")
    monthly_efs_cold_backup_gb: GB | None = usage_key("EFS backups in cold storage", unit="GB")
    monthly_efs_warm_restore_gb: GB | None = usage_key("EFS data restored from warm storage a month", unit="GB")
    monthly_efs_cold_restore_gb: GB | None = usage_key("EFS data restored from cold storage a month", unit="GB")
    monthly_efs_item_restore_requests: Quantity | None = usage_key("EFS item-level restore requests a month",
                                                                   unit="requests")
    monthly_ebs_snapshot_gb: GB | None = usage_key("EBS snapshot backups", unit="GB")
    monthly_rds_snapshot_gb: GB | None = usage_key("RDS snapshot backups", unit="GB")
    monthly_aurora_snapshot_gb: GB | None = usage_key("Aurora snapshot backups", unit="GB")
    monthly_dynamodb_backup_gb: GB | None = usage_key("DynamoDB backups", unit="GB")
    monthly_dynamodb_restore_gb: GB | None = usage_key("DynamoDB data restored a month", unit="GB")
    monthly_fsx_windows_backup_gb: GB | None = usage_key("FSx for Windows File Server backups", unit="GB")
    monthly_fsx_lustre_backup_gb: GB | None = usage_key("FSx for Lustre backups", unit="GB")


#: usage key -> (component, usage type of the AWSBackup offer, unit)
_LINES = (
    ("monthly_efs_warm_backup_gb", "EFS backup (warm)", "EFS-WarmStorage-ByteHrs", "GB"),
    ("monthly_efs_cold_backup_gb", "EFS backup (cold)", "EFS-ColdStorage-ByteHrs", "GB"),
    ("monthly_efs_warm_restore_gb", "EFS restore (warm)", "EFS-WarmRestore-Bytes", "GB"),
    ("monthly_efs_cold_restore_gb", "EFS restore (cold)", "EFS-ColdRestore-Bytes", "GB"),
    ("monthly_efs_item_restore_requests", "EFS item-level restores", "EFS-ItemRestore-Requests", "requests"),
    ("monthly_ebs_snapshot_gb", "EBS snapshot backup", "EBS-WarmStorage-ByteHrs", "GB"),
    ("monthly_rds_snapshot_gb", "RDS snapshot backup", "RDS-WarmStorage-ByteHrs", "GB"),
    ("monthly_aurora_snapshot_gb", "Aurora snapshot backup", "Aurora-WarmStorage-ByteHrs", "GB"),
    ("monthly_dynamodb_backup_gb", "DynamoDB backup", "DynamoDB-WarmStorage-ByteHrs", "GB"),
    ("monthly_dynamodb_restore_gb", "DynamoDB restore", "DynamoDB-WarmRestore-Bytes", "GB"),
    ("monthly_fsx_windows_backup_gb", "FSx for Windows backup", "FSxWindows-WarmStorage-ByteHrs", "GB"),
    ("monthly_fsx_lustre_backup_gb", "FSx for Lustre backup", "FSxLustre-WarmStorage-ByteHrs", "GB"),
)


@resource("aws_backup_vault", example={"name": "backups"})
def aws_backup_vault(i: BackupVault, u: BackupUsage) -> list[CostComponent]:
    """A Backup vault: warm EFS and EBS backups always listed (usage-based), each other line once its usage is
    given. Pricing: https://aws.amazon.com/backup/pricing/
    """
    out: list[CostComponent] = []
    for key, name, usagetype, unit in _LINES:
        qty = getattr(u, key)
        if qty is None and key not in ("monthly_efs_warm_backup_gb", "monthly_ebs_snapshot_gb"):
            continue
        out.append(usage_based(name, aws("AWSBackup", i.region, usagetype=usagetype), qty, unit=unit, usage_key=key))
    return out
