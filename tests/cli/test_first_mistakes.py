"""The mistakes a new user makes first get a clear answer and a documented exit code, never a traceback.

Each case runs the real entry point (``python -m costlib``) in a subprocess; ``run`` fails on any traceback.
"""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

from tests.cli.conftest import REPO, run

#: ``terraform show -json`` of a state, shaped as Terraform's JSON output format documents it ("State
#: Representation": format_version, terraform_version, values.root_module with resources and child_modules;
#: each resource with address, mode, type, name, provider_name, schema_version, values, sensitive_values)
STATE = {"format_version": "1.0", "terraform_version": "1.9.5", "values": {"root_module": {"resources": [
    {"address": "aws_instance.web", "mode": "managed", "type": "aws_instance", "name": "web",
     "provider_name": "registry.terraform.io/hashicorp/aws", "schema_version": 1,
     "values": {"instance_type": "m5.large", "availability_zone": "us-east-1a", "root_block_device": [
         {"volume_size": 8, "volume_type": "gp2"}]}, "sensitive_values": {}},
    {"address": "data.aws_ami.ubuntu", "mode": "data", "type": "aws_ami", "name": "ubuntu",
     "provider_name": "registry.terraform.io/hashicorp/aws", "values": {}}],
    "child_modules": [{"address": "module.db", "resources": [
        {"address": "module.db.aws_db_instance.main", "mode": "managed", "type": "aws_db_instance", "name": "main",
         "provider_name": "registry.terraform.io/hashicorp/aws", "schema_version": 2,
         "values": {"instance_class": "db.t3.large", "engine": "postgres", "allocated_storage": 100,
                    "storage_type": "gp2", "multi_az": False,
                    "arn": "arn:aws:rds:us-east-1:123456789012:db:main"}, "sensitive_values": {}}]}]}}}


def _binary_plan(path: Path) -> Path:
    """A saved plan as ``terraform plan -out`` writes it: a zip archive (tfplan, tfstate, tfconfig/...)."""
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("tfplan", b"\x0a\x05plan\x12\x00")
        archive.writestr("tfstate", "{}")
        archive.writestr("tfconfig/m-/main.tf", 'resource "aws_instance" "web" {}\n')
    return path


def test_a_binary_plan_says_how_to_make_its_json(tmp_path: Path) -> None:
    for name in ("plan.out", "tfplan", "plan.json"):  # whatever it is called
        r = run("estimate", str(_binary_plan(tmp_path / name)))
        assert r.code == 1
        assert (f"costlib: error: {tmp_path / name}: this is a binary Terraform plan (a zip archive), not its JSON: "
                f"run `terraform show -json {name} > plan.json` and estimate plan.json") in r.err


def test_the_json_of_a_state_is_estimated_as_what_runs_now(tmp_path: Path) -> None:
    state = tmp_path / "state.json"
    state.write_text(json.dumps(STATE))
    r = run("estimate", str(state), "--format", "json")
    assert r.code == 0, r.err
    doc = json.loads(r.out)
    by = {res["address"]: res for res in doc["resources"]}
    assert set(by) == {"aws_instance.web", "module.db.aws_db_instance.main"}  # the data source is not a resource
    assert by["aws_instance.web"]["status"] == "priced" and by["aws_instance.web"]["region"] == "us-east-1"
    assert by["module.db.aws_db_instance.main"]["region"] == "us-east-1"  # from its ARN: a state has no provider config
    assert {res["action"] for res in doc["resources"]} == {"no-op"}
    assert any(w.startswith("read from a Terraform state (`terraform show -json` without a plan file): the cost of "
                            "what runs now") and "aws_instance.web" in w for w in doc["warnings"])
    table = run("estimate", str(state))
    assert table.code == 0 and "Warning: read from a Terraform state" in table.out
    one = run("diff", str(state))  # one argument means a plan's resource_changes: a state has none
    assert one.code == 1 and "this is the JSON of a Terraform state (`terraform show -json` without a plan file): " \
                             "it has no changes" in one.err


def test_a_raw_state_file_and_an_empty_state_are_named(tmp_path: Path) -> None:
    raw = tmp_path / "terraform.tfstate.json"
    raw.write_text(json.dumps({"version": 4, "terraform_version": "1.9.5", "serial": 7, "lineage": "x",
                               "outputs": {}, "resources": []}))
    r = run("estimate", str(raw))
    assert r.code == 1 and "this is a Terraform state file, not a plan" in r.err
    assert "`terraform show -json > state.json`" in r.err
    empty = tmp_path / "empty.json"
    empty.write_text('{"format_version": "1.0"}')  # `terraform show -json` of an empty state: no "values"
    r = run("estimate", str(empty))
    assert r.code == 1 and "or the JSON of an empty state (nothing to estimate)" in r.err


def test_a_utf16_plan_from_powershell_is_read(tmp_path: Path) -> None:
    plan = tmp_path / "plan.json"
    plan.write_bytes((REPO / "examples" / "plan.json").read_text().encode("utf-16"))  # PowerShell 5's `>`: a BOM
    r = run("estimate", str(plan), "--format", "json")
    assert r.code == 0, r.err
    assert len(json.loads(r.out)["resources"]) > 3


