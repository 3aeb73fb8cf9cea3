"""Azure IoT Hub and the Device Provisioning Service.

Pricing: https://azure.microsoft.com/pricing/details/iot-hub/ — a hub bills each unit of its tier (B1-B3, S1-S3)
by the month (the Free tier, F1, has no charge); the Device Provisioning Service bills operations per 1,000.
"""

from __future__ import annotations

from decimal import Decimal

from costlib.errors import InputError
from costlib.models import CostComponent
from costlib.resources._q import azure, monthly, usage_based
from costlib.resources.azure._billing import no_charge, per
from costlib.resources.registry import resource
from costlib.resources.schema import AzureInputs, Block, Count, Model, Quantity, Usage, usage_key

__all__ = ["azurerm_iothub", "azurerm_iothub_dps"]

_TIERS = ("B1", "B2", "B3", "S1", "S2", "S3")


class HubSku(Model):
    name: str = "S1"
    capacity: Count = 1


class IotHub(AzureInputs):
    sku: Block[HubSku] = None


@resource("azurerm_iothub", example={"sku": [{"name": "S1", "capacity": 1}]})
def azurerm_iothub(i: IotHub) -> list[CostComponent]:
    """An IoT hub: ``sku.capacity`` units of ``sku.name`` (B1-B3, S1-S3) a month; F1 has no charge.

    Pricing: https://azure.microsoft.com/pricing/details/iot-hub/
    """
    sku = i.sku or HubSku()
    name = sku.name.strip().upper()
    if name == "F1":
        return [no_charge("IoT hub (Free F1)", "the Free tier has no charge", unit="units")]
    if name not in _TIERS:
        raise InputError(f"sku.name: unknown IoT Hub tier {sku.name!r} (F1, B1-B3, S1-S3)")
    return [monthly(f"IoT hub units ({name}, {sku.capacity})",
                    azure("IoT Hub", i.region, productName="IoT Hub", skuName=name, meterName=f"{name} Unit"),
                    Decimal(sku.capacity), unit="units")]


class DpsUsage(Usage):
    monthly_operations: Quantity | None = usage_key("Device provisioning operations a month", unit="operations")


@resource("azurerm_iothub_dps", example={"sku": [{"name": "S1", "capacity": 1}]})
def azurerm_iothub_dps(i: AzureInputs, u: DpsUsage) -> list[CostComponent]:
    """A Device Provisioning Service: operations per 1,000 from usage.

    Pricing: https://azure.microsoft.com/pricing/details/iot-hub/
    """
    return [usage_based("Provisioning operations", azure("IoT Hub", i.region, productName="IoT Hub Device Provisioning",
                                                         skuName="S1", meterName="S1 Operations"),
                        per(1_000, u.monthly_operations), unit="1K operations", usage_key="monthly_operations")]
