"""The estimate engine: statuses said out loud, exact money, currencies, the CLI contract and guardrails."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner

from costlib import InMemoryCatalog, Money, Price, PriceQuery, ResourceSpec, Status, diff, estimate
from costlib.cli.main import EXIT_DECLINED, EXIT_OVER_LIMIT, cli
from costlib.resources.aws._common import LINUX

REPO = Path(__file__).resolve().parents[2]


def spec(address: str, rtype: str, provider: str = "aws", region: str | None = "us-east-1", **attrs: object) -> ResourceSpec:
    return ResourceSpec(address=address, type=rtype, provider=provider, region=region, attributes=attrs)


def test_every_status_appears_with_its_reason() -> None:
    est = estimate([spec("a", "aws_instance", instance_type="m5.large"), spec("b", "aws_iam_role"),
                    spec("c", "aws_s3_bucket"), spec("d", "aws_made_up"),
                    spec("e", "aws_instance", region="mars-1", instance_type="m5.large"),
                    spec("f", "aws_instance", instance_type="m9.gigantic")])
    by = {r.address: r for r in est.resources}
    assert by["a"].status is Status.PRICED and by["a"].monthly_cost == Money("70.880", "USD")
    assert by["b"].status is Status.FREE and by["b"].monthly_cost is None
    assert by["c"].status is Status.USAGE_BASED and "storage_gb" in (by["c"].message or "")
    assert all(c.unit_price is not None for c in by["c"].components)  # the price per unit is shown
    assert by["d"].status is Status.UNSUPPORTED
    assert by["e"].status is Status.PRICE_NOT_FOUND and "unknown aws region 'mars-1'" in (by["e"].message or "")
    assert by["f"].status is Status.PRICE_NOT_FOUND and "m9.gigantic" in (by["f"].message or "")
    assert est.summary == {"priced": 1, "free": 1, "usage_based": 1, "unsupported": 1, "price_not_found": 2}
    assert est.price_date is not None


def test_bad_attributes_are_said_on_that_resource_and_the_rest_is_priced() -> None:
    bad_usage = ResourceSpec(address="f", type="aws_lambda_function", provider="aws", region="us-east-1",
                             usage={"monthly_requests": "many"})
    est = estimate([spec("aws_ebs_volume.x", "aws_ebs_volume", size="big"),
                    spec("aws_ebs_volume.y", "aws_ebs_volume", type="gp9", size=10), bad_usage,
                    spec("aws_ebs_volume.ok", "aws_ebs_volume", size=10)])
    by = {r.address: r for r in est.resources}
    assert by["aws_ebs_volume.ok"].status is Status.PRICED
    for address, says in (("aws_ebs_volume.x", "size"), ("aws_ebs_volume.y", "unknown EBS volume type 'gp9'"),
                          ("f", "usage monthly_requests: 'many' is not a number")):
        assert by[address].status is Status.PRICE_NOT_FOUND and by[address].message is not None
        assert by[address].message.startswith("cannot be priced: ") and says in by[address].message


def test_custom_price_book_and_currency() -> None:
    q = PriceQuery(vendor="aws", service="AmazonEC2", region="us-east-1", product_family="Compute Instance",
                   attributes={"instanceType": "m5.large", **LINUX})
    q_disk = PriceQuery(vendor="aws", service="AmazonEC2", region="us-east-1", product_family="Storage",
                        attributes={"volumeApiName": "gp2"})
    book = InMemoryCatalog({q: Price(unit_price=Money("0.05", "USD"), unit="Hrs", effective_date=date(2026, 1, 1),
                                     source="negotiated"),
                            q_disk: Price(unit_price=Money("0.1", "USD"), unit="GB-Mo",
                                          effective_date=date(2026, 1, 1), source="negotiated")})
    est = estimate([spec("a", "aws_instance", instance_type="m5.large")], catalog=book)
    assert est.total_monthly_cost == Money("37.3", "USD")
    gbp = estimate([spec("a", "aws_instance", instance_type="m5.large")], catalog=book, currency="GBP")
    assert gbp.currency == "GBP" and gbp.total_monthly_cost.currency == "GBP"
    assert gbp.total_monthly_cost.amount != Decimal("37.3") and "FX rates of 2022-10-03" in (gbp.fx_note or "")


def test_diff_of_two_states() -> None:
    doc = diff([spec("web", "aws_instance", instance_type="m5.large")],
               [spec("web", "aws_instance", instance_type="m5.xlarge"), spec("ip", "aws_eip")])
    assert doc["total_monthly_delta"] == "73.730"
    changes = {r["address"]: r["change"] for r in doc["resources"]}
    assert changes == {"web": "update", "ip": "create"}


def run(*args: str, input: str | None = None) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args), input=input)
    return result.exit_code, result.output


def test_cli_json_is_one_document_with_decimal_strings() -> None:
    code, out = run("estimate", str(REPO / "examples/plan.json"), "--usage", str(REPO / "examples/usage.yml"),
                    "--format", "json")
    assert code == 0, out
    doc = json.loads(out)
    assert set(doc) >= {"currency", "total_monthly_cost", "price_date", "resources", "summary"}
    assert isinstance(doc["total_monthly_cost"], str) and Decimal(doc["total_monthly_cost"]) > 0
    first = doc["resources"][0]
    assert set(first) >= {"address", "type", "provider", "region", "status", "monthly_cost", "components"}
    assert set(first["components"][0]) >= {"name", "unit", "unit_price", "monthly_quantity", "monthly_cost"}
    assert set(doc["summary"]) == {"priced", "free", "usage_based", "unsupported", "price_not_found"}


def test_cli_formats_and_currency() -> None:
    for fmt, marker in (("table", "Total monthly cost: £"), ("markdown", "**Total: £"), ("html", "<html>")):
        code, out = run("estimate", str(REPO / "examples/environment.yaml"), "--currency", "GBP", "--format", fmt)
        assert code == 0, out
        assert marker in out
    code, out = run("estimate", str(REPO / "examples/environment.yaml"), "--currency", "XYZ")
    assert code == 1 and "unknown currency" in out


def test_guardrails() -> None:
    env = str(REPO / "examples/environment.yaml")
    code, out = run("estimate", env, "--fail-above", "10")
    assert code == EXIT_OVER_LIMIT and "above the limit" in out
    code, _ = run("estimate", env, "--fail-above", "100000")
    assert code == 0
    code, out = run("estimate", env, "--confirm", input="n\n")
    assert code == EXIT_DECLINED and "This change will cost about $" in out and "/month. Continue? [y/N]" in out
    code, _ = run("estimate", env, "--confirm", input="y\n")
    assert code == 0
    code, out = run("estimate", env, "--fail-above", "lots")
    assert code == 1 and "not an amount" in out
    code, out = run("estimate", env, "--fail-above", "€10")  # never compared as if it were dollars
    assert code == 1 and "'€10' is in EUR and the estimate in USD; give the limit in USD or pass --currency EUR" in out
    code, out = run("estimate", env, "--fail-above", "€10", "--currency", "eur")
    assert code == EXIT_OVER_LIMIT and "above the limit of €10.00" in out
    code, out = run("estimate", env, "--fail-above", "100000 usd", "--currency", "usd")  # codes in any case
    assert code == 0, out


def test_cli_compare_clouds() -> None:
    code, out = run("estimate", "--compare-clouds", str(REPO / "examples/compare.yaml"), "--format", "json")
    assert code == 0, out
    doc = json.loads(out)
    assert [r["address"] for r in doc["resources"]] == ["app-server@aws", "app-server@azure", "app-server@gcp"]
    assert {r["provider"] for r in doc["resources"]} == {"aws", "azure", "gcp"}
    per = doc["per_provider"]
    by_cloud = {r["provider"]: r for r in doc["resources"]}
    for cloud in ("aws", "azure", "gcp"):
        assert Decimal(per[cloud]["monthly_cost"]) == Decimal(by_cloud[cloud]["monthly_cost"])
        assert per[cloud]["fully_priced"] is (by_cloud[cloud]["status"] == "priced")
    code, out = run("estimate", "--compare-clouds", str(REPO / "examples/compare.yaml"))
    assert code == 0 and "Total monthly cost" not in out  # the sum of three alternatives means nothing
    assert f"gcp: {Money(per['gcp']['monthly_cost'], 'USD').display()}/month" in out
    code, out = run("estimate", "--compare-clouds", str(REPO / "examples/compare.yaml"), "--fail-above", "100")
    assert code == 1 and "--compare-clouds prices one design on every cloud" in out


def test_partly_priced_resource_row_shows_what_is_in_the_total() -> None:
    code, out = run("estimate", "--compare-clouds", str(REPO / "examples/compare.yaml"))
    assert code == 0, out
    doc = json.loads(run("estimate", "--compare-clouds", str(REPO / "examples/compare.yaml"), "--format", "json")[1])
    partial = [r for r in doc["resources"] if r["status"] == "price_not_found" and r["monthly_cost"] is not None]
    assert partial, "the example no longer has a partly priced resource: pick another one for this test"
    for r in partial:  # its priced parts are in the total, and the row says the rest is missing
        assert f"{Money(r['monthly_cost'], 'USD').display()} + price not found" in out


def test_cli_diff_markdown_for_a_pull_request(tmp_path: Path) -> None:
    before = tmp_path / "before.yaml"
    after = tmp_path / "after.yaml"
    before.write_text("resources:\n  - {name: web, type: compute.instance, provider: aws, region: us-east-1, size: m5.large}\n")
    after.write_text("resources:\n  - {name: web, type: compute.instance, provider: aws, region: us-east-1, size: m5.2xlarge}\n")
    code, out = run("diff", str(before), str(after), "--format", "markdown")
    assert code == 0, out
    assert "monthly cost will increase by $210.24" in out
    assert f"| `web` `{after}#L2` | update |" in out  # each row names the line that costs the money
    code, out = run("diff", str(REPO / "examples/plan.json"), "--format", "json")
    assert code == 0, out
    assert json.loads(out)["total_monthly_before"] == "0"


def test_diff_says_what_it_could_not_price_and_keeps_the_plans_actions(tmp_path: Path) -> None:
    plan = json.loads((REPO / "examples/plan.json").read_text())
    after = json.loads(json.dumps(plan))
    for r in after["planned_values"]["root_module"]["resources"]:
        if r["address"] == "aws_instance.web[0]":
            r["values"]["instance_type"] = "m5.superlarge"  # a typo: no price
    after["planned_values"]["root_module"]["resources"].append(
        {"address": "aws_gamelift_fleet.x", "mode": "managed", "type": "aws_gamelift_fleet", "name": "x",
         "provider_name": "registry.terraform.io/hashicorp/aws", "values": {}})
    (tmp_path / "before.json").write_text(json.dumps(plan))
    (tmp_path / "after.json").write_text(json.dumps(after))
    code, out = run("diff", str(tmp_path / "before.json"), str(tmp_path / "after.json"), "--format", "markdown")
    assert code == 0, out
    assert "(not everything could be priced: see below)" in out
    assert "| `aws_instance.web[0]` | update | $72.48 | $2.40* | -$70.08* |" in out
    assert "| `aws_gamelift_fleet.x` | create | - | not supported | ? |" in out
    assert "- `aws_instance.web[0]` (after): price not found: no price in the catalog" in out
    assert "- `aws_s3_bucket.assets` (before and after): needs usage" in out
    code, out = run("diff", str(tmp_path / "before.json"), str(tmp_path / "after.json"))
    assert code == 0 and "total: $540.19 -> $470.11 per month (delta -$70.08)" in out and "E-" not in out
    assert "aws_iam_role.lambda" in out and "free" in out and "6 resource(s) not fully priced" in out
    # a priced resource with a usage-based part left open is a gap too: its figure is a lower bound
    assert ("aws_nat_gateway.egress (before and after): needs usage: Data processed not in its figure: give "
            "monthly_data_processed_gb in a usage file (0 where there is none)") in out
    doc = json.loads(run("diff", str(tmp_path / "before.json"), str(tmp_path / "after.json"), "--format", "json")[1])
    assert {(u["address"], u["side"], u["status"]) for u in doc["not_fully_priced"]} >= {
        ("aws_instance.web[0]", "after", "price_not_found"), ("aws_gamelift_fleet.x", "after", "unsupported")}
    for change in plan["resource_changes"]:  # one plan: Terraform's own actions are the changes
        if change["address"] == "aws_instance.web[0]":
            change["change"]["actions"] = ["delete", "create"]
            change["change"]["before"] = dict(change["change"]["after"])
    (tmp_path / "replace.json").write_text(json.dumps(plan))
    code, out = run("diff", str(tmp_path / "replace.json"), "--format", "markdown")
    assert code == 0 and "| `aws_instance.web[0]` | replace | $72.48 | $72.48 | $0.00 |" in out


def test_usage_that_nothing_reads_is_warned_about(tmp_path: Path) -> None:
    usage = tmp_path / "usage.yml"
    usage.write_text("resource_usage:\n  aws_lb.frnt: {monthly_lcu_hours: 5}\n  aws_lb.front: {monthly_lcu_hourz: 5}\n"
                     "  'aws_lambda_function.*': {monthly_requests: 1000}\n"
                     "resource_type_default_usage:\n  aws_s3_bucket: {storage_gb: 100, storage_gbb: 5}\n"
                     "  aws_dynamodb_table: {storage_gb: 1}\n")  # a type the plan does not have: fine
    est = estimate(REPO / "examples/plan.json", usage=usage)
    assert est.warnings == (
        "usage for 'aws_lb.frnt' matches no resource (resource_usage)",
        "usage key 'monthly_lcu_hourz' for 'aws_lb.front' is not used by aws_lb (resource_usage)",
        "usage key 'storage_gbb' is not used by aws_s3_bucket (resource_type_default_usage)")
    code, out = run("estimate", str(REPO / "examples/plan.json"), "--usage", str(usage))
    assert code == 0 and "Warning: usage for 'aws_lb.frnt' matches no resource" in out
    generic = tmp_path / "spec.yaml"  # generic types hand the spec on to a provider's function: still recorded
    generic.write_text("resources:\n  - {name: files, type: storage.object, provider: gcp, region: us-central1,"
                       " usage: {storage_gb: 100}}\n")
    usage.write_text("resource_usage:\n  files: {storage_gb: 50}\n")
    assert estimate(generic, usage=usage).warnings == ()
    assert estimate(REPO / "examples/plan.json", usage=REPO / "examples/usage.yml").warnings == ()


def test_cli_spec_mistakes_are_named(tmp_path: Path) -> None:
    spec = tmp_path / "box.yaml"
    spec.write_text("resources:\n  - {name: box, type: compute.instance, provider: aws, vcpu: 4, memory_gb: 16}\n")
    code, out = run("estimate", str(spec), "--format", "json")
    (box,) = json.loads(out)["resources"]
    assert code == 0 and box["status"] == "price_not_found" and "sizing by vcpu/memory_gb needs a region" in box[
        "message"]
    code, out = run("diff", str(spec))
    assert code == 1 and "with one argument, diff takes a Terraform plan JSON" in out


def test_cli_bad_input_is_one_clear_line(tmp_path: Path) -> None:
    bad = tmp_path / "plan.json"
    bad.write_text("{not json")
    code, out = run("estimate", str(bad))
    assert code == 1 and out.startswith("costlib: error:") and "plan.json:1:2: not valid JSON" in out


@pytest.mark.shared_data
@pytest.mark.parametrize("machine", ["n1-standard-4", "n2-standard-4", "m1-megamem-96", "g1-small", "f1-micro",
                                     "e2-standard-2", "c2-standard-8"])
def test_gce_monthly_cost_matches_the_published_full_month_price(shared_data: Path, machine: str) -> None:
    """Sustained-use discounts per series: the estimate equals the source table's own monthly price."""
    table = json.loads((shared_data / "pricing-samples/gcp/cyclenerd-pricing.json").read_text())
    published = Decimal(str(table["compute"]["instance"][machine]["cost"]["us-central1"]["month"]))
    spec = ResourceSpec(address="vm", type="google_compute_instance", provider="gcp", region="us-central1",
                        attributes={"machine_type": machine, "zone": "us-central1-a"})
    est = estimate([spec])
    instance = next(c for c in est.resources[0].components if c.name.startswith("Instance"))
    assert instance.monthly_cost is not None
    assert abs(instance.monthly_cost.amount - published) <= published * Decimal("0.001"), (instance.monthly_cost,
                                                                                         published)


