"""AWS CodeBuild projects (on-demand): build minutes by compute type and operating system.

Pricing: https://aws.amazon.com/codebuild/pricing/ — on-demand builds are billed per build minute (each build
rounded up to the minute) at the rate of the environment's ``compute_type`` and ``type`` (Linux, Arm, Linux GPU,
Windows, Lambda compute). A project that runs on a reserved-capacity fleet is billed by the fleet instead (not
this resource). The 100 free build minutes a month are per account, not applied. Usage types (CodeBuild):
``Build-Min:<OS>:<size>`` (``Build-Min:Linux:g1.small``, ``Build-Min:ARM:g1.large``,
``Build-Min:Windows:g1.medium``, ``Build-Min:LinuxGPU:g1.large``, ``Build-Min:Linux:lambda.1GB`` ...).
"""

from __future__ import annotations

from typing import Annotated

from costlib.models import CostComponent
from costlib.resources._q import aws, usage_based
from costlib.resources.aws._billing import no_charge
from costlib.resources.registry import resource
from costlib.resources.schema import AwsInputs, Block, Model, Quantity, Usage, choice, usage_key

__all__ = ["aws_codebuild_project", "build_usage_type"]

_SIZES = {"BUILD_GENERAL1_SMALL": "g1.small", "BUILD_GENERAL1_MEDIUM": "g1.medium",
          "BUILD_GENERAL1_LARGE": "g1.large", "BUILD_GENERAL1_XLARGE": "g1.xlarge",
          "BUILD_GENERAL1_2XLARGE": "g1.2xlarge", "BUILD_LAMBDA_1GB": "lambda.1GB", "BUILD_LAMBDA_2GB": "lambda.2GB",
          "BUILD_LAMBDA_4GB": "lambda.4GB", "BUILD_LAMBDA_8GB": "lambda.8GB", "BUILD_LAMBDA_10GB": "lambda.10GB"}
_OS = {"LINUX_CONTAINER": "Linux", "LINUX_GPU_CONTAINER": "LinuxGPU", "ARM_CONTAINER": "ARM",
       "WINDOWS_CONTAINER": "Windows", "WINDOWS_SERVER_2019_CONTAINER": "Windows",
       "WINDOWS_SERVER_2022_CONTAINER": "Windows", "LINUX_LAMBDA_CONTAINER": "Linux",
       "ARM_LAMBDA_CONTAINER": "ARM", "LINUX_EC2": "Linux", "ARM_EC2": "ARM", "WINDOWS_EC2": "Windows",
       "MAC_ARM": "MacOS"}


def build_usage_type(environment_type: str, compute_type: str) -> str:
    """The build-minute usage type of an environment.

    >>> build_usage_type("ARM_CONTAINER", "BUILD_GENERAL1_LARGE")
    'Build-Min:ARM:g1.large'
    """
    return f"Build-Min:{_OS[environment_type]}:{_SIZES[compute_type]}"


class Fleet(Model):
    fleet_arn: str | None = None


class Environment(Model):
    compute_type: Annotated[str, choice(*_SIZES, "ATTRIBUTE_BASED_COMPUTE", "CUSTOM_INSTANCE_TYPE",
                                        what="CodeBuild compute type")] = "BUILD_GENERAL1_SMALL"
    type: Annotated[str, choice(*_OS, what="CodeBuild environment type")] = "LINUX_CONTAINER"
    fleet: Block[Fleet] = None


class Project(AwsInputs):
    environment: Block[Environment] = None


class ProjectUsage(Usage):
    monthly_build_mins: Quantity | None = usage_key("Build minutes a month (each build rounded up to the minute)",
                                                    unit="minutes")


@resource("aws_codebuild_project", example={"name": "app", "environment": [
    {"compute_type": "BUILD_GENERAL1_SMALL", "type": "LINUX_CONTAINER", "image": "aws/codebuild/standard:7.0"}]})
def aws_codebuild_project(i: Project, u: ProjectUsage) -> list[CostComponent]:
    """A project: build minutes a month (usage ``monthly_build_mins``) at the rate of ``environment.compute_type``
    and ``environment.type``. Pricing: https://aws.amazon.com/codebuild/pricing/
    """
    env = i.environment or Environment()
    if env.fleet is not None and env.fleet.fleet_arn:
        return [no_charge("Builds on a reserved-capacity fleet", "builds on a fleet are billed by the fleet")]
    if env.compute_type not in _SIZES:
        return [usage_based(f"Build minutes ({env.compute_type})",
                            aws("CodeBuild", i.region, usagetype=f"Build-Min:{_OS[env.type]}:{env.compute_type}"),
                            u.monthly_build_mins, unit="minutes", usage_key="monthly_build_mins")]
    return [usage_based(f"Build minutes ({_OS[env.type]}, {_SIZES[env.compute_type]})",
                        aws("CodeBuild", i.region, usagetype=build_usage_type(env.type, env.compute_type)),
                        u.monthly_build_mins, unit="minutes", usage_key="monthly_build_mins")]
