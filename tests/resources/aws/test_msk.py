"""Table tests: costlib.resources.aws.msk (https://aws.amazon.com/msk/pricing/)."""

from tests.resources.table import Case, table_test

BROKER = "AmazonMSK [Managed Streaming for Apache Kafka] usagetype=Kafka."
STORAGE = "AmazonMSK [Storage] usagetype=Kafka.Storage.GP2"

CASES = [
    Case("three m5.large brokers with the default 1,000 GB each", "aws_msk_cluster",
         {"number_of_broker_nodes": 3, "broker_node_group_info": [{"instance_type": "kafka.m5.large"}]}, [
             ("Brokers (kafka.m5.large)", "2190 hours", BROKER + "m5.large"),
             ("Broker storage", "3000 GB", STORAGE),
         ]),
    Case("provisioned storage throughput", "aws_msk_cluster",
         {"number_of_broker_nodes": 6, "broker_node_group_info": [{
             "instance_type": "kafka.m7g.xlarge",
             "storage_info": [{"ebs_storage_info": [{"volume_size": 500, "provisioned_throughput": [
                 {"enabled": True, "volume_throughput": 250}]}]}]}]}, [
             ("Brokers (kafka.m7g.xlarge)", "4380 hours", BROKER + "m7g.xlarge"),
             ("Broker storage", "3000 GB", STORAGE),
             ("Provisioned storage throughput", "1500 MBps",
              "AmazonMSK [Provisioned Throughput] usagetype=Kafka.Storage.ProvisionedThroughput"),
         ]),
    Case("serverless cluster", "aws_msk_serverless_cluster", {}, [
        ("Serverless cluster", "730 hours", "AmazonMSK usagetype=Kafka.Serverless.Cluster"),
        ("Partitions", "36500 partition-hours", "AmazonMSK usagetype=Kafka.Serverless.Partition"),
        ("Data in", "100 GB", "AmazonMSK usagetype=Kafka.Serverless.DataIn"),
        ("Data out", "? GB", "AmazonMSK usagetype=Kafka.Serverless.DataOut"),
    ], usage={"partitions": 50, "monthly_data_in_gb": 100}),
]

test_table = table_test(CASES)
