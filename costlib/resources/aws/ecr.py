"""Amazon ECR repositories: image storage per GB-month.

Pricing: https://aws.amazon.com/ecr/pricing/ — private repositories bill storage per GB-month (usage
``storage_gb``); data transfer out of the region is billed as data transfer; enhanced scanning is billed by
Amazon Inspector. Usage type ``TimedStorage-ByteHrs`` (AmazonECR).
"""

from __future__ import annotations

from costlib.models import CostComponent
from costlib.resources._q import aws, usage_based
from costlib.resources.registry import resource
from costlib.resources.schema import GB, AwsInputs, Usage, usage_key

__all__ = ["aws_ecr_repository"]


class Repository(AwsInputs):
    pass


class RepositoryUsage(Usage):
    storage_gb: GB | None = usage_key("Images stored in the repository", unit="GB")


@resource("aws_ecr_repository", example={"name": "app", "image_tag_mutability": "IMMUTABLE"})
def aws_ecr_repository(i: Repository, u: RepositoryUsage) -> list[CostComponent]:
    """A private repository: storage (usage ``storage_gb``). Pricing: https://aws.amazon.com/ecr/pricing/"""
    return [usage_based("Storage", aws("AmazonECR", i.region, usagetype="TimedStorage-ByteHrs"), u.storage_gb,
                        unit="GB", usage_key="storage_gb")]
