"""Configurations the provider refuses give a clear error naming the attribute; the estimate marks that resource
and prices the others (AWS compute, container, database and analytics families)."""

from __future__ import annotations

from typing import Any

import pytest

import costlib
from costlib.catalog.default import embedded_catalog_path
from costlib.catalog.store import SQLiteCatalog
from costlib.errors import InputError
from costlib.models import ResourceSpec, Status
from tests.resources.table import Case, rows_of

BAD: list[tuple[str, dict[str, Any], dict[str, Any], str]] = [
    ("aws_ec2_host", {}, {}, "needs instance_family or instance_type"),
    ("aws_ecs_service", {"launch_type": "FARGATE", "desired_count": 1, "cpu": "1024", "memory": "512"}, {},
     "is not a Fargate size"),
    ("aws_ecs_service", {"launch_type": "FARGATE", "cpu": "lots", "memory": "512"}, {}, "cpu: 'lots' is not CPU units"),
    ("aws_ecs_service", {"launch_type": "FARGATE", "cpu": "256", "memory": "-5"}, {}, "memory: '-5' is not MiB"),
    ("aws_eks_fargate_profile", {}, {"pods": 1, "pod_vcpu": 16, "pod_memory_gb": 120}, "is not a Fargate size"),
    ("aws_elastic_beanstalk_environment",
     {"setting": [{"namespace": "aws:autoscaling:asg", "name": "MinSize", "value": "two"}]}, {},
     "MinSize: 'two' is not a number"),
    ("aws_elastic_beanstalk_environment",
     {"setting": [{"namespace": "aws:elasticbeanstalk:environment", "name": "LoadBalancerType", "value": "magic"}]},
     {}, "LoadBalancerType: 'magic'"),
    ("aws_elastic_beanstalk_environment",
     {"setting": [{"namespace": "aws:autoscaling:launchconfiguration", "name": "RootVolumeType", "value": "gp9"}]},
     {}, "unknown EBS volume type 'gp9'"),
    ("aws_elastic_beanstalk_environment",
     {"setting": [{"namespace": "aws:rds:dbinstance", "name": "DBInstanceClass", "value": "db.t3.micro"},
                  {"namespace": "aws:rds:dbinstance", "name": "DBAllocatedStorage", "value": "20"},
                  {"namespace": "aws:rds:dbinstance", "name": "DBEngine", "value": "db2"}]}, {},
     "setting aws:rds:dbinstance: engine"),
    ("aws_db_instance", {"instance_class": "db.m5.large"},
     {"reserved_instance_term": "3_year", "reserved_instance_payment_option": "no_upfront"},
     "no_upfront is offered for 1_year terms only"),
    ("aws_rds_cluster", {"engine": "postgres"}, {}, "needs db_cluster_instance_class"),
    ("aws_opensearch_domain", {"cluster_config": [{"instance_count": 2}]}, {}, "cluster_config.instance_type"),
    ("aws_msk_cluster", {"number_of_broker_nodes": 3}, {}, "broker_node_group_info: is required"),
    ("aws_msk_cluster", {"number_of_broker_nodes": 3, "broker_node_group_info": []}, {},
     "broker_node_group_info is required"),
]


@pytest.mark.parametrize(("rtype", "attrs", "usage", "message"), BAD, ids=[f"{b[0]}: {b[3]}" for b in BAD])
def test_refused_configuration_names_the_attribute(rtype: str, attrs: dict[str, Any], usage: dict[str, Any],
                                                   message: str) -> None:
    with pytest.raises(InputError, match=message.replace("(", r"\(").replace(")", r"\)")):
        rows_of(Case("bad", rtype, attrs, [], usage=usage))


def test_one_refused_resource_never_stops_the_estimate() -> None:
    specs = [ResourceSpec(address="aws_ec2_host.bad", type="aws_ec2_host", provider="aws", region="us-east-1",
                          attributes={}),
             ResourceSpec(address="aws_ecs_service.ok", type="aws_ecs_service", provider="aws", region="us-east-1",
                          attributes={"launch_type": "FARGATE", "desired_count": 1, "cpu": "256", "memory": "512"})]
    est = costlib.estimate(specs, catalog=SQLiteCatalog(embedded_catalog_path()))
    by = {r.spec.address: r for r in est.resources}
    assert by["aws_ec2_host.bad"].status is Status.PRICE_NOT_FOUND
    assert "needs instance_family or instance_type" in (by["aws_ec2_host.bad"].message or "")
    assert by["aws_ecs_service.ok"].status is Status.PRICED
