"""Every input path reads through the guarded readers, within one Limits: plan and state JSON, spec and usage
files, request-body documents, Terraform directories, Terragrunt, CloudFormation, the daemon's config and
inventory, and the CLI (``--max-resources``, ``COSTLIB_MAX_RESOURCES``)."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from costlib.catalog.default import embedded_catalog_path
from costlib.catalog.store import SQLiteCatalog
from costlib.daemon.inventory import from_file
from costlib.errors import ConfigError, InputError
from costlib.estimate import estimate
from costlib.inputs import (
    Limits,
    Usage,
    load_plan_document,
    load_resources,
    load_spec_document,
    load_usage,
    spec_resource_count,
)
from costlib.inputs.cloudformation import load_template
from costlib.inputs.hcl import load_directory
from costlib.inputs.terragrunt import load_terragrunt
from tests.cli.conftest import run

CATALOG = SQLiteCatalog(embedded_catalog_path())
AWS = "registry.terraform.io/hashicorp/aws"


def _plan(n: int) -> dict[str, object]:
    return {"format_version": "1.2", "planned_values": {"root_module": {"resources": [
        {"address": f"aws_s3_bucket.b{i}", "mode": "managed", "type": "aws_s3_bucket", "name": f"b{i}",
         "provider_name": AWS, "values": {}} for i in range(n)]}}}


def test_a_plan_with_more_resources_than_the_limit_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "plan.json"
    path.write_text(json.dumps(_plan(3)))
    with pytest.raises(InputError) as err:
        estimate([path], catalog=CATALOG, limits=Limits(max_resources=2))
    assert str(err.value).startswith(f"{path}: its planned_values hold 3 resources, over the limit of 2 resources")
    assert len(estimate([path], catalog=CATALOG, limits=Limits(max_resources=3)).resources) == 3
    second = tmp_path / "more.json"
    second.write_text(json.dumps(_plan(2)))
    with pytest.raises(InputError, match="the files given hold 5 resources, over the limit of 4"):
        estimate([path, second], catalog=CATALOG, limits=Limits(max_resources=4))


def test_a_plan_document_a_service_was_sent_is_checked_before_any_work() -> None:
    with pytest.raises(InputError, match="over the limit of 2 resources"):
        load_plan_document(_plan(3), limits=Limits(max_resources=2))
    doc = _plan(1)
    doc["planned_values"]["root_module"]["resources"][0]["values"] = {"x": [[[[1]]]]}  # type: ignore[index]
    with pytest.raises(InputError, match="^request body: planned_values.root_module.resources.0..* nested deeper"):
        load_plan_document(doc, limits=Limits(max_depth=5))


def test_a_spec_count_is_checked_before_anything_is_expanded(tmp_path: Path) -> None:
    path = tmp_path / "env.yaml"
    path.write_text("resources:\n  - {name: a, type: compute.instance, provider: aws, count: 2}\n"
                    "  - {name: b, type: compute.instance, provider: aws, count: 3}\n")
    with pytest.raises(InputError) as err:
        load_resources(path, limits=Limits(max_resources=4))
    assert str(err.value).startswith(f"{path}: its resources and counts expand to 5 resources, over the limit of 4")
    with pytest.raises(InputError, match=f"^{path}:3: count: 3 expands to 3 resources, over the limit of 2"):
        load_resources(path, limits=Limits(max_resources=2))
    assert len(load_resources(path, limits=Limits(max_resources=5))) == 5
    doc = {"resources": [{"type": "compute.instance", "provider": "aws", "count": 100_000_000}]}
    assert spec_resource_count(doc) == 100_000_000
    start = time.perf_counter()
    with pytest.raises(InputError, match=r"^request body: resources\[0\]: count: 100000000 expands to 100,000,000"):
        load_spec_document(doc)
    assert time.perf_counter() - start < 1


def test_usage_files_and_documents_are_guarded(tmp_path: Path) -> None:
    path = tmp_path / "usage.yml"
    path.write_bytes("resource_usage:\n  aws_s3_bucket.b:\n    storage_gb: 10 # caf\xe9\n".encode("latin-1"))
    with pytest.raises(InputError, match=f"^{path}: not UTF-8 text"):
        load_usage(path)
    path.write_text("version: [1]\n")
    with pytest.raises(InputError, match="version is a number like 0.1"):
        load_usage(path)
    with pytest.raises(InputError, match=r"^request body: usage: resource_usage\.x\.storage_gb: nan is not a number"):
        Usage.from_document({"resource_usage": {"x": {"storage_gb": float("nan")}}}, where="request body: usage")
    path.write_text('{"resource_usage": {"aws_s3_bucket.b": {"storage_gb": 1}}, "resource_usage": {}}')
    with pytest.raises(InputError, match="given twice"):
        load_usage(path.rename(tmp_path / "usage.json"))


def _tf(directory: Path, text: str) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "main.tf").write_text('provider "aws" {\n  region = "us-east-1"\n}\n' + text)
    return directory


def test_a_terraform_count_the_text_says_is_refused_before_tfparse_expands_it(tmp_path: Path) -> None:
    bomb = _tf(tmp_path / "bomb", 'resource "aws_s3_bucket" "b" {\n  count = 100000000\n}\n')
    start = time.perf_counter()
    with pytest.raises(InputError) as err:
        load_directory(bomb, env={})
    assert str(err.value).startswith(f"{bomb / 'main.tf'}:4: aws_s3_bucket.b: its count expands to 100,000,000 "
                                     "resources, over the limit of 100,000")
    assert time.perf_counter() - start < 10  # tfparse takes minutes for 20,000 instances: it never ran
    by_var = _tf(tmp_path / "var", 'variable "n" {\n  default = 2\n}\nresource "aws_s3_bucket" "b" {\n'
                                   "  count = var.n\n}\n")
    with pytest.raises(InputError, match="its count expands to 500,000"):
        load_directory(by_var, env={}, variables={"n": "500000"})
    by_for = _tf(tmp_path / "for", 'variable "n" {\n  default = 2\n}\nresource "aws_s3_bucket" "b" {\n'
                                   "  for_each = toset([for i in range(var.n) : tostring(i)])\n}\n")
    with pytest.raises(InputError, match="its for_each expands to 300,000"):
        load_directory(by_for, env={"TF_VAR_n": "300000"})
    assert len(load_directory(by_for, env={})) == 2
    mods = _tf(tmp_path / "mods", 'module "m" {\n  source = "./m"\n  count = 30\n}\n')
    _tf(mods / "m", 'resource "aws_s3_bucket" "b" {\n  count = 2\n}\n')
    with pytest.raises(InputError) as err:
        load_directory(mods, env={}, limits=Limits(max_resources=50))
    assert str(err.value).startswith(f"{mods / 'm' / 'main.tf'}:4: aws_s3_bucket.b: its count (2) times its module "
                                     "calls' (30) expands to 60 resources, over the limit of 50")
    _tf(mods / "m", 'resource "aws_s3_bucket" "b" {\n  count = 1\n}\nresource "aws_s3_bucket" "c" {\n  count = 1\n}\n')
    with pytest.raises(InputError, match="with this block, count and for_each expand to at least 60 resources"):
        load_directory(mods, env={}, limits=Limits(max_resources=50))


def test_what_tfparse_expands_past_the_limit_is_refused_after(tmp_path: Path) -> None:
    hidden = _tf(tmp_path / "hidden", 'locals {\n  n = 3\n}\nresource "aws_s3_bucket" "b" {\n  count = local.n\n}\n')
    with pytest.raises(InputError, match=f"^{hidden}: its count and for_each expand to 3 resources, over the limit of 2"):
        load_directory(hidden, env={}, limits=Limits(max_resources=2))
    assert len(load_directory(hidden, env={}, limits=Limits(max_resources=3))) == 3


def test_terraform_files_are_read_by_the_guarded_reader(tmp_path: Path) -> None:
    big = _tf(tmp_path / "big", 'resource "aws_s3_bucket" "b" {}\n' + "# padding\n" * 50)
    with pytest.raises(InputError, match=f"^{big / 'main.tf'}: the file is .* bytes, over the limit of 200 bytes"):
        load_directory(big, env={}, limits=Limits(max_bytes=200))
    latin = tmp_path / "latin"
    latin.mkdir()
    (latin / "main.tf").write_bytes('provider "aws" {\n  region = "us-east-1"\n}\nresource "aws_s3_bucket" "b" {\n'
                                    '  tags = { owner = "caf\xe9" }\n}\n'.encode("latin-1"))
    with pytest.raises(InputError) as err:
        load_directory(latin, env={})
    assert str(latin / "main.tf") in str(err.value)
    unit = tmp_path / "unit"
    unit.mkdir()
    (unit / "terragrunt.hcl").write_bytes('inputs = { owner = "caf\xe9" }\n'.encode("latin-1"))
    with pytest.raises(InputError, match="terragrunt.hcl: not UTF-8 text"):
        load_terragrunt(unit)


def test_cloudformation_templates_are_guarded(tmp_path: Path) -> None:
    template = tmp_path / "t.json"
    resources = {f"B{i}": {"Type": "AWS::S3::Bucket"} for i in range(3)}
    template.write_text(json.dumps({"AWSTemplateFormatVersion": "2010-09-09", "Resources": resources}))
    with pytest.raises(InputError, match="its Resources hold 3 resources, over the limit of 2"):
        load_template(template, region="us-east-1", limits=Limits(max_resources=2))
    assert len(load_template(template, region="us-east-1")) == 3
    template.write_text('{"AWSTemplateFormatVersion": "2010-09-09", "Resources": {"V": {"Type": "AWS::EC2::Volume",\n'
                        '  "Properties": {"Size": NaN}}}}')
    with pytest.raises(InputError, match=f"^{template}:2:.*NaN is not a number"):
        load_template(template, region="us-east-1")
    yaml_template = tmp_path / "t.yaml"
    yaml_template.write_text("AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  V:\n    Type: AWS::EC2::Volume\n"
                             "    Properties: {Size: .inf, AvailabilityZone: !Ref AWS::Region}\n")
    with pytest.raises(InputError, match=f"^{yaml_template}:5: .inf is not a number"):
        load_template(yaml_template, region="us-east-1")
    yaml_template.write_bytes("AWSTemplateFormatVersion: '2010-09-09'\nResources: {}\n# caf\xe9\n".encode("latin-1"))
    with pytest.raises(InputError, match="not UTF-8 text"):
        load_template(yaml_template, region="us-east-1")


def test_the_daemon_inventory_is_read_by_the_guarded_reader(tmp_path: Path) -> None:
    path = tmp_path / "inventory.yaml"
    path.write_text("environments: " + "[" * 100 + "]" * 100 + "\n")
    with pytest.raises(ConfigError, match=f"^{path}:1: nested deeper than 64 levels"):
        from_file(path)


def test_the_cli_takes_max_resources_from_the_flag_or_the_environment(tmp_path: Path) -> None:
    spec = tmp_path / "env.yaml"
    spec.write_text("resources:\n  - {name: b, type: aws_s3_bucket, provider: aws, region: us-east-1, count: 3}\n")
    r = run("estimate", str(spec), "--max-resources", "2")
    assert r.code == 1 and f"costlib: error: {spec}:2: count: 3 expands to 3 resources, over the limit of 2" in r.err
    r = run("estimate", str(spec), env={"COSTLIB_MAX_RESOURCES": "2"})
    assert r.code == 1 and "over the limit of 2 resources" in r.err
    assert run("estimate", str(spec), "--max-resources", "3", env={"COSTLIB_MAX_RESOURCES": "2"}).code == 0
    assert run("estimate", str(spec), "--max-resources", "0").code == 2
