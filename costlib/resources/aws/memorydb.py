"""Amazon MemoryDB clusters: node hours, data written and snapshot storage.

Pricing: https://aws.amazon.com/memorydb/pricing/ — node hours per node type for every node
(``num_shards`` x (``num_replicas_per_shard`` + 1)); data written per GB (usage); snapshot storage beyond the
free allowance per GB-month (usage). Valkey nodes are priced lower than Redis OSS nodes and bill no data written
up to 10 TB a month.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated

from costlib.models import CostComponent
from costlib.resources._q import aws, hourly, usage_based
from costlib.resources.registry import resource
from costlib.resources.schema import GB, AwsInputs, Count, Usage, choice, usage_key

__all__ = ["aws_memorydb_cluster"]


class MemorydbCluster(AwsInputs):
    node_type: str
    engine: Annotated[str, choice("redis", "valkey")] = "redis"
    num_shards: Count = 1
    num_replicas_per_shard: Count = 1


class MemorydbUsage(Usage):
    monthly_data_written_gb: GB | None = usage_key("Data written to the cluster a month", unit="GB")
    snapshot_storage_size_gb: GB | None = usage_key("Snapshot storage beyond the free allowance", unit="GB")


@resource("aws_memorydb_cluster", example={"node_type": "db.r6g.large", "num_shards": 2})
def aws_memorydb_cluster(i: MemorydbCluster, u: MemorydbUsage) -> list[CostComponent]:
    """A MemoryDB cluster: ``num_shards`` x (``num_replicas_per_shard`` + 1) nodes of ``node_type``; data written and
    snapshots from usage. Pricing: https://aws.amazon.com/memorydb/pricing/
    """
    nodes = Decimal(i.num_shards) * (i.num_replicas_per_shard + 1)
    engine = "Valkey" if i.engine == "valkey" else "Redis"
    out = [hourly(f"Nodes ({engine}, {i.node_type})",
                  aws("AmazonMemoryDB", i.region, "Amazon MemoryDB", usagetype=f"NodeUsage:{i.node_type}"), nodes)]
    out.append(usage_based("Data written", aws("AmazonMemoryDB", i.region, usagetype="DataWritten-Bytes"),
                           u.monthly_data_written_gb, unit="GB", usage_key="monthly_data_written_gb"))
    if u.snapshot_storage_size_gb is not None:
        out.append(usage_based("Snapshot storage", aws("AmazonMemoryDB", i.region, usagetype="SnapshotUsage"),
                               u.snapshot_storage_size_gb, unit="GB", usage_key="snapshot_storage_size_gb"))
    return out
