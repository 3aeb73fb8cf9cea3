"""Azure Key Vault keys and certificates, and Managed HSM pools.

Pricing: https://azure.microsoft.com/pricing/details/key-vault/ — software-protected keys cost nothing to hold:
their operations are billed per 10K (RSA 2048-bit keys at the standard rate, RSA 3072/4096 and EC keys as
"advanced" operations); HSM-protected keys (``*-HSM`` key types, in a Premium vault) bill a monthly fee per key
(RSA 2048, or the "advanced key" fee for RSA 3072/4096 and EC, in volume tiers) plus their operations; automated
key rotation is billed per rotation; certificate renewals per request. A Managed HSM pool bills by the hour.
Rotations a month follow the key's ``rotation_policy`` (a key rotated every 90 days rotates 730/24/90 times a
month); renewals follow a certificate's auto-renew policy and validity. Secrets are operations on their vault.
"""

from __future__ import annotations

import re
from decimal import Decimal

from costlib.errors import InputError
from costlib.models import CostComponent, PriceQuery
from costlib.resources._q import azure, hourly, monthly, unmodelled, usage_based
from costlib.resources.azure._billing import DAYS_IN_MONTH, per
from costlib.resources.registry import resource
from costlib.resources.schema import AzureInputs, Block, Blocks, Count, Model, Quantity, Usage, usage_key

__all__ = ["azurerm_key_vault_certificate", "azurerm_key_vault_key",
           "azurerm_key_vault_managed_hardware_security_module", "iso_days"]

_DURATION = re.compile(r"^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?$", re.IGNORECASE)


def iso_days(duration: str) -> Decimal:
    """Days in an ISO 8601 period of years, months, weeks and days (``P90D``, ``P1Y``, ``P6M``).

    >>> iso_days("P90D"), iso_days("P1Y"), iso_days("P2W")
    (Decimal('90'), Decimal('365'), Decimal('14'))
    """
    m = _DURATION.match(duration.strip())
    if not m or not any(m.groups()):
        raise InputError(f"{duration!r} is not an ISO 8601 period such as P90D")
    years, months, weeks, days = (Decimal(g or 0) for g in m.groups())
    return years * 365 + months * Decimal(365) / 12 + weeks * 7 + days


def _kv(sku: str, meter: str) -> dict[str, str]:
    return {"productName": "Key Vault", "skuName": sku, "meterName": meter}


class AutomaticRotation(Model):
    time_after_create: str | None = None
    time_before_expiry: str | None = None


class RotationPolicy(Model):
    automatic: Block[AutomaticRotation] = None
    expire_after: str | None = None


class KeyVaultKey(AzureInputs):
    key_type: str = "RSA"
    key_size: Count | None = None
    curve: str | None = None
    rotation_policy: Block[RotationPolicy] = None


class KeyVaultKeyUsage(Usage):
    monthly_protected_keys_operations: Quantity | None = usage_key(
        "Cryptographic operations with the key a month (software or HSM)", unit="operations")
    monthly_key_rotation_renewals: Quantity | None = usage_key(
        "Automated rotations of the key a month (default: from its rotation policy)", unit="rotations")


def _rotations(policy: RotationPolicy | None) -> Decimal | None:
    """Rotations a month from a rotation policy (None: the key is not rotated automatically)."""
    auto = policy.automatic if policy is not None else None
    if auto is None:
        return None
    if auto.time_after_create:
        period = iso_days(auto.time_after_create)
    elif auto.time_before_expiry and policy is not None and policy.expire_after:
        period = iso_days(policy.expire_after) - iso_days(auto.time_before_expiry)
    else:
        return None
    if period <= 0:
        raise InputError("rotation_policy: the rotation period must be longer than zero days")
    return DAYS_IN_MONTH / period


@resource("azurerm_key_vault_key", example={"key_type": "RSA", "key_size": 2048,
                                            "key_opts": ["decrypt", "encrypt", "sign", "verify"]})
