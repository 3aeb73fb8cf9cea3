"""GCP Cloud KMS crypto keys: active key versions by protection level and algorithm, and key operations.

Pricing: https://cloud.google.com/kms/pricing (read 2026-12-01, prices effective 2025-03-17): an active key
version is billed per month - SOFTWARE $0.06; HSM $1.00 for AES-256, HMAC and RSA 2048 keys and $2.50 for the
first 2,000 RSA 3072/4096 and elliptic-curve versions ($1.00 after); EXTERNAL and EXTERNAL_VPC $3.00 -;
cryptographic operations per 10,000 ($0.03; HSM RSA 3072/4096 and EC $0.15); destroyed versions and admin
operations are free. A key has one active version when created (none with ``skip_initial_version_creation``);
each rotation (``rotation_period``) adds one that stays active until destroyed (usage ``key_versions``).
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Annotated

from costlib.models import CostComponent
from costlib.resources._q import gcp, monthly, usage_based
from costlib.resources.registry import resource
from costlib.resources.schema import Block, Count, GcpInputs, Model, Quantity, Usage, choice, usage_key

__all__ = ["algorithm_class", "google_kms_crypto_key"]

_SIMPLE = re.compile(r"^(GOOGLE_SYMMETRIC_ENCRYPTION|AES_\d+_\w+|HMAC_\w+|RSA_\w*_2048_\w*|RSA_SIGN_\w*2048\w*|"
                     r"RSA_DECRYPT_\w*2048\w*|EXTERNAL_SYMMETRIC_ENCRYPTION)$")


def algorithm_class(algorithm: str) -> str:
    """``simple`` (AES-256, HMAC, RSA 2048) or ``advanced`` (RSA 3072/4096, elliptic curve, post-quantum).

    >>> algorithm_class("GOOGLE_SYMMETRIC_ENCRYPTION"), algorithm_class("EC_SIGN_P256_SHA256")
    ('simple', 'advanced')
    """
    return "simple" if _SIMPLE.match(algorithm.upper()) else "advanced"


class VersionTemplate(Model):
    algorithm: str = "GOOGLE_SYMMETRIC_ENCRYPTION"
    protection_level: Annotated[str, choice("SOFTWARE", "HSM", "EXTERNAL", "EXTERNAL_VPC",
                                            what="protection level")] = "SOFTWARE"


class CryptoKey(GcpInputs):
    version_template: Block[VersionTemplate] = None
    skip_initial_version_creation: bool = False
    rotation_period: str | None = None


class CryptoKeyUsage(Usage):
    key_versions: Count | None = usage_key("Active key versions (default 1, or 0 when skipped)", unit="versions")
    monthly_key_operations: Quantity | None = usage_key("Cryptographic operations a month", unit="operations")


@resource("google_kms_crypto_key", example={"version_template": [{"algorithm": "GOOGLE_SYMMETRIC_ENCRYPTION",
                                                                  "protection_level": "SOFTWARE"}]})
def google_kms_crypto_key(i: CryptoKey, u: CryptoKeyUsage) -> list[CostComponent]:
    """A crypto key: active versions (usage ``key_versions``, default 1) x the version price of its protection
    level and algorithm class, plus operations per 10,000 (usage ``monthly_key_operations``).

    Pricing: https://cloud.google.com/kms/pricing
    """
    vt = i.version_template or VersionTemplate()
    level = "EXTERNAL" if vt.protection_level == "EXTERNAL_VPC" else vt.protection_level
    klass = algorithm_class(vt.algorithm) if level == "HSM" else "any"
    versions = u.key_versions if u.key_versions is not None else (0 if i.skip_initial_version_creation else 1)
    note = ("each rotation adds an active version: set usage key_versions" if i.rotation_period and
            u.key_versions is None else None)
    svc = "Cloud Key Management Service (KMS)"
    ops = u.monthly_key_operations
    return [
        monthly(f"Key versions ({level.lower()}{'' if klass == 'any' else ', ' + klass})",
                gcp(svc, i.region, resource="key-version", protection=level, algorithm=klass), Decimal(versions),
                unit="versions", note=note),
        usage_based(f"Key operations ({level.lower()})",
                    gcp(svc, i.region, resource="operations", protection=level, algorithm=klass),
                    None if ops is None else ops / Decimal(10_000), unit="10k operations",
                    usage_key="monthly_key_operations"),
    ]
