"""Table tests: costlib.resources.aws.backup (https://aws.amazon.com/backup/pricing/)."""

from tests.resources.table import Case, table_test

CASES = [
    Case("a vault without usage", "aws_backup_vault", {"name": "main"}, [
        ("EFS backup (warm)", "? GB", "AWSBackup usagetype=EFS-WarmStorage-ByteHrs"),
        ("EBS snapshot backup", "? GB", "AWSBackup usagetype=EBS-WarmStorage-ByteHrs"),
    ]),
    Case("EFS warm and cold, restores, RDS and DynamoDB", "aws_backup_vault", {}, [
        ("EFS backup (warm)", "1000 GB", "AWSBackup usagetype=EFS-WarmStorage-ByteHrs"),
        ("EFS backup (cold)", "5000 GB", "AWSBackup usagetype=EFS-ColdStorage-ByteHrs"),
        ("EFS restore (cold)", "200 GB", "AWSBackup usagetype=EFS-ColdRestore-Bytes"),
        ("EFS item-level restores", "30 requests", "AWSBackup usagetype=EFS-ItemRestore-Requests"),
        ("EBS snapshot backup", "? GB", "AWSBackup usagetype=EBS-WarmStorage-ByteHrs"),
        ("RDS snapshot backup", "300 GB", "AWSBackup usagetype=RDS-WarmStorage-ByteHrs"),
        ("DynamoDB backup", "40 GB", "AWSBackup usagetype=DynamoDB-WarmStorage-ByteHrs"),
    ], usage={"monthly_efs_warm_backup_gb": 1000, "monthly_efs_cold_backup_gb": 5000,
              "monthly_efs_cold_restore_gb": 200, "monthly_efs_item_restore_requests": 30,
              "monthly_rds_snapshot_gb": 300, "monthly_dynamodb_backup_gb": 40}),
]

test_table = table_test(CASES)
