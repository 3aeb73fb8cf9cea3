"""Table tests: costlib.resources.azure.aadds (https://azure.microsoft.com/pricing/details/microsoft-entra-ds/)."""

import pytest

from costlib.errors import InputError
from tests.resources.azure.queries import components_of
from tests.resources.table import Case, table_test

E = ("Microsoft Entra Domain Services meterName={s} {f} productName=Microsoft Entra Domain Services skuName={s}")

CASES = [
    Case("Standard user forest (default)", "azurerm_active_directory_domain_service", {"domain_name": "corp.example.com"}, [
        ("Managed domain (Standard, user forest)", "730 hours", E.format(s="Standard", f="User Forest")),
    ]),
    Case("Enterprise resource forest", "azurerm_active_directory_domain_service",
         {"sku": "Enterprise", "domain_configuration_type": "ResourceTrusting"}, [
        ("Managed domain (Enterprise, resource forest)", "730 hours", E.format(s="Enterprise", f="Resource Forest")),
    ]),
    Case("replica set of a Premium domain", "azurerm_active_directory_domain_service_replica_set", {}, [
        ("Replica set (Premium, user forest)", "730 hours", E.format(s="Premium", f="User Forest")),
    ], usage={"domain_service_sku": "Premium"}),
    Case("replica set defaults to Standard", "azurerm_active_directory_domain_service_replica_set", {}, [
        ("Replica set (Standard, user forest)", "730 hours", E.format(s="Standard", f="User Forest")),
    ]),
]

test_table = table_test(CASES)


def test_a_standard_resource_forest_is_refused() -> None:
    with pytest.raises(InputError, match="resource forest needs the Enterprise or Premium"):
        components_of("azurerm_active_directory_domain_service", {"sku": "Standard",
                                                                  "domain_configuration_type": "ResourceTrusting"})
