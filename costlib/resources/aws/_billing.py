"""Billing helpers shared by the AWS networking, messaging, monitoring and security families.

>>> increments(Decimal(513), Decimal(512)), increments(Decimal(0), Decimal(64)), increments(None, Decimal(64))
(Decimal('2'), Decimal('1'), Decimal('1'))
>>> no_charge("Gateway endpoint", "gateway endpoints have no charge").fixed_price
Money('0', 'USD')
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import ROUND_CEILING, Decimal
from types import MappingProxyType

from costlib.models import CostComponent, PriceQuery
from costlib.money import Money
from costlib.resources.schema import Amount

# bounded sizes and counts, at the provider's own limits (a larger figure is refused, naming the key)
#: API Gateway HTTP API request size (10 MB) and WebSocket message size (128 KB), in KB
RequestKB = Amount(0, 10240)
MessageKB = Amount(0, 128)
#: SNS message payload (256 KB) and EventBridge / Pipes event size (1 MB), in KB
NotificationKB = Amount(0, 256)
EventKB = Amount(0, 1024)
#: messages published to one SNS topic a month (a topic's publish quota is tens of thousands a second)
Publishes = Amount(0, 10**12)
#: a usage file's average SMS price, in USD
SmsPrice = Amount(0, 10)
#: a Lambda function's memory (10,240 MB at most)
LambdaMB = Amount(0, 10240)
#: a Step Functions Express execution: at most five minutes; memory used in MB
ExpressMs = Amount(0, 300_000)
ExpressMB = Amount(0, 65_536)

__all__ = [
    "REGION_PREFIX",
    "EventKB",
    "ExpressMB",
    "ExpressMs",
    "LambdaMB",
    "MessageKB",
    "NotificationKB",
    "Publishes",
    "RequestKB",
    "SmsPrice",
    "increments",
    "no_charge",
    "scaled",
    "tiered_monthly",
]

#: AWS region -> the prefix of its usage types in the Price List (``EU-`` is eu-west-1, us-east-1 is ``USE1-``).
REGION_PREFIX: Mapping[str, str] = MappingProxyType({
    "us-east-1": "USE1", "us-east-2": "USE2", "us-west-1": "USW1", "us-west-2": "USW2", "ca-central-1": "CAN1",
    "ca-west-1": "CAW1", "eu-west-1": "EU", "eu-west-2": "EUW2", "eu-west-3": "EUW3", "eu-central-1": "EUC1",
    "eu-central-2": "EUC2", "eu-north-1": "EUN1", "eu-south-1": "EUS1", "eu-south-2": "EUS2",
    "ap-northeast-1": "APN1", "ap-northeast-2": "APN2", "ap-northeast-3": "APN3", "ap-southeast-1": "APS1",
    "ap-southeast-2": "APS2", "ap-south-1": "APS3", "ap-southeast-3": "APS4", "ap-south-2": "APS5",
    "ap-southeast-4": "APS6", "ap-east-1": "APE1", "sa-east-1": "SAE1", "me-south-1": "MES1",
    "me-central-1": "MEC1", "il-central-1": "ILC1", "af-south-1": "AFS1", "us-gov-west-1": "UGW1",
    "us-gov-east-1": "UGE1",
})

_ZERO = Money("0", "USD")


def increments(size: Decimal | None, increment: Decimal) -> Decimal:
    """How many billing units one request or message of ``size`` counts as (``increment`` each, at least one)."""
    if size is None or size <= increment:
        return Decimal(1)
    return (size / increment).to_integral_value(rounding=ROUND_CEILING)


def scaled(quantity: Decimal | None, factor: Decimal) -> Decimal | None:
    """``quantity`` x ``factor``, or None (usage not given)."""
    return None if quantity is None else quantity * factor


def no_charge(name: str, why: str, *, unit: str = "months", quantity: Decimal = Decimal(1)) -> CostComponent:
    """A part of a resource that the provider does not bill in this configuration, said out loud at $0.

    Used where a type costs money in some configurations and nothing in others (a gateway VPC endpoint, a
    public ACM certificate, a standard SSM parameter): the estimate shows the part and why it is free, rather
    than an empty resource.
    """
    return CostComponent(name=name, unit=unit, query=None, monthly_quantity=quantity, fixed_price=_ZERO, note=why)


def tiered_monthly(name: str, query: PriceQuery, quantity: Decimal, *, unit: str, already_used: Decimal,
                   note: str | None = None) -> CostComponent:
    """A monthly quantity on a tiered price, starting after ``already_used`` units of the account (the 26th
    hosted zone of an account is billed in the second band)."""
    return CostComponent(name=name, unit=unit, monthly_quantity=quantity, query=query, already_used=already_used,
                         note=note)
