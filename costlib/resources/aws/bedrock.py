"""Amazon Bedrock Provisioned Throughput: model units per hour, by model and commitment term.

Pricing: https://aws.amazon.com/bedrock/pricing/ (Provisioned Throughput) — each model unit of a model is billed
per hour for as long as the provisioned throughput exists, at a rate per model that is lower with a one-month or
six-month commitment (``commitment_duration``) than with none. The model is the last part of ``model_arn``.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated

from costlib.models import CostComponent
from costlib.resources._q import aws, hourly
from costlib.resources.registry import resource
from costlib.resources.schema import AwsInputs, Count, choice

__all__ = ["aws_bedrock_provisioned_model_throughput", "model_of_arn"]

_TERMS = {"OneMonth": "1 month", "SixMonths": "6 months"}


class ProvisionedThroughput(AwsInputs):
    model_arn: str
    model_units: Count = 1
    commitment_duration: Annotated[str, choice("OneMonth", "SixMonths")] | None = None


def model_of_arn(arn: str) -> str:
    """``arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-v2:1:100k`` -> ``anthropic.claude-v2:1:100k``.

    >>> model_of_arn("arn:aws:bedrock:us-east-1::foundation-model/amazon.titan-text-express-v1")
    'amazon.titan-text-express-v1'
    """
    return arn.rsplit("/", 1)[-1]


@resource("aws_bedrock_provisioned_model_throughput", example={
    "model_arn": "arn:aws:bedrock:us-east-1::foundation-model/amazon.titan-text-express-v1", "model_units": 1,
    "commitment_duration": "OneMonth"})
def aws_bedrock_provisioned_model_throughput(i: ProvisionedThroughput) -> list[CostComponent]:
    """Provisioned Throughput of a Bedrock model: ``model_units`` model-unit hours at the rate of the model and the
    ``commitment_duration`` (none, one month, six months). Pricing: https://aws.amazon.com/bedrock/pricing/
    """
    model = model_of_arn(i.model_arn)
    term = _TERMS.get(i.commitment_duration or "", "no commitment")
    return [hourly(f"Model units ({model}, {term})",
                   aws("AmazonBedrock", i.region, "Provisioned Throughput", model=model, commitment=term),
                   Decimal(i.model_units), unit="model-unit-hours")]
