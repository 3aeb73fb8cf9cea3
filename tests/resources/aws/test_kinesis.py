"""Table tests: costlib.resources.aws.kinesis (Kinesis Data Streams, Firehose and Flink pricing pages)."""

from tests.resources.table import Case, table_test

K = "AmazonKinesis usagetype="
KA = "AmazonKinesisAnalytics usagetype="

CASES = [
    Case("provisioned: 2 shards, 24 h retention", "aws_kinesis_stream", {"shard_count": 2}, [
        ("Shards", "1460 shard-hours", K + "Storage-ShardHour"),
        ("PUT payload units", "? 1M units", K + "PutRequestPayloadUnits"),
    ]),
    Case("provisioned with 7-day retention and PUT units", "aws_kinesis_stream",
         {"shard_count": 4, "retention_period": 168}, [
             ("Shards", "2920 shard-hours", K + "Storage-ShardHour"),
             ("PUT payload units", "250 1M units", K + "PutRequestPayloadUnits"),
             ("Extended retention (up to 7 days)", "2920 shard-hours", K + "Extended-ShardHour"),
         ], usage={"monthly_put_payload_units": 250000000}),
    Case("retention beyond 7 days adds long-term storage", "aws_kinesis_stream",
         {"shard_count": 1, "retention_period": 720}, [
             ("Shards", "730 shard-hours", K + "Storage-ShardHour"),
             ("PUT payload units", "? 1M units", K + "PutRequestPayloadUnits"),
             ("Extended retention (up to 7 days)", "730 shard-hours", K + "Extended-ShardHour"),
             ("Long-term retention (beyond 7 days)", "300 GB", K + "LongTermRetention-ByteHrs"),
         ], usage={"long_term_storage_gb": 300}),
    Case("on demand: stream hour and data in and out", "aws_kinesis_stream",
         {"stream_mode_details": [{"stream_mode": "ON_DEMAND"}]}, [
             ("Stream (on demand)", "730 hours", K + "OnDemand-StreamHour"),
             ("Data written", "1000 GB", K + "OnDemand-BilledIncomingBytes"),
             ("Data read", "2000 GB", K + "OnDemand-BilledOutgoingBytes"),
         ], usage={"monthly_data_ingested_gb": 1000, "monthly_data_retrieved_gb": 2000}),
    Case("Firehose with format conversion", "aws_kinesis_firehose_delivery_stream",
         {"destination": "extended_s3",
          "extended_s3_configuration": [{"data_format_conversion_configuration": [{"enabled": True}]}]}, [
             ("Data ingested", "3000 GB", "AmazonKinesisFirehose usagetype=BilledBytes"),
             ("Format conversion", "3000 GB", "AmazonKinesisFirehose usagetype=DataFormatConversion-Bytes"),
         ], usage={"monthly_data_ingested_gb": 3000}),
    Case("Firehose without usage", "aws_kinesis_firehose_delivery_stream", {}, [
        ("Data ingested", "? GB", "AmazonKinesisFirehose usagetype=BilledBytes"),
    ]),
    Case("SQL application with 10 KPUs", "aws_kinesis_analytics_application", {}, [
        ("Processing (KPU-hours)", "7300 KPU-hours", KA + "KPU-Hour"),
    ], usage={"kinesis_processing_units": 10}),
    Case("Flink application: KPUs, one orchestration KPU, 50 GB per KPU, backups", "aws_kinesisanalyticsv2_application",
         {"runtime_environment": "FLINK-1_18"}, [
             ("Processing (KPU-hours)", "1460 KPU-hours", KA + "KPU-Hour-Java"),
             ("Orchestration KPU", "730 KPU-hours", KA + "KPU-Hour-Java"),
             ("Running application storage", "100 GB", KA + "RunningApplicationStorage"),
             ("Durable application backups", "100 GB", KA + "DurableApplicationBackups"),
         ], usage={"kinesis_processing_units": 2, "durable_application_backup_gb": 100}),
    Case("v2 SQL runtime is priced as a SQL application", "aws_kinesisanalyticsv2_application",
         {"runtime_environment": "SQL-1_0"}, [
             ("Processing (KPU-hours)", "? KPU-hours", KA + "KPU-Hour"),
         ]),
    Case("Flink snapshot", "aws_kinesisanalyticsv2_application_snapshot", {}, [
        ("Durable application backup", "20 GB", KA + "DurableApplicationBackups"),
    ], usage={"durable_application_backup_gb": 20}),
]

test_table = table_test(CASES)
