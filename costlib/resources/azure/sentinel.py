"""Microsoft Sentinel data connectors.

Pricing: https://azure.microsoft.com/pricing/details/microsoft-sentinel/ — Sentinel bills the data it analyses
per GB (pay-as-you-go; with the simplified pricing that is the default for workspaces since July 2023 the meter
includes the Log Analytics ingestion). A connector brings data into the workspace, so it is priced by the GB it
ingests (usage ``monthly_data_ingested_gb``). Some sources are free to ingest: Office 365 audit logs and the
alerts of Microsoft Defender products (Defender for Cloud, Defender for Identity, Defender for Endpoint,
Defender for Cloud Apps) — those connectors are listed as free; a Defender for Cloud Apps connector with
discovery logs enabled bills those logs.
"""

from __future__ import annotations

from decimal import Decimal

from costlib.models import CostComponent
from costlib.resources._q import azure, usage_based
from costlib.resources.azure._billing import no_charge
from costlib.resources.registry import resource
from costlib.resources.schema import GB, AzureInputs, Usage, usage_key

__all__ = ["azurerm_sentinel_data_connector", "azurerm_sentinel_data_connector_microsoft_cloud_app_security",
           "sentinel_ingestion"]


class ConnectorInputs(AzureInputs):
    """A connector lives in its workspace's region (its plan names the workspace, not a location)."""

    region: str = "global"


class ConnectorUsage(Usage):
    monthly_data_ingested_gb: GB | None = usage_key("Data the connector brings into Sentinel a month", unit="GB")


def sentinel_ingestion(region: str, gb: Decimal | None, label: str = "Sentinel data analysis (pay-as-you-go)",
                       key: str = "monthly_data_ingested_gb") -> CostComponent:
    """Sentinel's pay-as-you-go analysis of ``gb`` a month."""
    return usage_based(label, azure("Sentinel", region, productName="Sentinel", skuName="Pay-as-you-go",
                                    meterName="Pay-as-you-go Analysis"),
                       gb, unit="GB", usage_key=key)


@resource("azurerm_sentinel_data_connector_aws_cloud_trail", "azurerm_sentinel_data_connector_azure_active_directory",
          "azurerm_sentinel_data_connector_threat_intelligence", example={"name": "connector"})
def azurerm_sentinel_data_connector(i: ConnectorInputs, u: ConnectorUsage) -> list[CostComponent]:
    """A billed data connector (AWS CloudTrail, Microsoft Entra ID sign-in and audit logs, threat intelligence
    indicators): the GB it ingests a month, at Sentinel's pay-as-you-go rate.

    Pricing: https://azure.microsoft.com/pricing/details/microsoft-sentinel/
    """
    return [sentinel_ingestion(i.region, u.monthly_data_ingested_gb)]


class CloudAppSecurityConnector(ConnectorInputs):
    alerts_enabled: bool = True
    discovery_logs_enabled: bool = True


@resource("azurerm_sentinel_data_connector_microsoft_cloud_app_security", example={"name": "mcas"})
def azurerm_sentinel_data_connector_microsoft_cloud_app_security(i: CloudAppSecurityConnector,
                                                                 u: ConnectorUsage) -> list[CostComponent]:
    """A Defender for Cloud Apps connector: its alerts are free to ingest; discovery logs (enabled by default)
    are billed per GB from usage.

    Pricing: https://azure.microsoft.com/pricing/details/microsoft-sentinel/
    """
    if not i.discovery_logs_enabled:
        return [no_charge("Defender for Cloud Apps alerts", "alerts from Microsoft Defender products are free to "
                                                            "ingest", unit="connectors")]
    return [sentinel_ingestion(i.region, u.monthly_data_ingested_gb, label="Discovery logs (pay-as-you-go)")]
