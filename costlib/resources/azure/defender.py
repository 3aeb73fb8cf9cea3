"""Microsoft Defender for Cloud plans (``azurerm_security_center_subscription_pricing``).

Pricing: https://azure.microsoft.com/pricing/details/defender-for-cloud/ — the Free tier (foundational CSPM) has
no charge; a Standard plan bills per protected resource: servers (Plan 1 or 2), App Service instances, storage
accounts (or, on the older per-transaction plan, per million transactions), Key Vault vaults, subscriptions
(Resource Manager), Kubernetes vCores (Containers), 100 RU/s of Cosmos DB throughput, SQL servers, DNS queries
per million, CSPM billable resources. A plan is set on a subscription and covers what runs there, which the plan
resource cannot count: usage ``protected_units`` gives the number of protected resources (or vCores, or hundreds
of RU/s) and ``monthly_transactions`` / ``monthly_queries`` the per-use plans. The subscription has no location:
the meters are looked up in ``Global`` unless the resource has a region.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated

from costlib.models import CostComponent
from costlib.money import HOURS_PER_MONTH
from costlib.resources._q import azure, unmodelled, usage_based
from costlib.resources.azure._billing import global_region, no_charge, per
from costlib.resources.registry import resource
from costlib.resources.schema import AzureInputs, Count, Quantity, Usage, choice, usage_key

__all__ = ["PLANS", "azurerm_security_center_subscription_pricing"]

#: resource_type -> (productName, skuName, meterName, hourly?, what a unit is)
PLANS: dict[str, tuple[str, str, str, bool, str]] = {
    "VirtualMachines": ("Microsoft Defender for Servers", "Standard P2", "Standard P2 Node", True, "server"),
    "AppServices": ("Microsoft Defender for App Service", "Standard", "Standard Node", True, "instance"),
    "StorageAccounts": ("Microsoft Defender for Storage", "Standard", "Standard Node", True, "storage account"),
    "KeyVaults": ("Microsoft Defender for Key Vault", "Per node Std", "Per node Std Node", True, "vault"),
    "Arm": ("Microsoft Defender for Resource Manager", "Per node Std", "Per node Std Node", True, "subscription"),
    "Containers": ("Microsoft Defender for Containers", "Standard vCore", "Standard vCore vCore Pack", True, "vCore"),
    "CosmosDbs": ("Microsoft Defender for Azure Cosmos DB", "Standard", "Standard 100 RU/s", True, "100 RU/s"),
    "SqlServers": ("Microsoft Defender for SQL", "Standard", "Standard Node", False, "server"),
    "SqlServerVirtualMachines": ("Microsoft Defender for SQL", "Standard", "Standard Instance", True, "server"),
    "CloudPosture": ("Microsoft Defender CSPM", "Standard", "Standard Node", True, "billable resource"),
}
_TYPES = (*PLANS, "Dns", "OpenSourceRelationalDatabases", "Api", "AI", "ContainerRegistry", "KubernetesService")


class SubscriptionPricing(AzureInputs):
    region: str = "global"
    tier: Annotated[str, choice("Free", "Standard")] = "Free"
    resource_type: Annotated[str, choice(*_TYPES, what="Defender plan resource_type")] = (
        "VirtualMachines")
    subplan: str | None = None


class SubscriptionPricingUsage(Usage):
    protected_units: Count | None = usage_key(
        "Resources the plan protects (servers, instances, storage accounts, vaults, subscriptions, vCores or "
        "hundreds of RU/s, by plan)", unit="units")
    monthly_transactions: Quantity | None = usage_key("Storage transactions a month (per-transaction plan)",
                                                      unit="transactions")
    monthly_queries: Quantity | None = usage_key("DNS queries a month (Defender for DNS)", unit="queries")


@resource("azurerm_security_center_subscription_pricing", example={"tier": "Standard",
                                                                   "resource_type": "VirtualMachines",
                                                                   "subplan": "P2"})
def azurerm_security_center_subscription_pricing(i: SubscriptionPricing,
                                                 u: SubscriptionPricingUsage) -> list[CostComponent]:
    """A Defender for Cloud plan: ``tier`` Free (no charge) or Standard, billed per protected unit of its
    ``resource_type`` (usage ``protected_units``); servers by ``subplan`` P1 or P2 (default P2).

    Pricing: https://azure.microsoft.com/pricing/details/defender-for-cloud/
    """
    kind = i.resource_type
    if i.tier == "Free":
        return [no_charge(f"Defender for Cloud ({kind}, Free tier)", "the Free tier has no charge",
                          unit="subscriptions")]
    region = global_region(i.region) if i.region == "global" or kind == "CloudPosture" else i.region
    if kind == "Dns":
        return [usage_based("Defender for DNS queries",
                            azure("Microsoft Defender for Cloud", region, productName="Microsoft Defender for DNS",
                                  skuName="Standard", meterName="Standard Queries"),
                            per(1_000_000, u.monthly_queries), unit="1M queries", usage_key="monthly_queries")]
    if kind == "StorageAccounts" and (i.subplan or "").lower() == "pertransaction":
        return [usage_based("Defender for Storage transactions",
                            azure("Microsoft Defender for Cloud", region, productName="Microsoft Defender for Storage",
                                  skuName="Standard", meterName="Standard Transactions"),
                            per(1_000_000, u.monthly_transactions), unit="1M transactions",
                            usage_key="monthly_transactions")]
    if kind not in PLANS:
        return [unmodelled(f"Defender for Cloud ({kind})", f"the {kind} plan's meters are not modelled yet")]
    product, sku, meter, per_hour, what = PLANS[kind]
    if kind == "VirtualMachines" and (i.subplan or "P2").upper() == "P1":
        sku, meter = "Standard P1", "Standard P1 Node"
    plan = {"Standard P1": ", Plan 1", "Standard P2": ", Plan 2"}.get(sku, "")
    units = None if u.protected_units is None else Decimal(u.protected_units)
    quantity = None if units is None else units * (HOURS_PER_MONTH if per_hour else Decimal(1))
    return [usage_based(f"Defender for Cloud ({kind}{plan}, per {what})",
                        azure("Microsoft Defender for Cloud", region, productName=product, skuName=sku,
                              meterName=meter),
                        quantity, unit=f"{what}-hours" if per_hour else f"{what}s", usage_key="protected_units")]
