"""CloudFormation templates -> Terraform-shaped specs: every mapped type, parameters, conditions, mappings."""

from __future__ import annotations

from pathlib import Path

import pytest

import costlib
from costlib.errors import InputError
from costlib.inputs import SourceOptions, load_resources
from costlib.inputs.cloudformation import CFN_TYPES, is_cloudformation, load_template
from costlib.models import ResourceSpec

FIXTURES = Path(__file__).parent / "fixtures" / "cloudformation"
STACK = FIXTURES / "stack.yaml"


def load(**kw: object) -> dict[str, ResourceSpec]:
    kw.setdefault("parameters", {"Secret": "s3cret"})
    kw.setdefault("region", "us-east-1")
    return {s.address: s for s in load_template(STACK, **kw)}  # type: ignore[arg-type]


def line_of(name: str) -> int:
    return STACK.read_text().splitlines().index(f"  {name}:") + 1


def test_every_mapped_type_appears_in_the_fixture() -> None:
    text = STACK.read_text()
    missing = [t for t in CFN_TYPES if t != "AWS::Serverless::Function" and f"Type: {t}\n" not in text
               and t != "AWS::ElasticLoadBalancing::LoadBalancer"]
    assert missing == []


def test_properties_map_onto_terraform_attributes() -> None:
    specs = load()
    web = specs["Web"]
    assert (web.type, web.region, web.location) == ("aws_instance", "us-east-1", f"{STACK}:{line_of('Web')}")
    assert dict(web.attributes) == {
        "instance_type": "m5.large", "ami": "ami-0abcdef", "subnet_id": "subnet-a",
        "root_block_device": [{"volume_size": 40, "volume_type": "gp3"}],
        "ebs_block_device": [{"device_name": "/dev/sdf", "volume_size": 100, "volume_type": "io1", "iops": 3000}],
        "tags": {"Name": "web-prod-us-east-1"}}  # Tags (a !Sub) become Terraform's tags map: the policy file reads it
    assert dict(specs["Db"].attributes) == {"instance_class": "db.m5.large", "engine": "postgres", "multi_az": True,
                                            "allocated_storage": 100, "storage_type": "gp3"}
    assert specs["AuroraWriter"].type == "aws_rds_cluster_instance"  # DBClusterIdentifier: an Aurora member
    assert specs["Aurora"].attributes["serverlessv2_scaling_configuration"] == [{"min_capacity": 0.5, "max_capacity": 4}]
    assert dict(specs["Orders"].attributes) == {"billing_mode": "PROVISIONED", "read_capacity": 10, "write_capacity": 5}
    assert specs["Workers"].attributes["scaling_config"] == [{"desired_size": 3, "min_size": 1, "max_size": 5}]
    assert dict(specs["Front"].attributes) == {"load_balancer_type": "network", "internal": True}
    assert dict(specs["Sessions"].attributes) == {"node_type": "cache.t3.medium", "engine": "redis",
                                                  "num_node_groups": 2, "replicas_per_node_group": 1}
    assert specs["Assets"].attributes["bucket"] == "assets-prod"  # !Join
    assert specs["Jobs"].attributes["fifo_queue"] is True
    assert specs["Role"].type == "aws_iam_role"  # a free type
    assert specs["Topic"].type == "AWS::SNS::Topic"  # not mapped: listed, so the estimate says unsupported


def test_parameters_conditions_and_mappings() -> None:
    dev = load(parameters={"Secret": "x", "Env": "dev", "WebSize": "t3.large", "DiskGb": "80"})
    assert dev["Web"].attributes["instance_type"] == "t3.large"  # !If [IsProd ...] false -> !Ref WebSize
    assert dev["Web"].attributes["root_block_device"] == [{"volume_size": 80, "volume_type": "gp3"}]
    assert dev["Db"].attributes["instance_class"] == "db.t3.micro" and dev["Db"].attributes["multi_az"] is False
    assert "DevBox" in dev and "DevBox" not in load()  # Condition IsDev
    with pytest.raises(InputError, match="not one of its AllowedValues"):
        load(parameters={"Env": "staging"})
    with pytest.raises(InputError, match="has no parameter 'Nope'"):
        load(parameters={"Nope": "1"})


def test_values_known_only_once_the_stack_exists_are_unknown() -> None:
    specs = load()
    assert specs["Data"].unknown == ("availability_zone", "kms_key_id")  # !GetAZs, !GetAtt
    assert specs["Nat"].unknown == ("allocation_id",) and specs["Nat"].attributes["subnet_id"] == "subnet-b"
    assert "cluster_name" in specs["Workers"].unknown  # !Ref of a resource


def test_region_from_the_environment_or_said() -> None:
    assert load(region=None, env={"AWS_REGION": "eu-west-1"})["Web"].region == "eu-west-1"
    web = load(region=None, env={})["Web"]
    assert web.region == "us-east-1" and "us-east-1 assumed" in web.notes[0]


def test_json_templates_and_the_load_resources_hook() -> None:
    assert is_cloudformation(FIXTURES / "small.json") and is_cloudformation(STACK)
    assert not is_cloudformation(Path(__file__).parents[2] / "examples" / "environment.yaml")
    specs = load_resources(FIXTURES / "small.json", SourceOptions(parameters={"Size": "m5.large"}, region="us-east-1"))
    assert [(s.address, s.type, dict(s.attributes)) for s in specs] == [
        ("Web", "aws_instance", {"instance_type": "m5.large", "ami": "ami-0abcdef"}),
        ("Queue", "aws_sqs_queue", {"name": "q-m5.large"})]


def test_the_same_cost_functions_price_a_template() -> None:
    est = costlib.estimate(list(load().values()))
    by = {r.address: r for r in est.resources}
    assert by["Web"].status.value == "priced" and by["Workers"].status.value == "priced"
    assert by["Topic"].status.value == "unsupported" and by["Role"].status.value == "free"
    web_tf = ResourceSpec(address="Web", type="aws_instance", provider="aws", region="us-east-1",
                          attributes=dict(by["Web"].spec.attributes))
    assert costlib.estimate([web_tf]).total_monthly_cost == by["Web"].monthly_cost


def test_a_broken_template_names_the_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  A:\n    Type: AWS::SQS::Queue\n  A:\n"
                   "    Type: AWS::SQS::Queue\n")
    with pytest.raises(InputError) as err:
        load_template(bad)
    assert err.value.where is not None and err.value.where.startswith(f"{bad}:")
    missing = tmp_path / "ref.yaml"
    missing.write_text("Resources:\n  A:\n    Type: AWS::EC2::Instance\n    Properties: {InstanceType: !Ref Nope}\n")
    with pytest.raises(InputError, match="Ref Nope") as err2:
        load_template(missing, region="us-east-1")
    assert err2.value.where == f"{missing}:2"