def test_a_price_in_another_currency_says_it_was_converted() -> None:
    spec = ResourceSpec(address="cn", type="aws_instance", provider="aws", region="cn-north-1",
                        attributes={"instance_type": "m5.large"})
    est = estimate([spec])
    assert est.currency == "USD" and est.fx_note is not None and est.fx_note.startswith("converted from CNY")
    us = estimate([ResourceSpec(address="us", type="aws_instance", provider="aws", region="us-east-1",
                                attributes={"instance_type": "m5.large"})])
    assert us.fx_note is None


def test_multi_region_buckets_are_priced() -> None:
    for location in ("EU", "US", "ASIA"):
        spec = ResourceSpec(address="b", type="google_storage_bucket", provider="gcp", region="us-central1",
                            attributes={"location": location}, usage={"storage_gb": 100})
        (res,) = estimate([spec]).resources
        assert res.status is Status.PRICED and res.monthly_cost == Money("2.6", "USD"), location


def test_resources_the_same_but_for_their_address_are_read_once_and_each_keeps_its_own_place() -> None:
    """The instances of a ``count`` are read and priced once (price_specs shares the work by
    :func:`costlib.estimate.same_key`), yet every resource keeps its address, its warnings and its errors, and a
    difference in region, usage or any attribute is priced on its own."""
    from costlib.estimate import same_key

    def volume(address: str, region: str = "us-east-1", usage: dict[str, object] | None = None,
               unknown: tuple[str, ...] = (), **attrs: object) -> ResourceSpec:
        return ResourceSpec(address=address, type="aws_ebs_volume", provider="aws", region=region,
                            attributes={"type": "gp3", "size": 100, **attrs}, usage=usage or {}, unknown=unknown)

    class Opaque:  # an object of the caller's: its text does not say what it is
        pass

    specs = [volume("v[0]"), volume("v[1]"), volume("v[2]", region="eu-west-1"), volume("v[3]", size=200),
             volume("v[4]", size="lots"), volume("v[5]", size="lots"), volume("io[0]", type="io1", unknown=("iops",)),
             volume("io[1]", type="io1", unknown=("iops",)), volume("o", size=100, tags={"x": Opaque()})]
    est = estimate(specs, findings=False)
    by = {r.address: r for r in est.resources}
    assert [r.address for r in est.resources] == [s.address for s in specs]
    assert by["v[0]"].monthly_cost == by["v[1]"].monthly_cost == Money("8.00", "USD")
    assert by["v[0]"].spec is specs[0] and by["v[1]"].spec is specs[1]
    assert by["v[2]"].monthly_cost != by["v[0]"].monthly_cost  # another region's price
    assert by["v[3]"].monthly_cost == Money("16.00", "USD") and by["o"].monthly_cost == Money("8.00", "USD")
    for bad in ("v[4]", "v[5]"):
        assert by[bad].status is Status.PRICE_NOT_FOUND and "size: 'lots' is not a number" in (by[bad].message or "")
    defaulted = [w for w in est.warnings if "known only after apply" in w]
    assert any("io[0]" in w for w in defaulted) and any("io[1]" in w for w in defaulted), est.warnings
    assert same_key(specs[0]) == same_key(specs[1]) == same_key(specs[-1]) != same_key(specs[2])  # tags: not read
    generic = ResourceSpec(address="g", type="compute.instance", provider="aws", region="us-east-1",
                           attributes={"size": "m5.large", "tags": {"x": Opaque()}})
    assert same_key(generic) is None and estimate([generic]).resources[0].status is Status.PRICED


def test_resources_priced_as_one_still_get_the_findings_of_their_own_attributes() -> None:
    """Tags and other attributes no cost function reads do not split the pricing of the same instance, but the
    savings rules read the whole resource: an instance said to be x86 gets no Arm finding, its twin does, and each
    finding is under its own address."""
    from costlib.estimate import same_key

    def box(address: str, **attrs: object) -> ResourceSpec:
        return ResourceSpec(address=address, type="aws_instance", provider="aws", region="us-east-1",
                            attributes={"instance_type": "m5.large", **attrs})

    specs = [box("web[0]", tags={"Name": "web-0"}), box("web[1]", tags={"Name": "web-1"}),
             box("x86", tags={"Name": "x86"}, arch="x86_64")]
    assert same_key(specs[0]) == same_key(specs[1]) == same_key(specs[2])  # one price for the three
    est = estimate(specs)
    assert len({r.monthly_cost for r in est.resources}) == 1
    arm = {f.address for f in est.findings if f.rule == "ec2-graviton"}
    assert arm == {"web[0]", "web[1]"}, est.findings
