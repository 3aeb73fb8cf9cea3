"""Azure Application Gateway v2 (Standard_v2, WAF_v2, Basic) and the retired v1 SKUs.

Pricing: https://azure.microsoft.com/pricing/details/application-gateway/ — a v2 gateway bills a fixed hourly
charge plus capacity units (CU) per hour. Instances a gateway is held at (``sku.capacity`` with manual scaling,
``autoscale_configuration.min_capacity`` with autoscaling) each reserve about 10 capacity units, billed whether
or not traffic uses them (https://learn.microsoft.com/azure/application-gateway/application-gateway-autoscaling-zone-redundant);
usage ``monthly_v2_capacity_units`` gives the average CUs the traffic needs (the larger of the two is billed).
The v1 SKUs (Standard_Small/Medium/Large, WAF_Medium/Large) were retired on 28 April 2026 and are not priced.
"""

from __future__ import annotations

from decimal import Decimal

from costlib.errors import InputError
from costlib.models import CostComponent, PriceQuery
from costlib.resources._q import azure, hourly, running, unmodelled, usage_based
from costlib.resources.registry import resource
from costlib.resources.schema import AzureInputs, Block, Count, Model, Quantity, Usage, usage_key

__all__ = ["azurerm_application_gateway"]

#: sku name -> (productName, meter prefix)
_V2 = {"standard_v2": ("Application Gateway Standard v2", "Standard"),
       "waf_v2": ("Application Gateway WAF v2", "Standard"),
       "basic": ("Application Gateway Basic v2", "Basic")}
_V1 = {"standard_small", "standard_medium", "standard_large", "waf_medium", "waf_large"}
#: capacity units one instance reserves
CU_PER_INSTANCE = Decimal(10)


class GatewaySku(Model):
    name: str = "Standard_v2"
    tier: str | None = None
    capacity: Count | None = None


class Autoscale(Model):
    min_capacity: Count = 0
    max_capacity: Count | None = None


class ApplicationGateway(AzureInputs):
    sku: Block[GatewaySku] = None
    autoscale_configuration: Block[Autoscale] = None


class ApplicationGatewayUsage(Usage):
    monthly_v2_capacity_units: Quantity | None = usage_key(
        "Average capacity units the gateway's traffic needs over the month (v2)", unit="capacity units")


@resource("azurerm_application_gateway", example={"sku": [{"name": "Standard_v2", "tier": "Standard_v2"}],
                                                  "autoscale_configuration": [{"min_capacity": 2}]})
def azurerm_application_gateway(i: ApplicationGateway, u: ApplicationGatewayUsage) -> list[CostComponent]:
    """An application gateway: ``sku.name`` (Standard_v2, WAF_v2, Basic) fixed hours plus capacity units, at
    least 10 per instance held by ``sku.capacity`` or ``autoscale_configuration.min_capacity``.

    Pricing: https://azure.microsoft.com/pricing/details/application-gateway/
    """
    sku = i.sku or GatewaySku()
    key = sku.name.strip().lower()
    if key in _V1:
        return [unmodelled(f"Application gateway v1 ({sku.name})",
                           "the v1 SKUs were retired on 28 April 2026; migrate to Standard_v2 or WAF_v2")]
    if key not in _V2:
        raise InputError(f"sku.name: unknown Application Gateway SKU {sku.name!r} (Standard_v2, WAF_v2, Basic)")
    product, prefix = _V2[key]

    def q(meter: str) -> PriceQuery:
        return azure("Application Gateway", i.region, productName=product, meterName=f"{prefix} {meter}")

    label = {"standard_v2": "Standard_v2", "waf_v2": "WAF_v2", "basic": "Basic"}[key]
    instances = (i.autoscale_configuration.min_capacity if i.autoscale_configuration is not None
                 else sku.capacity or 0)
    reserved = Decimal(instances) * CU_PER_INSTANCE
    out = [hourly(f"Gateway ({label}, fixed)", q("Fixed Cost"))]
    traffic = u.monthly_v2_capacity_units
    if traffic is None and reserved == 0:
        out.append(usage_based("Capacity units", q("Capacity Units"), None, unit="CU-hours",
                               usage_key="monthly_v2_capacity_units"))
    else:
        units = max(reserved, traffic or Decimal(0))
        note = f"{instances} instances reserve {reserved} CUs" if reserved else None
        out.append(running(f"Capacity units ({units})", q("Capacity Units"), units, unit="CU-hours", note=note))
    return out
