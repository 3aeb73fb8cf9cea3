"""Table tests: costlib.resources.aws.fsx (FSx pricing pages for Windows, Lustre, ONTAP, OpenZFS)."""

from tests.resources.table import Case, table_test


def q(family: str, fs: str, dep: str, extra: str = "") -> str:
    return f"AmazonFSx [{family}] deploymentOption={dep} fileSystemType={fs}{extra}"


CASES = [
    Case("Windows Single-AZ SSD 300 GB at 32 MBps", "aws_fsx_windows_file_system",
         {"storage_capacity": 300, "throughput_capacity": 32}, [
             ("SSD storage (Single-AZ)", "300 GB", q("Storage", "Windows", "Single-AZ", " storageType=SSD")),
             ("Throughput capacity (Single-AZ)", "32 MBps", q("Provisioned Throughput", "Windows", "Single-AZ")),
             ("Backup storage", "? GB", q("Storage Snapshot", "Windows", "Single-AZ")),
         ]),
    Case("Windows Multi-AZ HDD with backups", "aws_fsx_windows_file_system",
         {"storage_capacity": 2000, "storage_type": "HDD", "deployment_type": "MULTI_AZ_1",
          "throughput_capacity": 64}, [
             ("HDD storage (Multi-AZ)", "2000 GB", q("Storage", "Windows", "Multi-AZ", " storageType=HDD")),
             ("Throughput capacity (Multi-AZ)", "64 MBps", q("Provisioned Throughput", "Windows", "Multi-AZ")),
             ("Backup storage", "500 GB", q("Storage Snapshot", "Windows", "Multi-AZ")),
         ], usage={"backup_storage_gb": 500}),
    Case("Windows user-provisioned IOPS above 3 per GB", "aws_fsx_windows_file_system",
         {"storage_capacity": 1000, "throughput_capacity": 32,
          "disk_iops_configuration": [{"mode": "USER_PROVISIONED", "iops": 5000}]}, [
             ("SSD storage (Single-AZ)", "1000 GB", q("Storage", "Windows", "Single-AZ", " storageType=SSD")),
             ("Throughput capacity (Single-AZ)", "32 MBps", q("Provisioned Throughput", "Windows", "Single-AZ")),
             ("SSD IOPS above 3 per GB (Single-AZ)", "2000 IOPS", q("Provisioned IOPS", "Windows", "Single-AZ")),
             ("Backup storage", "? GB", q("Storage Snapshot", "Windows", "Single-AZ")),
         ]),
    Case("Lustre scratch: storage only, no backups", "aws_fsx_lustre_file_system", {"storage_capacity": 2400}, [
        ("SSD storage (Scratch_1)", "2400 GB", q("Storage", "Lustre", "Scratch_1", " storageType=SSD")),
    ]),
    Case("Lustre persistent at 125 MB/s/TiB", "aws_fsx_lustre_file_system",
         {"storage_capacity": 1200, "deployment_type": "PERSISTENT_2", "per_unit_storage_throughput": 125}, [
             ("SSD storage (Persistent_2)", "1200 GB",
              q("Storage", "Lustre", "Persistent_2", " storageType=SSD throughputCapacity=125")),
             ("Backup storage", "? GB", q("Storage Snapshot", "Lustre", "Persistent_2")),
         ]),
    Case("ONTAP Multi-AZ with a capacity pool", "aws_fsx_ontap_file_system",
         {"storage_capacity": 1024, "throughput_capacity": 128}, [
             ("SSD storage (Multi-AZ)", "1024 GB", q("Storage", "ONTAP", "Multi-AZ", " storageType=SSD")),
             ("Throughput capacity (Multi-AZ)", "128 MBps", q("Provisioned Throughput", "ONTAP", "Multi-AZ")),
             ("Capacity pool storage (Multi-AZ)", "5000 GB",
              q("Storage", "ONTAP", "Multi-AZ", " storageType=Capacity Pool")),
             ("Backup storage", "? GB", q("Storage Snapshot", "ONTAP", "Multi-AZ")),
         ], usage={"capacity_pool_storage_gb": 5000}),
    Case("ONTAP second generation: throughput per HA pair", "aws_fsx_ontap_file_system",
         {"storage_capacity": 2048, "deployment_type": "SINGLE_AZ_2", "throughput_capacity_per_ha_pair": 1536,
          "ha_pairs": 2}, [
             ("SSD storage (Single-AZ)", "2048 GB", q("Storage", "ONTAP", "Single-AZ", " storageType=SSD")),
             ("Throughput capacity (Single-AZ)", "3072 MBps", q("Provisioned Throughput", "ONTAP", "Single-AZ")),
             ("Capacity pool storage (Single-AZ)", "? GB",
              q("Storage", "ONTAP", "Single-AZ", " storageType=Capacity Pool")),
             ("Backup storage", "? GB", q("Storage Snapshot", "ONTAP", "Single-AZ")),
         ]),
    Case("OpenZFS Single-AZ 64 GB at 64 MBps", "aws_fsx_openzfs_file_system",
         {"storage_capacity": 64, "throughput_capacity": 64}, [
             ("SSD storage (Single-AZ)", "64 GB", q("Storage", "OpenZFS", "Single-AZ", " storageType=SSD")),
             ("Throughput capacity (Single-AZ)", "64 MBps", q("Provisioned Throughput", "OpenZFS", "Single-AZ")),
             ("Backup storage", "? GB", q("Storage Snapshot", "OpenZFS", "Single-AZ")),
         ]),
    Case("OpenZFS user IOPS at or below 3 per GB: nothing extra", "aws_fsx_openzfs_file_system",
         {"storage_capacity": 1000, "throughput_capacity": 160, "deployment_type": "MULTI_AZ_1",
          "disk_iops_configuration": [{"mode": "USER_PROVISIONED", "iops": 3000}]}, [
             ("SSD storage (Multi-AZ)", "1000 GB", q("Storage", "OpenZFS", "Multi-AZ", " storageType=SSD")),
             ("Throughput capacity (Multi-AZ)", "160 MBps", q("Provisioned Throughput", "OpenZFS", "Multi-AZ")),
             ("Backup storage", "? GB", q("Storage Snapshot", "OpenZFS", "Multi-AZ")),
         ]),
]

test_table = table_test(CASES)
