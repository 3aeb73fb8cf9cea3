"""GCP Cloud Monitoring custom metrics.

Pricing: https://cloud.google.com/stackdriver/pricing#monitoring-costs - chargeable metric data per MiB ingested,
tiered by monthly volume (the first 150 MiB a billing account are free: not subtracted), and read API calls per
1,000 (write calls are free; the first million reads are free per billing account).
"""

from __future__ import annotations

from decimal import Decimal

from costlib.models import CostComponent
from costlib.resources._q import gcp, usage_based
from costlib.resources.registry import resource
from costlib.resources.schema import MB, GcpInputs, Quantity, Usage, usage_key

__all__ = ["google_monitoring_metric_descriptor"]


class MetricDescriptor(GcpInputs):
    metric_kind: str = "GAUGE"
    value_type: str = "DOUBLE"


class MetricUsage(Usage):
    monthly_monitoring_data_mb: MB | None = usage_key("Metric data ingested a month (chargeable metrics)",
                                                      unit="MB")
    monthly_api_calls: Quantity | None = usage_key("Read API calls a month (writes are free)", unit="calls")


@resource("google_monitoring_metric_descriptor", example={"metric_kind": "GAUGE", "value_type": "DOUBLE"})
def google_monitoring_metric_descriptor(i: MetricDescriptor, u: MetricUsage) -> list[CostComponent]:
    """A custom metric: data ingested per MiB, tiered by volume (usage ``monthly_monitoring_data_mb``), and read
    API calls per 1,000 (usage ``monthly_api_calls``).

    Pricing: https://cloud.google.com/stackdriver/pricing#monitoring-costs
    """
    calls = u.monthly_api_calls
    return [
        usage_based("Metric data ingested", gcp("Cloud Monitoring", i.region, resource="metric-volume"),
                    u.monthly_monitoring_data_mb, unit="MiB", usage_key="monthly_monitoring_data_mb",
                    note="the free 150 MiB a month is per billing account and is not subtracted"),
        usage_based("Read API calls", gcp("Cloud Monitoring", i.region, resource="api-calls"),
                    None if calls is None else calls / Decimal(1000), unit="1k calls", usage_key="monthly_api_calls"),
    ]
