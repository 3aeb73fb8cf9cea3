"""GCP BigQuery datasets (on-demand analysis) and tables (storage, streaming and Storage API).

Pricing: https://cloud.google.com/bigquery/pricing - on-demand queries per TiB scanned; logical storage per
GiB-month, active and long-term (tables or partitions unmodified for 90 days, about half price); streaming inserts
per 200 MB (legacy streaming, 1 KB minimum per row); the Storage Write API per GiB; the Storage Read API per TiB.
The monthly free allowances (1 TiB of queries, 10 GiB of storage, 2 TiB of Storage Write API) are per billing
account and are not subtracted. Prices are by location: a multi-region (``US``, ``EU``) or a region.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from pydantic import model_validator

from costlib.models import CostComponent
from costlib.resources._q import gcp, usage_based
from costlib.resources.registry import resource
from costlib.resources.schema import GB, MB, Inputs, Usage, gcp_region_of_zone, usage_key

__all__ = ["BigQueryInputs", "google_bigquery_dataset", "google_bigquery_table"]


class BigQueryInputs(Inputs):
    """A dataset's location (``US``, ``EU`` or a region) is where it is priced; ``us`` / ``eu`` for multi-regions."""

    location: str | None = None

    @model_validator(mode="before")
    @classmethod
    def _region_from_location(cls, data: Any) -> Any:
        if isinstance(data, dict):
            loc = data.get("location")
            if isinstance(loc, str) and loc:
                return {**data, "region": gcp_region_of_zone(loc.lower())}
            reg = data.get("region")
            if isinstance(reg, str) and reg:
                return {**data, "region": gcp_region_of_zone(reg.lower())}
        return data


class Dataset(BigQueryInputs):
    storage_billing_model: str | None = None


class DatasetUsage(Usage):
    monthly_queries_tb: GB | None = usage_key("Data scanned by on-demand queries a month", unit="TB")


@resource("google_bigquery_dataset", example={"location": "US"})
def google_bigquery_dataset(i: Dataset, u: DatasetUsage) -> list[CostComponent]:
    """A dataset: on-demand query analysis per TiB scanned (usage ``monthly_queries_tb``) in its ``location``;
    storage is priced on its tables. The free TiB a month is per billing account: not subtracted.

    Pricing: https://cloud.google.com/bigquery/pricing#on_demand_pricing
    """
    return [usage_based("Queries (on-demand)", gcp("BigQuery", i.region, resource="analysis-on-demand"),
                        u.monthly_queries_tb, unit="TB", usage_key="monthly_queries_tb",
                        note="the free TiB a month is per billing account and is not subtracted")]


class Table(BigQueryInputs):
    dataset_id: str | None = None


class TableUsage(Usage):
    monthly_active_storage_gb: GB | None = usage_key("Active logical storage", unit="GB")
    monthly_long_term_storage_gb: GB | None = usage_key("Long-term logical storage (unmodified 90 days)", unit="GB")
    monthly_streaming_inserts_mb: MB | None = usage_key("Data streamed in with legacy inserts a month", unit="MB")
    monthly_storage_write_api_gb: GB | None = usage_key("Data written with the Storage Write API a month", unit="GB")
    monthly_storage_read_api_tb: GB | None = usage_key("Data read with the Storage Read API a month", unit="TB")


@resource("google_bigquery_table", example={"dataset_id": "analytics"})
def google_bigquery_table(i: Table, u: TableUsage) -> list[CostComponent]:
    """A table: active and long-term logical storage (usage), streaming inserts per 200 MB, Storage Write API per
    GiB and Storage Read API per TiB, in the dataset's location (the provider's region unless the spec says).

    Pricing: https://cloud.google.com/bigquery/pricing#storage
    """
    reg = i.region
    inserts = u.monthly_streaming_inserts_mb
    return [
        usage_based("Active storage (logical)", gcp("BigQuery", reg, resource="storage-active"),
                    u.monthly_active_storage_gb, unit="GB", usage_key="monthly_active_storage_gb"),
        usage_based("Long-term storage (logical)", gcp("BigQuery", reg, resource="storage-long-term"),
                    u.monthly_long_term_storage_gb, unit="GB", usage_key="monthly_long_term_storage_gb"),
        usage_based("Streaming inserts", gcp("BigQuery", reg, resource="streaming-inserts"),
                    None if inserts is None else inserts / Decimal(200), unit="200 MB",
                    usage_key="monthly_streaming_inserts_mb"),
        usage_based("Storage Write API", gcp("BigQuery Storage API", reg, resource="write"),
                    u.monthly_storage_write_api_gb, unit="GB", usage_key="monthly_storage_write_api_gb"),
        usage_based("Storage Read API", gcp("BigQuery Storage API", reg, resource="read"),
                    u.monthly_storage_read_api_tb, unit="TB", usage_key="monthly_storage_read_api_tb"),
    ]
