"""GCP Secret Manager secrets and secret versions.

Pricing: https://cloud.google.com/secret-manager/pricing - each active secret version is billed per month per
replica location, access operations per 10,000 and rotation notifications each. The free allowance (6 versions,
10,000 accesses, 3 rotations a month) is per billing account: not subtracted. A secret's versions are priced on
``google_secret_manager_secret_version`` (one active version each, in the location count of its secret, one
unless the spec says) or, when a configuration has none, from usage ``active_secret_versions`` on the secret.
"""

from __future__ import annotations

from decimal import Decimal

from costlib.models import CostComponent
from costlib.resources._q import gcp, monthly, usage_based
from costlib.resources.registry import resource
from costlib.resources.schema import Block, Blocks, Count, GcpInputs, Model, Quantity, Usage, usage_key

__all__ = ["google_secret_manager_secret", "google_secret_manager_secret_version"]


class Replica(Model):
    location: str = ""


class UserManaged(Model):
    replicas: Blocks[Replica] = ()


class Replication(Model):
    user_managed: Block[UserManaged] = None


class Secret(GcpInputs):
    replication: Block[Replication] = None
    rotation: Block[Model] = None


class SecretUsage(Usage):
    active_secret_versions: Count | None = usage_key(
        "Active versions a month, when the configuration defines no secret versions", unit="versions")
    monthly_access_operations: Quantity | None = usage_key("Access operations a month", unit="operations")
    monthly_rotation_notifications: Quantity | None = usage_key("Rotation notifications a month", unit="rotations")


def _locations(r: Replication | None) -> int:
    if r is not None and r.user_managed is not None and r.user_managed.replicas:
        return len(r.user_managed.replicas)
    return 1


@resource("google_secret_manager_secret", example={"replication": [{"auto": [{}]}]})
def google_secret_manager_secret(i: Secret, u: SecretUsage) -> list[CostComponent]:
    """A secret: versions from usage ``active_secret_versions`` x replica locations (automatic replication: one
    billed location; user-managed: each replica), access operations per 10,000 and rotation notifications.

    Pricing: https://cloud.google.com/secret-manager/pricing
    """
    reg, locs = i.region, _locations(i.replication)
    versions = u.active_secret_versions
    ops, rots = u.monthly_access_operations, u.monthly_rotation_notifications
    out = [usage_based(f"Active secret versions ({locs} location{'s' if locs > 1 else ''})",
                       gcp("Secret Manager", reg, resource="active-version"),
                       None if versions is None else Decimal(versions * locs), unit="versions",
                       usage_key="active_secret_versions",
                       note="versions defined as google_secret_manager_secret_version are priced there"),
           usage_based("Access operations", gcp("Secret Manager", reg, resource="access"),
                       None if ops is None else ops / Decimal(10_000), unit="10k operations",
                       usage_key="monthly_access_operations")]
    if i.rotation is not None or rots is not None:
        out.append(usage_based("Rotation notifications", gcp("Secret Manager", reg, resource="rotation"),
                               rots, unit="rotations", usage_key="monthly_rotation_notifications"))
    return out


class SecretVersion(GcpInputs):
    enabled: bool = True
    replica_locations: Count = 1


class SecretVersionUsage(Usage):
    monthly_access_operations: Quantity | None = usage_key("Access operations a month", unit="operations")


@resource("google_secret_manager_secret_version", example={"enabled": True})
def google_secret_manager_secret_version(i: SecretVersion, u: SecretVersionUsage) -> list[CostComponent]:
    """A secret version: one active version a month per replica location while ``enabled`` (a disabled version
    is still billed until destroyed), and its access operations per 10,000.

    Pricing: https://cloud.google.com/secret-manager/pricing
    """
    ops = u.monthly_access_operations
    return [monthly("Active secret version", gcp("Secret Manager", i.region, resource="active-version"),
                    Decimal(max(1, i.replica_locations)), unit="versions"),
            usage_based("Access operations", gcp("Secret Manager", i.region, resource="access"),
                        None if ops is None else ops / Decimal(10_000), unit="10k operations",
                        usage_key="monthly_access_operations")]
