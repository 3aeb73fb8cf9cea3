"""Nothing billable vanishes: a resource whose provider cannot be read is listed, counted and said, in the plan
reader, the diff reader, Terraform directories and CloudFormation; providers that are not clouds stay out."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from costlib.catalog.default import embedded_catalog_path
from costlib.catalog.store import SQLiteCatalog
from costlib.diff import diff
from costlib.errors import InputError
from costlib.estimate import estimate
from costlib.inputs.cloudformation import load_template
from costlib.inputs.hcl import load_directory
from costlib.inputs.terraform import plan_specs, read_provider
from costlib.report import estimate_table

CATALOG = SQLiteCatalog(embedded_catalog_path())
AWS = "registry.terraform.io/hashicorp/aws"


@pytest.mark.parametrize(("name", "rtype", "cloud", "problem"), [
    (AWS, "aws_instance", "aws", None),
    (None, "aws_instance", "aws", None),  # Terraform's implied provider: the type's first word
    ("", "azurerm_linux_virtual_machine", "azure", None),
    ("aws", "aws_instance", "aws", None),  # Terraform 0.12's plans
    ("registry.terraform.io/hashicorp/AWS", "aws_instance", "aws", None),  # provider addresses are case-insensitive
    ("registry.opentofu.org/hashicorp/aws", "aws_instance", "aws", None),
    ("registry.terraform.io/-/aws", "aws_instance", "aws", None),  # a legacy address upgraded by 0.13
    ("registry.terraform.io/hashicorp/google-beta", "google_compute_instance", "gcp", None),
    ("registry.terraform.io/azure/azapi", "azapi_resource", "azure", None),
    (AWS + " ", "aws_instance", "aws", "is not a provider address Terraform writes"),
    ("registry.terraform.io/acme/aws", "aws_instance", "aws", "is not hashicorp/aws, the AWS provider costlib prices"),
    ("a/b/c/aws", "aws_instance", "aws", "is not a provider address"),
    (5, "aws_instance", "aws", "5 is not a provider address"),
    ("registry.terraform.io/hashicorp/kubernetes", "google_container_cluster", "gcp", "its type is Google Cloud's"),
    ("registry.terraform.io/hashicorp/random", "random_id", None, None),
    ("registry.terraform.io/hashicorp/kubernetes", "kubernetes_namespace", None, None),
    ("registry.terraform.io/hashicorp/helm", "helm_release", None, None),
    (None, "tls_private_key", None, None),
    (["aws"], "null_resource", None, None),
])
def test_read_provider(name: Any, rtype: str, cloud: str | None, problem: str | None) -> None:
    got_cloud, got_problem = read_provider(name, rtype)
    assert got_cloud == cloud
    assert (got_problem is None) == (problem is None), got_problem
    if problem is not None:
        assert got_problem is not None and problem in got_problem


def _res(address: str, provider: Any, mode: Any = "managed") -> dict[str, Any]:
    rtype = address.split(".")[0]
    return {"address": address, "mode": mode, "type": rtype, "name": address.split(".")[1], "provider_name": provider,
            "values": {"instance_type": "t3.micro"} if rtype == "aws_instance" else {}}


def _plan(*resources: dict[str, Any]) -> dict[str, Any]:
    changes = [{"address": r["address"], "mode": r["mode"], "type": r["type"], "provider_name": r["provider_name"],
                "change": {"actions": ["create"], "before": None, "after": r["values"]}} for r in resources]
    return {"format_version": "1.2", "planned_values": {"root_module": {"resources": list(resources)}},
            "resource_changes": changes,
            "configuration": {"provider_config": {"aws": {"name": "aws", "expressions": {
                "region": {"constant_value": "us-east-1"}}}}}}


PLAN = _plan(_res("aws_instance.ok", AWS), _res("aws_instance.spaced", AWS + " "),
             _res("aws_instance.acme", "registry.terraform.io/acme/aws"), _res("aws_instance.nulled", None),
             _res("aws_instance.nomode", AWS, mode=None), _res("aws_instance.read", AWS, mode="data"),
             _res("random_id.r", "registry.terraform.io/hashicorp/random"))


def test_a_resource_whose_provider_cannot_be_read_is_listed_counted_and_said(tmp_path: Path) -> None:
    path = tmp_path / "plan.json"
    path.write_text(json.dumps(PLAN))
    est = estimate([path], catalog=CATALOG)
    by = {r.address: r for r in est.resources}
    assert set(by) == {"aws_instance.ok", "aws_instance.spaced", "aws_instance.acme", "aws_instance.nulled",
                       "aws_instance.nomode"}  # the data source and the random provider's resource stay out
    for address in ("aws_instance.ok", "aws_instance.nulled", "aws_instance.nomode"):
        assert by[address].status.value == "priced", by[address].message
    for address, word in (("aws_instance.spaced", "is not a provider address"), ("aws_instance.acme", "acme/aws")):
        assert by[address].status.value == "unsupported"
        assert by[address].message is not None and by[address].message.startswith("provider not read: ")
        assert word in by[address].message
    assert est.summary["unsupported"] == 2
    assert any(w.startswith("provider not read: ") and "aws_instance.acme" in w for w in est.warnings)
    table = estimate_table(est)
    assert "aws_instance.spaced" in table and "provider not read" in table


def test_the_diff_of_a_plan_keeps_them_too(tmp_path: Path) -> None:
    path = tmp_path / "plan.json"
    path.write_text(json.dumps(PLAN))
    doc = diff(path, catalog=CATALOG)
    rows = {r["address"]: r for r in doc["resources"]}
    assert {"aws_instance.spaced", "aws_instance.acme", "aws_instance.nulled"} <= set(rows)
    assert rows["aws_instance.acme"]["status_after"] == "unsupported"
    assert any(u["address"] == "aws_instance.acme" for u in doc["not_fully_priced"])


def test_a_plan_resource_without_an_address_or_type_is_an_error_naming_the_file() -> None:
    plan = _plan(_res("aws_instance.ok", AWS))
    plan["planned_values"]["root_module"]["resources"][0]["address"] = None
    with pytest.raises(InputError, match=r"^plan.json: a resource without an address \(planned_values resources\[0\]"):
        plan_specs(plan, where="plan.json")
    plan = _plan(_res("aws_instance.ok", AWS))
    plan["planned_values"]["root_module"]["resources"][0]["type"] = 7
    with pytest.raises(InputError, match=r"^plan.json: aws_instance.ok: no resource type \(7\)"):
        plan_specs(plan, where="plan.json")


def test_a_terraform_resource_of_a_cloud_type_under_another_provider_is_listed(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(
        'provider "aws" {\n  region = "us-east-1"\n}\nprovider "random" {\n  alias = "x"\n}\n'
        'resource "aws_instance" "odd" {\n  provider = random.x\n  instance_type = "t3.micro"\n}\n'
        'resource "aws_instance" "web" {\n  instance_type = "t3.micro"\n}\n'
        'resource "random_id" "r" {\n  byte_length = 4\n}\n')
    specs = load_directory(tmp_path, env={})
    assert sorted(s.address for s in specs) == ["aws_instance.odd", "aws_instance.web"]
    by = {r.address: r for r in estimate(specs, catalog=CATALOG).resources}
    assert by["aws_instance.web"].status.value == "priced"
    assert by["aws_instance.odd"].status.value == "unsupported"
    assert "its provider is 'random'" in (by["aws_instance.odd"].message or "")


def test_cloudformation_types_without_a_mapping_are_listed_as_unsupported(tmp_path: Path) -> None:
    template = tmp_path / "t.yaml"
    template.write_text("AWSTemplateFormatVersion: '2010-09-09'\nResources:\n"
                        "  Api: {Type: 'AWS::ApiGatewayV2::Api', Properties: {Name: x}}\n"
                        "  Custom: {Type: 'Custom::Thing', Properties: {ServiceToken: x}}\n"
                        "  Bucket: {Type: 'AWS::S3::Bucket'}\n")
    by = {r.address: r for r in estimate(load_template(template, region="us-east-1"), catalog=CATALOG).resources}
    assert set(by) == {"Api", "Custom", "Bucket"}
    assert by["Api"].status.value == "unsupported" and by["Custom"].status.value == "unsupported"


def test_a_resource_change_without_values_is_an_error_not_left_out_of_the_diff(tmp_path: Path) -> None:
    plan = _plan(_res("aws_instance.ok", AWS), _res("aws_instance.odd", AWS))
    path = tmp_path / "plan.json"
    plan["resource_changes"][1]["change"]["after"] = 5
    path.write_text(json.dumps(plan))
    with pytest.raises(InputError, match=f"^{path}: aws_instance.odd: change.after is not an object"):
        diff(path, catalog=CATALOG)
    plan["resource_changes"][1]["change"]["after"] = None
    path.write_text(json.dumps(plan))
    with pytest.raises(InputError, match=f"^{path}: aws_instance.odd: neither change.before nor change.after"):
        diff(path, catalog=CATALOG)
