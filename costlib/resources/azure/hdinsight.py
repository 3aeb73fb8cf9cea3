"""Azure HDInsight clusters (Hadoop, HBase, Interactive Query, Kafka, Spark).

Pricing: https://azure.microsoft.com/pricing/details/hdinsight/ - every node of the cluster is billed per hour
at its VM size's HDInsight rate: 2 head nodes, ``worker_node.target_instance_count`` workers and 3 ZooKeeper
nodes (each node's 128 GB managed OS disk is included). Kafka workers also bill their
``number_of_disks_per_node`` data disks (1 TiB each: P30 on sizes that take Premium storage, else S30) as managed
disks (https://learn.microsoft.com/azure/hdinsight/hdinsight-supported-node-configuration).
"""

from __future__ import annotations

import re
from decimal import Decimal

from costlib.errors import InputError
from costlib.models import CostComponent
from costlib.resources._q import azure, hourly
from costlib.resources.azure._common import DiskUsage, disk_components, premium_storage_capable
from costlib.resources.registry import resource
from costlib.resources.schema import AzureInputs, Block, Count, Model, Quantity, Usage, usage_key

__all__ = ["azurerm_hdinsight_hadoop_cluster", "azurerm_hdinsight_hbase_cluster",
           "azurerm_hdinsight_interactive_query_cluster", "azurerm_hdinsight_kafka_cluster",
           "azurerm_hdinsight_spark_cluster", "node_size"]


def node_size(vm_size: str) -> str:
    """HDInsight's meter spelling of a VM size: ``Standard_D13_V2`` -> ``D13 v2``, ``A5`` -> ``A5``.

    >>> node_size("Standard_D13_V2"), node_size("standard_e8_v3"), node_size("A5")
    ('D13 v2', 'E8 v3', 'A5')
    """
    name = re.sub(r"^(standard|basic)_", "", vm_size.strip(), flags=re.IGNORECASE)
    parts = name.split("_")
    head = parts[0][:1].upper() + parts[0][1:]
    rest = [p.lower() for p in parts[1:]]
    return " ".join([head, *rest])


class Node(Model):
    vm_size: str


class WorkerNode(Node):
    target_instance_count: Count = 1
    number_of_disks_per_node: Count | None = None


class Roles(Model):
    head_node: Block[Node] = None
    worker_node: Block[WorkerNode] = None
    zookeeper_node: Block[Node] = None


class Cluster(AzureInputs):
    tier: str = "Standard"
    roles: Block[Roles] = None


class ClusterUsage(Usage):
    monthly_os_disk_operations: Quantity | None = usage_key(
        "Kafka: data disk operations a month per disk (Standard HDD bills them)", unit="operations")


def _nodes(kind: str, i: Cluster) -> list[CostComponent]:
    roles = i.roles
    if roles is None or roles.head_node is None or roles.worker_node is None or roles.zookeeper_node is None:
        raise InputError("roles.head_node, roles.worker_node and roles.zookeeper_node (each with vm_size) are required")
    out = []
    for label, node, count in (("Head nodes", roles.head_node, 2),
                               ("Worker nodes", roles.worker_node, roles.worker_node.target_instance_count),
                               ("ZooKeeper nodes", roles.zookeeper_node, 3)):
        size = node_size(node.vm_size)
        out.append(hourly(f"{label} ({kind}, {count} x {size})",
                          azure("HDInsight", i.region, skuName=size), Decimal(count),
                          unit="node-hours"))
    return out


@resource("azurerm_hdinsight_hadoop_cluster", example={"roles": [{"head_node": [{"vm_size": "Standard_D3_V2"}],
                                                                   "worker_node": [{"vm_size": "Standard_D4_V2",
                                                                                    "target_instance_count": 3}],
                                                                   "zookeeper_node": [{"vm_size": "Standard_D3_V2"}]}]})
