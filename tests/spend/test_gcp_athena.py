"""GCP billing export SQL run on DuckDB tables shaped like the export; account discovery through the client types."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import duckdb
import pytest

from costlib.errors import AuthError, InputError
from costlib.money import Money
from costlib.spend import ChargeCategory, HealthStatus, SpendWindow
from costlib.spend.gcp_bq import BigQueryExportSource, build_query, list_billing_projects

TABLE = "proj.billing.gcp_billing_export_v1_0000"


@pytest.fixture
def export() -> duckdb.DuckDBPyConnection:
    con = duckdb.connect()
    con.execute("""CREATE TABLE proj_billing_gcp_billing_export_v1_0000 (
        billing_account_id VARCHAR, service STRUCT(id VARCHAR, description VARCHAR),
        sku STRUCT(id VARCHAR, description VARCHAR), usage_start_time TIMESTAMPTZ, usage_end_time TIMESTAMPTZ,
        project STRUCT(id VARCHAR, name VARCHAR), labels STRUCT(key VARCHAR, value VARCHAR)[],
        location STRUCT(location VARCHAR, region VARCHAR), cost DOUBLE, currency VARCHAR,
        credits STRUCT(name VARCHAR, amount DOUBLE, type VARCHAR)[], invoice STRUCT(month VARCHAR),
        cost_type VARCHAR)""")
    rows = [
        ("2026-11-01 01:00:00+00", "Compute Engine", "web-prod", [("team", "web")], 1.10, [("SUD", -0.10, "SUSTAINED_USAGE_DISCOUNT")], "regular"),
        ("2026-11-01 02:00:00+00", "Compute Engine", "web-prod", [("team", "web")], 1.10, [], "regular"),
        ("2026-11-01 02:00:00+00", "Cloud Storage", "data", [("team", "data"), ("env", "prod")], 0.35, [], "regular"),
        ("2026-11-02 02:00:00+00", "Cloud Storage", "data", [("team", "")], 0.05, [], "regular"),
        ("2026-11-03 02:00:00+00", "Compute Engine", "web-prod", [("team", "web")], -0.40, [], "adjustment"),
        ("2026-11-03 02:00:00+00", "Compute Engine", "web-prod", [("team", "web")], 0.07, [], "tax"),
        ("2026-10-31 23:00:00+00", "Compute Engine", "web-prod", [("team", "web")], 99.0, [], "regular"),
    ]
    for ts, svc, proj, labels, cost, credits, cost_type in rows:
        con.execute("INSERT INTO proj_billing_gcp_billing_export_v1_0000 VALUES ('A', {'id': 's', 'description': ?}, "
                    "{'id': 'k', 'description': 'x'}, ?, ?, {'id': ?, 'name': ?}, ?, "
                    "{'location': 'us-central1', 'region': 'us-central1'}, ?, 'USD', ?, {'month': '202611'}, ?)",
                    [svc, ts, ts, proj, proj, [{"key": k, "value": v} for k, v in labels], cost,
                     [{"name": n, "amount": a, "type": t} for n, a, t in credits], cost_type])
    return con


def test_generated_sql_runs_on_an_export_shaped_table(export: duckdb.DuckDBPyConnection) -> None:
    def run(sql: str, params: dict[str, Any]) -> list[tuple[Any, ...]]:
        return export.execute(sql, params).fetchall()

    src = BigQueryExportSource("gcp", TABLE, execute=run, dialect="duckdb")
    res = src.fetch(SpendWindow(date(2026, 11, 1), date(2026, 12, 1)), tag_keys=["team"])
    charges = {(r.charge_date.day, r.service_name, r.tags.get("team")): r.billed_cost
               for r in res.records if r.charge_category is ChargeCategory.USAGE}
    assert charges == {(1, "Compute Engine", "web"): Money(Decimal("2.2"), "USD").rounded(12),
                       (1, "Cloud Storage", "data"): Money(Decimal("0.35"), "USD").rounded(12),
                       (2, "Cloud Storage", None): Money(Decimal("0.05"), "USD").rounded(12)}
    credits = [r for r in res.records if r.charge_category is ChargeCategory.CREDIT]
    assert [(c.billed_cost.amount, c.tags.get("team")) for c in credits] == [(Decimal("-0.1").quantize(Decimal("1e-12")), "web")]
    assert res.health.status is HealthStatus.OK  # the 2026-10-31 row stayed out of the window
    other = {(r.charge_category, r.billed_cost.amount) for r in res.records if r.charge_date.day == 3}
    assert other == {(ChargeCategory.ADJUSTMENT, Decimal("-0.4").quantize(Decimal("1e-12"))),
                     (ChargeCategory.TAX, Decimal("0.07").quantize(Decimal("1e-12")))}  # kept apart from usage


def test_bigquery_dialect_is_parameterised_and_rejects_bad_tables() -> None:
    sql = build_query(TABLE, ["team", "env"])
    assert "`proj.billing.gcp_billing_export_v1_0000`" in sql and "@tag1" in sql and "BIGNUMERIC" in sql
    with pytest.raises(Exception, match="not a BigQuery table name"):
        build_query("x; DROP TABLE y", [])


def test_errors_set_health() -> None:
    def denied(sql: str, params: dict[str, Any]) -> list[tuple[Any, ...]]:
        raise AuthError("403 Access Denied: BigQuery", where="source gcp")

    src = BigQueryExportSource("gcp", TABLE, execute=denied, dialect="duckdb")
    with pytest.raises(AuthError):
        src.fetch(SpendWindow(date(2026, 11, 1), date(2026, 12, 1)))
    assert src.health().status is HealthStatus.AUTH_FAILED


def test_billing_discovery_with_client_types() -> None:
    from google.cloud import billing_v1

    class Client:
        def list_billing_accounts(self) -> list[billing_v1.BillingAccount]:
            return [billing_v1.BillingAccount(name="billingAccounts/0000-AAAA", display_name="main")]

        def list_project_billing_info(self, name: str) -> list[billing_v1.ProjectBillingInfo]:
            assert name == "billingAccounts/0000-AAAA"
            return [billing_v1.ProjectBillingInfo(project_id="web-prod"), billing_v1.ProjectBillingInfo(project_id="data")]

    assert list_billing_projects(Client()) == {"billingAccounts/0000-AAAA": ["web-prod", "data"]}


def test_athena_focus_export_with_stubber() -> None:
    import boto3
    from botocore.stub import Stubber

    from costlib.spend.athena import AthenaFocusSource

    client = boto3.client("athena", region_name="us-east-1", aws_access_key_id="x", aws_secret_access_key="y")
    src = AthenaFocusSource("cur", "billing", "focus_1_0_aws", client=client, sleep=lambda s: None)

    def row(*values: str | None) -> dict[str, Any]:
        return {"Data": [{"VarCharValue": v} if v is not None else {} for v in values]}

    header = row("day", "providername", "chargecategory", "billingcurrency", "servicename", "subaccountid",
                 "regionid", "tag0", "billed", "effective")
    with Stubber(client) as st:
        st.add_response("start_query_execution", {"QueryExecutionId": "q1"})
        st.add_response("get_query_execution", {"QueryExecution": {"Status": {"State": "RUNNING"}}})
        st.add_response("get_query_execution", {"QueryExecution": {"Status": {"State": "SUCCEEDED"}}})
        st.add_response("get_query_results", {"ResultSet": {"Rows": [header, row(
            "2026-11-01", "AWS", "Usage", "USD", "Amazon EC2", "111", "us-east-1", "web", "12.500000000000",
            "11.000000000000")]}, "NextToken": "n"})
        st.add_response("get_query_results", {"ResultSet": {"Rows": [row(
            "2026-11-01", "AWS", "Credit", "USD", "Amazon EC2", "111", "us-east-1", None, "-1.000000000000", None)]}})
        res = src.fetch(SpendWindow(date(2026, 11, 1), date(2026, 12, 1)), tag_keys=["team"])
    assert [(r.charge_category, r.billed_cost, dict(r.tags)) for r in res.records] == [
        (ChargeCategory.USAGE, Money("12.5", "USD"), {"team": "web"}), (ChargeCategory.CREDIT, Money("-1", "USD"), {})]
    with Stubber(client) as st:
        st.add_response("start_query_execution", {"QueryExecutionId": "q2"})
        st.add_response("get_query_execution", {"QueryExecution": {"Status": {
            "State": "FAILED", "StateChangeReason": "TABLE_NOT_FOUND: focus_1_0_aws"}}})
        with pytest.raises(Exception, match="TABLE_NOT_FOUND"):
            src.fetch(SpendWindow(date(2026, 11, 1), date(2026, 12, 1)), tag_keys=["team"])
    assert src.health().status is HealthStatus.ERROR
    with Stubber(client) as st:
        st.add_response("start_query_execution", {"QueryExecutionId": "q3"})
        st.add_response("get_query_execution", {"QueryExecution": {"Status": {"State": "SUCCEEDED"}}})
        st.add_response("get_query_results", {"ResultSet": {"Rows": [header, row(
            "2026-11-01", "AWS", "Refund", "USD", "Amazon EC2", "111", "us-east-1", None, "-4.0", None)]}})
        with pytest.raises(InputError, match="unknown ChargeCategory 'Refund'.*FOCUS knows Usage") as info:
            src.fetch(SpendWindow(date(2026, 11, 1), date(2026, 12, 1)), tag_keys=["team"])
    assert info.value.where == "source cur"
