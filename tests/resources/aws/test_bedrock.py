"""Table tests: costlib.resources.aws.bedrock (https://aws.amazon.com/bedrock/pricing/ Provisioned Throughput)."""

from tests.resources.table import Case, table_test

ARN = "arn:aws:bedrock:us-east-1::foundation-model/amazon.titan-text-express-v1"

CASES = [
    Case("one model unit, one-month commitment", "aws_bedrock_provisioned_model_throughput",
         {"model_arn": ARN, "model_units": 1, "commitment_duration": "OneMonth"}, [
             ("Model units (amazon.titan-text-express-v1, 1 month)", "730 model-unit-hours",
              "AmazonBedrock [Provisioned Throughput] commitment=1 month model=amazon.titan-text-express-v1"),
         ]),
    Case("two units without commitment", "aws_bedrock_provisioned_model_throughput",
         {"model_arn": ARN, "model_units": 2}, [
             ("Model units (amazon.titan-text-express-v1, no commitment)", "1460 model-unit-hours",
              "AmazonBedrock [Provisioned Throughput] commitment=no commitment model=amazon.titan-text-express-v1"),
         ]),
]

test_table = table_test(CASES)
