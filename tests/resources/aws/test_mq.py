"""Table tests: costlib.resources.aws.mq (https://aws.amazon.com/amazon-mq/pricing/)."""

from tests.resources.table import Case, table_test

CASES = [
    Case("single ActiveMQ broker, EFS storage", "aws_mq_broker",
         {"engine_type": "ActiveMQ", "host_instance_type": "mq.m5.large"}, [
             ("Broker instances (ActiveMQ, single-instance, mq.m5.large)", "730 hours",
              "AmazonMQ [Broker Instances] usagetype=ActiveMQ:mq.m5.large"),
             ("Storage (EFS)", "12 GB", "AmazonMQ [Broker Storage] usagetype=TimedStorage-ByteHrs"),
         ], usage={"storage_size_gb": 12}),
    Case("active/standby ActiveMQ on EBS is two instances", "aws_mq_broker",
         {"engine_type": "activemq", "host_instance_type": "mq.m5.xlarge", "deployment_mode": "ACTIVE_STANDBY_MULTI_AZ",
          "storage_type": "ebs"}, [
             ("Broker instances (ActiveMQ, active/standby, mq.m5.xlarge)", "1460 hours",
              "AmazonMQ [Broker Instances] usagetype=ActiveMQ:mq.m5.xlarge"),
             ("Storage (EBS)", "40 GB", "AmazonMQ [Broker Storage] usagetype=TimedStorage-EBS-ByteHrs"),
         ], usage={"storage_size_gb": 20}),
    Case("RabbitMQ cluster: three instances, EBS", "aws_mq_broker",
         {"engine_type": "RabbitMQ", "host_instance_type": "mq.m5.large", "deployment_mode": "CLUSTER_MULTI_AZ"}, [
             ("Broker instances (RabbitMQ, cluster, mq.m5.large)", "2190 hours",
              "AmazonMQ [Broker Instances] usagetype=RabbitMQ:mq.m5.large"),
             ("Storage (EBS)", "? GB", "AmazonMQ [Broker Storage] usagetype=TimedStorage-EBS-ByteHrs"),
         ]),
]

test_table = table_test(CASES)
