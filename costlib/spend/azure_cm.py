"""Azure Cost Management (``azure-mgmt-costmanagement`` 5.x ``query.usage``) as a spend source.

Grouped by one tag key (``TagKey`` grouping: ``TagKey``/``TagValue`` columns, untagged cost has a null value)
and one dimension, daily, ``ActualCost`` or ``AmortizedCost``. Rows are mapped by column name, never by
position. Pages are followed through ``properties.nextLink`` (its ``$skiptoken`` is passed back with
``params``). The SDK's own retries are off (azure-core's ``RetryPolicy`` with ``retry_total=0``): its policy
does not read Cost Management's own wait headers, so :mod:`costlib.retry` repeats each query, after the
``x-ms-ratelimit-*-retry-after`` (or ``Retry-After``) seconds the service sends on a 429 or 5xx, with an injectable
sleep; 401/403 are :class:`AuthError`. The SDK hands costs over as floats:
each is taken by its shortest round-trip text (``repr``), which is the JSON's own digits. Refunds and credits
are netted into the grouped cost (records are ``Usage``); a FOCUS export keeps them apart by ``ChargeCategory``.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any
from urllib.parse import parse_qs, urlparse

from costlib.errors import InputError, require_extra
from costlib.money import Money
from costlib.retry import RetryPolicy
from costlib.spend.base import Granularity, SourceHealth, SpendRecord, SpendResult, SpendWindow
from costlib.spend.health import Attempt, HealthTracker
from costlib.spend.sdk_errors import azure_error

__all__ = ["RETRY_HEADERS", "AzureCostManagementSource"]

_DIMENSIONS = {"ServiceName": "ServiceName", "SubAccountId": "SubscriptionId", "RegionId": "ResourceLocation",
               "ResourceGroup": "ResourceGroupName"}
#: Where Cost Management says how long to wait (the longest of them is obeyed).
RETRY_HEADERS = ("x-ms-ratelimit-microsoft.costmanagement-qpu-retry-after",
                 "x-ms-ratelimit-microsoft.costmanagement-entity-retry-after",
                 "x-ms-ratelimit-microsoft.costmanagement-tenant-retry-after",
                 "x-ms-ratelimit-microsoft.costmanagement-client-retry-after",
                 "x-ms-ratelimit-microsoft.consumption-retry-after", "retry-after")


def _amount(value: Any) -> Decimal:
    if isinstance(value, float):
        return Decimal(repr(value))
    return Decimal(str(value))


class AzureCostManagementSource:
    """Daily actual (or amortized) cost for a scope, grouped by a tag key and a dimension."""

    def __init__(self, name: str, scope: str, *, client: Any = None, credential: Any = None,
                 cost_type: str = "ActualCost", attempts: int = 4, sleep: Callable[[float], None] = time.sleep,
                 retry: RetryPolicy | None = None) -> None:
        if not scope.startswith("/"):
            raise InputError(f"scope {scope!r} must start with / (e.g. /subscriptions/<id>)", where=f"source {name}")
        self.name, self.scope, self.cost_type = name, scope, cost_type
        self.retry = retry or RetryPolicy(attempts=attempts, base=2.0, cap=60.0, sleep=sleep)
        if client is None:
            require_extra("azure.mgmt.costmanagement", "azure")
            from azure.mgmt.costmanagement import CostManagementClient

            if credential is None:
                from azure.identity import DefaultAzureCredential

                credential = DefaultAzureCredential()
            client = CostManagementClient(credential, **self.retry.azure_kwargs(own=False))
        self.client = client
        self._health = HealthTracker(name)

    def health(self) -> SourceHealth:
        return self._health.health()

    def _query(self, definition: dict[str, Any], skiptoken: str | None, attempt: Attempt) -> Any:
        from azure.core.exceptions import AzureError

        def once() -> Any:
            attempt.request()
            try:
                kwargs = {"params": {"$skiptoken": skiptoken}} if skiptoken else {}
                return self.client.query.usage(self.scope, definition, **kwargs)
            except AzureError as exc:
                raise azure_error(exc, where=f"source {self.name}", what="Cost Management",
                                  retry_headers=RETRY_HEADERS) from None

        return self.retry.call(once)

    def fetch(self, window: SpendWindow, *, group_by: Sequence[str] = ("ServiceName",),
              tag_keys: Sequence[str] = ("team",)) -> SpendResult:
        grouping: list[dict[str, str]] = []
        if tag_keys:
            grouping.append({"type": "TagKey", "name": tag_keys[0]})
        for dim in group_by:
            if len(grouping) == 2:
                break
            if dim not in _DIMENSIONS:
                raise InputError(f"Cost Management cannot group by {dim}; use {', '.join(_DIMENSIONS)}",
                                 where=f"source {self.name}")
            grouping.append({"type": "Dimension", "name": _DIMENSIONS[dim]})
        last = window.end - timedelta(days=1)
        definition = {
            "type": self.cost_type, "timeframe": "Custom",
            "timePeriod": {"from": f"{window.start.isoformat()}T00:00:00+00:00",
                           "to": f"{last.isoformat()}T23:59:59+00:00"},
            "dataset": {"granularity": "Daily" if window.granularity == Granularity.DAILY else "Monthly",
                        "aggregation": {"totalCost": {"name": "Cost", "function": "Sum"}}, "grouping": grouping}}
        records: list[SpendRecord] = []
        with self._health.attempt() as attempt:
            token: str | None = None
            while True:
                result = self._query(definition, token, attempt)
                if result is None:  # HTTP 204: no data
                    break
                props = getattr(result, "properties", result)
                columns = [c.name for c in (props.columns or [])]
                records.extend(self._rows(columns, props.rows or []))
                link = props.next_link
                token = parse_qs(urlparse(link).query).get("$skiptoken", [None])[0] if link else None
                if not token:
                    break
            health = attempt.succeeded(records=len(records))
        return SpendResult(source=self.name, window=window, records=tuple(records), health=health,
                           requests=attempt.requests)

    def _rows(self, columns: list[str], rows: list[list[Any]]) -> list[SpendRecord]:
        idx = {c: i for i, c in enumerate(columns)}
        cost_col = next((c for c in ("Cost", "PreTaxCost", "CostUSD", "totalCost") if c in idx), None)
        if cost_col is None or "Currency" not in idx:
            raise InputError(f"unexpected columns {columns}", where=f"source {self.name}")
        out = []
        for n, row in enumerate(rows):
            try:
                if "UsageDate" in idx:
                    raw = str(row[idx["UsageDate"]])
                    day = date(int(raw[:4]), int(raw[4:6]), int(raw[6:8]))
                    end = day + timedelta(days=1)
                elif "BillingMonth" in idx:
                    day = date.fromisoformat(str(row[idx["BillingMonth"]])[:10])
                    end = (day.replace(day=28) + timedelta(days=4)).replace(day=1)
                else:
                    raise ValueError("no UsageDate or BillingMonth column")
                tags = {}
                if "TagKey" in idx and row[idx["TagKey"]] and str(row[idx.get("TagValue", -1)] or "").strip():
                    tags[str(row[idx["TagKey"]])] = str(row[idx["TagValue"]])
                out.append(SpendRecord(
                    billed_cost=Money(_amount(row[idx[cost_col]]), str(row[idx["Currency"]])),
                    charge_period_start=datetime(day.year, day.month, day.day, tzinfo=UTC),
                    charge_period_end=datetime(end.year, end.month, end.day, tzinfo=UTC), provider_name="Microsoft",
                    service_name=row[idx["ServiceName"]] if "ServiceName" in idx else None,
                    sub_account_id=row[idx["SubscriptionId"]] if "SubscriptionId" in idx else None,
                    region_id=row[idx["ResourceLocation"]] if "ResourceLocation" in idx else None,
                    resource_group=row[idx["ResourceGroupName"]] if "ResourceGroupName" in idx else None,
                    tags=tags, source=self.name))
            except (ValueError, IndexError, ArithmeticError) as exc:
                raise InputError(f"malformed row {n}: {exc}", where=f"source {self.name}") from None
        return out