def azurerm_hdinsight_hadoop_cluster(i: Cluster) -> list[CostComponent]:
    """A Hadoop cluster: 2 head, ``target_instance_count`` worker and 3 ZooKeeper nodes per node-hour.

    Pricing: https://azure.microsoft.com/pricing/details/hdinsight/
    """
    return _nodes("Hadoop", i)


@resource("azurerm_hdinsight_hbase_cluster", example={"roles": [{"head_node": [{"vm_size": "Standard_D3_V2"}],
                                                                  "worker_node": [{"vm_size": "Standard_D4_V2",
                                                                                   "target_instance_count": 3}],
                                                                  "zookeeper_node": [{"vm_size": "Standard_D3_V2"}]}]})
def azurerm_hdinsight_hbase_cluster(i: Cluster) -> list[CostComponent]:
    """An HBase cluster: 2 head, ``target_instance_count`` worker and 3 ZooKeeper nodes per node-hour.

    Pricing: https://azure.microsoft.com/pricing/details/hdinsight/
    """
    return _nodes("HBase", i)


@resource("azurerm_hdinsight_interactive_query_cluster",
          example={"roles": [{"head_node": [{"vm_size": "Standard_D13_V2"}],
                              "worker_node": [{"vm_size": "Standard_D14_V2", "target_instance_count": 3}],
                              "zookeeper_node": [{"vm_size": "Standard_A4_V2"}]}]})
def azurerm_hdinsight_interactive_query_cluster(i: Cluster) -> list[CostComponent]:
    """An Interactive Query (LLAP) cluster: 2 head, ``target_instance_count`` worker and 3 ZooKeeper nodes.

    Pricing: https://azure.microsoft.com/pricing/details/hdinsight/
    """
    return _nodes("Interactive Query", i)


@resource("azurerm_hdinsight_spark_cluster", example={"roles": [{"head_node": [{"vm_size": "Standard_E8_V3"}],
                                                                  "worker_node": [{"vm_size": "Standard_E8_V3",
                                                                                   "target_instance_count": 3}],
                                                                  "zookeeper_node": [{"vm_size": "Standard_A2_V2"}]}]})
def azurerm_hdinsight_spark_cluster(i: Cluster) -> list[CostComponent]:
    """A Spark cluster: 2 head, ``target_instance_count`` worker and 3 ZooKeeper nodes per node-hour.

    Pricing: https://azure.microsoft.com/pricing/details/hdinsight/
    """
    return _nodes("Spark", i)


@resource("azurerm_hdinsight_kafka_cluster", example={"roles": [{"head_node": [{"vm_size": "Standard_D3_V2"}],
                                                                  "worker_node": [{"vm_size": "Standard_D4_V2",
                                                                                   "target_instance_count": 3,
                                                                                   "number_of_disks_per_node": 2}],
                                                                  "zookeeper_node": [{"vm_size": "Standard_D3_V2"}]}]})
def azurerm_hdinsight_kafka_cluster(i: Cluster, u: ClusterUsage) -> list[CostComponent]:
    """A Kafka cluster: its nodes per node-hour, plus each worker's ``number_of_disks_per_node`` 1 TiB data disks
    (P30 where the worker size takes Premium storage, else S30 with disk operations from usage).

    Pricing: https://azure.microsoft.com/pricing/details/hdinsight/
    """
    out = _nodes("Kafka", i)
    worker = i.roles.worker_node if i.roles else None
    if worker is None or not worker.number_of_disks_per_node:
        raise InputError("roles.worker_node.number_of_disks_per_node is required for a Kafka cluster")
    disks = Decimal(worker.number_of_disks_per_node * worker.target_instance_count)
    kind = "Premium_LRS" if premium_storage_capable(worker.vm_size) else "Standard_LRS"
    out += disk_components(i.region, kind, Decimal(1024), label="Kafka data disks", count=disks,
                           usage=DiskUsage(monthly_disk_operations=u.monthly_os_disk_operations))
    return out
