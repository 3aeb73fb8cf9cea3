"""Table tests: costlib.resources.aws.cloudfront (https://aws.amazon.com/cloudfront/pricing/)."""

from tests.resources.table import Case, table_test

US_OUT = "AmazonCloudFront usagetype=US-DataTransfer-Out-Bytes"
US_HTTPS = "AmazonCloudFront usagetype=US-Requests-Tier2-HTTPS"

CASES = [
    Case("distribution without usage: US transfer and HTTPS requests per unit", "aws_cloudfront_distribution", {}, [
        ("Data transfer out to internet (United States, Mexico, Canada)", "? GB", US_OUT),
        ("HTTPS requests (United States, Mexico, Canada)", "? requests", US_HTTPS),
    ]),
    Case("traffic in two edge groups, to the origin, and HTTP and HTTPS requests", "aws_cloudfront_distribution",
         {"price_class": "PriceClass_200"}, [
             ("Data transfer out to internet (United States, Mexico, Canada)", "12000 GB", US_OUT),
             ("Data transfer out to internet (Japan)", "300 GB", "AmazonCloudFront usagetype=JP-DataTransfer-Out-Bytes"),
             ("Data transfer out to origin (Europe, Israel)", "50 GB",
              "AmazonCloudFront usagetype=EU-DataTransfer-Out-OBytes"),
             ("HTTP requests (India)", "20000 requests", "AmazonCloudFront usagetype=IN-Requests-Tier1"),
             ("HTTPS requests (United States, Mexico, Canada)", "5000000 requests", US_HTTPS),
         ], usage={"monthly_data_transfer_to_internet_gb": {"us": 12000, "japan": 300},
                   "monthly_data_transfer_to_origin_gb": {"europe": 50},
                   "monthly_http_requests": {"india": 20000},
                   "monthly_https_requests": {"us": 5_000_000}}),
    Case("Origin Shield in eu-west-1 bills its requests in the Europe group", "aws_cloudfront_distribution",
         {"origin": [{"origin_shield": [{"enabled": True, "origin_shield_region": "eu-west-1"}]}]}, [
             ("Data transfer out to internet (United States, Mexico, Canada)", "? GB", US_OUT),
             ("HTTPS requests (United States, Mexico, Canada)", "? requests", US_HTTPS),
             ("Origin Shield requests (Europe)", "? requests", "AmazonCloudFront usagetype=EU-Requests-OriginShield"),
         ]),
    Case("Origin Shield requests from usage", "aws_cloudfront_distribution", {}, [
        ("Data transfer out to internet (United States, Mexico, Canada)", "? GB", US_OUT),
        ("HTTPS requests (United States, Mexico, Canada)", "? requests", US_HTTPS),
        ("Origin Shield requests (South Korea)", "90000 requests",
         "AmazonCloudFront usagetype=AP-Requests-OriginShield"),
    ], usage={"monthly_shield_requests": {"south_korea": 90000}}),
    Case("1,200 invalidation paths: 200 beyond the free 1,000", "aws_cloudfront_distribution", {}, [
        ("Data transfer out to internet (United States, Mexico, Canada)", "? GB", US_OUT),
        ("HTTPS requests (United States, Mexico, Canada)", "? requests", US_HTTPS),
        ("Invalidation paths beyond the free 1,000", "1200 paths", "AmazonCloudFront usagetype=Invalidations"),
    ], usage={"monthly_invalidation_requests": 1200}),
    Case("field-level encryption, real-time logs, dedicated IP SSL", "aws_cloudfront_distribution",
         {"viewer_certificate": [{"ssl_support_method": "vip"}],
          "default_cache_behavior": [{"field_level_encryption_id": "fle-1"}]}, [
             ("Data transfer out to internet (United States, Mexico, Canada)", "? GB", US_OUT),
             ("HTTPS requests (United States, Mexico, Canada)", "? requests", US_HTTPS),
             ("Field-level encryption requests", "100000 requests",
              "AmazonCloudFront usagetype=US-Requests-HTTPS-Proxy-FLE"),
             ("Real-time log lines", "5000000 lines", "AmazonCloudFront usagetype=RealTimeLog-KinesisDataStream"),
             ("Dedicated IP custom SSL certificates", "1 certificates", "AmazonCloudFront usagetype=SSL-Cert-Custom"),
         ], usage={"monthly_encryption_requests": 100000, "monthly_log_lines": 5_000_000}),
    Case("SNI certificates cost nothing", "aws_cloudfront_distribution",
         {"viewer_certificate": [{"ssl_support_method": "sni-only"}]}, [
             ("Data transfer out to internet (United States, Mexico, Canada)", "? GB", US_OUT),
             ("HTTPS requests (United States, Mexico, Canada)", "? requests", US_HTTPS),
         ]),
    Case("CloudFront Function, 3 million invocations", "aws_cloudfront_function", {"runtime": "cloudfront-js-2.0"}, [
        ("Invocations", "3000000 invocations", "AmazonCloudFront usagetype=Executions-CloudFrontFunctions"),
    ], usage={"monthly_requests": 3_000_000}),
    Case("CloudFront Function without usage", "aws_cloudfront_function", {}, [
        ("Invocations", "? invocations", "AmazonCloudFront usagetype=Executions-CloudFrontFunctions"),
    ]),
]

test_table = table_test(CASES)
