"""Terraform directories read without a plan (tfparse): each construct on a small directory the project owns."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

from costlib.errors import InputError, MissingExtraError
from costlib.inputs import SourceOptions, load_resources
from costlib.inputs.hcl import load_directory
from costlib.models import ResourceSpec

FIXTURES = Path(__file__).parent / "fixtures"
CONSTRUCTS = FIXTURES / "constructs"


def by_address(specs: list[ResourceSpec]) -> dict[str, ResourceSpec]:
    return {s.address: s for s in specs}


@pytest.fixture(scope="module")
def constructs() -> dict[str, ResourceSpec]:
    return by_address(load_directory(CONSTRUCTS, env={}))


def test_variable_precedence_follows_terraform() -> None:
    env = {"TF_VAR_from_env": "env", "TF_VAR_from_tfvars": "env", "TF_VAR_from_auto_a": "env",
           "TF_VAR_from_auto_b": "env", "TF_VAR_from_var_file": "env", "TF_VAR_from_cli": "env",
           "TF_VAR_queue_names": '["a", "b"]', "TF_VAR_copies": "2"}
    specs = load_directory(FIXTURES / "tfvars", env=env, var_files=[FIXTURES / "tfvars-extra.tfvars"],
                           variables={"from_cli": "cli"})
    assert [s.address for s in specs] == ["aws_sqs_queue.layers[0]", "aws_sqs_queue.layers[1]"]  # count from env
    tags = dict(specs[0].attributes["tags"])
    assert tags == {"from_default": "default", "from_env": "env", "from_tfvars": "tfvars", "from_auto_a": "auto_a",
                    "from_auto_b": "auto_b", "from_var_file": "var_file", "from_cli": "cli",
                    "names": "a,b"}  # a list-typed TF_VAR_ is parsed as HCL, as Terraform does


def test_cli_var_values_are_taken_literally_for_strings() -> None:
    specs = load_directory(FIXTURES / "tfvars", env={}, variables={"from_cli": 'say "hi" \\ %{x}', "copies": "2"})
    assert specs[0].attributes["tags"]["from_cli"] == 'say "hi" \\ %{x}' and len(specs) == 2
    assert specs[0].attributes["tags"]["from_env"] == "default"


def test_the_process_environment_does_not_leak_past_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TF_VAR_from_env", "leaked")
    monkeypatch.setenv("TF_VAR_copies", "3")
    specs = load_directory(FIXTURES / "tfvars", env={})
    assert len(specs) == 1 and specs[0].attributes["tags"]["from_env"] == "default"
    assert load_directory(FIXTURES / "tfvars")[0].attributes["tags"]["from_env"] == "leaked"  # env=None: os.environ


def test_count_and_for_each_over_maps_and_sets(constructs: dict[str, ResourceSpec]) -> None:
    assert {a for a in constructs if a.startswith(("aws_instance.counted", "aws_instance.by_map", "aws_sqs_queue.by_set"))} == {
        "aws_instance.counted[0]", "aws_instance.counted[1]", 'aws_instance.by_map["large"]',
        'aws_instance.by_map["small"]', 'aws_sqs_queue.by_set["jobs"]', 'aws_sqs_queue.by_set["mail"]'}
    assert constructs['aws_instance.by_map["large"]'].attributes["instance_type"] == "t3.large"
    assert not any(a.startswith("aws_instance.disabled") for a in constructs)  # count = 0: nothing, nothing said
    for meta in ("count", "for_each", "provider", "id"):
        assert meta not in constructs['aws_instance.by_map["small"]'].attributes


def test_dynamic_blocks_are_lists_of_objects_like_a_plan(constructs: dict[str, ResourceSpec]) -> None:
    dyn = constructs["aws_instance.dyn"].attributes
    assert dyn["root_block_device"] == [{"volume_size": 20}]
    assert sorted(dyn["ebs_block_device"], key=lambda b: b["device_name"]) == [
        {"device_name": "/dev/sd-data", "volume_size": 50}, {"device_name": "/dev/sd-logs", "volume_size": 10}]


def test_a_nested_block_after_a_dynamic_block_is_said(tmp_path: Path) -> None:
    # tfparse's block counting drops the last dynamic block when a static block follows it in the source
    (tmp_path / "main.tf").write_text(
        'resource "aws_instance" "x" {\n  instance_type = "m5.large"\n  dynamic "ebs_block_device" {\n'
        '    for_each = ["a", "b", "c"]\n    content {\n      device_name = ebs_block_device.value\n    }\n  }\n'
        '  root_block_device {\n    volume_size = 20\n  }\n}\n')
    (spec,) = load_directory(tmp_path, env={})
    assert any("one block short" in n and "root_block_device" in n for n in spec.notes)


def test_regions_follow_provider_aliases_and_module_providers_maps(constructs: dict[str, ResourceSpec]) -> None:
    assert constructs["aws_instance.counted[0]"].region == "eu-west-1"
    assert constructs["aws_instance.west"].region == "us-east-2"  # provider = aws.use2
    assert constructs["module.network.aws_nat_gateway.this"].region == "us-east-2"  # providers = { aws = aws.use2 }
    assert constructs["module.network.module.inner.aws_sqs_queue.q"].region == "us-east-2"  # inherited two levels
    assert constructs['module.apps["a"].aws_sqs_queue.q'].region == "eu-west-1"  # default provider inherited
    assert not any(s.notes for a, s in constructs.items() if a.startswith(("aws_instance.counted", "module.network")))


def test_local_nested_and_installed_modules(constructs: dict[str, ResourceSpec]) -> None:
    assert constructs['module.apps["b"].aws_sqs_queue.q'].attributes["name"] == "q-b"
    assert constructs["module.network.module.inner.aws_sqs_queue.q"].attributes["name"] == "q-inner"
    installed = constructs["module.vpc.aws_nat_gateway.this"]  # from .terraform/modules (terraform init)
    assert installed.attributes["tags"] == {"Name": "main"}
    assert installed.location == f"{CONSTRUCTS}/.terraform/modules/vpc/main.tf:6"


def test_a_registry_module_that_is_not_installed_is_named_with_the_command(constructs: dict[str, ResourceSpec]) -> None:
    eks = constructs["module.eks"]
    assert eks.type == "module:terraform-aws-modules/eks/aws" and eks.provider == "aws"
    assert eks.location == f"{CONSTRUCTS}/main.tf:105"
    (note,) = eks.notes
    assert "20.0.0" in note and "`terraform init -backend=false`" in note and "`tofu init" in note


def test_values_known_only_after_apply_are_unknown_not_guessed(constructs: dict[str, ResourceSpec]) -> None:
    nat = constructs["aws_nat_gateway.nat"]  # allocation_id = aws_eip.ip.id
    assert nat.unknown == ("allocation_id",) and "allocation_id" not in nat.attributes
    later = constructs["aws_ebs_volume.sized_later"]  # size = another resource's attribute
    assert later.unknown == ("size",) and "size" not in later.attributes
    assert "aws_ebs_volume.sized_later" in constructs and constructs["aws_ebs_volume.sized_later"].attributes["type"] == "gp3"


def test_count_from_a_data_source_is_one_instance_and_said(constructs: dict[str, ResourceSpec]) -> None:
    per_az = [s for a, s in constructs.items() if a.startswith("aws_ebs_volume.per_az")]
    assert [s.address for s in per_az] == ["aws_ebs_volume.per_az[0]"]
    assert "data.aws_availability_zones.all" in per_az[0].notes[0] and "one instance" in per_az[0].notes[0]


def test_for_each_over_an_unknown_collection_is_listed_unresolved(constructs: dict[str, ResourceSpec]) -> None:
    unresolved = constructs["aws_ebs_volume.per_group"]
    assert unresolved.type == "unresolved:aws_ebs_volume" and unresolved.attributes == {}
    assert "aws_instance.west" in unresolved.notes[0] and "known only after apply" in unresolved.notes[0]


def test_every_resource_carries_its_file_and_line(constructs: dict[str, ResourceSpec]) -> None:
    assert constructs["aws_instance.counted[1]"].location == f"{CONSTRUCTS}/main.tf:22"
    assert constructs["module.network.aws_eip.nat"].location == f"{CONSTRUCTS}/modules/network/main.tf:1"
    shown = load_directory(CONSTRUCTS, env={}, display="infra")
    assert by_address(shown)["aws_instance.dyn"].location == "infra/main.tf:42"


def test_more_than_32_module_calls_are_all_evaluated(tmp_path: Path) -> None:
    # tfparse evaluates at most 32 module calls per module; costlib evaluates the rest itself, with their inputs
    (tmp_path / "mod").mkdir()
    (tmp_path / "mod" / "main.tf").write_text(
        'variable "size" {\n  type = number\n}\nvariable "zone" {\n  default = "us-west-2a"\n}\n'
        'variable "kms" {\n  default = "none"\n}\n'
        'resource "aws_ebs_volume" "v" {\n  availability_zone = var.zone\n  size = var.size\n  kms_key_id = var.kms\n}\n')
    calls = "".join(f'module "m{i}" {{\n  source = "./mod"\n  size = {i + 1}\n  kms = aws_kms_key.k.arn\n}}\n'
                    for i in range(40))
    (tmp_path / "main.tf").write_text('provider "aws" {\n  region = "us-west-2"\n}\nresource "aws_kms_key" "k" {}\n'
                                      + calls)
    specs = by_address(load_directory(tmp_path, env={}))
    volumes = {a: s for a, s in specs.items() if a.endswith("aws_ebs_volume.v")}
    assert len(volumes) == 40
    assert {s.attributes["size"] for s in volumes.values()} == set(range(1, 41))
    late = volumes["module.m39.aws_ebs_volume.v"]
    assert late.region == "us-west-2" and late.attributes["availability_zone"] == "us-west-2a" and late.location == f"{tmp_path}/mod/main.tf:10"
    assert "kms_key_id" in late.unknown  # an unknown input stays unknown in a module costlib evaluates itself
    assert "kms_key_id" in volumes["module.m0.aws_ebs_volume.v"].unknown


def test_one_tf_file_keeps_what_it_declares(tmp_path: Path) -> None:
    (tmp_path / "variables.tf").write_text('variable "t" {\n  default = "m5.large"\n}\n')
    (tmp_path / "web.tf").write_text('resource "aws_instance" "web" {\n  instance_type = var.t\n}\n')
    (tmp_path / "db.tf").write_text('resource "aws_db_instance" "db" {\n  instance_class = "db.t3.micro"\n}\n')
    specs = load_resources(tmp_path / "web.tf", SourceOptions(env={}))
    assert [(s.address, s.attributes["instance_type"]) for s in specs] == [("aws_instance.web", "m5.large")]


def test_an_hcl_syntax_error_names_the_file_and_line(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text('resource "aws_instance" "x" {\n  instance_type = \n}\n')
    with pytest.raises(InputError) as err:
        load_directory(tmp_path, env={})
    assert err.value.where == f"{tmp_path}/main.tf:2"


def test_a_bad_variable_file_names_itself(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text('variable "x" {\n  default = 1\n}\n')
    (tmp_path / "terraform.tfvars").write_text("x = \n")
    with pytest.raises(InputError) as err:
        load_directory(tmp_path, env={})
    assert err.value.where is not None and err.value.where.endswith("terraform.tfvars:1")
    with pytest.raises(InputError, match="variable file not found"):
        load_directory(FIXTURES / "tfvars", var_files=[tmp_path / "nope.tfvars"], env={})
    with pytest.raises(InputError, match="not a variable name"):
        load_directory(FIXTURES / "tfvars", variables={"bad name": "1"}, env={})


def test_a_directory_without_terraform_files_is_refused(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"no Terraform files \(\*\.tf\)"):
        load_directory(tmp_path)


def test_a_missing_extra_names_it(monkeypatch: pytest.MonkeyPatch) -> None:
    import importlib.util

    real = importlib.util.find_spec

    def find_spec(name: str, *args: Any) -> Any:
        return None if name == "tfparse" else real(name, *args)

    monkeypatch.setattr(importlib.util, "find_spec", find_spec)
    with pytest.raises(MissingExtraError, match=r"costlib\[hcl\]"):
        load_directory(FIXTURES / "tfvars")


def test_a_dead_tfparse_worker_is_an_error_not_a_hang(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from costlib.inputs import hcl

    def dead(self: Any, directory: Path, vars_paths: list[str], workspace: str) -> dict[str, Any]:
        self.proc.kill()
        self.proc.wait()
        return real(self, directory, vars_paths, workspace)

    real = hcl._Worker.parse
    monkeypatch.setattr(hcl._Worker, "parse", dead)
    with pytest.raises(InputError, match="tfparse stopped"):
        load_directory(FIXTURES / "tfvars", env={})


def test_cli_estimates_a_directory_with_its_options(tmp_path: Path) -> None:
    import subprocess
    import sys

    env = {k: v for k, v in os.environ.items() if not k.startswith("TF_VAR_")}
    out = subprocess.run([sys.executable, "-m", "costlib", "estimate", str(FIXTURES / "tfvars"), "--var", "copies=3",
                          "--var-file", str(FIXTURES / "tfvars-extra.tfvars"), "--format", "json"],
                         capture_output=True, text=True, env=env, timeout=120)
    assert out.returncode == 0, out.stderr
    doc = json.loads(out.stdout)
    assert [r["address"] for r in doc["resources"]] == [f"aws_sqs_queue.layers[{i}]" for i in range(3)]
    assert doc["resources"][0]["location"] == f"{FIXTURES / 'tfvars'}/main.tf:36"
    bad = subprocess.run([sys.executable, "-m", "costlib", "estimate", str(FIXTURES / "tfvars"), "--var", "copies"],
                         capture_output=True, text=True, env=env, timeout=120)
    assert bad.returncode == 1 and "--var 'copies': expected NAME=VALUE" in bad.stderr


def test_a_dynamic_block_over_an_unknown_collection_is_unknown(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(
        'resource "aws_kms_key" "k" {}\nresource "aws_instance" "x" {\n  instance_type = "m5.large"\n'
        '  dynamic "ebs_block_device" {\n    for_each = aws_kms_key.k.tags\n    content {\n'
        '      device_name = "/dev/sdf"\n    }\n  }\n}\n')
    specs = by_address(load_directory(tmp_path, env={}))
    assert specs["aws_instance.x"].unknown == ("ebs_block_device",)
    assert "ebs_block_device" not in specs["aws_instance.x"].attributes
