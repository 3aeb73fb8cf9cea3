"""Table tests: costlib.resources.aws.redshift (https://aws.amazon.com/redshift/pricing/)."""

from tests.resources.table import Case, table_test

CASES = [
    Case("two ra3.xlplus nodes and managed storage", "aws_redshift_cluster",
         {"node_type": "ra3.xlplus", "number_of_nodes": 2}, [
             ("Nodes (ra3.xlplus)", "1460 hours", "AmazonRedshift [Compute Instance] usagetype=Node:ra3.xlplus"),
             ("Managed storage (RA3)", "10000 GB", "AmazonRedshift [Redshift Managed Storage] usagetype=RMS:GB"),
         ], usage={"managed_storage_gb": 10000}),
    Case("single-node dc2.large: storage is in the node price; Spectrum, concurrency, backups from usage",
         "aws_redshift_cluster", {"node_type": "dc2.large", "cluster_type": "single-node", "number_of_nodes": 4}, [
             ("Nodes (dc2.large)", "730 hours", "AmazonRedshift [Compute Instance] usagetype=Node:dc2.large"),
             ("Concurrency scaling (dc2.large)", "20000 node-seconds",
              "AmazonRedshift [Concurrency Scaling] usagetype=CS:dc2.large"),
             ("Spectrum data scanned", "1.5 TB", "AmazonRedshift [Redshift Spectrum] usagetype=Spectrum:DataScanned"),
             ("Backup storage", "1000 GB", "AmazonRedshift [Storage Snapshot] usagetype=PaidSnapshots"),
         ], usage={"excess_concurrency_scaling_secs": 20000, "spectrum_data_scanned_tb": 1.5,
                   "backup_storage_gb": 1000}),
    Case("serverless: compute hours at the base capacity", "aws_redshiftserverless_workgroup", {"base_capacity": 32}, [
        ("Compute (32 RPU base)", "3200 RPU-hours", "AmazonRedshift [Serverless] usagetype=ServerlessUsage"),
        ("Managed storage", "? GB", "AmazonRedshift [Redshift Managed Storage] usagetype=RMS:GB"),
    ], usage={"monthly_compute_hours": 100}),
    Case("serverless without usage (default base 128 RPUs)", "aws_redshiftserverless_workgroup", {}, [
        ("Compute (128 RPU base)", "? RPU-hours", "AmazonRedshift [Serverless] usagetype=ServerlessUsage"),
        ("Managed storage", "? GB", "AmazonRedshift [Redshift Managed Storage] usagetype=RMS:GB"),
    ]),
]

test_table = table_test(CASES)
