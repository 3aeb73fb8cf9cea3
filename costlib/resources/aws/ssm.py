"""AWS Systems Manager: Parameter Store parameters and hybrid activations (on-premises managed instances).

Pricing: https://aws.amazon.com/systems-manager/pricing/ — standard parameters have no storage charge; an
advanced parameter is billed per parameter-month (prorated by the hour it is stored). API interactions are free
on standard throughput; on higher throughput, and for advanced parameters, they are billed per 10,000. An
``Intelligent-Tiering`` parameter is standard unless its value exceeds 4 KB (then advanced). On-premises servers
registered through an activation are free in the standard tier; in the advanced tier each is billed per hour.
Usage types (AWSSystemsManager): ``PS-Advanced-Param-Tier1``, ``PS-Param-Processed-Tier2``,
``MI-AdvInstances-Hrs``.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated

from costlib.models import CostComponent
from costlib.resources._q import aws, monthly, usage_based
from costlib.resources.aws._billing import no_charge
from costlib.resources.registry import resource
from costlib.resources.schema import HOURS_IN_MONTH, AwsInputs, Count, Quantity, Usage, choice, usage_key

__all__ = ["aws_ssm_activation", "aws_ssm_parameter"]

_SERVICE = "AWSSystemsManager"
STANDARD_LIMIT = 4096


class Parameter(AwsInputs):
    tier: Annotated[str, choice("Standard", "Advanced", "Intelligent-Tiering", what="parameter tier")] = "Standard"
    value: str | None = None
    insecure_value: str | None = None


class ParameterUsage(Usage):
    api_throughput_limit: Annotated[str, choice("standard", "advanced", "higher")] | None = usage_key(
        "Parameter Store throughput: standard (free API calls), advanced or higher (billed API calls)", unit="")
    monthly_api_interactions: Quantity | None = usage_key("API interactions with the parameter a month",
                                                          unit="interactions")
    parameter_storage_hrs: HOURS_IN_MONTH | None = usage_key("Hours a month the parameter is stored (default 730)",
                                                             unit="hours")


@resource("aws_ssm_parameter", example={"name": "/app/db-url", "type": "String", "tier": "Advanced"})
def aws_ssm_parameter(i: Parameter, u: ParameterUsage) -> list[CostComponent]:
    """A parameter by ``tier``: Standard (no charge), Advanced (a parameter-month, prorated by usage
    ``parameter_storage_hrs``), Intelligent-Tiering (advanced above 4 KB); API interactions (usage
    ``monthly_api_interactions``) are billed for advanced parameters and higher throughput.

    Pricing: https://aws.amazon.com/systems-manager/pricing/ (Parameter Store)
    """
    size = len((i.value or i.insecure_value or "").encode("utf-8"))
    advanced = i.tier == "Advanced" or (i.tier == "Intelligent-Tiering" and size > STANDARD_LIMIT)
    out: list[CostComponent] = []
    if advanced:
        hours = u.parameter_storage_hrs if u.parameter_storage_hrs is not None else Decimal(730)
        out.append(monthly("Advanced parameter", aws(_SERVICE, i.region, usagetype="PS-Advanced-Param-Tier1"),
                           hours / Decimal(730), unit="parameter-months"))
    else:
        out.append(no_charge("Standard parameter", "standard parameters have no storage charge"))
    if advanced or u.api_throughput_limit in ("advanced", "higher"):
        out.append(usage_based("API interactions", aws(_SERVICE, i.region, usagetype="PS-Param-Processed-Tier2"),
                               u.monthly_api_interactions, unit="interactions", usage_key="monthly_api_interactions"))
    return out


class Activation(AwsInputs):
    registration_limit: Count = 1


class ActivationUsage(Usage):
    instance_tier: Annotated[str, choice("standard", "advanced")] | None = usage_key(
        "On-premises instance tier: standard (free, the default) or advanced", unit="")
    instances: Count | None = usage_key("Managed instances registered (default: registration_limit)",
                                        unit="instances")


@resource("aws_ssm_activation", example={"name": "datacenter", "iam_role": "ssm-hybrid", "registration_limit": 10})
def aws_ssm_activation(i: Activation, u: ActivationUsage) -> list[CostComponent]:
    """A hybrid activation: the servers it registers (usage ``instances``, default ``registration_limit``) are
    free in the standard tier; in the advanced tier (usage ``instance_tier``) each is billed per hour.

    Pricing: https://aws.amazon.com/systems-manager/pricing/ (On-premises instance management)
    """
    count = Decimal(u.instances if u.instances is not None else i.registration_limit)
    if u.instance_tier != "advanced":
        return [no_charge(f"On-premises instances, standard tier ({count})", "standard-tier on-premises instances "
                          "have no charge", unit="instances", quantity=count)]
    return [monthly(f"On-premises instances, advanced tier ({count})",
                    aws(_SERVICE, i.region, usagetype="MI-AdvInstances-Hrs"), count * 730, unit="instance-hours")]
