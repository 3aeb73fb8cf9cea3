"""Amazon OpenSearch Service (and Elasticsearch) domains and OpenSearch Serverless collections.

Pricing: https://aws.amazon.com/opensearch-service/pricing/ — instance hours for data nodes
(``cluster_config.instance_count`` of ``instance_type``), dedicated master nodes and UltraWarm nodes; EBS storage
per GB-month of each data node (gp2, gp3, io1; gp3 IOPS above 3,000 and throughput above 125 MiB/s, io1 IOPS);
UltraWarm managed storage from usage. Serverless bills OpenSearch Compute Units for indexing and search per
OCU-hour and managed storage per GB-month (the account's minimum OCUs are shared by its collections), from usage.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated

from costlib.errors import InputError
from costlib.models import CostComponent
from costlib.resources._q import aws, hourly, monthly, usage_based
from costlib.resources.registry import resource
from costlib.resources.schema import GB, AwsInputs, Block, Count, Hours, Model, Rate, Usage, choice, usage_key

__all__ = ["aws_elasticsearch_domain", "aws_opensearch_domain", "aws_opensearch_serverless_collection"]


class ClusterConfig(Model):
    instance_type: str | None = None
    instance_count: Count = 1
    dedicated_master_enabled: bool = False
    dedicated_master_type: str | None = None
    dedicated_master_count: Count = 3
    warm_enabled: bool = False
    warm_type: str | None = None
    warm_count: Count = 0


class EbsOptions(Model):
    ebs_enabled: bool = True
    volume_type: Annotated[str, choice("standard", "gp2", "gp3", "io1")] = "gp2"
    volume_size: GB = Decimal(10)
    iops: Rate | None = None
    throughput: Rate | None = None


class Domain(AwsInputs):
    cluster_config: Block[ClusterConfig] = None
    ebs_options: Block[EbsOptions] = None


class DomainUsage(Usage):
    ultrawarm_storage_gb: GB | None = usage_key("Data in UltraWarm managed storage", unit="GB")


def _itype(name: str) -> str:
    """``m5.large.search`` / ``m5.large.elasticsearch`` -> ``m5.large`` (the usage type's name)."""
    for suffix in (".search", ".elasticsearch"):
        if name.endswith(suffix):
            return name[: -len(suffix)]
    return name


_STORAGE = {"gp2": "ES:GP2-Storage", "gp3": "ES:GP3-Storage", "io1": "ES:PIOPS-Storage",
            "standard": "ES:Magnetic-Storage"}


def _domain(i: Domain, u: DomainUsage) -> list[CostComponent]:
    cc = i.cluster_config or ClusterConfig()
    if not cc.instance_type:
        raise InputError("cluster_config.instance_type is needed to price the data nodes")
    nodes = Decimal(max(1, cc.instance_count))
    itype = _itype(cc.instance_type)
    out = [hourly(f"Data nodes ({cc.instance_type})", aws("AmazonES", i.region, "Amazon OpenSearch Service Instance",
                                                          usagetype=f"ESInstance:{itype}"), nodes)]
    if cc.dedicated_master_enabled:
        mtype = cc.dedicated_master_type or cc.instance_type
        out.append(hourly(f"Dedicated master nodes ({mtype})",
                          aws("AmazonES", i.region, "Amazon OpenSearch Service Instance",
                              usagetype=f"ESInstance:{_itype(mtype)}"), Decimal(cc.dedicated_master_count)))
    if cc.warm_enabled and cc.warm_type and cc.warm_count:
        out.append(hourly(f"UltraWarm nodes ({cc.warm_type})",
                          aws("AmazonES", i.region, "Amazon OpenSearch Service Instance",
                              usagetype=f"ESInstance:{_itype(cc.warm_type)}"), Decimal(cc.warm_count)))
        out.append(usage_based("UltraWarm managed storage", aws("AmazonES", i.region, usagetype="ES:ManagedStorage"),
                               u.ultrawarm_storage_gb, unit="GB", usage_key="ultrawarm_storage_gb"))
    ebs = i.ebs_options or EbsOptions()
    if ebs.ebs_enabled:
        vt = ebs.volume_type
        out.append(monthly(f"EBS storage ({vt})", aws("AmazonES", i.region, "Amazon OpenSearch Service Volume",
                                                      usagetype=_STORAGE[vt]), ebs.volume_size * nodes, unit="GB"))
        if vt == "gp3":
            base_iops, base_tp = Decimal(3000), Decimal(125)  # included with each gp3 volume
            extra_iops = max(Decimal(0), (ebs.iops or base_iops) - base_iops)
            extra_tp = max(Decimal(0), (ebs.throughput or base_tp) - base_tp)
            if extra_iops:
                out.append(monthly("gp3 IOPS above the included amount",
                                   aws("AmazonES", i.region, usagetype="ES:GP3-PIOPS"), extra_iops * nodes,
                                   unit="IOPS"))
            if extra_tp:
                out.append(monthly("gp3 throughput above the included amount",
                                   aws("AmazonES", i.region, usagetype="ES:GP3-Throughput"), extra_tp * nodes,
                                   unit="MiBps"))
        elif vt == "io1":
            out.append(monthly("Provisioned IOPS (io1)", aws("AmazonES", i.region, usagetype="ES:PIOPS"),
                               (ebs.iops or Decimal(1000)) * nodes, unit="IOPS"))
    return out


@resource("aws_opensearch_domain", example={"cluster_config": [{"instance_type": "m6g.large.search",
                                                                "instance_count": 2}],
                                            "ebs_options": [{"ebs_enabled": True, "volume_type": "gp3",
                                                             "volume_size": 100}]})
def aws_opensearch_domain(i: Domain, u: DomainUsage) -> list[CostComponent]:
    """An OpenSearch domain: data, master and UltraWarm node hours and EBS storage of each data node.
    Pricing: https://aws.amazon.com/opensearch-service/pricing/
    """
    return _domain(i, u)


@resource("aws_elasticsearch_domain", example={"cluster_config": [{"instance_type": "m5.large.elasticsearch"}],
                                               "ebs_options": [{"ebs_enabled": True, "volume_size": 20}]})
def aws_elasticsearch_domain(i: Domain, u: DomainUsage) -> list[CostComponent]:
    """An Elasticsearch domain (the older name of OpenSearch Service): priced as an OpenSearch domain.
    Pricing: https://aws.amazon.com/opensearch-service/pricing/
    """
    return _domain(i, u)


class Collection(AwsInputs):
    type: Annotated[str, choice("SEARCH", "TIMESERIES", "VECTORSEARCH")] = "TIMESERIES"
    standby_replicas: Annotated[str, choice("ENABLED", "DISABLED")] = "ENABLED"


class CollectionUsage(Usage):
    monthly_indexing_ocu_hours: Hours | None = usage_key("Indexing OCU-hours a month", unit="OCU-hours")
    monthly_search_ocu_hours: Hours | None = usage_key("Search OCU-hours a month", unit="OCU-hours")
    storage_gb: GB | None = usage_key("Managed storage of the collection", unit="GB")


@resource("aws_opensearch_serverless_collection", example={"type": "SEARCH"})
def aws_opensearch_serverless_collection(i: Collection, u: CollectionUsage) -> list[CostComponent]:
    """An OpenSearch Serverless collection: indexing and search OCU-hours and managed storage, from usage.
    Pricing: https://aws.amazon.com/opensearch-service/pricing/ (Serverless)
    """
    return [
        usage_based("Indexing compute", aws("AmazonES", i.region, usagetype="IndexingOCU"),
                    u.monthly_indexing_ocu_hours, unit="OCU-hours", usage_key="monthly_indexing_ocu_hours"),
        usage_based("Search compute", aws("AmazonES", i.region, usagetype="SearchOCU"),
                    u.monthly_search_ocu_hours, unit="OCU-hours", usage_key="monthly_search_ocu_hours"),
        usage_based("Managed storage", aws("AmazonES", i.region, usagetype="ES:ManagedStorage"), u.storage_gb,
                    unit="GB", usage_key="storage_gb"),
    ]
