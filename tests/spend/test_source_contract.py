"""The contract every spend source keeps, run against each one (built from its settings through the registry).

After a good fetch its health is ``ok`` and ``last_success`` moves; throttling raises ThrottledError (health
``throttled``), a 5xx that outlasts the retries a TransientProviderError (``error``), expired credentials an
AuthError (``auth_failed``); a fetch that fails on its second page (or file) returns nothing and counts both pages. Through
all of it ``requests_total`` and ``errors_total`` only grow and ``last_success`` is kept.

A new source passes the suite by adding one line to :data:`HARNESSES` (a test fails until it has one). Where no
recorded answer is at hand the answers follow the provider's documented shapes (Cost Explorer
``GetCostAndUsage``, Cost Management ``Query - Usage``, Athena ``GetQueryResults``, the BigQuery client's errors).
"""

from __future__ import annotations

import io
import json
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import boto3
import pytest
import requests
import urllib3
from azure.core.pipeline.transport import RequestsTransport
from azure.mgmt.costmanagement import CostManagementClient
from botocore.stub import Stubber
from google.api_core import exceptions as gexc

from costlib.errors import AuthError, CostlibError, ThrottledError, TransientProviderError
from costlib.spend import HealthStatus, SpendSource, SpendWindow, build_source
from costlib.spend.config import (
    AthenaSettings,
    AzureCostManagementSettings,
    CostExplorerSettings,
    FocusFileSettings,
    GcpBigQuerySettings,
)
from costlib.spend.registry import builders
from tests.azure_replay import Credential

WINDOW = SpendWindow(date(2026, 10, 1), date(2026, 10, 3))
SCENARIOS = ("ok", "throttle", "server_error", "expired", "partial")
NO_SLEEP: Callable[[float], None] = lambda s: None  # noqa: E731


class Harness:
    """A source of one type whose answers are scripted fetch by fetch; ``scenarios`` are those that apply."""

    scenarios: tuple[str, ...] = SCENARIOS
    pages_counted = True  # each page is a request of its own (BigQuery's result pages are the client's)
    source: SpendSource

    def script(self, scenario: str) -> None:
        raise NotImplementedError


# --- AWS Cost Explorer (botocore Stubber) ----------------------------------------------------------------------------
def _ce_page(day: str, token: str | None = None) -> dict[str, Any]:
    body: dict[str, Any] = {"GroupDefinitions": [{"Type": "TAG", "Key": "team"}, {"Type": "DIMENSION", "Key": "SERVICE"}],
                            "ResultsByTime": [{"TimePeriod": {"Start": day, "End": day}, "Total": {}, "Estimated": False,
                                               "Groups": [{"Keys": ["team$web", "EC2"], "Metrics": {
                                                   "UnblendedCost": {"Amount": "1.5", "Unit": "USD"}}}]}],
                            "DimensionValueAttributes": []}
    if token:
        body["NextPageToken"] = token
    return body


class CostExplorer(Harness):
    def __init__(self) -> None:
        client = boto3.client("ce", region_name="us-east-1", aws_access_key_id="x", aws_secret_access_key="y")
        self.stub = Stubber(client)
        self.stub.activate()
        self.source = build_source(CostExplorerSettings(name="ce", type="aws_cost_explorer"), client=client,
                                   attempts=2, sleep=NO_SLEEP)

    def script(self, scenario: str) -> None:
        st = self.stub
        if scenario in ("ok", "partial"):
            st.add_response("get_cost_and_usage", _ce_page("2026-10-01", token="t1"))
        if scenario == "ok":
            st.add_response("get_cost_and_usage", _ce_page("2026-10-02"))
        for _ in range(2 if scenario in ("throttle", "server_error", "partial") else 1 if scenario == "expired" else 0):
            code, status = {"throttle": ("LimitExceededException", 400), "expired": ("ExpiredTokenException", 400)}.get(
                scenario, ("InternalServerError", 500))
            st.add_client_error("get_cost_and_usage", service_error_code=code, http_status_code=status)


