"""Table tests: costlib.resources.azure.keyvault (https://azure.microsoft.com/pricing/details/key-vault/).

Software keys: operations per 10K (RSA 2048 standard, RSA 3072/4096 and EC advanced); HSM keys: a monthly fee per
key plus operations; rotations per rotation; certificate renewals per request; Managed HSM pools by the hour.
"""

import pytest

from costlib.errors import InputError
from tests.resources.azure.queries import components_of
from tests.resources.table import Case, table_test

KV = "Key Vault meterName={m} productName=Key Vault skuName={s}"

CASES = [
    Case("software RSA 2048 with 1M operations", "azurerm_key_vault_key", {"key_type": "RSA", "key_size": 2048}, [
        ("Key operations (RSA 2048)", "100 10K operations", KV.format(m="Operations", s="Standard")),
    ], usage={"monthly_protected_keys_operations": 1_000_000}),
    Case("software RSA 4096: advanced operations", "azurerm_key_vault_key", {"key_type": "RSA", "key_size": 4096}, [
        ("Key operations (RSA 4096)", "? 10K operations", KV.format(m="Advanced Key Operations", s="Standard")),
    ]),
    Case("software EC: advanced operations", "azurerm_key_vault_key", {"key_type": "EC", "curve": "P-256"}, [
        ("Key operations (EC)", "2 10K operations", KV.format(m="Advanced Key Operations", s="Standard")),
    ], usage={"monthly_protected_keys_operations": 20_000}),
    Case("HSM RSA 2048: a key fee plus operations", "azurerm_key_vault_key", {"key_type": "RSA-HSM", "key_size": 2048}, [
        ("HSM-protected key (RSA-HSM 2048)", "1 keys", KV.format(m="Premium HSM-protected RSA 2048-bit key", s="Premium")),
        ("Key operations (RSA-HSM 2048)", "? 10K operations", KV.format(m="Operations", s="Premium")),
    ]),
    Case("HSM EC: the advanced key fee", "azurerm_key_vault_key", {"key_type": "EC-HSM", "curve": "P-384"}, [
        ("HSM-protected key (EC-HSM)", "1 keys", KV.format(m="Premium HSM-protected Advanced Key", s="Premium")),
        ("Key operations (EC-HSM)", "? 10K operations", KV.format(m="Advanced Key Operations", s="Premium")),
    ]),
    Case("rotated every 90 days: 730/24/90 rotations a month", "azurerm_key_vault_key",
         {"key_type": "RSA", "key_size": 2048,
          "rotation_policy": [{"automatic": [{"time_after_create": "P90D"}], "expire_after": "P120D"}]}, [
        ("Key operations (RSA 2048)", "? 10K operations", KV.format(m="Operations", s="Standard")),
        ("Automated key rotations", "0.337962962962962962962962963 rotations",
         KV.format(m="Automated Key Rotation", s="Standard")),
    ]),
    Case("rotated 30 days before a 1-year expiry", "azurerm_key_vault_key",
         {"key_type": "RSA", "key_size": 2048,
          "rotation_policy": [{"automatic": [{"time_before_expiry": "P30D"}], "expire_after": "P365D"}]}, [
        ("Key operations (RSA 2048)", "? 10K operations", KV.format(m="Operations", s="Standard")),
        ("Automated key rotations", "0.09079601990049751243781094528 rotations",
         KV.format(m="Automated Key Rotation", s="Standard")),
    ]),
    Case("oct key: Managed HSM only", "azurerm_key_vault_key", {"key_type": "oct-HSM", "key_size": 256}, [
        ("Key (oct-HSM)", "?", "not modelled"),
    ]),
    Case("auto-renewed 12-month certificate", "azurerm_key_vault_certificate", {"certificate_policy": [{
        "lifetime_action": [{"action": [{"action_type": "AutoRenew"}]}],
        "x509_certificate_properties": [{"validity_in_months": 12}]}]}, [
        ("Certificate renewals", "0.08333333333333333333333333333 requests",
         KV.format(m="Certificate Renewal Request", s="Standard")),
        ("Certificate operations", "10 10K operations", KV.format(m="Operations", s="Standard")),
    ], usage={"monthly_certificate_other_operations": 100_000}),
    Case("certificate renewals from usage", "azurerm_key_vault_certificate", {}, [
        ("Certificate renewals", "100 requests", KV.format(m="Certificate Renewal Request", s="Standard")),
        ("Certificate operations", "? 10K operations", KV.format(m="Operations", s="Standard")),
    ], usage={"monthly_certificate_renewal_requests": 100}),
    Case("certificate without auto-renew or usage", "azurerm_key_vault_certificate", {}, [
        ("Certificate renewals", "? requests", KV.format(m="Certificate Renewal Request", s="Standard")),
        ("Certificate operations", "? 10K operations", KV.format(m="Operations", s="Standard")),
    ]),
    Case("Managed HSM pool", "azurerm_key_vault_managed_hardware_security_module", {"sku_name": "Standard_B1"}, [
        ("Managed HSM pool (Standard_B1)", "730 hours",
         "Key Vault meterName=Standard B1 Instance productName=Key Vault HSM Pool"),
    ]),
]

test_table = table_test(CASES)


@pytest.mark.parametrize(("type_", "attrs", "words"), [
    ("azurerm_key_vault_key", {"key_type": "DES"}, "unknown key type"),
    ("azurerm_key_vault_key", {"key_type": "RSA", "rotation_policy": [{"automatic": [{"time_after_create": "90"}]}]},
     "not an ISO 8601 period"),
    ("azurerm_key_vault_managed_hardware_security_module", {"sku_name": "Premium_P9"}, "unknown Managed HSM SKU"),
])
def test_refused_configurations(type_: str, attrs: dict[str, object], words: str) -> None:
    with pytest.raises(InputError, match=words):
        components_of(type_, attrs)
