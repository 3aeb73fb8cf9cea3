"""Table tests: costlib.resources.aws.flowlogs (https://aws.amazon.com/cloudwatch/pricing/, vended logs)."""

from tests.resources.table import Case, table_test

CASES = [
    Case("a flow log to CloudWatch Logs (the default), 100 GB", "aws_flow_log", {"traffic_type": "ALL"}, [
        ("Vended logs delivered to CloudWatch Logs", "100 GB", "AmazonCloudWatch usagetype=VendedLog-Bytes"),
    ], usage={"monthly_data_ingested_gb": 100}),
    Case("a flow log to S3 without usage", "aws_flow_log", {"log_destination_type": "s3"}, [
        ("Vended logs delivered to S3", "? GB", "AmazonCloudWatch usagetype=S3-Egress-Bytes"),
    ]),
    Case("a flow log to S3 in Parquet adds the conversion", "aws_flow_log",
         {"log_destination_type": "s3", "destination_options": [{"file_format": "parquet"}]}, [
             ("Vended logs delivered to S3", "40 GB", "AmazonCloudWatch usagetype=S3-Egress-Bytes"),
             ("Conversion to Apache Parquet", "40 GB", "AmazonCloudWatch usagetype=S3-Egress-InputBytes"),
         ], usage={"monthly_data_ingested_gb": 40}),
    Case("a flow log to Kinesis Data Firehose", "aws_flow_log", {"log_destination_type": "kinesis-data-firehose"}, [
        ("Vended logs delivered to Kinesis Data Firehose", "5 GB", "AmazonCloudWatch usagetype=FH-Egress-Bytes"),
    ], usage={"monthly_data_ingested_gb": 5}),
    Case("a traffic mirror session, all month", "aws_ec2_traffic_mirror_session", {"network_interface_id": "eni-1"}, [
        ("Traffic mirror session", "730 session-hours", "AmazonVPC usagetype=TrafficMirror-ENI-Hours"),
    ]),
]

test_table = table_test(CASES)