# --- Azure Cost Management (azure-core transport replaying REST answers) -------------------------------------------
class _Replay(requests.adapters.BaseAdapter):
    def __init__(self) -> None:
        super().__init__()
        self.answers: list[tuple[int, Any]] = []

    def send(self, request: requests.PreparedRequest, **kwargs: Any) -> requests.Response:
        status, body = self.answers.pop(0)
        data = json.dumps(body).encode()
        resp = requests.Response()
        resp.status_code, resp.url, resp.request = status, request.url or "", request
        headers = {"Content-Type": "application/json", "Content-Length": str(len(data))}
        resp.raw = urllib3.HTTPResponse(body=io.BytesIO(data), headers=headers, status=status, preload_content=False)
        resp.headers.update(headers)
        return resp

    def close(self) -> None:
        pass


def _cm_page(next_link: str | None) -> dict[str, Any]:
    return {"properties": {"nextLink": next_link, "columns": [
        {"name": "Cost", "type": "Number"}, {"name": "UsageDate", "type": "Number"}, {"name": "Currency", "type": "String"}],
        "rows": [[2.5, 20261001, "EUR"]]}}


class CostManagement(Harness):
    def __init__(self) -> None:
        self.replay = _Replay()
        session = requests.Session()
        session.mount("https://", self.replay)
        client = CostManagementClient(Credential(), transport=RequestsTransport(session=session), retry_total=0)
        self.source = build_source(AzureCostManagementSettings(name="cm", type="azure_cost_management",
                                                               scope="/subscriptions/s"), client=client, attempts=2,
                                   sleep=NO_SLEEP)

    def script(self, scenario: str) -> None:
        link = "https://management.azure.com/subscriptions/s/providers/Microsoft.CostManagement/query?$skiptoken=p2"
        error = {"error": {"code": "X", "message": "nope"}}
        answers = {"ok": [(200, _cm_page(link)), (200, _cm_page(None))], "throttle": [(429, error)] * 2,
                   "server_error": [(500, error)] * 2, "expired": [(401, error)],
                   "partial": [(200, _cm_page(link)), (503, error), (503, error)]}
        self.replay.answers += answers[scenario]


# --- BigQuery billing export (the client's errors, raised by the query or by a page of its result) ------------------
class BigQuery(Harness):
    pages_counted = False

    def __init__(self) -> None:
        self.next: Callable[[], Iterator[tuple[Any, ...]]] = lambda: iter(())
        self.source = build_source(GcpBigQuerySettings(name="bq", type="gcp_bigquery_export", table="p.d.t"),
                                   execute=lambda sql, params: self.next(), dialect="duckdb")

    def script(self, scenario: str) -> None:
        row = (date(2026, 10, 1), "Compute Engine", "web-prod", "us-central1", "USD", "regular", "web", 1.1, 0.0)

        def rows() -> Iterator[tuple[Any, ...]]:
            yield row
            if scenario == "partial":  # the second page of the result
                raise gexc.ServiceUnavailable("503 backend unavailable")
            yield row

        def fails(exc: Exception) -> Callable[[], Iterator[tuple[Any, ...]]]:
            def raising() -> Iterator[tuple[Any, ...]]:
                raise exc
            return raising

        self.next = {"ok": rows, "partial": rows, "throttle": fails(gexc.TooManyRequests("429 rate limit exceeded")),
                     "server_error": fails(gexc.InternalServerError("500 backend error")),
                     "expired": fails(gexc.Unauthenticated("401 the access token expired"))}[scenario]


# --- Athena over a FOCUS export (botocore Stubber) ------------------------------------------------------------------
def _athena_row(*values: str | None) -> dict[str, Any]:
    return {"Data": [{"VarCharValue": v} if v is not None else {} for v in values]}


