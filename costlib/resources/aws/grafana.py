"""Amazon Managed Grafana workspaces: active editor and viewer users per month.

Pricing: https://aws.amazon.com/grafana/pricing/ — a workspace bills each user active in the month, at the
editor (or administrator) rate or the viewer rate; Grafana Enterprise plugins add a per-user licence, named as
not modelled when the workspace enables them. Usage types (AmazonGrafana): ``Grafana:EditorUser``,
``Grafana:ViewerUser``.
"""

from __future__ import annotations

from decimal import Decimal

from costlib.models import CostComponent
from costlib.resources._q import aws, unmodelled, usage_based
from costlib.resources.registry import resource
from costlib.resources.schema import AwsInputs, Count, Usage, usage_key

__all__ = ["aws_grafana_workspace"]


class Workspace(AwsInputs):
    license_type: str | None = None


class WorkspaceUsage(Usage):
    editors: Count | None = usage_key("Editors and administrators active in the month", unit="users")
    viewers: Count | None = usage_key("Viewers active in the month", unit="users")


@resource("aws_grafana_workspace", example={"account_access_type": "CURRENT_ACCOUNT",
                                            "authentication_providers": ["AWS_SSO"],
                                            "permission_type": "SERVICE_MANAGED"})
def aws_grafana_workspace(i: Workspace, u: WorkspaceUsage) -> list[CostComponent]:
    """A workspace: active editors and viewers a month (usage ``editors``, ``viewers``).

    Pricing: https://aws.amazon.com/grafana/pricing/
    """
    out = [usage_based("Editors", aws("AmazonGrafana", i.region, usagetype="Grafana:EditorUser"),
                       None if u.editors is None else Decimal(u.editors), unit="users", usage_key="editors"),
           usage_based("Viewers", aws("AmazonGrafana", i.region, usagetype="Grafana:ViewerUser"),
                       None if u.viewers is None else Decimal(u.viewers), unit="users", usage_key="viewers")]
    if (i.license_type or "").upper() == "ENTERPRISE":
        out.append(unmodelled("Grafana Enterprise licence", "Grafana Enterprise is licensed per active user through "
                              "AWS Marketplace; not priced yet"))
    return out
