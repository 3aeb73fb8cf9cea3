"""Table tests: costlib.resources.aws.apigateway (https://aws.amazon.com/api-gateway/pricing/)."""

from tests.resources.table import Case, table_test

CASES = [
    Case("REST API, 10 million requests", "aws_api_gateway_rest_api", {"name": "orders"}, [
        ("Requests (REST API)", "10000000 requests", "AmazonApiGateway [API Calls] usagetype=ApiGatewayRequest"),
    ], usage={"monthly_requests": 10_000_000}),
    Case("REST API without usage", "aws_api_gateway_rest_api", {}, [
        ("Requests (REST API)", "? requests", "AmazonApiGateway [API Calls] usagetype=ApiGatewayRequest"),
    ]),
    Case("stage without a cache costs nothing", "aws_api_gateway_stage", {"stage_name": "prod"}, [
        ("Stage (no cache)", "1 months", "fixed 0 USD"),
    ]),
    Case("stage with the default 0.5 GB cache, all month", "aws_api_gateway_stage", {"cache_cluster_enabled": True}, [
        ("Cache memory (0.5 GB)", "730 hours",
         "AmazonApiGateway [Amazon API Gateway Cache] usagetype=ApiGatewayCacheUsage:0.5GB"),
    ]),
    Case("stage with a 237 GB cache (plan writes a number)", "aws_api_gateway_stage",
         {"cache_cluster_enabled": True, "cache_cluster_size": 237}, [
             ("Cache memory (237 GB)", "730 hours",
              "AmazonApiGateway [Amazon API Gateway Cache] usagetype=ApiGatewayCacheUsage:237GB"),
         ]),
    Case("HTTP API: a 513 KB request is metered as two", "aws_apigatewayv2_api", {"protocol_type": "HTTP"}, [
        ("Requests (HTTP API)", "2000000 requests", "AmazonApiGateway [API Calls] usagetype=ApiGatewayHttpRequest"),
    ], usage={"monthly_requests": 1_000_000, "request_size_kb": 513}),
    Case("HTTP API: 512 KB exactly is one request", "aws_apigatewayv2_api", {"protocol_type": "HTTP"}, [
        ("Requests (HTTP API)", "1000000 requests", "AmazonApiGateway [API Calls] usagetype=ApiGatewayHttpRequest"),
    ], usage={"monthly_requests": 1_000_000, "request_size_kb": 512}),
    Case("WebSocket API: 40 KB messages count twice, plus connection minutes", "aws_apigatewayv2_api",
         {"protocol_type": "WEBSOCKET"}, [
             ("Messages (WebSocket API)", "6000000 messages",
              "AmazonApiGateway [WebSocket] usagetype=ApiGatewayMessage"),
             ("Connection minutes (WebSocket API)", "10000000 minutes",
              "AmazonApiGateway [WebSocket] usagetype=ApiGatewayMinute"),
         ], usage={"monthly_messages": 3_000_000, "message_size_kb": 40, "monthly_connection_mins": 10_000_000}),
    Case("WebSocket API without usage", "aws_apigatewayv2_api", {"protocol_type": "websocket"}, [
        ("Messages (WebSocket API)", "? messages", "AmazonApiGateway [WebSocket] usagetype=ApiGatewayMessage"),
        ("Connection minutes (WebSocket API)", "? minutes", "AmazonApiGateway [WebSocket] usagetype=ApiGatewayMinute"),
    ]),
]

test_table = table_test(CASES)


def test_a_cache_size_api_gateway_does_not_offer_is_refused_naming_the_attribute() -> None:
    import pytest

    from costlib.errors import InputError
    from costlib.inputs.typed import parse
    from costlib.models import ResourceSpec

    spec = ResourceSpec(address="aws_api_gateway_stage.s", type="aws_api_gateway_stage", provider="aws",
                        region="us-east-1", attributes={"cache_cluster_enabled": True, "cache_cluster_size": "2"})
    with pytest.raises(InputError, match="cache_cluster_size: unknown API Gateway cache size '2'"):
        parse(spec)


def test_an_http_request_above_api_gateways_10_mb_limit_is_refused() -> None:
    import pytest

    from costlib.errors import InputError
    from costlib.inputs.typed import parse
    from costlib.models import ResourceSpec

    spec = ResourceSpec(address="aws_apigatewayv2_api.h", type="aws_apigatewayv2_api", provider="aws",
                        region="us-east-1", attributes={"protocol_type": "HTTP"}, usage={"request_size_kb": 20000})
    with pytest.raises(InputError, match="request_size_kb"):
        parse(spec)
