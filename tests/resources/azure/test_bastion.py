"""Table tests: costlib.resources.azure.bastion (https://azure.microsoft.com/pricing/details/azure-bastion/)."""

import pytest

from costlib.errors import InputError
from costlib.inputs.typed import parse
from costlib.models import ResourceSpec
from tests.resources.table import Case, table_test

B = "Azure Bastion meterName={s} {m} productName=Azure Bastion skuName={s}"

CASES = [
    Case("Basic default", "azurerm_bastion_host", {}, [
        ("Bastion host (Basic, 2 instances)", "730 hours", B.format(s="Basic", m="Gateway")),
        ("Outbound data transfer", "? GB", B.format(s="Basic", m="Data Transfer Out")),
    ]),
    Case("Standard with 5 scale units and 100 GB out", "azurerm_bastion_host", {"sku": "Standard", "scale_units": 5}, [
        ("Bastion host (Standard, 2 instances)", "730 hours", B.format(s="Standard", m="Gateway")),
        ("Additional scale units (3)", "2190 unit-hours", B.format(s="Standard", m="Additional Gateway")),
        ("Outbound data transfer", "100 GB", B.format(s="Standard", m="Data Transfer Out")),
    ], usage={"monthly_outbound_data_gb": 100}),
    Case("Standard at two units: no additional units", "azurerm_bastion_host", {"sku": "Standard", "scale_units": 2}, [
        ("Bastion host (Standard, 2 instances)", "730 hours", B.format(s="Standard", m="Gateway")),
        ("Outbound data transfer", "? GB", B.format(s="Standard", m="Data Transfer Out")),
    ]),
    Case("Premium", "azurerm_bastion_host", {"sku": "Premium", "scale_units": 4}, [
        ("Bastion host (Premium, 2 instances)", "730 hours", B.format(s="Premium", m="Gateway")),
        ("Additional scale units (2)", "1460 unit-hours", B.format(s="Premium", m="Additional Gateway")),
        ("Outbound data transfer", "? GB", B.format(s="Premium", m="Data Transfer Out")),
    ]),
    Case("Developer is free", "azurerm_bastion_host", {"sku": "Developer"}, [
        ("Bastion (Developer)", "1 months", "fixed 0 USD"),
    ]),
]

test_table = table_test(CASES)


def test_scale_units_outside_the_range_are_refused() -> None:
    spec = ResourceSpec(address="azurerm_bastion_host.b", type="azurerm_bastion_host", provider="azure",
                        region="eastus", attributes={"sku": "Standard", "scale_units": 60})
    part = parse(spec).parts[0]
    with pytest.raises(InputError, match="2 to 50 scale units"):
        part.rtype.price(part.inputs, part.usage)
