"""Table tests: costlib.resources.aws.efs (https://aws.amazon.com/efs/pricing/)."""

from tests.resources.table import Case, table_test


def q(usagetype: str, family: str = "Storage") -> str:
    return f"AmazonEFS [{family}] usagetype={usagetype}"


CASES = [
    Case("Regional, bursting, no usage", "aws_efs_file_system", {}, [
        ("Storage (Standard)", "? GB", q("TimedStorage-ByteHrs")),
        ("Storage (Standard-Infrequent Access)", "? GB", q("IATimedStorage-ByteHrs")),
        ("Infrequent Access reads", "? GB", q("IADataAccess-Bytes")),
    ]),
    Case("Regional with IA, Archive and tiering usage", "aws_efs_file_system", {}, [
        ("Storage (Standard)", "230 GB", q("TimedStorage-ByteHrs")),
        ("Storage (Standard-Infrequent Access)", "100 GB", q("IATimedStorage-ByteHrs")),
        ("Infrequent Access reads", "50 GB", q("IADataAccess-Bytes")),
        ("Tiering into Infrequent Access", "100 GB", q("IATieringDataAccess-Bytes")),
        ("Storage (Archive)", "1000 GB", q("ArchiveTimedStorage-ByteHrs")),
    ], usage={"storage_gb": 230, "infrequent_access_storage_gb": 100, "monthly_infrequent_access_read_gb": 50,
              "monthly_infrequent_access_write_gb": 100, "archive_storage_gb": 1000}),
    Case("One Zone classes when availability_zone_name is set", "aws_efs_file_system",
         {"availability_zone_name": "us-east-1a"}, [
             ("Storage (One Zone)", "10 GB", q("TimedStorage-Z-ByteHrs")),
             ("Storage (One Zone-Infrequent Access)", "? GB", q("IATimedStorage-Z-ByteHrs")),
             ("Infrequent Access reads", "? GB", q("IADataAccess-Z-Bytes")),
         ], usage={"storage_gb": 10}),
    Case("Provisioned 100 MiB/s over 1,024 GB of Standard: 50 MiB/s above the baseline", "aws_efs_file_system",
         {"throughput_mode": "provisioned", "provisioned_throughput_in_mibps": 100}, [
             ("Storage (Standard)", "1024 GB", q("TimedStorage-ByteHrs")),
             ("Storage (Standard-Infrequent Access)", "? GB", q("IATimedStorage-ByteHrs")),
             ("Infrequent Access reads", "? GB", q("IADataAccess-Bytes")),
             ("Provisioned throughput above the storage baseline", "50 MiBps",
              q("ProvisionedTP-MiBpsHrs", "Provisioned Throughput")),
         ], usage={"storage_gb": 1024}),
    Case("Provisioned below the baseline costs nothing extra", "aws_efs_file_system",
         {"throughput_mode": "provisioned", "provisioned_throughput_in_mibps": 10}, [
             ("Storage (Standard)", "4096 GB", q("TimedStorage-ByteHrs")),
             ("Storage (Standard-Infrequent Access)", "? GB", q("IATimedStorage-ByteHrs")),
             ("Infrequent Access reads", "? GB", q("IADataAccess-Bytes")),
             ("Provisioned throughput above the storage baseline", "0 MiBps",
              q("ProvisionedTP-MiBpsHrs", "Provisioned Throughput")),
         ], usage={"storage_gb": 4096}),
    Case("Elastic throughput bills reads and writes per GB", "aws_efs_file_system", {"throughput_mode": "elastic"}, [
        ("Storage (Standard)", "? GB", q("TimedStorage-ByteHrs")),
        ("Storage (Standard-Infrequent Access)", "? GB", q("IATimedStorage-ByteHrs")),
        ("Infrequent Access reads", "? GB", q("IADataAccess-Bytes")),
        ("Elastic throughput reads", "500 GB", q("ElasticThroughput-Read-Bytes", "Throughput")),
        ("Elastic throughput writes", "? GB", q("ElasticThroughput-Write-Bytes", "Throughput")),
    ], usage={"monthly_elastic_read_gb": 500}),
]

test_table = table_test(CASES)
