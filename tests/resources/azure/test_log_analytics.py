"""Table tests: costlib.resources.azure.log_analytics (https://azure.microsoft.com/pricing/details/monitor/).

Pay-as-you-go per GB; commitment tiers a day plus overage at the tier's rate; retention beyond 31 days (90 with
Sentinel) per GB-month; export per GB; Sentinel analysis per GB.
"""

import pytest

from costlib.errors import InputError
from tests.resources.azure.queries import components_of
from tests.resources.table import Case, table_test

LA = "Log Analytics meterName=Analytics Logs {m} productName=Log Analytics skuName=Analytics Logs"
CT = "Azure Monitor meterName={n} GB Commitment Tier Capacity Reservation productName=Azure Monitor skuName={n} GB Commitment Tier"
S = "Sentinel meterName=Pay-as-you-go Analysis productName=Sentinel skuName=Pay-as-you-go"

CASES = [
    Case("pay-as-you-go, 30 days kept", "azurerm_log_analytics_workspace", {"sku": "PerGB2018"}, [
        ("Data ingested (pay-as-you-go)", "20 GB", LA.format(m="Data Analyzed")),
    ], usage={"monthly_log_data_ingestion_gb": 20}),
    Case("kept 90 days: 59 extra days", "azurerm_log_analytics_workspace", {"retention_in_days": 90}, [
        ("Data ingested (pay-as-you-go)", "73 GB", LA.format(m="Data Analyzed")),
        ("Data retained beyond 31 days (90 days)", "141.6 GB-months", LA.format(m="Data Retention")),
    ], usage={"monthly_log_data_ingestion_gb": 73}),
    Case("retained GB from usage, export and Sentinel", "azurerm_log_analytics_workspace", {"retention_in_days": 90}, [
        ("Data ingested (pay-as-you-go)", "20 GB", LA.format(m="Data Analyzed")),
        ("Data retained beyond 90 days (90 days)", "30 GB-months", LA.format(m="Data Retention")),
        ("Data export", "40 GB", "Azure Monitor meterName=Log Analytics data export Data Exported "
                                 "productName=Azure Monitor skuName=Log Analytics data export"),
        ("Sentinel data analysis (pay-as-you-go)", "40 GB", S),
    ], usage={"monthly_log_data_ingestion_gb": 20, "monthly_additional_log_data_retention_gb": 30,
              "monthly_log_data_export_gb": 40, "monthly_sentinel_data_ingestion_gb": 40}),
    Case("100 GB a day commitment, under it", "azurerm_log_analytics_workspace",
         {"sku": "CapacityReservation", "reservation_capacity_in_gb_per_day": 100}, [
        ("Commitment tier (100 GB a day)", "30.41666666666666666666666667 days", CT.format(n=100)),
    ], usage={"monthly_log_data_ingestion_gb": 2000}),
    Case("200 GB a day commitment with 304.17 GB above it", "azurerm_log_analytics_workspace",
         {"sku": "CapacityReservation", "reservation_capacity_in_gb_per_day": 200}, [
        ("Commitment tier (200 GB a day)", "30.41666666666666666666666667 days", CT.format(n=200)),
        ("Ingestion above the commitment (216.67 GB at the tier's rate)",
         "1.08333333333333333333333333 tier-days", CT.format(n=200)),
    ], usage={"monthly_log_data_ingestion_gb": 6300}),
    Case("daily quota caps ingestion", "azurerm_log_analytics_workspace", {"daily_quota_gb": 2}, [
        ("Data ingested (pay-as-you-go)", "60.83333333333333333333333334 GB", LA.format(m="Data Analyzed")),
    ], usage={"monthly_log_data_ingestion_gb": 500}),
    Case("Free tier", "azurerm_log_analytics_workspace", {"sku": "Free"}, [
        ("Workspace (Free tier)", "1 months", "fixed 0 USD"),
    ]),
    Case("legacy per-node tier", "azurerm_log_analytics_workspace", {"sku": "PerNode"}, [
        ("Workspace (PerNode tier)", "?", "not modelled"),
    ]),
    Case("Sentinel solution", "azurerm_log_analytics_solution",
         {"solution_name": "SecurityInsights", "plan": [{"publisher": "Microsoft", "product": "OMSGallery/SecurityInsights"}]}, [
        ("Sentinel data analysis (pay-as-you-go)", "10 GB", S),
    ], usage={"monthly_sentinel_data_ingestion_gb": 10}),
    Case("other solutions have no charge", "azurerm_log_analytics_solution",
         {"solution_name": "ContainerInsights", "plan": [{"publisher": "Microsoft", "product": "OMSGallery/ContainerInsights"}]}, [
        ("Solution (ContainerInsights)", "1 solutions", "fixed 0 USD"),
    ]),
]

test_table = table_test(CASES)


def test_a_commitment_tier_that_does_not_exist_is_refused() -> None:
    with pytest.raises(InputError, match="not a commitment tier"):
        components_of("azurerm_log_analytics_workspace", {"sku": "CapacityReservation",
                                                          "reservation_capacity_in_gb_per_day": 150})
