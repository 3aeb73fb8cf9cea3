"""AWS FOCUS (or CUR 2.0) exports on S3, queried at scale with Athena: the daily aggregation pushed down as SQL.

The export table is the one AWS Data Exports' Athena integration creates (FOCUS 1.0/1.2 columns; ``tags`` is a
map). Parameters go in ``ExecutionParameters``, never spliced into the SQL. botocore retries each call by the
source's :class:`~costlib.retry.RetryPolicy` (adaptive mode); waiting for the query uses the policy's delays and
an injectable sleep.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any

from costlib.errors import InputError, ProviderError, TransientProviderError, require_extra
from costlib.money import Money
from costlib.retry import RetryPolicy
from costlib.spend.base import ChargeCategory, SourceHealth, SpendRecord, SpendResult, SpendWindow
from costlib.spend.health import Attempt, HealthTracker
from costlib.spend.sdk_errors import aws_error

#: How often a running query is looked at: 0.5 s doubling to 10 s (no jitter: one daemon, one query).
QUERY_POLL = RetryPolicy(base=0.5, cap=10.0, jitter=lambda: 1.0)

__all__ = ["AthenaFocusSource", "athena_query"]


def athena_query(table: str, tag_keys: Sequence[str]) -> str:
    """Daily FOCUS aggregation in Athena (Trino) SQL; parameters: start, end, then one per tag key.

    >>> "element_at(tags, ?)" in athena_query("focus_1_0_aws", ["team"])
    True
    """
    if not table.replace("_", "").replace(".", "").isalnum():
        raise InputError(f"{table!r} is not a table name")
    tags = "".join(", element_at(tags, ?)" for _ in tag_keys)
    return (f"SELECT CAST(chargeperiodstart AS DATE) AS day, providername, chargecategory, billingcurrency, "
            f"servicename, subaccountid, regionid{tags}, SUM(CAST(billedcost AS DECIMAL(38, 12))) AS billed, "
            f"SUM(CAST(effectivecost AS DECIMAL(38, 12))) AS effective FROM {table} "
            f"WHERE chargeperiodstart >= CAST(? AS TIMESTAMP) AND chargeperiodstart < CAST(? AS TIMESTAMP) "
            f"GROUP BY {', '.join(str(i) for i in range(1, 8 + len(tag_keys)))}")


class AthenaFocusSource:
    def __init__(self, name: str, database: str, table: str, *, workgroup: str = "primary",
                 output_location: str | None = None, client: Any = None, region: str = "us-east-1",
                 sleep: Callable[[float], None] = time.sleep, timeout: float = 300.0,
                 retry: RetryPolicy | None = None) -> None:
        self.name, self.database, self.table, self.workgroup = name, database, table, workgroup
        self.output_location, self.sleep, self.timeout = output_location, sleep, timeout
        if client is None:
            require_extra("boto3", "aws")
            import boto3

            client = boto3.client("athena", region_name=region, config=(retry or RetryPolicy()).botocore_config())
        self.client = client
        self._health = HealthTracker(name)

    def health(self) -> SourceHealth:
        return self._health.health()

    def _run(self, sql: str, params: list[str], attempt: Attempt) -> list[list[str | None]]:
        from botocore.exceptions import BotoCoreError, ClientError

        def call(op: str, **kwargs: Any) -> Any:
            attempt.request()
            return getattr(self.client, op)(**kwargs)

        where = f"source {self.name}"
        try:
            kwargs: dict[str, Any] = {"QueryString": sql, "QueryExecutionContext": {"Database": self.database},
                                      "WorkGroup": self.workgroup, "ExecutionParameters": params}
            if self.output_location:
                kwargs["ResultConfiguration"] = {"OutputLocation": self.output_location}
            qid = call("start_query_execution", **kwargs)["QueryExecutionId"]
            waited, looks = 0.0, 0
            while True:
                state = call("get_query_execution", QueryExecutionId=qid)["QueryExecution"]["Status"]
                if state["State"] == "SUCCEEDED":
                    break
                if state["State"] in ("FAILED", "CANCELLED"):
                    raise ProviderError(f"query {qid} {state['State']}: {state.get('StateChangeReason', '')}",
                                        where=where)
                if waited > self.timeout:
                    raise TransientProviderError(f"query {qid} still running after {waited:.0f} s", where=where)
                looks += 1
                delay = QUERY_POLL.delay(looks)
                self.sleep(delay)
                waited += delay
            rows: list[list[str | None]] = []
            token: str | None = None
            first = True
            while True:
                page = call("get_query_results", QueryExecutionId=qid, **({"NextToken": token} if token else {}))
                data = page["ResultSet"]["Rows"]
                if first:
                    data, first = data[1:], False  # the header row
                rows += [[c.get("VarCharValue") for c in r["Data"]] for r in data]
                token = page.get("NextToken")
                if not token:
                    return rows
        except ClientError as exc:
            raise aws_error(exc.response, where=where) from None
        except BotoCoreError as exc:
            raise TransientProviderError(f"{type(exc).__name__}: {exc}", where=where) from None

    def fetch(self, window: SpendWindow, *, group_by: Sequence[str] = (), tag_keys: Sequence[str] = ("team",)
              ) -> SpendResult:
        params = [f"'{window.start.isoformat()} 00:00:00'", f"'{window.end.isoformat()} 00:00:00'"]
        params = [f"'{k}'" for k in tag_keys] + params
        with self._health.attempt() as attempt:
            rows = self._run(athena_query(self.table, tag_keys), params, attempt)
            records = [self._record(r, tag_keys) for r in rows]
            health = attempt.succeeded(records=len(records))
        return SpendResult(source=self.name, window=window, records=tuple(records), health=health,
                           requests=attempt.requests)

    def _record(self, row: list[str | None], tag_keys: Sequence[str]) -> SpendRecord:
        n = len(tag_keys)
        try:
            day = date.fromisoformat(str(row[0]))
            billed = Decimal(str(row[7 + n]))
            effective = None if row[8 + n] is None else Decimal(str(row[8 + n]))
        except (ValueError, ArithmeticError) as exc:
            raise InputError(f"malformed result row {row!r}: {exc}", where=f"source {self.name}") from None
        currency = str(row[3])
        start = datetime(day.year, day.month, day.day, tzinfo=UTC)
        try:
            category = ChargeCategory(row[2] or "Usage")
        except ValueError:  # never counted as usage: a negative "Refund" would inflate charges
            raise InputError(f"unknown ChargeCategory {row[2]!r} in result row {row!r} (FOCUS knows "
                             f"{', '.join(c.value for c in ChargeCategory)})", where=f"source {self.name}") from None
        return SpendRecord(billed_cost=Money(billed, currency),
                           effective_cost=None if effective is None else Money(effective, currency),
                           charge_period_start=start, charge_period_end=start + timedelta(days=1),
                           provider_name=str(row[1]), charge_category=category, service_name=row[4],
                           sub_account_id=row[5], region_id=row[6],
                           tags={k: str(v) for k, v in zip(tag_keys, row[7:7 + n], strict=True) if v},
                           source=self.name)
