"""AWS Cost Explorer (``ce.get_cost_and_usage`` and ``get_cost_forecast``) as a spend source.

- ``TimePeriod.End`` is exclusive; there is no boto3 paginator: the ``NextPageToken`` loop is ours.
- At most two group-bys: the first tag key (``team$payments``; untagged cost is ``team$``) and the first
  dimension. ``Estimated`` periods are flagged on the records (the bill is not final yet).
- Every page is a billable request (USD 0.01): requests and their cost are counted in the result.
- Credits and refunds are netted into the grouped cost (Cost Explorer can only split them out with a
  ``RECORD_TYPE`` group-by, which would take the dimension's place), so records are ``Usage`` and a team's
  ``credits`` stay zero; use a FOCUS export (``ChargeCategory``) to see them apart.
- Every attempt is a billable request, so botocore makes one attempt per call and :mod:`costlib.retry` repeats
  it: ``LimitExceededException``/throttling (:class:`~costlib.errors.ThrottledError`), 5xx and network errors
  (:class:`~costlib.errors.TransientProviderError`) are retried with backoff (injectable sleep); expired or refused
  credentials are :class:`AuthError` at once. A failure on page N raises: nothing half-fetched is returned, and
  health (:mod:`costlib.spend.health`) says why.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any

from costlib.errors import AuthError, InputError, TransientProviderError, require_extra
from costlib.money import Money
from costlib.retry import RetryPolicy
from costlib.spend.base import Granularity, SourceHealth, SpendRecord, SpendResult, SpendWindow
from costlib.spend.health import Attempt, HealthTracker
from costlib.spend.sdk_errors import aws_error

__all__ = ["REQUEST_COST", "CostExplorerSource"]

REQUEST_COST = Money("0.01", "USD")

_DIMENSIONS = {"ServiceName": "SERVICE", "SubAccountId": "LINKED_ACCOUNT", "RegionId": "REGION"}


class CostExplorerSource:
    """Cost Explorer spend grouped by one tag key and one dimension."""

    def __init__(self, name: str, *, client: Any = None, region: str = "us-east-1", metric: str = "UnblendedCost",
                 attempts: int = 4, backoff: float = 2.0, sleep: Callable[[float], None] = time.sleep,
                 retry: RetryPolicy | None = None, session_kwargs: dict[str, Any] | None = None) -> None:
        self.name = name
        self.metric = metric
        self.retry = retry or RetryPolicy(attempts=attempts, base=backoff, cap=60.0, sleep=sleep)
        if client is None:
            require_extra("boto3", "aws")
            import boto3

            client = boto3.session.Session(**(session_kwargs or {})).client(
                "ce", region_name=region, config=self.retry.botocore_config(own=False))
        self.client = client
        self._health = HealthTracker(name)

    def health(self) -> SourceHealth:
        return self._health.health()

    def _call(self, op: str, attempt: Attempt | None, **params: Any) -> dict[str, Any]:
        """One API call, repeated by the retry policy while it fails transiently; each try is counted."""
        from botocore.exceptions import BotoCoreError, ClientError, NoCredentialsError

        where = f"source {self.name}"

        def once() -> dict[str, Any]:
            if attempt is not None:
                attempt.request()
            try:
                result: dict[str, Any] = getattr(self.client, op)(**params)
                return result
            except NoCredentialsError as exc:
                raise AuthError(f"no AWS credentials: {exc}", where=where) from None
            except ClientError as exc:
                raise aws_error(exc.response, where=where, op=op) from None
            except BotoCoreError as exc:
                raise TransientProviderError(f"{type(exc).__name__}: {exc}", where=where) from None

        return self.retry.call(once)

    def fetch(self, window: SpendWindow, *, group_by: Sequence[str] = ("ServiceName",),
              tag_keys: Sequence[str] = ("team",)) -> SpendResult:
        """All pages of ``get_cost_and_usage`` for ``window``, or an error (never a partial result)."""
        groups: list[dict[str, str]] = []
        if tag_keys:
            groups.append({"Type": "TAG", "Key": tag_keys[0]})
        for dim in group_by:
            if len(groups) == 2:
                break
            if dim not in _DIMENSIONS:
                raise InputError(f"Cost Explorer cannot group by {dim}; use {', '.join(_DIMENSIONS)}",
                                 where=f"source {self.name}")
            groups.append({"Type": "DIMENSION", "Key": _DIMENSIONS[dim]})
        params: dict[str, Any] = {
            "TimePeriod": {"Start": window.start.isoformat(), "End": window.end.isoformat()},
            "Granularity": "DAILY" if window.granularity == Granularity.DAILY else "MONTHLY",
            "Metrics": [self.metric], "GroupBy": groups}
        with self._health.attempt() as attempt:
            pages: list[dict[str, Any]] = []
            token: str | None = None
            while True:
                page = self._call("get_cost_and_usage", attempt, **params, **({"NextPageToken": token} if token else {}))
                pages.append(page)
                token = page.get("NextPageToken")
                if not token:
                    break
            records = [r for page in pages for r in self._records(page, groups)]
            health = attempt.succeeded(records=len(records))
        return SpendResult(source=self.name, window=window, records=tuple(records), health=health,
                           requests=attempt.requests, api_cost=REQUEST_COST * attempt.requests)

    def _records(self, page: dict[str, Any], groups: list[dict[str, str]]) -> list[SpendRecord]:
        groups = page.get("GroupDefinitions") or groups  # keys come in the order the response defines
        out: list[SpendRecord] = []
        for period in page.get("ResultsByTime") or []:
            start = date.fromisoformat(period["TimePeriod"]["Start"][:10])
            end = date.fromisoformat(period["TimePeriod"]["End"][:10])
            estimated = bool(period.get("Estimated"))
            groups_of_period = period.get("Groups") or []
            if not groups_of_period and not groups and (period.get("Total") or {}).get(self.metric):
                groups_of_period = [{"Keys": [], "Metrics": period["Total"]}]  # ungrouped: the amount is the Total
            for group in groups_of_period:
                metric = (group.get("Metrics") or {}).get(self.metric)
                if metric is None:
                    raise InputError(f"group without {self.metric}", where=f"source {self.name} {start}")
                tags: dict[str, str] = {}
                dims: dict[str, str] = {}
                for definition, key in zip(groups, group.get("Keys") or [], strict=False):
                    if definition["Type"] == "TAG":
                        tag, _, value = key.partition("$")
                        if value:
                            tags[tag] = value
                    else:
                        dims[definition["Key"]] = key
                out.append(SpendRecord(
                    billed_cost=Money(Decimal(metric["Amount"]), metric["Unit"]),
                    charge_period_start=datetime(start.year, start.month, start.day, tzinfo=UTC),
                    charge_period_end=datetime(end.year, end.month, end.day, tzinfo=UTC), provider_name="AWS",
                    service_name=dims.get("SERVICE"), sub_account_id=dims.get("LINKED_ACCOUNT"),
                    region_id=dims.get("REGION"), tags=tags, estimated=estimated, source=self.name))
        return out

    def forecast(self, start: date, end: date, *, metric: str = "UNBLENDED_COST") -> Money:
        """Cost Explorer's own forecast of total spend from ``start`` (today or later) to ``end`` (exclusive)."""
        if end <= start:
            end = start + timedelta(days=1)
        result = self._call("get_cost_forecast", None, TimePeriod={"Start": start.isoformat(), "End": end.isoformat()},
                            Metric=metric, Granularity="MONTHLY")
        total = result["Total"]
        return Money(Decimal(total["Amount"]), total["Unit"])
