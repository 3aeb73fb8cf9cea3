"""Cost Explorer: the real recorded response through botocore's Stubber, moto's static results, and errors."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import boto3
import pytest
from botocore.stub import Stubber

from costlib.errors import AuthError, TransientProviderError
from costlib.money import Money
from costlib.spend import HealthStatus, SpendWindow
from costlib.spend.aws_ce import CostExplorerSource

WINDOW = SpendWindow(date(2026, 10, 1), date(2026, 10, 3))


def client() -> Any:
    return boto3.client("ce", region_name="us-east-1", aws_access_key_id="x", aws_secret_access_key="y")


def page(day: str, groups: list[tuple[str, str, str]], token: str | None = None, estimated: bool = False) -> dict[str, Any]:
    body: dict[str, Any] = {
        "GroupDefinitions": [{"Type": "TAG", "Key": "team"}, {"Type": "DIMENSION", "Key": "SERVICE"}],
        "ResultsByTime": [{"TimePeriod": {"Start": day, "End": day[:-2] + f"{int(day[-2:]) + 1:02d}"}, "Total": {},
                           "Groups": [{"Keys": [t, s], "Metrics": {"UnblendedCost": {"Amount": a, "Unit": "USD"}}}
                                      for t, s, a in groups], "Estimated": estimated}],
        "DimensionValueAttributes": []}
    if token:
        body["NextPageToken"] = token
    return body


EXPECTED = {"TimePeriod": {"Start": "2026-10-01", "End": "2026-10-03"}, "Granularity": "DAILY",
            "Metrics": ["UnblendedCost"],
            "GroupBy": [{"Type": "TAG", "Key": "team"}, {"Type": "DIMENSION", "Key": "SERVICE"}]}


def test_pages_tags_and_request_cost() -> None:
    ce = client()
    src = CostExplorerSource("aws", client=ce, sleep=lambda s: None)
    with Stubber(ce) as st:
        st.add_response("get_cost_and_usage", page("2026-10-01", [("team$payments", "EC2", "12.34")], token="t1"),
                        EXPECTED)
        st.add_response("get_cost_and_usage", page("2026-10-02", [("team$", "S3", "0.10")], estimated=True),
                        {**EXPECTED, "NextPageToken": "t1"})
        res = src.fetch(WINDOW, group_by=["ServiceName"], tag_keys=["team"])
    assert [(r.tags.get("team"), r.service_name, r.billed_cost, r.estimated) for r in res.records] == [
        ("payments", "EC2", Money("12.34", "USD"), False), (None, "S3", Money("0.10", "USD"), True)]
    assert res.requests == 2 and res.api_cost == Money("0.02", "USD")
    assert src.health().status is HealthStatus.OK and src.health().requests_total == 2


@pytest.mark.shared_data
def test_real_recorded_response(shared_data: Path) -> None:
    recorded = json.loads((shared_data / "spend-samples/aws/ce_get_cost_and_usage_example.json").read_text())
    ce = client()
    src = CostExplorerSource("aws", client=ce, metric="UnblendedCost")
    with Stubber(ce) as st:
        st.add_response("get_cost_and_usage", recorded["response"])
        res = src.fetch(SpendWindow(date(2017, 9, 1), date(2017, 10, 1)), group_by=["ServiceName"],
                        tag_keys=["Environment"])
    amounts = {(r.service_name, r.tags.get("Environment")): r.billed_cost.amount for r in res.records}
    assert amounts[("Amazon Simple Storage Service", None)] == Decimal("40.3543773134")
    assert ("Amazon Simple Storage Service", "Dev") in amounts


def test_throttling_is_retried_then_reported() -> None:
    ce = client()
    sleeps: list[float] = []
    src = CostExplorerSource("aws", client=ce, attempts=3, sleep=sleeps.append)
    with Stubber(ce) as st:
        st.add_client_error("get_cost_and_usage", service_error_code="LimitExceededException", http_status_code=400)
        st.add_response("get_cost_and_usage", page("2026-10-01", [("team$a", "EC2", "1")]))
        res = src.fetch(WINDOW, group_by=["ServiceName"])
    assert len(res.records) == 1 and len(sleeps) == 1
    with Stubber(ce) as st:
        for _ in range(3):
            st.add_client_error("get_cost_and_usage", service_error_code="LimitExceededException", http_status_code=400)
        with pytest.raises(TransientProviderError, match="LimitExceededException after 3 attempts"):
            src.fetch(WINDOW, group_by=["ServiceName"])
    assert src.health().status is HealthStatus.THROTTLED
    assert src.health().last_success is not None  # the earlier success is not forgotten


def test_failure_on_second_page_returns_nothing() -> None:
    ce = client()
    src = CostExplorerSource("aws", client=ce, sleep=lambda s: None)
    with Stubber(ce) as st:
        st.add_response("get_cost_and_usage", page("2026-10-01", [("team$a", "EC2", "1")], token="t1"), EXPECTED)
        st.add_client_error("get_cost_and_usage", service_error_code="ExpiredTokenException", http_status_code=400)
        with pytest.raises(AuthError, match="ExpiredTokenException"):
            src.fetch(WINDOW, group_by=["ServiceName"])
    assert src.health().status is HealthStatus.AUTH_FAILED


def test_with_moto_static_results() -> None:
    import requests
    from moto import mock_aws

    with mock_aws():
        r = requests.post("http://motoapi.amazonaws.com/moto-api/static/ce/cost-and-usage-results",
                          json={"results": [page("2026-10-01", [("team$search", "EC2", "7.5")])]}, timeout=5)
        assert r.status_code == 201
        src = CostExplorerSource("aws", client=boto3.client("ce", region_name="us-east-1"))
        res = src.fetch(WINDOW, group_by=["ServiceName"])
    assert [(r.tags["team"], r.billed_cost) for r in res.records] == [("search", Money("7.5", "USD"))]


def test_forecast() -> None:
    ce = client()
    src = CostExplorerSource("aws", client=ce)
    with Stubber(ce) as st:
        st.add_response("get_cost_forecast", {"Total": {"Amount": "1234.5678", "Unit": "USD"},
                                              "ForecastResultsByTime": []},
                        {"TimePeriod": {"Start": "2026-11-25", "End": "2026-12-01"}, "Metric": "UNBLENDED_COST",
                         "Granularity": "MONTHLY"})
        assert src.forecast(date(2026, 11, 25), date(2026, 12, 1)) == Money("1234.5678", "USD")


def test_ungrouped_fetch_takes_the_total() -> None:
    ce = client()
    src = CostExplorerSource("aws", client=ce, sleep=lambda s: None)
    body = {"ResultsByTime": [{"TimePeriod": {"Start": "2026-10-01", "End": "2026-10-02"}, "Groups": [],
                               "Total": {"UnblendedCost": {"Amount": "123.45", "Unit": "USD"}}, "Estimated": False}],
            "DimensionValueAttributes": []}
    with Stubber(ce) as st:
        st.add_response("get_cost_and_usage", body, {**EXPECTED, "GroupBy": []})
        res = src.fetch(WINDOW, group_by=[], tag_keys=[])
    assert [(r.billed_cost, dict(r.tags)) for r in res.records] == [(Money("123.45", "USD"), {})]
    assert res.health.status is HealthStatus.OK
