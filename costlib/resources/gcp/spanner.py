"""GCP Cloud Spanner instances: compute capacity per node-hour and storage.

Pricing: https://cloud.google.com/spanner/pricing - compute is billed per node-hour (1 node = 1,000 processing
units; 100 processing units are a tenth of a node) by edition (STANDARD default, ENTERPRISE, ENTERPRISE_PLUS) and
instance configuration (a regional configuration ``regional-<region>`` or a multi-region such as ``nam3``);
storage per GB-month and backups per GB-month by configuration.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated

from costlib.models import CostComponent
from costlib.resources._q import gcp, hourly, usage_based
from costlib.resources.registry import resource
from costlib.resources.schema import GB, Block, Count, GcpInputs, Model, Usage, choice, usage_key

__all__ = ["google_spanner_instance", "spanner_location"]


def spanner_location(config: str) -> str:
    """The price location of an instance configuration.

    >>> spanner_location("regional-us-central1"), spanner_location("projects/p/instanceConfigs/nam3")
    ('us-central1', 'nam3')
    """
    name = config.rsplit("/", 1)[-1].lower()
    return name.removeprefix("regional-")


class AutoscalingLimits(Model):
    min_nodes: Count | None = None
    min_processing_units: Count | None = None


class AutoscalingConfig(Model):
    autoscaling_limits: Block[AutoscalingLimits] = None


class SpannerInstance(GcpInputs):
    config: str
    num_nodes: Count | None = None
    processing_units: Count | None = None
    edition: Annotated[str, choice("STANDARD", "ENTERPRISE", "ENTERPRISE_PLUS", "EDITION_UNSPECIFIED")] = "STANDARD"
    autoscaling_config: Block[AutoscalingConfig] = None


class SpannerUsage(Usage):
    storage_gb: GB | None = usage_key("Data stored", unit="GB")
    backup_storage_gb: GB | None = usage_key("Backup storage", unit="GB")


@resource("google_spanner_instance", example={"config": "regional-us-central1", "num_nodes": 1})
def google_spanner_instance(i: SpannerInstance, u: SpannerUsage) -> list[CostComponent]:
    """A Spanner instance: ``num_nodes`` or ``processing_units`` / 1000 (autoscaled: its minimum) node-hours of
    ``edition`` in ``config``'s location, storage and backups per GB-month (usage).

    Pricing: https://cloud.google.com/spanner/pricing
    """
    loc = spanner_location(i.config)
    limits = (i.autoscaling_config.autoscaling_limits if i.autoscaling_config else None) or AutoscalingLimits()
    if i.num_nodes is not None:
        nodes = Decimal(i.num_nodes)
    elif i.processing_units is not None:
        nodes = Decimal(i.processing_units) / Decimal(1000)
    elif limits.min_nodes is not None:
        nodes = Decimal(limits.min_nodes)
    elif limits.min_processing_units is not None:
        nodes = Decimal(limits.min_processing_units) / Decimal(1000)
    else:
        nodes = Decimal(1)
    edition = "STANDARD" if i.edition == "EDITION_UNSPECIFIED" else i.edition
    return [hourly(f"Compute ({edition.lower()}, {nodes} node(s))",
                   gcp("Cloud Spanner", loc, resource="compute", edition=edition), nodes, unit="node-hours"),
            usage_based("Storage", gcp("Cloud Spanner", loc, resource="storage"), u.storage_gb, unit="GB",
                        usage_key="storage_gb"),
            usage_based("Backup storage", gcp("Cloud Spanner", loc, resource="backup"), u.backup_storage_gb,
                        unit="GB", usage_key="backup_storage_gb")]
