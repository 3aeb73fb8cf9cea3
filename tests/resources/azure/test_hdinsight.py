"""Table tests: costlib.resources.azure.hdinsight (every node per node-hour; Kafka data disks)."""

import pytest

from costlib.errors import InputError
from costlib.inputs.typed import parse
from costlib.models import ResourceSpec
from tests.resources.table import Case, table_test

CASES = [
    Case(
        "hadoop: 2 head, 4 workers, 3 zookeepers",
        "azurerm_hdinsight_hadoop_cluster",
        {
            "roles": [
                {
                    "head_node": [{"vm_size": "Standard_D3_V2"}],
                    "worker_node": [{"vm_size": "Standard_D4_V2", "target_instance_count": 4}],
                    "zookeeper_node": [{"vm_size": "Standard_A2_V2"}],
                }
            ]
        },
        [
            ("Head nodes (Hadoop, 2 x D3 v2)", "1460 node-hours", "HDInsight skuName=D3 v2"),
            ("Worker nodes (Hadoop, 4 x D4 v2)", "2920 node-hours", "HDInsight skuName=D4 v2"),
            ("ZooKeeper nodes (Hadoop, 3 x A2 v2)", "2190 node-hours", "HDInsight skuName=A2 v2"),
        ],
    ),
    Case(
        "hbase",
        "azurerm_hdinsight_hbase_cluster",
        {
            "roles": [
                {
                    "head_node": [{"vm_size": "Standard_D3_V2"}],
                    "worker_node": [{"vm_size": "Standard_D4_V2", "target_instance_count": 4}],
                    "zookeeper_node": [{"vm_size": "Standard_A2_V2"}],
                }
            ]
        },
        [
            ("Head nodes (HBase, 2 x D3 v2)", "1460 node-hours", "HDInsight skuName=D3 v2"),
            ("Worker nodes (HBase, 4 x D4 v2)", "2920 node-hours", "HDInsight skuName=D4 v2"),
            ("ZooKeeper nodes (HBase, 3 x A2 v2)", "2190 node-hours", "HDInsight skuName=A2 v2"),
        ],
    ),
    Case(
        "interactive query",
        "azurerm_hdinsight_interactive_query_cluster",
        {
            "roles": [
                {
                    "head_node": [{"vm_size": "Standard_D3_V2"}],
                    "worker_node": [{"vm_size": "Standard_D4_V2", "target_instance_count": 4}],
                    "zookeeper_node": [{"vm_size": "Standard_A2_V2"}],
                }
            ]
        },
        [
            ("Head nodes (Interactive Query, 2 x D3 v2)", "1460 node-hours", "HDInsight skuName=D3 v2"),
            ("Worker nodes (Interactive Query, 4 x D4 v2)", "2920 node-hours", "HDInsight skuName=D4 v2"),
            ("ZooKeeper nodes (Interactive Query, 3 x A2 v2)", "2190 node-hours", "HDInsight skuName=A2 v2"),
        ],
    ),
    Case(
        "spark with memory-optimised workers",
        "azurerm_hdinsight_spark_cluster",
        {
            "roles": [
                {
                    "head_node": [{"vm_size": "Standard_E8_V3"}],
                    "worker_node": [{"vm_size": "Standard_E16_V3", "target_instance_count": 2}],
                    "zookeeper_node": [{"vm_size": "Standard_A2_V2"}],
                }
            ]
        },
        [
            ("Head nodes (Spark, 2 x E8 v3)", "1460 node-hours", "HDInsight skuName=E8 v3"),
            ("Worker nodes (Spark, 2 x E16 v3)", "1460 node-hours", "HDInsight skuName=E16 v3"),
            ("ZooKeeper nodes (Spark, 3 x A2 v2)", "2190 node-hours", "HDInsight skuName=A2 v2"),
        ],
    ),
    Case(
        "kafka: 3 workers x 2 data disks; D4_V2 takes no Premium storage: S30",
        "azurerm_hdinsight_kafka_cluster",
        {
            "roles": [
                {
                    "head_node": [{"vm_size": "Standard_D3_V2"}],
                    "worker_node": [{"vm_size": "Standard_D4_V2", "target_instance_count": 3, "number_of_disks_per_node": 2}],
                    "zookeeper_node": [{"vm_size": "Standard_D3_V2"}],
                }
            ]
        },
        [
            ("Head nodes (Kafka, 2 x D3 v2)", "1460 node-hours", "HDInsight skuName=D3 v2"),
            ("Worker nodes (Kafka, 3 x D4 v2)", "2190 node-hours", "HDInsight skuName=D4 v2"),
            ("ZooKeeper nodes (Kafka, 3 x D3 v2)", "2190 node-hours", "HDInsight skuName=D3 v2"),
            (
                "Kafka data disks (S30 LRS, 1024 GiB tier)",
                "6 months",
                "Storage meterName=S30 LRS Disk productName=Standard HDD Managed Disks skuName=S30 LRS",
            ),
            (
                "Kafka data disks operations (S30 LRS)",
                "600 10K operations",
                "Storage meterName=S30 LRS Disk Operations productName=Standard HDD Managed Disks skuName=S30 LRS",
            ),
        ],
        usage={"monthly_os_disk_operations": 1000000},
    ),
    Case(
        "kafka on DS workers: P30 data disks",
        "azurerm_hdinsight_kafka_cluster",
        {
            "roles": [
                {
                    "head_node": [{"vm_size": "Standard_D3_V2"}],
                    "worker_node": [{"vm_size": "Standard_DS4_V2", "target_instance_count": 3, "number_of_disks_per_node": 1}],
                    "zookeeper_node": [{"vm_size": "Standard_D3_V2"}],
                }
            ]
        },
        [
            ("Head nodes (Kafka, 2 x D3 v2)", "1460 node-hours", "HDInsight skuName=D3 v2"),
            ("Worker nodes (Kafka, 3 x DS4 v2)", "2190 node-hours", "HDInsight skuName=DS4 v2"),
            ("ZooKeeper nodes (Kafka, 3 x D3 v2)", "2190 node-hours", "HDInsight skuName=D3 v2"),
            (
                "Kafka data disks (P30 LRS, 1024 GiB tier)",
                "3 months",
                "Storage meterName=P30 LRS Disk productName=Premium SSD Managed Disks skuName=P30 LRS",
            ),
        ],
    ),
]

test_table = table_test(CASES)


def test_missing_roles_and_kafka_disks_are_refused() -> None:
    for rtype, attrs, match in (
        ("azurerm_hdinsight_spark_cluster", {}, "roles.head_node"),
        (
            "azurerm_hdinsight_kafka_cluster",
            {
                "roles": [
                    {
                        "head_node": [{"vm_size": "A4"}],
                        "worker_node": [{"vm_size": "A4"}],
                        "zookeeper_node": [{"vm_size": "A4"}],
                    }
                ]
            },
            "number_of_disks_per_node",
        ),
    ):
        part = parse(ResourceSpec(address=f"{rtype}.x", type=rtype, provider="azure", region="eastus", attributes=attrs)).parts[
            0
        ]
        with pytest.raises(InputError, match=match):
            part.rtype.price(part.inputs, part.usage)
