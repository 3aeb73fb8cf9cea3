"""Amazon API Gateway: REST APIs (requests, tiered), their stages' dedicated caches (hourly by size), and HTTP
and WebSocket APIs (v2).

Pricing: https://aws.amazon.com/api-gateway/pricing/ — REST requests are tiered (first 333 million a month,
next 667 million, next 19 billion, over 20 billion), HTTP API requests are metered in 512 KB increments (a
513 KB request counts as two) and tiered at 300 million, WebSocket messages are metered in 32 KB increments and
connection minutes are billed per million. A stage's cache (``cache_cluster_enabled``) is billed per hour by
its memory size while it exists, requests or not. The 12-month free tier is per account and not applied.
Stages themselves, deployments, routes and integrations have no charge of their own.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated

from costlib.models import CostComponent
from costlib.resources._q import aws, hourly, usage_based
from costlib.resources.aws._billing import MessageKB, RequestKB, increments, no_charge, scaled
from costlib.resources.registry import resource
from costlib.resources.schema import AwsInputs, Quantity, Usage, choice, usage_key

__all__ = ["aws_api_gateway_rest_api", "aws_api_gateway_stage", "aws_apigatewayv2_api"]

_SERVICE = "AmazonApiGateway"


#: the dedicated cache sizes a stage can have (GB), as API Gateway writes them
CACHE_SIZES = ("0.5", "1.6", "6.1", "13.5", "28.4", "58.2", "118", "237")


class RestApi(AwsInputs):
    pass


class RestApiUsage(Usage):
    monthly_requests: Quantity | None = usage_key("Requests to the REST API a month", unit="requests")


@resource("aws_api_gateway_rest_api", example={"name": "orders"})
def aws_api_gateway_rest_api(i: RestApi, u: RestApiUsage) -> list[CostComponent]:
    """A REST API: requests a month (usage ``monthly_requests``), tiered by volume.

    Pricing: https://aws.amazon.com/api-gateway/pricing/ (REST APIs)
    """
    return [usage_based("Requests (REST API)", aws(_SERVICE, i.region, "API Calls", usagetype="ApiGatewayRequest"),
                        u.monthly_requests, unit="requests", usage_key="monthly_requests")]


class Stage(AwsInputs):
    cache_cluster_enabled: bool = False
    cache_cluster_size: Annotated[str, choice(*CACHE_SIZES, aliases={"118.0": "118", "237.0": "237"},
                                              what="API Gateway cache size")] = "0.5"


@resource("aws_api_gateway_stage", example={"cache_cluster_enabled": True, "cache_cluster_size": "0.5"})
def aws_api_gateway_stage(i: Stage) -> list[CostComponent]:
    """A REST API stage: its dedicated cache, per hour by ``cache_cluster_size`` GB (0.5 default) while
    ``cache_cluster_enabled``; the stage's requests are billed on the REST API.

    Pricing: https://aws.amazon.com/api-gateway/pricing/ (Caching)
    """
    if not i.cache_cluster_enabled:
        return [no_charge("Stage (no cache)", "a stage without a dedicated cache has no charge; requests are billed "
                          "on the REST API")]
    size = i.cache_cluster_size
    return [hourly(f"Cache memory ({size} GB)", aws(_SERVICE, i.region, "Amazon API Gateway Cache",
                                                     usagetype=f"ApiGatewayCacheUsage:{size}GB"))]


class Api(AwsInputs):
    protocol_type: Annotated[str, choice("HTTP", "WEBSOCKET", what="API protocol")]


class ApiUsage(Usage):
    monthly_requests: Quantity | None = usage_key("HTTP API requests a month", unit="requests")
    request_size_kb: RequestKB | None = usage_key(
        "Average HTTP request size; requests are metered in 512 KB increments (10 MB at most)", unit="KB")
    monthly_messages: Quantity | None = usage_key("WebSocket messages sent and received a month", unit="messages")
    message_size_kb: MessageKB | None = usage_key(
        "Average WebSocket message size; messages are metered in 32 KB increments (128 KB at most)", unit="KB")
    monthly_connection_mins: Quantity | None = usage_key("WebSocket connection minutes a month", unit="minutes")


@resource("aws_apigatewayv2_api", example={"protocol_type": "HTTP"})
def aws_apigatewayv2_api(i: Api, u: ApiUsage) -> list[CostComponent]:
    """An HTTP API (requests in 512 KB increments) or a WebSocket API (messages in 32 KB increments, plus
    connection minutes), by ``protocol_type``.

    Usage: ``monthly_requests``, ``request_size_kb`` (HTTP); ``monthly_messages``, ``message_size_kb``,
    ``monthly_connection_mins`` (WebSocket). Pricing: https://aws.amazon.com/api-gateway/pricing/
    """
    if i.protocol_type == "HTTP":
        requests = scaled(u.monthly_requests, increments(u.request_size_kb, Decimal(512)))
        return [usage_based("Requests (HTTP API)", aws(_SERVICE, i.region, "API Calls",
                                                       usagetype="ApiGatewayHttpRequest"),
                            requests, unit="requests", usage_key="monthly_requests")]
    messages = scaled(u.monthly_messages, increments(u.message_size_kb, Decimal(32)))
    return [
        usage_based("Messages (WebSocket API)", aws(_SERVICE, i.region, "WebSocket", usagetype="ApiGatewayMessage"),
                    messages, unit="messages", usage_key="monthly_messages"),
        usage_based("Connection minutes (WebSocket API)", aws(_SERVICE, i.region, "WebSocket",
                                                              usagetype="ApiGatewayMinute"),
                    u.monthly_connection_mins, unit="minutes", usage_key="monthly_connection_mins"),
    ]
