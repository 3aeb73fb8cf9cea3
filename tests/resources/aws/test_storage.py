"""Table tests: costlib.resources.aws.storage."""

from tests.resources.table import Case, table_test

CASES = [
    Case(
        "ddb ondemand",
        "aws_dynamodb_table",
        {"billing_mode": "PAY_PER_REQUEST"},
        [
            ("Write request units", "1000000 WRUs", "AmazonDynamoDB usagetype=WriteRequestUnits"),
            ("Read request units", "? RRUs", "AmazonDynamoDB usagetype=ReadRequestUnits"),
            ("Storage", "? GB", "AmazonDynamoDB usagetype=TimedStorage-ByteHrs"),
        ],
        usage={"monthly_write_request_units": 1000000},
    ),
    Case(
        "ddb prov",
        "aws_dynamodb_table",
        {"write_capacity": 5, "read_capacity": 10},
        [
            ("Provisioned write capacity", "3650 WCU-hours", "AmazonDynamoDB usagetype=WriteCapacityUnit-Hrs"),
            ("Provisioned read capacity", "7300 RCU-hours", "AmazonDynamoDB usagetype=ReadCapacityUnit-Hrs"),
            ("Storage", "? GB", "AmazonDynamoDB usagetype=TimedStorage-ByteHrs"),
        ],
    ),
    Case(
        "sqs 128KB",
        "aws_sqs_queue",
        {"fifo_queue": True},
        [
            ("Requests (FIFO)", "2000000 requests", "AWSQueueService usagetype=Requests-FIFO-Tier1"),
        ],
        usage={"monthly_requests": 1000000, "request_size_kb": 128},
    ),
    Case(
        "logs",
        "aws_cloudwatch_log_group",
        {},
        [
            ("Data ingested", "10 GB", "AmazonCloudWatch usagetype=DataProcessing-Bytes"),
            ("Archival storage", "? GB", "AmazonCloudWatch usagetype=TimedStorage-ByteHrs"),
            ("Insights queries data scanned", "5 GB", "AmazonCloudWatch usagetype=DataScanned-Bytes"),
        ],
        usage={"monthly_data_ingested_gb": 10, "monthly_data_scanned_gb": 5},
    ),
    Case("an on-demand Standard-IA table", "aws_dynamodb_table",
         {"billing_mode": "PAY_PER_REQUEST", "table_class": "STANDARD_INFREQUENT_ACCESS"}, [
             ("Write request units (Standard-IA)", "1000 WRUs", "AmazonDynamoDB usagetype=IA-WriteRequestUnits"),
             ("Read request units (Standard-IA)", "? RRUs", "AmazonDynamoDB usagetype=IA-ReadRequestUnits"),
             ("Storage (Standard-IA)", "500 GB", "AmazonDynamoDB usagetype=IA-TimedStorage-ByteHrs"),
         ], usage={"monthly_write_request_units": 1000, "storage_gb": 500}),
    Case("provisioned capacity includes the global secondary indexes'", "aws_dynamodb_table",
         {"write_capacity": 5, "read_capacity": 10, "global_secondary_index": [{"write_capacity": 5,
                                                                                "read_capacity": 5}]}, [
             ("Provisioned write capacity", "7300 WCU-hours", "AmazonDynamoDB usagetype=WriteCapacityUnit-Hrs"),
             ("Provisioned read capacity", "10950 RCU-hours", "AmazonDynamoDB usagetype=ReadCapacityUnit-Hrs"),
             ("Storage", "? GB", "AmazonDynamoDB usagetype=TimedStorage-ByteHrs"),
         ]),
    Case("PITR, on-demand backups, restores and streams", "aws_dynamodb_table",
         {"billing_mode": "PAY_PER_REQUEST", "point_in_time_recovery": [{"enabled": True}], "stream_enabled": True}, [
             ("Write request units", "? WRUs", "AmazonDynamoDB usagetype=WriteRequestUnits"),
             ("Read request units", "? RRUs", "AmazonDynamoDB usagetype=ReadRequestUnits"),
             ("Storage", "230 GB", "AmazonDynamoDB usagetype=TimedStorage-ByteHrs"),
             ("Point-in-time recovery backups", "2300 GB", "AmazonDynamoDB usagetype=TimedPITRStorage-ByteHrs"),
             ("On-demand backups", "460 GB", "AmazonDynamoDB usagetype=TimedBackupStorage-ByteHrs"),
             ("Restores", "230 GB", "AmazonDynamoDB usagetype=RestoreDataSize-Bytes"),
             ("Streams read requests", "? requests", "AmazonDynamoDB usagetype=Streams-Requests"),
         ], usage={"storage_gb": 230, "pitr_backup_storage_gb": 2300, "on_demand_backup_storage_gb": 460,
                   "monthly_data_restored_gb": 230}),
    Case("a global table: replicated writes and storage in each replica region", "aws_dynamodb_table",
         {"billing_mode": "PAY_PER_REQUEST", "replica": [{"region_name": "eu-west-1"}]}, [
             ("Write request units", "3000000 WRUs", "AmazonDynamoDB usagetype=WriteRequestUnits"),
             ("Read request units", "? RRUs", "AmazonDynamoDB usagetype=ReadRequestUnits"),
             ("Storage", "100 GB", "AmazonDynamoDB usagetype=TimedStorage-ByteHrs"),
             ("Replicated write request units (eu-west-1)", "3000000 rWRUs",
              "AmazonDynamoDB usagetype=ReplWriteRequestUnits"),
             ("Replica storage (eu-west-1)", "100 GB", "AmazonDynamoDB usagetype=TimedStorage-ByteHrs"),
         ], usage={"monthly_write_request_units": 3_000_000, "storage_gb": 100}),
    Case("a provisioned global table replicates its write capacity", "aws_dynamodb_table",
         {"write_capacity": 10, "replica": [{"region_name": "us-west-2"}]}, [
             ("Provisioned write capacity", "7300 WCU-hours", "AmazonDynamoDB usagetype=WriteCapacityUnit-Hrs"),
             ("Storage", "? GB", "AmazonDynamoDB usagetype=TimedStorage-ByteHrs"),
             ("Replicated write capacity (us-west-2)", "7300 rWCU-hours",
              "AmazonDynamoDB usagetype=ReplWriteCapacityUnit-Hrs"),
             ("Replica storage (us-west-2)", "? GB", "AmazonDynamoDB usagetype=TimedStorage-ByteHrs"),
         ]),
    Case(
        "kms",
        "aws_kms_key",
        {},
        [
            ("Customer managed key", "1 months", "awskms usagetype=KMS-Keys"),
            ("Requests", "? requests", "awskms usagetype=KMS-Requests"),
        ],
    ),
]

test_table = table_test(CASES)
