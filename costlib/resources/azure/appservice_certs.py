"""App Service TLS bindings and custom domains.

Pricing: https://azure.microsoft.com/pricing/details/app-service/windows/ — a custom domain binding has no charge;
an SNI SSL binding has no charge; an IP-based SSL binding bills a monthly fee for its dedicated address.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated

from costlib.models import CostComponent
from costlib.resources._q import azure, monthly
from costlib.resources.azure._billing import no_charge
from costlib.resources.registry import resource
from costlib.resources.schema import AzureInputs, choice

__all__ = ["azurerm_app_service_certificate_binding", "azurerm_app_service_custom_hostname_binding", "ssl_binding"]

SslState = Annotated[str, choice("SniEnabled", "IpBasedEnabled", "Disabled")]


def ssl_binding(region: str, state: str | None, label: str) -> CostComponent:
    """The charge of a hostname's TLS binding by its ``ssl_state``."""
    if state == "IpBasedEnabled":
        return monthly(f"{label} (IP SSL)", azure("Azure App Service", region,
                                                  productName="Azure App Service SSL Connections", skuName="IP SSL",
                                                  meterName="IP SSL"), Decimal(1), unit="bindings")
    if state == "SniEnabled":
        return no_charge(f"{label} (SNI SSL)", "SNI SSL bindings have no charge", unit="bindings")
    return no_charge(f"{label} (no TLS)", "a custom domain binding has no charge", unit="bindings")


class CertificateBinding(AzureInputs):
    ssl_state: SslState = "SniEnabled"


@resource("azurerm_app_service_certificate_binding", example={"ssl_state": "SniEnabled"})
def azurerm_app_service_certificate_binding(i: CertificateBinding) -> list[CostComponent]:
    """A certificate bound to a hostname: ``ssl_state`` SniEnabled has no charge; IpBasedEnabled bills IP SSL a
    month.

    Pricing: https://azure.microsoft.com/pricing/details/app-service/windows/
    """
    return [ssl_binding(i.region, i.ssl_state, "TLS binding")]


class CustomHostnameBinding(AzureInputs):
    ssl_state: SslState | None = None


@resource("azurerm_app_service_custom_hostname_binding", example={"hostname": "www.example.com"})
def azurerm_app_service_custom_hostname_binding(i: CustomHostnameBinding) -> list[CostComponent]:
    """A custom hostname: no charge; with ``ssl_state`` IpBasedEnabled, IP SSL a month.

    Pricing: https://azure.microsoft.com/pricing/details/app-service/windows/
    """
    return [ssl_binding(i.region, i.ssl_state, "Custom domain binding")]
