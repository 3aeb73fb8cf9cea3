"""The registry of cost functions, keyed by resource type, and the explicit list of free types.

A cost function takes a :class:`~costlib.models.ResourceSpec` and returns the resource's
:class:`~costlib.models.CostComponent` list. It is pure: no I/O, no SDK, no clock.

>>> @register("example_thing")
... def example_thing(spec):
...     return []
>>> lookup("example_thing") is example_thing
True
>>> is_free("aws_iam_role")
True
"""

from __future__ import annotations

from collections.abc import Callable

from costlib.errors import UnsupportedResourceError
from costlib.models import CostComponent, ResourceSpec

__all__ = ["FREE_RESOURCES", "CostFunction", "is_free", "lookup", "register", "registered", "supported_types"]

CostFunction = Callable[[ResourceSpec], list[CostComponent]]

_REGISTRY: dict[str, CostFunction] = {}

#: Resource types that cost nothing by themselves (their cost, if any, is in other resources).
FREE_RESOURCES: frozenset[str] = frozenset({
    # AWS
    "aws_iam_role", "aws_iam_policy", "aws_iam_role_policy", "aws_iam_role_policy_attachment",
    "aws_iam_instance_profile", "aws_iam_user", "aws_iam_group", "aws_iam_policy_attachment",
    "aws_security_group", "aws_security_group_rule", "aws_vpc_security_group_ingress_rule",
    "aws_vpc_security_group_egress_rule", "aws_vpc", "aws_subnet", "aws_route_table", "aws_route",
    "aws_route_table_association", "aws_internet_gateway", "aws_network_acl", "aws_network_acl_rule",
    "aws_vpc_dhcp_options", "aws_vpc_dhcp_options_association", "aws_default_vpc", "aws_default_subnet",
    "aws_default_security_group", "aws_default_route_table", "aws_key_pair", "aws_launch_template",
    "aws_lb_target_group", "aws_lb_listener", "aws_lb_listener_rule", "aws_lb_target_group_attachment",
    "aws_alb_target_group", "aws_alb_listener", "aws_db_subnet_group", "aws_db_parameter_group",
    "aws_rds_cluster_parameter_group", "aws_elasticache_subnet_group", "aws_elasticache_parameter_group",
    "aws_s3_bucket_policy", "aws_s3_bucket_versioning", "aws_s3_bucket_public_access_block",
    "aws_s3_bucket_server_side_encryption_configuration", "aws_s3_bucket_acl", "aws_s3_bucket_ownership_controls",
    "aws_s3_bucket_lifecycle_configuration", "aws_kms_alias", "aws_lambda_permission", "aws_sqs_queue_policy",
    "aws_cloudwatch_log_stream", "aws_eip_association", "aws_eks_addon", "aws_ssm_parameter",
    "aws_autoscaling_group_tag", "aws_placement_group",
    # Azure
    "azurerm_resource_group", "azurerm_virtual_network", "azurerm_subnet", "azurerm_network_security_group",
    "azurerm_network_security_rule", "azurerm_network_interface", "azurerm_subnet_network_security_group_association",
    "azurerm_network_interface_security_group_association", "azurerm_role_assignment", "azurerm_user_assigned_identity",
    "azurerm_storage_container", "azurerm_mssql_firewall_rule", "azurerm_postgresql_flexible_server_database",
    "azurerm_postgresql_flexible_server_configuration", "azurerm_postgresql_flexible_server_firewall_rule",
    "azurerm_mssql_server", "azurerm_route_table", "azurerm_virtual_machine_data_disk_attachment",
    # GCP
    "google_project_iam_member", "google_project_iam_binding", "google_service_account",
    "google_service_account_iam_member", "google_compute_network", "google_compute_subnetwork",
    "google_compute_firewall", "google_compute_router", "google_storage_bucket_iam_member",
    "google_project_service", "google_compute_route", "google_sql_database", "google_sql_user",
})


def register(*resource_types: str) -> Callable[[CostFunction], CostFunction]:
    """Register a cost function for one or more resource types."""

    def decorate(fn: CostFunction) -> CostFunction:
        for rtype in resource_types:
            if rtype in _REGISTRY and _REGISTRY[rtype] is not fn:
                raise ValueError(f"{rtype} is registered twice ({_REGISTRY[rtype].__name__}, {fn.__name__})")
            _REGISTRY[rtype] = fn
        return fn

    return decorate


def lookup(resource_type: str) -> CostFunction:
    """The cost function of a type; :class:`UnsupportedResourceError` if there is none."""
    _load_all()
    try:
        return _REGISTRY[resource_type]
    except KeyError:
        raise UnsupportedResourceError(f"no cost function for resource type {resource_type!r}") from None


def registered(resource_type: str) -> bool:
    _load_all()
    return resource_type in _REGISTRY


def is_free(resource_type: str) -> bool:
    return resource_type in FREE_RESOURCES


def supported_types() -> list[str]:
    """Every type with a cost function, sorted."""
    _load_all()
    return sorted(_REGISTRY)


_loaded = False


def _load_all() -> None:
    global _loaded
    if _loaded:
        return
    _loaded = True
    import importlib

    for module in ("aws.ec2", "aws.ebs", "aws.network", "aws.rds", "aws.storage", "aws.serverless", "aws.eks",
                   "aws.elasticache", "azure.compute", "azure.data", "azure.network", "gcp.compute", "gcp.data",
                   "generic"):
        importlib.import_module(f"costlib.resources.{module}")
