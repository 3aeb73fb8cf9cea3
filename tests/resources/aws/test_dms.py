"""Table tests: costlib.resources.aws.dms (https://aws.amazon.com/dms/pricing/)."""

from tests.resources.table import Case, table_test

SVC = "AWSDatabaseMigrationSvc"

CASES = [
    Case("t3.medium with the included 50 GB", "aws_dms_replication_instance",
         {"replication_instance_class": "dms.t3.medium"}, [
             ("Replication instance (Single-AZ, dms.t3.medium)", "730 hours",
              f"{SVC} [Database Migration Service] usagetype=InstanceUsg:dms.t3.medium"),
         ]),
    Case("Multi-AZ r5.large with 300 GB: 200 GB above the included 100", "aws_dms_replication_instance",
         {"replication_instance_class": "dms.r5.large", "allocated_storage": 300, "multi_az": True}, [
             ("Replication instance (Multi-AZ, dms.r5.large)", "730 hours",
              f"{SVC} [Database Migration Service] usagetype=Multi-AZUsg:dms.r5.large"),
             ("Storage above the included amount (Multi-AZ)", "200 GB",
              f"{SVC} [Storage] usagetype=Multi-AZ-GP2-Storage"),
         ]),
    Case("t3 with 80 GB for 100 hours", "aws_dms_replication_instance",
         {"replication_instance_class": "dms.t3.large", "allocated_storage": 80}, [
             ("Replication instance (Single-AZ, dms.t3.large)", "100 hours",
              f"{SVC} [Database Migration Service] usagetype=InstanceUsg:dms.t3.large"),
             ("Storage above the included amount (Single-AZ)", "30 GB", f"{SVC} [Storage] usagetype=GP2-Storage"),
         ], usage={"monthly_hrs": 100}),
]

test_table = table_test(CASES)