def azurerm_key_vault_key(i: KeyVaultKey, u: KeyVaultKeyUsage) -> list[CostComponent]:
    """A vault key: ``key_type`` RSA/EC (software: operations only) or RSA-HSM/EC-HSM (a monthly fee per key
    plus operations), ``key_size`` (RSA 2048 at the standard rates, 3072/4096 as advanced keys), automated
    rotations from ``rotation_policy``.

    Pricing: https://azure.microsoft.com/pricing/details/key-vault/
    """
    kind = i.key_type.strip().upper()
    if kind in ("OCT", "OCT-HSM"):
        return [unmodelled(f"Key ({i.key_type})", "symmetric (oct) keys are held in a Managed HSM, whose pool "
                                                  "price covers them; not priced on a vault key")]
    if kind not in ("RSA", "RSA-HSM", "EC", "EC-HSM"):
        raise InputError(f"key_type: unknown key type {i.key_type!r} (RSA, RSA-HSM, EC, EC-HSM, oct, oct-HSM)")
    hsm = kind.endswith("-HSM")
    advanced = kind.startswith("EC") or (i.key_size or 2048) > 2048
    sku = "Premium" if hsm else "Standard"
    label = f"{kind}{'' if kind.startswith('EC') else f' {i.key_size or 2048}'}"

    def q(meter: str) -> PriceQuery:
        return azure("Key Vault", i.region, **_kv(sku, meter))

    out: list[CostComponent] = []
    if hsm:
        meter = "Premium HSM-protected Advanced Key" if advanced else "Premium HSM-protected RSA 2048-bit key"
        out.append(monthly(f"HSM-protected key ({label})", q(meter), Decimal(1), unit="keys"))
    ops = "Advanced Key Operations" if advanced else "Operations"
    out.append(usage_based(f"Key operations ({label})", q(ops), per(10_000, u.monthly_protected_keys_operations),
                           unit="10K operations", usage_key="monthly_protected_keys_operations"))
    rotations = u.monthly_key_rotation_renewals if u.monthly_key_rotation_renewals is not None else (
        _rotations(i.rotation_policy))
    if rotations is not None:
        out.append(monthly("Automated key rotations", q("Automated Key Rotation"), rotations, unit="rotations"))
    return out


class LifetimeAction(Model):
    action_type: str | None = None


class LifetimeActionBlock(Model):
    action: Block[LifetimeAction] = None


class X509Properties(Model):
    validity_in_months: Count = 12


class CertificatePolicy(Model):
    lifetime_action: Blocks[LifetimeActionBlock] = ()
    x509_certificate_properties: Block[X509Properties] = None


class KeyVaultCertificate(AzureInputs):
    certificate_policy: Block[CertificatePolicy] = None


class KeyVaultCertificateUsage(Usage):
    monthly_certificate_renewal_requests: Quantity | None = usage_key(
        "Certificate renewal requests a month (default: from an auto-renew policy and the validity)", unit="requests")
    monthly_certificate_other_operations: Quantity | None = usage_key(
        "Other certificate operations a month (get, list, import ...)", unit="operations")


@resource("azurerm_key_vault_certificate", example={"certificate_policy": [{
    "lifetime_action": [{"action": [{"action_type": "AutoRenew"}]}],
    "x509_certificate_properties": [{"validity_in_months": 12}]}]})
def azurerm_key_vault_certificate(i: KeyVaultCertificate, u: KeyVaultCertificateUsage) -> list[CostComponent]:
    """A vault certificate: renewal requests (an auto-renewed 12-month certificate renews 1/12 a month) and
    other operations per 10K from usage.

    Pricing: https://azure.microsoft.com/pricing/details/key-vault/
    """
    renewals = u.monthly_certificate_renewal_requests
    policy = i.certificate_policy
    if renewals is None and policy is not None and any(
            a.action is not None and (a.action.action_type or "").lower() == "autorenew" for a in policy.lifetime_action):
        months = (policy.x509_certificate_properties or X509Properties()).validity_in_months
        if months <= 0:
            raise InputError("certificate_policy.x509_certificate_properties.validity_in_months must be above zero")
        renewals = Decimal(1) / Decimal(months)
    return [usage_based("Certificate renewals", azure("Key Vault", i.region, **_kv("Standard",
                                                                                 "Certificate Renewal Request")),
                        renewals, unit="requests", usage_key="monthly_certificate_renewal_requests"),
            usage_based("Certificate operations", azure("Key Vault", i.region, **_kv("Standard", "Operations")),
                        per(10_000, u.monthly_certificate_other_operations), unit="10K operations",
                        usage_key="monthly_certificate_other_operations")]


_HSM_SKUS = {"standard_b1": "Standard B1", "custom_b32": "Custom B32", "custom_b6": "Custom B6"}


class ManagedHsm(AzureInputs):
    sku_name: str = "Standard_B1"


@resource("azurerm_key_vault_managed_hardware_security_module", example={"sku_name": "Standard_B1"})
def azurerm_key_vault_managed_hardware_security_module(i: ManagedHsm) -> list[CostComponent]:
    """A Managed HSM pool, billed by the hour by ``sku_name`` (Standard_B1, Custom_B32, Custom_B6).

    Pricing: https://azure.microsoft.com/pricing/details/key-vault/
    """
    sku = _HSM_SKUS.get(i.sku_name.strip().lower())
    if sku is None:
        raise InputError(f"sku_name: unknown Managed HSM SKU {i.sku_name!r} (Standard_B1, Custom_B32, Custom_B6)")
    return [hourly(f"Managed HSM pool ({i.sku_name})",
                   azure("Key Vault", i.region, productName="Key Vault HSM Pool", meterName=f"{sku} Instance"))]