class Athena(Harness):
    def __init__(self) -> None:
        client = boto3.client("athena", region_name="us-east-1", aws_access_key_id="x", aws_secret_access_key="y")
        self.stub = Stubber(client)
        self.stub.activate()
        self.source = build_source(AthenaSettings(name="cur", type="athena", database="billing", table="focus"),
                                   client=client, sleep=NO_SLEEP)

    def script(self, scenario: str) -> None:
        st = self.stub
        if scenario in ("throttle", "server_error", "expired"):
            code, status = {"throttle": ("ThrottlingException", 400), "expired": ("ExpiredTokenException", 400),
                            "server_error": ("InternalServerException", 500)}[scenario]
            st.add_client_error("start_query_execution", service_error_code=code, http_status_code=status)
            return
        header = _athena_row("day", "providername", "chargecategory", "billingcurrency", "servicename", "subaccountid",
                             "regionid", "tag0", "billed", "effective")
        data = _athena_row("2026-10-01", "AWS", "Usage", "USD", "EC2", "1", "us-east-1", "web", "2.0", "2.0")
        st.add_response("start_query_execution", {"QueryExecutionId": "q"})
        st.add_response("get_query_execution", {"QueryExecution": {"Status": {"State": "SUCCEEDED"}}})
        st.add_response("get_query_results", {"ResultSet": {"Rows": [header, data]}, "NextToken": "n"})
        if scenario == "ok":
            st.add_response("get_query_results", {"ResultSet": {"Rows": [data]}})
        else:
            st.add_client_error("get_query_results", service_error_code="InternalServerException", http_status_code=500)


# --- FOCUS files (local: nothing throttles, nothing logs in) ---------------------------------------------------------
class FocusFiles(Harness):
    scenarios = ("ok", "partial")
    pages_counted = False  # a read of the export

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.source = build_source(FocusFileSettings(name="focus", type="focus_file", paths=[str(folder / "*.csv")]))

    def script(self, scenario: str) -> None:
        for f in self.folder.glob("*.csv"):
            f.unlink()
        head = "BilledCost,BillingCurrency,ChargePeriodStart,ChargePeriodEnd,ProviderName,Tags\n"
        (self.folder / "a.csv").write_text(head + '1.5,USD,2026-10-01 00:00:00,2026-10-02 00:00:00,AWS,"{}"\n')
        if scenario == "partial":  # the second file of the export cannot be read
            (self.folder / "b.csv").write_text(head + '2.5,USD,2026-10-01 00:00:00,2026-10-02 00:00:00,AWS,"{not json"\n')


#: One line per settings type: the harness of its source (a new source adds its line).
HARNESSES: dict[type, Callable[[Path], Harness]] = {
    CostExplorerSettings: lambda tmp: CostExplorer(),
    AzureCostManagementSettings: lambda tmp: CostManagement(),
    GcpBigQuerySettings: lambda tmp: BigQuery(),
    AthenaSettings: lambda tmp: Athena(),
    FocusFileSettings: FocusFiles,
}

EXPECTED: dict[str, tuple[type[Exception] | None, HealthStatus]] = {
    "ok": (None, HealthStatus.OK), "throttle": (ThrottledError, HealthStatus.THROTTLED),
    "server_error": (TransientProviderError, HealthStatus.ERROR), "expired": (AuthError, HealthStatus.AUTH_FAILED),
    "partial": (CostlibError, HealthStatus.ERROR)}  # a bad second file is bad input; a failed page a provider's


def test_every_registered_source_has_a_harness() -> None:
    assert set(builders()) == set(HARNESSES)


@pytest.mark.parametrize("settings_type", list(HARNESSES), ids=lambda t: t.__name__)
def test_source_contract(settings_type: type, tmp_path: Path) -> None:
    harness = HARNESSES[settings_type](tmp_path)
    src = harness.source
    sequence = [s for s in ("ok", "throttle", "ok", "server_error", "expired", "partial", "ok")
                if s in harness.scenarios]
    assert src.health().status is HealthStatus.UNKNOWN
    for scenario in sequence:
        before = src.health()
        harness.script(scenario)
        error, status = EXPECTED[scenario]
        if error is None:
            result = src.fetch(WINDOW, group_by=[], tag_keys=["team"])
            assert result.records and result.health == src.health()
        else:
            with pytest.raises(error) as info:
                src.fetch(WINDOW, group_by=[], tag_keys=["team"])
            if scenario == "server_error":
                assert not isinstance(info.value, ThrottledError | AuthError)
            if scenario == "partial" and harness.pages_counted:
                assert src.health().requests_total >= before.requests_total + 2, "both pages are counted"
        after = src.health()
        assert after.status is status, (scenario, after)
        assert after.requests_total > before.requests_total, scenario  # counters only grow
        assert after.errors_total == before.errors_total + (0 if error is None else 1), scenario
        if error is None:
            assert after.last_success is not None and after.message is None
        else:
            assert after.last_success == before.last_success and after.message, scenario  # the last success is kept
