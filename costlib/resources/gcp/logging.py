"""GCP Cloud Logging: log buckets (storage and retention) and sinks (routing).

Pricing: https://cloud.google.com/stackdriver/pricing - logs stored in log buckets are billed per GiB ingested
(the first 50 GiB a project a month are free: per project, not subtracted here); retention beyond the default 30
days per GiB-month; the ``_Required`` bucket has no charge. Routing logs with a sink has no charge of its own: a
sink into a log bucket is billed as that bucket's ingestion, a sink into Cloud Storage, BigQuery or Pub/Sub by
that service.
"""

from __future__ import annotations

from decimal import Decimal

from costlib.models import CostComponent
from costlib.resources._q import gcp, usage_based
from costlib.resources.gcp._common import no_charge
from costlib.resources.registry import resource
from costlib.resources.schema import GB, Count, GcpInputs, Usage, usage_key

__all__ = ["bucket_components", "sink_components"]


class LoggingUsage(Usage):
    monthly_logging_data_gb: GB | None = usage_key("Logs written a month", unit="GB")


class BucketConfig(GcpInputs):
    bucket_id: str = "_Default"
    retention_days: Count = 30


def bucket_components(i: BucketConfig, u: LoggingUsage) -> list[CostComponent]:
    """Ingestion per GiB and, beyond 30 days, retained GiB-months (steady state: a month's logs x extra months)."""
    if i.bucket_id == "_Required":
        return [no_charge("_Required log bucket", "audit and system logs in _Required are not charged")]
    gb = u.monthly_logging_data_gb
    out = [usage_based("Log storage (ingestion)", gcp("Cloud Logging", i.region, resource="storage"), gb,
                       unit="GB", usage_key="monthly_logging_data_gb",
                       note="the first 50 GiB a project a month are free and not subtracted")]
    if i.retention_days > 30:
        extra = Decimal(i.retention_days - 30) / Decimal(30)
        out.append(usage_based(f"Retention beyond 30 days ({i.retention_days} days)",
                               gcp("Cloud Logging", i.region, resource="retention"),
                               None if gb is None else gb * extra, unit="GB-months",
                               usage_key="monthly_logging_data_gb"))
    return out


class Sink(GcpInputs):
    destination: str = ""


def sink_components(i: Sink, u: LoggingUsage) -> list[CostComponent]:
    """A sink into a log bucket: that bucket's ingestion per GiB; elsewhere: billed by the destination service."""
    if i.destination.startswith("logging.googleapis.com"):
        return [usage_based("Logs routed to a log bucket (ingestion)",
                            gcp("Cloud Logging", i.region, resource="storage"), u.monthly_logging_data_gb,
                            unit="GB", usage_key="monthly_logging_data_gb")]
    service = i.destination.split("/", 1)[0] or "its destination"
    return [no_charge("Log sink", f"routing has no charge; the logs are billed by {service}")]


@resource("google_logging_project_bucket_config", "google_logging_folder_bucket_config",
          "google_logging_organization_bucket_config", "google_logging_billing_account_bucket_config",
          example={"bucket_id": "app-logs", "retention_days": 90})
def google_logging_bucket_config(i: BucketConfig, u: LoggingUsage) -> list[CostComponent]:
    """A log bucket (project, folder, organization or billing account): ingestion per GiB (usage
    ``monthly_logging_data_gb``) and retention beyond 30 days per GiB-month (``retention_days``, default 30).

    Pricing: https://cloud.google.com/stackdriver/pricing#logging-costs
    """
    return bucket_components(i, u)


@resource("google_logging_project_sink", "google_logging_folder_sink", "google_logging_organization_sink",
          "google_logging_billing_account_sink",
          example={"destination": "logging.googleapis.com/projects/p/locations/global/buckets/app-logs"})
def google_logging_sink(i: Sink, u: LoggingUsage) -> list[CostComponent]:
    """A log sink: into a log bucket, the bucket's ingestion per GiB (usage ``monthly_logging_data_gb``); into
    Cloud Storage, BigQuery or Pub/Sub, no charge here (the destination resource is billed).

    Pricing: https://cloud.google.com/stackdriver/pricing#logging-costs
    """
    return sink_components(i, u)
