"""The provider-agnostic vocabulary: one resource description, priced on AWS, Azure or GCP.

Types: ``compute.instance``, ``storage.block``, ``storage.object``, ``database.instance``, ``network.nat``,
``network.load_balancer``, ``kubernetes.cluster``, ``serverless.function``. Each carries ``provider``,
``region``, a ``size`` (the provider's instance/SKU name; or ``vcpu`` + ``memory_gb``, resolved to the
cheapest matching size before pricing) and usage. Each maps onto the provider's own Terraform type(s), so a
generic spec and its Terraform twin cost the same: the mapping is one small function per (type, provider)
in :data:`MAPPINGS`, reading a typed model of the vocabulary.

>>> [(t, dict(a)) for t, a in native_parts("compute.instance", "aws", {"size": "m5.large"})]
[('aws_instance', {'instance_type': 'm5.large', 'operating_system': 'linux'})]
>>> native_parts("network.nat", "azure", {})
Traceback (most recent call last):
...
costlib.errors.UnsupportedResourceError: network.nat is not priced on azure yet
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from decimal import Decimal
from typing import Annotated, Any

from pydantic import ValidationError

from costlib.errors import InputError, UnsupportedResourceError
from costlib.resources.schema import GB, MB, Count, Model, choice, describe_errors, without_nulls

__all__ = ["GENERIC_TYPES", "MAPPINGS", "is_generic", "native_parts"]

Native = list[tuple[str, dict[str, Any]]]


class Vocabulary(Model):
    """The attributes every generic type may carry (each mapping reads the ones it needs)."""

    size: str | None = None
    os: Annotated[str, choice("linux", "windows")] = "linux"
    disk_gb: GB | None = None
    disk_type: str | None = None
    type: str = "ssd"
    size_gb: GB | None = None
    iops: GB | None = None
    throughput: GB | None = None
    tier: str | None = None
    location: str | None = None
    engine: Annotated[str, choice("postgres", "mysql", "mariadb")] = "postgres"
    storage_gb: GB = Decimal(20)
    high_availability: bool = False
    kind: Annotated[str, choice("application", "network", "gateway")] = "application"
    nodes: Count = 3
    memory_mb: MB = Decimal(128)
    arch: Annotated[str, choice("x86_64", "arm64")] = "x86_64"
    vcpu: GB | None = None
    memory_gb: GB | None = None


_BLOCK_TYPES = {"aws": {"ssd": "gp3", "hdd": "st1", "cold": "sc1"},
                "azure": {"ssd": "Premium_LRS", "standard-ssd": "StandardSSD_LRS", "hdd": "Standard_LRS"},
                "gcp": {"ssd": "pd-ssd", "balanced": "pd-balanced", "hdd": "pd-standard"}}


def _size(v: Vocabulary) -> str:
    if not v.size:
        raise InputError("size is required (or vcpu and memory_gb, resolved against the catalog)")
    return v.size


def _instance_aws(v: Vocabulary, region: str | None) -> Native:
    attrs: dict[str, Any] = {"instance_type": _size(v), "operating_system": v.os}
    if v.disk_gb:
        attrs["root_block_device"] = [{"volume_size": v.disk_gb, "volume_type": v.disk_type or "gp3"}]
    return [("aws_instance", attrs)]


def _instance_azure(v: Vocabulary, region: str | None) -> Native:
    rtype = "azurerm_windows_virtual_machine" if v.os == "windows" else "azurerm_linux_virtual_machine"
    attrs: dict[str, Any] = {"size": _size(v)}
    if v.disk_gb:
        attrs["os_disk"] = [{"storage_account_type": v.disk_type or "Premium_LRS", "disk_size_gb": v.disk_gb}]
    return [(rtype, attrs)]


def _instance_gcp(v: Vocabulary, region: str | None) -> Native:
    if v.os != "linux":
        raise UnsupportedResourceError(f"compute.instance with os {v.os!r} is not priced on gcp")
    boot = [{"initialize_params": [{"size": v.disk_gb or 10, "type": v.disk_type or "pd-balanced"}]}]
    return [("google_compute_instance", {"machine_type": _size(v), "boot_disk": boot})]


def _block(provider: str) -> Callable[[Vocabulary, str | None], Native]:
    def mapping(v: Vocabulary, region: str | None) -> Native:
        dtype = _BLOCK_TYPES[provider].get(v.type.lower(), v.type)
        if v.size_gb is None:
            raise InputError("size_gb is required")
        return [{"aws": ("aws_ebs_volume", {"type": dtype, "size": v.size_gb, "iops": v.iops,
                                           "throughput": v.throughput}),
                 "azure": ("azurerm_managed_disk", {"storage_account_type": dtype, "disk_size_gb": v.size_gb}),
                 "gcp": ("google_compute_disk", {"type": dtype, "size": v.size_gb})}[provider]]
    return mapping


def _object(provider: str) -> Callable[[Vocabulary, str | None], Native]:
    def mapping(v: Vocabulary, region: str | None) -> Native:
        if provider == "aws":
            return [("aws_s3_bucket", {})]
        if provider == "azure":
            return [("azurerm_storage_account", {"access_tier": v.tier or "Hot"})]
        return [("google_storage_bucket", {"location": v.location or region or "US",
                                           "storage_class": "STANDARD"})]
    return mapping


def _database_aws(v: Vocabulary, region: str | None) -> Native:
    return [("aws_db_instance", {"instance_class": _size(v), "engine": v.engine, "allocated_storage": v.storage_gb,
                                 "multi_az": v.high_availability})]


def _database_azure(v: Vocabulary, region: str | None) -> Native:
    if v.engine != "postgres":
        raise UnsupportedResourceError(f"database.instance engine {v.engine!r} is not priced on azure")
    return [("azurerm_postgresql_flexible_server", {"sku_name": _size(v), "storage_mb": v.storage_gb * 1024})]


def _database_gcp(v: Vocabulary, region: str | None) -> Native:
    settings = [{"tier": _size(v), "disk_size": v.storage_gb,
                 "availability_type": "REGIONAL" if v.high_availability else "ZONAL"}]
    return [("google_sql_database_instance", {"settings": settings})]


def _nat(rtype: str) -> Callable[[Vocabulary, str | None], Native]:
    return lambda v, region: [(rtype, {})]


def _lb_aws(v: Vocabulary, region: str | None) -> Native:
    return [("aws_lb", {"load_balancer_type": v.kind})]


def _k8s_aws(v: Vocabulary, region: str | None) -> Native:
    return [("aws_eks_cluster", {}),
            ("aws_eks_node_group", {"instance_types": [_size(v)], "scaling_config": [{"desired_size": v.nodes}]})]


def _k8s_azure(v: Vocabulary, region: str | None) -> Native:
    return [("azurerm_kubernetes_cluster", {"sku_tier": v.tier or "Standard",
                                            "default_node_pool": [{"vm_size": _size(v), "node_count": v.nodes}]})]


def _k8s_gcp(v: Vocabulary, region: str | None) -> Native:
    # the vocabulary counts nodes, not nodes per zone: one pool of ``nodes`` nodes
    return [("google_container_cluster", {"initial_node_count": v.nodes, "node_locations": [region or "zone"],
                                          "node_config": [{"machine_type": _size(v)}]})]


def _function_aws(v: Vocabulary, region: str | None) -> Native:
    return [("aws_lambda_function", {"memory_size": v.memory_mb, "architectures": [v.arch]})]


#: (generic type, provider) -> the mapping onto that provider's Terraform types
MAPPINGS: Mapping[tuple[str, str], Callable[[Vocabulary, str | None], Native]] = {
    ("compute.instance", "aws"): _instance_aws,
    ("compute.instance", "azure"): _instance_azure,
    ("compute.instance", "gcp"): _instance_gcp,
    **{("storage.block", p): _block(p) for p in ("aws", "azure", "gcp")},
    **{("storage.object", p): _object(p) for p in ("aws", "azure", "gcp")},
    ("database.instance", "aws"): _database_aws,
    ("database.instance", "azure"): _database_azure,
    ("database.instance", "gcp"): _database_gcp,
    ("network.nat", "aws"): _nat("aws_nat_gateway"),
    ("network.nat", "gcp"): _nat("google_compute_router_nat"),
    ("network.load_balancer", "aws"): _lb_aws,
    ("kubernetes.cluster", "aws"): _k8s_aws,
    ("kubernetes.cluster", "azure"): _k8s_azure,
    ("kubernetes.cluster", "gcp"): _k8s_gcp,
    ("serverless.function", "aws"): _function_aws,
}

GENERIC_TYPES = ("compute.instance", "storage.block", "storage.object", "database.instance", "network.nat",
                 "network.load_balancer", "kubernetes.cluster", "serverless.function")


def is_generic(rtype: str) -> bool:
    """Whether a type is one of the provider-agnostic vocabulary."""
    return rtype in GENERIC_TYPES


def native_parts(rtype: str, provider: str, attributes: Mapping[str, Any], region: str | None = None) -> Native:
    """The provider-native (Terraform type, attributes) pairs a generic resource stands for."""
    if rtype not in GENERIC_TYPES:
        raise UnsupportedResourceError(f"unknown generic type {rtype!r}")
    mapping = MAPPINGS.get((rtype, provider))
    if mapping is None:
        raise UnsupportedResourceError(f"{rtype} is not priced on {provider} yet")
    try:
        vocab = Vocabulary.model_validate(without_nulls(attributes))
    except ValidationError as exc:
        raise InputError("; ".join(describe_errors(exc.errors()))) from None
    return [(t, {k: v for k, v in a.items() if v is not None}) for t, a in mapping(vocab, region)]
