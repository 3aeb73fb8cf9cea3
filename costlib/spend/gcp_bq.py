"""GCP Cloud Billing export to BigQuery (standard or detailed tables) as a spend source.

The aggregation is pushed down to BigQuery as SQL: daily cost per service, project, region, currency,
``cost_type`` (tax and adjustments keep their category) and label values, with credits summed apart
(``UNNEST(credits)``) and costs cast to ``BIGNUMERIC`` so no float reaches the sums. Days are UTC days of
``usage_start_time``; Google's invoices count Pacific-time months, so month edges can differ by hours.
The same SQL, with the DuckDB cast, runs on DuckDB tables shaped like the export: that is how it is tested
offline. ``google-cloud-billing`` lists the billing accounts and projects a caller can see.

>>> sql = build_query("proj.billing.gcp_billing_export_v1_X", ["team"], dialect="bigquery")
>>> "LEFT JOIN UNNEST(t.labels) AS l0 ON l0.key = @tag0" in sql
True
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any, Literal

from costlib.errors import InputError, require_extra
from costlib.money import Money
from costlib.retry import RetryPolicy
from costlib.spend.base import ChargeCategory, SourceHealth, SpendRecord, SpendResult, SpendWindow
from costlib.spend.health import HealthTracker
from costlib.spend.sdk_errors import google_error

__all__ = ["BigQueryExportSource", "build_query", "list_billing_projects"]

Dialect = Literal["bigquery", "duckdb"]
Executor = Callable[[str, dict[str, Any]], Iterable[tuple[Any, ...]]]


def build_query(table: str, tag_keys: Sequence[str], *, dialect: Dialect = "bigquery") -> str:
    """The daily aggregation over a billing export table; parameters ``@start``, ``@end``, ``@tag0`` ...

    Rows: day, service, project, region, currency, cost type, tag values..., cost, credits.
    """
    if not table.replace(".", "").replace("_", "").replace("-", "").isalnum():
        raise InputError(f"{table!r} is not a BigQuery table name (project.dataset.table)")
    num = "BIGNUMERIC" if dialect == "bigquery" else "DECIMAL(38, 12)"
    ref = f"`{table}`" if dialect == "bigquery" else '"' + table.replace(".", "_") + '"'
    joins = "".join(f" LEFT JOIN UNNEST(t.labels) AS l{i} ON l{i}.key = @tag{i}" for i in range(len(tag_keys)))
    tags = "".join(f", l{i}.value AS tag{i}" for i in range(len(tag_keys)))
    sql = (
        f"SELECT CAST(t.usage_start_time AS DATE) AS day, t.service.description AS service, t.project.id AS project, "
        f"t.location.region AS region, t.currency AS currency, t.cost_type AS cost_type{tags}, "
        f"SUM(CAST(t.cost AS {num})) AS cost, "
        f"SUM(COALESCE((SELECT SUM(CAST(c.amount AS {num})) FROM UNNEST(t.credits) AS c), 0)) AS credits "
        f"FROM {ref} AS t{joins} "
        f"WHERE t.usage_start_time >= @start AND t.usage_start_time < @end "
        f"GROUP BY ALL ORDER BY ALL")
    return sql if dialect == "bigquery" else sql.replace("@", "$")  # DuckDB spells named parameters $name


#: the export's ``cost_type`` -> FOCUS category (an adjustment is kept apart from usage, like a credit)
_COST_TYPES = {"regular": ChargeCategory.USAGE, "tax": ChargeCategory.TAX, "adjustment": ChargeCategory.ADJUSTMENT,
               "rounding_error": ChargeCategory.ADJUSTMENT}


class BigQueryExportSource:
    """Daily spend from a billing export table; ``execute`` runs SQL (BigQuery by default; DuckDB in tests)."""

    def __init__(self, name: str, table: str, *, project: str | None = None, execute: Executor | None = None,
                 dialect: Dialect = "bigquery", retry: RetryPolicy | None = None) -> None:
        self.name, self.table, self.project, self.dialect = name, table, project, dialect
        self._execute = execute
        self.retry = retry or RetryPolicy()
        self._health = HealthTracker(name)

    def health(self) -> SourceHealth:
        return self._health.health()

    def _bigquery(self, sql: str, params: dict[str, Any]) -> Iterable[tuple[Any, ...]]:
        """The query on BigQuery; the client library retries it (and each result page) by this source's policy."""
        require_extra("google.cloud.bigquery", "gcp")
        from google.cloud import bigquery

        client = bigquery.Client(project=self.project)
        qparams = [bigquery.ScalarQueryParameter(k, "TIMESTAMP" if k in ("start", "end") else "STRING", v)
                   for k, v in params.items()]
        retry = self.retry.google_retry()
        job = client.query(sql, job_config=bigquery.QueryJobConfig(query_parameters=qparams), retry=retry)
        for row in job.result(retry=retry):
            yield tuple(row.values())

    def fetch(self, window: SpendWindow, *, group_by: Sequence[str] = (), tag_keys: Sequence[str] = ("team",)
              ) -> SpendResult:
        sql = build_query(self.table, tag_keys, dialect=self.dialect)
        start, end = window.start, window.end
        params: dict[str, Any] = {"start": datetime(start.year, start.month, start.day, tzinfo=UTC),
                                  "end": datetime(end.year, end.month, end.day, tzinfo=UTC)}
        params.update({f"tag{i}": k for i, k in enumerate(tag_keys)})
        run = self._execute or self._bigquery
        with self._health.attempt() as attempt:
            attempt.request()
            try:
                records = self._records(run(sql, params), tag_keys)
            except _google_errors() as exc:  # the client's, raised by the query or by any page of its result
                raise google_error(exc, where=f"source {self.name}", what="BigQuery") from None
            health = attempt.succeeded(records=len(records))
        return SpendResult(source=self.name, window=window, records=tuple(records), health=health,
                           requests=attempt.requests)

    def _records(self, rows: Iterable[tuple[Any, ...]], tag_keys: Sequence[str]) -> list[SpendRecord]:
        records: list[SpendRecord] = []
        n = len(tag_keys)
        for row in rows:
            day, service, project, region, currency, cost_type = row[:6]
            tags = {k: str(v) for k, v in zip(tag_keys, row[6:6 + n], strict=True) if v is not None and str(v).strip()}
            cost, credits = Decimal(str(row[6 + n])), Decimal(str(row[7 + n] or 0))
            category = _COST_TYPES.get(str(cost_type or "regular").lower())
            if category is None:
                raise InputError(f"unknown cost_type {cost_type!r} in the billing export (known: "
                                 f"{', '.join(_COST_TYPES)})", where=f"source {self.name}")
            day = day if isinstance(day, date) else date.fromisoformat(str(day))
            start = datetime(day.year, day.month, day.day, tzinfo=UTC)
            common = {"charge_period_start": start, "charge_period_end": start + timedelta(days=1),
                      "provider_name": "Google Cloud", "service_name": service, "sub_account_id": project,
                      "region_id": region, "tags": tags, "source": self.name}
            records.append(SpendRecord(billed_cost=Money(cost, currency), charge_category=category, **common))
            if credits:
                records.append(SpendRecord(billed_cost=Money(credits, currency), charge_category=ChargeCategory.CREDIT,
                                           **common))
        return records


def _google_errors() -> tuple[type[Exception], ...]:
    """The google client's error base (none without the gcp extra: an ``execute`` of tests raises costlib's)."""
    try:
        from google.api_core.exceptions import GoogleAPIError
        from google.auth.exceptions import GoogleAuthError
    except ImportError:
        return ()
    return (GoogleAPIError, GoogleAuthError)


def list_billing_projects(client: Any = None) -> dict[str, list[str]]:
    """Billing account name -> project ids the caller can see (``google-cloud-billing``)."""
    if client is None:
        require_extra("google.cloud.billing_v1", "gcp")
        from google.cloud import billing_v1

        client = billing_v1.CloudBillingClient()
    out: dict[str, list[str]] = {}
    for account in client.list_billing_accounts():
        out[account.name] = [p.project_id for p in client.list_project_billing_info(name=account.name)]
    return out