def test_an_unknown_log_level_names_the_valid_ones() -> None:
    r = run("daemon", "run", "--config", str(REPO / "config.example.yaml"), "--once", "--log-level", "verbose")
    assert r.code == 2
    assert "Invalid value for '--log-level': 'verbose' is not one of 'debug', 'info', 'warning', 'error', " \
           "'critical'" in r.err


def test_daemon_run_without_a_config_names_where_it_looked(tmp_path: Path) -> None:
    r = run("daemon", "run", "--once", cwd=tmp_path)
    assert r.code == 1
    assert (f"costlib: error: no config file: --config was not given, $COSTLIB_CONFIG is not set, and there is no "
            f"./costlib.yaml or ./config.yaml in {tmp_path}; pass --config FILE") in r.err
    r = run("daemon", "run", "--once", cwd=tmp_path, env={"COSTLIB_CONFIG": str(tmp_path / "gone.yaml")})
    assert r.code == 1 and f"$COSTLIB_CONFIG is '{tmp_path / 'gone.yaml'}', which is not a file" in r.err
    (tmp_path / "costlib.yaml").write_text("state_dir: st\n")  # the documented default is found and used
    r = run("alerts", "list", cwd=tmp_path)
    assert r.code == 0 and "no alerts recorded yet" in r.out, r.err


def test_an_unknown_instance_type_or_sku_gets_the_nearest_known_ones(tmp_path: Path) -> None:
    spec = tmp_path / "env.yaml"
    spec.write_text("resources:\n"
                    "  - {name: web, type: aws_instance, provider: aws, region: us-east-1,"
                    " attributes: {instance_type: m5.larg}}\n"
                    "  - {name: vm, type: azurerm_linux_virtual_machine, provider: azure, region: westeurope,"
                    " attributes: {size: Standard_D2s_v55}}\n")
    r = run("estimate", str(spec), "--format", "json")
    assert r.code == 0, r.err
    by = {res["address"]: res["message"] for res in json.loads(r.out)["resources"]}
    assert "instanceType 'm5.larg' is not in the catalog here, did you mean m5.large" in by["web"]
    assert "armSkuName 'Standard_D2s_v55' is not in the catalog here, did you mean Standard_D2s_v5" in by["vm"]
    gate = run("estimate", str(spec), "--fail-above", "1000")
    assert gate.code == 5 and "web: price_not_found: " in gate.err and "did you mean m5.large" in gate.err


def test_an_unknown_resource_type_gets_the_nearest_registered_types(tmp_path: Path) -> None:
    spec = tmp_path / "env.yaml"
    spec.write_text("resources:\n  - {name: web, type: aws_instanc, provider: aws, region: us-east-1}\n"
                    "  - {name: box, type: compute.instanse, provider: aws, region: us-east-1}\n"
                    "  - {name: ml, type: aws_gamelift_fleet, provider: aws, region: us-east-1}\n")
    r = run("estimate", str(spec), "--format", "json")
    assert r.code == 0, r.err
    by = {res["address"]: res for res in json.loads(r.out)["resources"]}
    assert by["web"]["status"] == "unsupported"
    assert by["web"]["message"] == "aws_instanc is not supported yet (did you mean aws_instance?)"
    assert by["box"]["message"] == "compute.instanse is not supported yet (did you mean compute.instance?)"
    assert by["ml"]["message"] == "aws_gamelift_fleet is not supported yet"  # nothing close: no guess
    table = run("estimate", str(spec))
    assert "(did you mean aws_instance?)" in table.out


def test_pricing_lookup_names_the_catalog_service_code() -> None:
    r = run("pricing", "lookup", "--provider", "aws", "--service", "EC2", "--region", "us-east-1",
            "--family", "Compute Instance", "--attr", "instanceType=m5.large", "--attr", "operatingSystem=Linux",
            "--attr", "tenancy=Shared", "--attr", "preInstalledSw=NA", "--attr", "licenseModel=No License required")
    assert r.code == 0, r.err
    assert "costlib: service 'EC2' is 'AmazonEC2' in the catalog" in r.err and "0.096 USD per Hrs" in r.out
    r = run("pricing", "lookup", "--provider", "aws", "--service", "elasticache", "--region", "us-east-1",
            "--attr", "instanceType=cache.t3.micro", "--attr", "cacheEngine=Redis")
    assert r.code == 0 and "costlib: service 'elasticache' is 'AmazonElastiCache' in the catalog" in r.err, r.err
    r = run("pricing", "lookup", "--provider", "aws", "--service", "Elastic", "--region", "us-east-1")
    assert r.code == 1
    assert ("no price: the catalog has no aws Elastic prices; services go by their catalog code: did you mean "
            "AmazonElastiCache?") in r.err
    r = run("pricing", "lookup", "--provider", "aws", "--service", "AWSGlue", "--region", "us-east-1")
    assert r.code == 1 and "fill it with: costlib pricing refresh --provider aws --region us-east-1 --service " \
                           "'AWSGlue'" in r.err  # a real service it does not hold: no far-fetched guess
