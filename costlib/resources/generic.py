"""The provider-agnostic vocabulary: one resource description, priced on AWS, Azure or GCP.

Types: ``compute.instance``, ``storage.block``, ``storage.object``, ``database.instance``, ``network.nat``,
``network.load_balancer``, ``kubernetes.cluster``, ``serverless.function``. Each carries ``provider``,
``region``, a ``size`` (the provider's instance/SKU name; or ``vcpu`` + ``memory_gb``, resolved to the
cheapest matching size before pricing) and usage. Each maps onto the provider's own cost function, so a
generic spec and its Terraform twin cost the same.

>>> spec = ResourceSpec(address="web", type="compute.instance", provider="aws", region="us-east-1",
...                     attributes={"size": "m5.large"})
>>> [c.name for c in generic_cost(spec)][:1]
['Instance usage (Linux, on-demand, m5.large)']
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from typing import Any

from costlib.errors import InputError, UnsupportedResourceError
from costlib.models import CostComponent, ResourceSpec
from costlib.resources.registry import lookup, register

__all__ = ["GENERIC_TYPES", "generic_cost", "to_native"]

GENERIC_TYPES = ("compute.instance", "storage.block", "storage.object", "database.instance", "network.nat",
                 "network.load_balancer", "kubernetes.cluster", "serverless.function")

_BLOCK_TYPES = {"aws": {"ssd": "gp3", "hdd": "st1", "cold": "sc1"},
                "azure": {"ssd": "Premium_LRS", "standard-ssd": "StandardSSD_LRS", "hdd": "Standard_LRS"},
                "gcp": {"ssd": "pd-ssd", "balanced": "pd-balanced", "hdd": "pd-standard"}}


def _size(spec: ResourceSpec) -> str:
    size = spec.attributes.get("size")
    if not size:
        raise InputError("size is required (or vcpu and memory_gb, resolved against the catalog)", where=spec.address)
    return str(size)


def _native(spec: ResourceSpec, rtype: str, attrs: Mapping[str, Any]) -> ResourceSpec:
    return dataclasses.replace(spec, type=rtype, attributes=dict(attrs))


def to_native(spec: ResourceSpec) -> list[ResourceSpec]:
    """The provider-native specs a generic spec stands for (a Kubernetes cluster can be two)."""
    a, p = spec.attributes, spec.provider
    kind = spec.type
    if kind == "compute.instance":
        os_name = str(a.get("os", "linux")).lower()
        disk = a.get("disk_gb")
        if p == "aws":
            root = [{"volume_size": disk, "volume_type": a.get("disk_type", "gp3")}] if disk else None
            return [_native(spec, "aws_instance", {"instance_type": _size(spec), "operating_system": os_name,
                                                   "root_block_device": root})]
        if p == "azure":
            rtype = "azurerm_windows_virtual_machine" if os_name == "windows" else "azurerm_linux_virtual_machine"
            os_disk = ([{"storage_account_type": a.get("disk_type", "Premium_LRS"), "disk_size_gb": disk}]
                       if disk else None)
            return [_native(spec, rtype, {"size": _size(spec), "os_disk": os_disk})]
        if os_name != "linux":
            raise UnsupportedResourceError(f"compute.instance with os {os_name!r} is not priced on gcp")
        boot = [{"initialize_params": [{"size": disk or 10, "type": a.get("disk_type", "pd-balanced")}]}]
        return [_native(spec, "google_compute_instance", {"machine_type": _size(spec), "boot_disk": boot})]
    if kind == "storage.block":
        raw = str(a.get("type", "ssd"))
        dtype = _BLOCK_TYPES[p].get(raw.lower(), raw)
        size = a.get("size_gb")
        if size is None:
            raise InputError("size_gb is required", where=spec.address)
        rtype, attrs = {"aws": ("aws_ebs_volume", {"type": dtype, "size": size, "iops": a.get("iops"),
                                                   "throughput": a.get("throughput")}),
                        "azure": ("azurerm_managed_disk", {"storage_account_type": dtype, "disk_size_gb": size}),
                        "gcp": ("google_compute_disk", {"type": dtype, "size": size})}[p]
        return [_native(spec, rtype, attrs)]
    if kind == "storage.object":
        rtype, attrs = {"aws": ("aws_s3_bucket", {}),
                        "azure": ("azurerm_storage_account", {"access_tier": a.get("tier", "Hot")}),
                        "gcp": ("google_storage_bucket", {"location": a.get("location", spec.region or "US"),
                                                          "storage_class": a.get("class", "STANDARD")})}[p]
        return [_native(spec, rtype, attrs)]
    if kind == "database.instance":
        engine = str(a.get("engine", "postgres")).lower()
        storage = a.get("storage_gb", 20)
        if p == "aws":
            return [_native(spec, "aws_db_instance", {"instance_class": _size(spec), "engine": engine,
                                                      "allocated_storage": storage,
                                                      "multi_az": bool(a.get("high_availability"))})]
        if p == "azure":
            if engine != "postgres":
                raise UnsupportedResourceError(f"database.instance engine {engine!r} is not priced on azure")
            return [_native(spec, "azurerm_postgresql_flexible_server",
                            {"sku_name": _size(spec), "storage_mb": int(storage) * 1024})]
        settings = [{"tier": _size(spec), "disk_size": storage,
                     "availability_type": "REGIONAL" if a.get("high_availability") else "ZONAL"}]
        return [_native(spec, "google_sql_database_instance", {"settings": settings})]
    if kind == "network.nat":
        if p == "azure":
            raise UnsupportedResourceError("network.nat is not priced on azure yet")
        return [_native(spec, {"aws": "aws_nat_gateway", "gcp": "google_compute_router_nat"}[p], {})]
    if kind == "network.load_balancer":
        if p != "aws":
            raise UnsupportedResourceError(f"network.load_balancer is not priced on {p} yet")
        return [_native(spec, "aws_lb", {"load_balancer_type": a.get("kind", "application")})]
    if kind == "kubernetes.cluster":
        nodes = a.get("nodes", 3)
        if p == "aws":
            group = _native(spec, "aws_eks_node_group", {"instance_types": [_size(spec)],
                                                         "scaling_config": [{"desired_size": nodes}]})
            return [_native(spec, "aws_eks_cluster", {}), group]
        if p == "azure":
            pool = [{"vm_size": _size(spec), "node_count": nodes}]
            return [_native(spec, "azurerm_kubernetes_cluster", {"sku_tier": a.get("tier", "Standard"),
                                                                 "default_node_pool": pool})]
        return [_native(spec, "google_container_cluster", {"initial_node_count": nodes,
                                                           "node_config": [{"machine_type": _size(spec)}]})]
    if kind == "serverless.function":
        if p != "aws":
            raise UnsupportedResourceError(f"serverless.function is not priced on {p} yet")
        return [_native(spec, "aws_lambda_function", {"memory_size": a.get("memory_mb", 128),
                                                      "architectures": [a.get("arch", "x86_64")]})]
    raise UnsupportedResourceError(f"unknown generic type {kind!r}")


@register(*GENERIC_TYPES)
def generic_cost(spec: ResourceSpec) -> list[CostComponent]:
    """Price a generic spec through the provider's own cost function(s), whose docstrings link the pricing pages
    (for example https://aws.amazon.com/ec2/pricing/on-demand/)."""
    out: list[CostComponent] = []
    for native in to_native(spec):
        out += lookup(native.type)(native)
    return out
