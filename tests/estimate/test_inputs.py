"""Terraform plans, spec files and usage files: parsing and every error path, naming the place."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

import costlib
from costlib.errors import InputError
from costlib.inputs import Usage, load_resources, load_spec_file, load_usage, plan_changes, plan_specs
from costlib.inputs.specfile import parse_spec_document
from costlib.inputs.terraform import load_plan

REPO = Path(__file__).resolve().parents[2]
PLAN = REPO / "examples" / "plan.json"


def test_plan_modules_counts_and_regions() -> None:
    specs = {s.address: s for s in plan_specs(json.loads(PLAN.read_text()))}
    assert "aws_instance.web[0]" in specs and "aws_instance.web[1]" in specs
    assert specs["module.db.aws_db_instance.main"].region == "us-east-1"
    assert specs["azurerm_linux_virtual_machine.worker"].region == "westeurope"
    assert specs["google_compute_instance.batch"].region == "europe-west1-b"
    assert all(s.action == "create" for s in specs.values())


def _plan(resources: list[dict[str, object]], providers: dict[str, object], config_resources: list[dict[str, str]],
          changes: list[dict[str, object]] | None = None) -> dict[str, object]:
    return {"format_version": "1.2", "planned_values": {"root_module": {"resources": resources}},
            "resource_changes": changes or [],
            "configuration": {"provider_config": providers, "root_module": {"resources": config_resources}}}


def test_provider_alias_and_for_each() -> None:
    res = [{"address": 'aws_instance.eu["a"]', "mode": "managed", "type": "aws_instance", "name": "eu",
            "index": "a", "provider_name": "registry.terraform.io/hashicorp/aws", "values": {"instance_type": "t3.micro"}},
           {"address": "data.aws_ami.x", "mode": "data", "type": "aws_ami", "name": "x",
            "provider_name": "registry.terraform.io/hashicorp/aws", "values": {}},
           {"address": "random_id.x", "mode": "managed", "type": "random_id", "name": "x",
            "provider_name": "registry.terraform.io/hashicorp/random", "values": {}}]
    providers = {"aws": {"name": "aws", "expressions": {"region": {"constant_value": "us-east-1"}}},
                 "aws.europe": {"name": "aws", "alias": "europe", "expressions": {"region": {"constant_value": "eu-west-1"}}}}
    conf = [{"address": "aws_instance.eu", "mode": "managed", "type": "aws_instance", "name": "eu",
             "provider_config_key": "aws.europe"}]
    changes = [{"address": 'aws_instance.eu["a"]', "mode": "managed", "type": "aws_instance",
                "provider_name": "registry.terraform.io/hashicorp/aws",
                "change": {"actions": ["delete", "create"], "before": {"instance_type": "t3.nano"},
                           "after": {"instance_type": "t3.micro"}}}]
    (spec,) = plan_specs(_plan(res, providers, conf, changes))
    assert (spec.address, spec.region, spec.action) == ('aws_instance.eu["a"]', "eu-west-1", "replace")
    ((before, after),) = plan_changes(_plan(res, providers, conf, changes))
    assert before is not None and after is not None
    assert before.attributes["instance_type"] == "t3.nano" and after.region == "eu-west-1"


def test_plan_errors_name_the_place(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"format_version": "1.2",\n "planned_values": {')
    with pytest.raises(InputError, match=r"bad.json:2:\d+: not valid JSON"):
        load_plan(bad)
    wrong = tmp_path / "wrong.json"
    wrong.write_text(json.dumps({"format_version": "2.0", "planned_values": {}}))
    with pytest.raises(InputError, match="format_version 2.0 is not supported"):
        load_plan(wrong)
    state = tmp_path / "state.json"
    state.write_text(json.dumps({"version": 4, "terraform_version": "1.9.5", "serial": 3, "resources": []}))
    with pytest.raises(InputError, match="state file, not a plan"):
        load_resources(state)
    other = tmp_path / "other.json"
    other.write_text(json.dumps({"hello": "world"}))
    with pytest.raises(InputError, match="no format_version"):
        load_resources(other)
    with pytest.raises(InputError, match="file not found"):
        load_resources(tmp_path / "nope.json")


def test_spec_file_expansion_and_errors(tmp_path: Path) -> None:
    good = tmp_path / "env.yaml"
    good.write_text("resources:\n  - name: web\n    type: compute.instance\n    provider: aws\n"
                    "    region: us-east-1\n    size: t3.micro\n    count: 2\n")
    assert [s.address for s in load_spec_file(good)] == ["web[0]", "web[1]"]
    bad = tmp_path / "bad.yaml"
    bad.write_text("resources:\n  - name: a\n    type: compute.instance\n    provider: aws\n"
                   "  - name: b\n    type: compute.instance\n    colour: blue\n    provider: aws\n")
    with pytest.raises(InputError, match=r"bad.yaml:5: unknown keys \['colour'\]"):
        load_spec_file(bad)
    noprov = tmp_path / "noprov.yaml"
    noprov.write_text("resources:\n  - name: a\n    type: compute.instance\n")
    with pytest.raises(InputError, match=r"noprov.yaml:2: 'provider' is required"):
        load_spec_file(noprov)
    broken = tmp_path / "broken.yaml"
    broken.write_text("resources:\n  - name: [\n")
    with pytest.raises(InputError, match=r"broken.yaml:\d+: not valid YAML"):
        load_spec_file(broken)
    cloud = tmp_path / "cloud.yaml"
    cloud.write_text("resources:\n  - {name: a, type: compute.instance, provider: oracle}\n")
    with pytest.raises(InputError, match="unknown provider 'oracle'"):
        load_spec_file(cloud)
    dup = tmp_path / "dup.yaml"
    dup.write_text("resources:\n  - {name: a, type: x, provider: aws}\n  - {name: a, type: x, provider: aws}\n")
    with pytest.raises(InputError, match="duplicate resource name 'a'"):
        load_spec_file(dup)


def test_usage_precedence_and_errors(tmp_path: Path) -> None:
    u = Usage.from_document({"resource_type_default_usage": {"aws_lambda_function": {"monthly_requests": 1}},
                             "resource_usage": {"aws_lambda_function.*": {"monthly_requests": 2},
                                                "module.a.aws_lambda_function.*": {"monthly_requests": 3},
                                                "module.a.aws_lambda_function.f": {"request_duration_ms": 9}}},
                            where="u.yml")
    assert u.for_resource("aws_lambda_function.x", "aws_lambda_function") == {"monthly_requests": 2}
    assert u.for_resource("module.a.aws_lambda_function.f", "aws_lambda_function") == {
        "monthly_requests": 3, "request_duration_ms": 9}
    bad = tmp_path / "usage.yml"
    bad.write_text("resource_usage:\n  aws_s3_bucket.logs:\n    storage_gb: lots\n")
    with pytest.raises(InputError, match=r"usage.yml: resource_usage.aws_s3_bucket.logs.storage_gb: 'lots' is not a number"):
        load_usage(bad)
    neg = tmp_path / "neg.yml"
    neg.write_text("resource_usage:\n  x:\n    storage_gb: -1\n")
    with pytest.raises(InputError, match="non-negative"):
        load_usage(neg)
    with pytest.raises(InputError, match="unknown top-level keys"):
        Usage.from_document({"resources": {}}, where="u.yml")


@pytest.mark.parametrize(("plan", "message"), [
    ({"planned_values": "x"}, "planned_values is not an object"),
    ({"planned_values": {"root_module": {"resources": "x"}}}, "root module resources is not a list of objects"),
    ({"planned_values": {"root_module": {"child_modules": [1]}}}, "root module child_modules is not a list of objects"),
    ({"resource_changes": "x"}, "resource_changes is not a list of objects"),
    ({"resource_changes": [{"address": "aws_instance.a", "change": 5}]}, "aws_instance.a: change is not an object"),
    ({"resource_changes": [{"address": "aws_instance.a", "change": {"actions": "create"}}]},
     "aws_instance.a: change.actions is not a list"),
    ({"planned_values": {}, "configuration": 5}, "configuration is not an object"),
    ({"planned_values": {}, "configuration": {"provider_config": {"aws": 5}}},
     "configuration.provider_config.aws is not an object"),
    ({"planned_values": {}, "configuration": {"root_module": {"module_calls": {"net": 5}}}},
     "module_calls.net is not an object"),
])
def test_malformed_plan_structure_is_an_input_error(plan: dict[str, object], message: str) -> None:
    with pytest.raises(InputError, match=re.escape(message)) as info:
        plan_specs({"format_version": "1.2", **plan}, where="plan.json")
    assert info.value.where is not None and info.value.where.startswith("plan.json")


def test_malformed_spec_attributes_usage_and_sizing() -> None:
    with pytest.raises(InputError, match="'attributes' is a mapping"):
        parse_spec_document({"resources": [{"type": "aws_instance", "provider": "aws", "attributes": [1]}]}, where="s")
    with pytest.raises(InputError, match="resource_usage is a mapping"):
        Usage.from_document({"resource_usage": [1]}, where="u.yml")
    specs = parse_spec_document({"resources": [{"type": "compute.instance", "provider": "gcp", "region": "us-central1",
                                                "vcpu": "x", "memory_gb": 4}]}, where="s")
    (res,) = costlib.estimate(specs).resources
    assert res.status.value == "price_not_found" and res.message is not None and "vcpu: 'x' is not a number" in res.message


def _plan_v(resources: list[dict[str, Any]], providers: dict[str, Any], config_resources: list[dict[str, Any]],
            variables: dict[str, Any] | None = None) -> dict[str, Any]:
    return {"format_version": "1.2", "variables": variables or {},
            "planned_values": {"root_module": {"resources": resources}},
            "configuration": {"provider_config": providers, "root_module": {"resources": config_resources}}}


def _ec2(address: str, **values: Any) -> dict[str, Any]:
    return {"address": address, "mode": "managed", "type": "aws_instance", "name": address.split(".")[1],
            "provider_name": "registry.terraform.io/hashicorp/aws", "values": {"instance_type": "m5.large", **values}}


def test_regions_come_from_the_resource_then_its_own_provider_never_another_alias() -> None:
    from costlib.inputs.terraform import plan_specs

    doc = _plan_v(
        [_ec2("aws_instance.root"), _ec2("aws_instance.eu"), _ec2("aws_instance.zoned", availability_zone="ap-southeast-2a"),
         _ec2("aws_instance.v6", region="sa-east-1"), _ec2("aws_instance.hidden")],
        {"aws": {"name": "aws", "expressions": {"region": {"references": ["var.region"]}}},
         "aws.eu": {"name": "aws", "alias": "eu", "expressions": {"region": {"references": ["var.eu_region"]}}},
         "aws.hidden": {"name": "aws", "alias": "hidden", "expressions": {"region": {"references": ["local.r"]}}}},
        [{"address": "aws_instance.root", "provider_config_key": "aws"},
         {"address": "aws_instance.eu", "provider_config_key": "aws.eu"},
         {"address": "aws_instance.zoned", "provider_config_key": "aws"},
         {"address": "aws_instance.v6", "provider_config_key": "aws"},
         {"address": "aws_instance.hidden", "provider_config_key": "aws.hidden"}],
        {"region": {"value": "eu-central-1"}, "eu_region": {"value": "eu-west-1"}})
    regions = {s.address: (s.region, s.notes) for s in plan_specs(doc)}
    assert regions["aws_instance.root"] == ("eu-central-1", ())  # var.region read from the plan's variables
    assert regions["aws_instance.eu"] == ("eu-west-1", ())  # the alias's own, never the default provider's
    assert regions["aws_instance.zoned"][0] == "ap-southeast-2" and regions["aws_instance.v6"][0] == "sa-east-1"
    region, notes = regions["aws_instance.hidden"]  # an expression costlib cannot read: assumed, and said
    assert region == "us-east-1" and notes and "us-east-1 assumed" in notes[0]
    est = costlib.estimate([s for s in plan_specs(doc) if s.address == "aws_instance.hidden"])
    assert est.warnings and est.warnings[0].endswith("us-east-1 assumed: aws_instance.hidden")


def test_billable_resources_of_other_cloud_providers_are_unsupported_not_dropped() -> None:
    from costlib.inputs.terraform import plan_specs

    doc = _plan_v([{"address": "awscc_ec2_instance.big", "mode": "managed", "type": "awscc_ec2_instance", "name": "big",
                  "provider_name": "registry.terraform.io/hashicorp/awscc", "values": {"instance_type": "m5.24xlarge"}},
                 {"address": "random_id.x", "mode": "managed", "type": "random_id", "name": "x",
                  "provider_name": "registry.terraform.io/hashicorp/random", "values": {}}], {}, [])
    (res,) = costlib.estimate(plan_specs(doc)).resources  # random_id costs nothing anywhere: not listed
    assert res.address == "awscc_ec2_instance.big" and res.status.value == "unsupported"


def test_a_plan_with_changes_but_no_planned_values_is_refused_not_zero() -> None:
    from costlib.inputs.terraform import plan_specs

    doc = {"format_version": "1.2", "resource_changes": [{"address": "aws_instance.a", "mode": "managed",
                                                           "type": "aws_instance", "change": {"actions": ["create"]}}]}
    with pytest.raises(InputError, match="resource_changes but no planned_values"):
        plan_specs(doc)


def test_usage_patterns_with_indexes_match_count_and_for_each_instances() -> None:
    usage = Usage.from_document({"resource_usage": {
        "aws_lambda_function.g[*]": {"monthly_requests": 1000},
        'module.a["x"].aws_lambda_function.*': {"monthly_requests": 2000}}}, where="u.yml")
    assert usage.for_resource("aws_lambda_function.g[3]", "aws_lambda_function") == {"monthly_requests": 1000}
    assert usage.for_resource('module.a["x"].aws_lambda_function.f', "aws_lambda_function") == {
        "monthly_requests": 2000}
    assert usage.for_resource('module.a["y"].aws_lambda_function.f', "aws_lambda_function") == {}


def test_a_deposed_object_is_its_own_row_going_away() -> None:
    from costlib.diff import diff_estimates
    from costlib.estimate import _default_catalog, price_specs

    live = {"instance_type": "m5.large"}
    doc = {"format_version": "1.2", "planned_values": {"root_module": {"resources": [_ec2("aws_instance.cbd")]}},
           "configuration": {"provider_config": {"aws": {"name": "aws", "expressions": {
               "region": {"constant_value": "us-east-1"}}}}},
           "resource_changes": [
               {"address": "aws_instance.cbd", "mode": "managed", "type": "aws_instance",
                "provider_name": "registry.terraform.io/hashicorp/aws",
                "change": {"actions": ["no-op"], "before": live, "after": live}},
               {"address": "aws_instance.cbd", "deposed": "00000001", "mode": "managed", "type": "aws_instance",
                "provider_name": "registry.terraform.io/hashicorp/aws",
                "change": {"actions": ["delete"], "before": {"instance_type": "m5.4xlarge"}, "after": None}}]}
    (spec,) = plan_specs(doc)
    assert spec.action == "no-op"  # the live object, not the deposed one
    pairs = plan_changes(doc)
    olds = [b for b, _ in pairs if b is not None]
    news = [a for _, a in pairs if a is not None]
    cat = _default_catalog()
    doc_diff = diff_estimates(price_specs(olds, cat), price_specs(news, cat),
                              actions={s.address: s.action for p in pairs for s in p if s is not None})
    rows = {r["address"]: r for r in doc_diff["resources"]}
    assert rows["aws_instance.cbd"]["change"] == "no-op" and rows["aws_instance.cbd"]["monthly_before"] is not None
    gone = rows["aws_instance.cbd (deposed 00000001)"]
    assert gone["change"] == "delete" and gone["monthly_after"] is None and gone["monthly_before"] is not None


def test_attributes_known_only_after_apply_are_said() -> None:
    vol = {"address": "aws_ebs_volume.from_snap", "mode": "managed", "type": "aws_ebs_volume", "name": "from_snap",
           "provider_name": "registry.terraform.io/hashicorp/aws",
           "values": {"availability_zone": "eu-west-1a", "type": "gp3", "snapshot_id": "snap-1"}}
    vm = _ec2("aws_instance.lt")
    del vm["values"]["instance_type"]  # from a launch template: unknown until apply
    doc = {"format_version": "1.2", "planned_values": {"root_module": {"resources": [vol, vm]}},
           "resource_changes": [
               {"address": "aws_ebs_volume.from_snap", "mode": "managed", "type": "aws_ebs_volume",
                "change": {"actions": ["create"], "after_unknown": {"size": True, "id": True}}},
               {"address": "aws_instance.lt", "mode": "managed", "type": "aws_instance",
                "change": {"actions": ["create"], "after_unknown": {"instance_type": True, "arn": True}}}]}
    est = costlib.estimate(plan_specs(doc))
    assert "aws_ebs_volume.from_snap: priced with the default for size, known only after apply" in est.warnings
    lt = next(r for r in est.resources if r.address == "aws_instance.lt")
    assert lt.status.value == "price_not_found" and lt.message is not None
    assert lt.message.endswith("(instance_type known only after apply)")


def test_an_azure_sql_database_lives_where_its_server_does() -> None:
    server = {"address": "azurerm_mssql_server.s", "mode": "managed", "type": "azurerm_mssql_server", "name": "s",
              "provider_name": "registry.terraform.io/hashicorp/azurerm", "values": {"location": "West Europe"}}
    db = {"address": "azurerm_mssql_database.db", "mode": "managed", "type": "azurerm_mssql_database", "name": "db",
          "provider_name": "registry.terraform.io/hashicorp/azurerm", "values": {"sku_name": "S0"}}
    doc = {"format_version": "1.2", "planned_values": {"root_module": {"resources": [server, db]}},
           "configuration": {"root_module": {"resources": [
               {"address": "azurerm_mssql_server.s", "expressions": {}},
               {"address": "azurerm_mssql_database.db", "expressions": {
                   "server_id": {"references": ["azurerm_mssql_server.s.id", "azurerm_mssql_server.s"]}}}]}}}
    specs = {s.address: s for s in plan_specs(doc)}
    assert specs["azurerm_mssql_database.db"].region == "westeurope"
    (res,) = [r for r in costlib.estimate(list(specs.values())).resources if r.address == "azurerm_mssql_database.db"]
    assert res.status.value in ("priced", "price_not_found") and "no location" not in (res.message or "")
