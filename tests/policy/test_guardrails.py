"""The policy file: validation (every error names the file and the key path) and evaluation, rule by rule."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from costlib.errors import ConfigError
from costlib.guard import find_policy, load_policy, resolve_policy
from costlib.models import Estimate, PricedComponent, ResourceEstimate, ResourceSpec, Status, Violation
from costlib.money import DEFAULT_FX, FxTable, Money
from costlib.policy.guardrails import evaluate_policy, parse_money, parse_policy


def bad(text: str) -> str:
    with pytest.raises(ConfigError) as info:
        parse_policy(text, where="costlib.yml")
    return str(info.value)


# --- validation ------------------------------------------------------------------------------------------
def test_a_valid_policy_reads_every_check() -> None:
    p = parse_policy("""
version: 1
environment: {tags: [stage], from_module: false}
rules:
  - {name: owner, severity: block, required_tags: [owner|team, environment]}
  - {environments: ["pr-*"], required_tags: [ttl]}
  - allowed_tag_values: {environment: [dev, prod, "pr-*"]}
  - max_monthly_cost: {resource: 200 USD, environment: "£500"}
  - allowed_sizes: {families: [t3], sizes: ["Standard_B*"]}
""", where="costlib.yml")
    assert [r.check for r in p.rules] == ["required_tags", "required_tags", "allowed_tag_values", "max_monthly_cost",
                                          "allowed_sizes"]
    assert p.rules[3].max_monthly_cost is not None
    assert p.rules[3].max_monthly_cost.environment == Money("500", "GBP")
    assert p.environment.naming().tags == ("stage",) and p.source == "costlib.yml"
    assert [r.severity for r in p.rules] == ["block", "warn", "warn", "warn", "warn"]  # warn unless said


def test_an_empty_file_is_a_policy_without_rules() -> None:
    assert parse_policy("", where="costlib.yml").rules == ()


@pytest.mark.parametrize(("text", "message"), [
    ("rules: [", "costlib.yml:1: not valid YAML"),
    ("- a\n- b\n", "costlib.yml: a policy file is a mapping (version, environment, rules)"),
    ("versoin: 1\n", "costlib.yml: versoin: unknown key (did you mean version?)"),
    ("version: 2\n", "costlib.yml: version: 2 is not 1 (the only version)"),
    ("rules: {a: 1}\n", "costlib.yml: rules: {'a': 1} is not a list"),
    ("rules:\n  - {name: x}\n", "costlib.yml: rules[0]: a rule checks one thing: give one of required_tags, "
                               "allowed_tag_values, max_monthly_cost, allowed_sizes"),
    ("rules:\n  - {required_tags: [a]}\n  - {required_tags: [a], allowed_sizes: {families: [t3]}}\n",
     "costlib.yml: rules[1]: a rule checks one thing: give one of required_tags, allowed_tag_values, "
     "max_monthly_cost, allowed_sizes (it has required_tags and allowed_sizes)"),
    ("rules:\n  - {required_tags: [a], severity: fatal}\n", "costlib.yml: rules[0].severity: 'fatal' is not warn "
                                                             "or block"),
    ("rules:\n  - {required_tags: []}\n", "costlib.yml: rules[0].required_tags: is empty: give at least one"),
    ("rules:\n  - {required_tags: [a], max_monthy_cost: {resource: 1 USD}}\n",
     "costlib.yml: rules[0].max_monthy_cost: unknown key (did you mean max_monthly_cost?)"),
    ("rules:\n  - {max_monthly_cost: {}}\n", "costlib.yml: rules[0].max_monthly_cost: give a resource limit, an "
                                             "environment limit or both"),
    ("rules:\n  - {max_monthly_cost: {resource: 500}}\n", "costlib.yml: rules[0].max_monthly_cost.resource: 500 has "
                                                          "no currency: write it like 500 USD, $500 or £500"),
    ("rules:\n  - {max_monthly_cost: {environment: -5 USD}}\n",
     "costlib.yml: rules[0].max_monthly_cost.environment: '-5 USD': a limit is a monthly amount of 0 or more"),
    ("rules:\n  - {max_monthly_cost: {resource: 5 ZZZ}}\n", "costlib.yml: rules[0].max_monthly_cost.resource: "
                                                            "'5 ZZZ': unknown currency 'ZZZ'"),
    ("rules:\n  - {max_monthly_cost: {resource: lots USD}}\n", "costlib.yml: rules[0].max_monthly_cost.resource: "
                                                               "'lots USD' is not an amount like 500 USD"),
    ("rules:\n  - {max_monthly_cost: {resource: 5 USD, project: 1 USD}}\n",
     "costlib.yml: rules[0].max_monthly_cost.project: unknown key"),
    ("rules:\n  - {allowed_sizes: {}}\n", "costlib.yml: rules[0].allowed_sizes: give families, sizes or both"),
    ("rules:\n  - {allowed_sizes: {familes: [t3]}}\n",
     "costlib.yml: rules[0].allowed_sizes.familes: unknown key (did you mean families?)"),
    ("rules:\n  - {allowed_tag_values: {environment: dev}}\n",
     "costlib.yml: rules[0].allowed_tag_values.environment: 'dev' is not a list"),
    ("rules:\n  - {allowed_tag_values: {environment: []}}\n",
     "costlib.yml: rules[0].allowed_tag_values.environment: is empty: give at least one"),
    ("environment: {tags: environment}\n", "costlib.yml: environment.tags: 'environment' is not a list"),
    ("environment: {from_modules: true}\n",
     "costlib.yml: environment.from_modules: unknown key (did you mean from_module?)"),
])
def test_every_error_names_the_key_path(text: str, message: str) -> None:
    assert bad(text).startswith(message)


def test_several_errors_are_said_together() -> None:
    text = bad("rules:\n  - {required_tags: [a], severity: no}\n  - {max_monthly_cost: {resource: 5}}\n")
    assert "rules[0].severity" in text and "rules[1].max_monthly_cost.resource" in text


def test_money_limits() -> None:
    assert parse_money("$1,000") == Money("1000", "USD")
    assert parse_money("EUR 12.5") == Money("12.5", "EUR")
    with pytest.raises(ValueError, match="no currency"):
        parse_money(12)


# --- finding and reading the file ------------------------------------------------------------------------
def test_the_policy_file_is_found_up_to_the_git_root_and_not_above(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    (repo / "infra" / "app").mkdir(parents=True)
    plan = repo / "infra" / "app" / "plan.json"
    plan.write_text("{}")
    (tmp_path / "costlib.yml").write_text("rules: []\n")  # above the repository: not this project's
    assert find_policy([plan]) is None
    (repo / "costlib.yml").write_text("rules: []\n")
    assert find_policy([plan]) == repo / "costlib.yml"
    (repo / "infra" / "costlib.yml").write_text("rules: []\n")  # the nearest wins
    assert find_policy([plan]) == repo / "infra" / "costlib.yml"
    assert find_policy([repo / "infra" / "app"]) == repo / "infra" / "costlib.yml"  # a folder input


def test_outside_a_repository_only_the_inputs_folder_counts(tmp_path: Path) -> None:
    (tmp_path / "costlib.yml").write_text("rules: []\n")
    (tmp_path / "sub").mkdir()
    assert find_policy([tmp_path / "sub" / "plan.json"]) is None
    assert find_policy([tmp_path / "plan.json"]) == tmp_path / "costlib.yml"


def test_inputs_under_two_policy_files_are_refused(tmp_path: Path) -> None:
    for name in ("a", "b"):
        (tmp_path / name / ".git").mkdir(parents=True)
        (tmp_path / name / "costlib.yml").write_text("rules: []\n")
    with pytest.raises(ConfigError, match="the inputs are under different policy files"):
        find_policy([tmp_path / "a" / "plan.json", tmp_path / "b" / "plan.json"])


def test_policy_option_none_a_file_or_discovery(tmp_path: Path) -> None:
    policy = tmp_path / "p.yml"
    policy.write_text("rules: [{required_tags: [owner]}]\n")
    (tmp_path / "costlib.yml").write_text("rules: [{required_tags: [team]}]\n")
    assert resolve_policy("none", [tmp_path / "plan.json"]) is None
    found = resolve_policy(str(policy), [tmp_path / "plan.json"])
    assert found is not None and found.rules[0].required_tags == ("owner",) and found.source == str(policy)
    discovered = resolve_policy(None, [tmp_path / "plan.json"])
    assert discovered is not None and discovered.rules[0].required_tags == ("team",)
    with pytest.raises(ConfigError, match="policy file not found"):
        load_policy(tmp_path / "missing.yml")
    (tmp_path / "broken.yml").write_text("rules:\n  - {required_tags: [a], severity: maybe}\n")
    with pytest.raises(ConfigError, match=r"broken\.yml: rules\[0\]\.severity"):
        load_policy(tmp_path / "broken.yml")


# --- evaluation ------------------------------------------------------------------------------------------
def res(address: str, cost: str | None = "10", rtype: str = "aws_instance", status: Status = Status.PRICED,
        provider: str = "aws", unknown: tuple[str, ...] = (), location: str | None = None, **attributes: Any
        ) -> ResourceEstimate:
    spec = ResourceSpec(address=address, type=rtype, provider=provider, region="us-east-1", attributes=attributes,
                        unknown=unknown, location=location)
    return ResourceEstimate(spec=spec, status=status, monthly_cost=Money(cost, "USD") if cost is not None else None)


def check(policy: str, *resources: ResourceEstimate, fx: FxTable = DEFAULT_FX,
          changed: list[str] | None = None) -> list[str]:
    est = Estimate.of(resources, "USD")
    return [v.line() for v in evaluate_policy(est, parse_policy(policy, where="p.yml"), fx=fx, changed=changed)]


def test_required_tags_with_alternatives_and_keys_in_any_case() -> None:
    policy = "rules: [{name: owner, severity: block, required_tags: [owner|team, environment]}]"
    assert check(policy, res("a", tags={"Team": "web", "Environment": "dev"})) == []
    assert check(policy, res("b", tags={"environment": "dev"}), res("c", tags={"owner": ""})) == [
        "block: owner: b: tag owner or team is missing", "block: owner: c: tag owner or team is missing",
        "block: owner: c: tag environment is missing"]


def test_required_tags_read_plan_default_tags_gcp_labels_and_cloudformation_lists() -> None:
    policy = "rules: [{required_tags: [owner]}]"
    assert check(policy, res("a", tags_all={"owner": "ada"}), res("g", provider="gcp", rtype="google_compute_instance",
                                                                  labels={"owner": "ada"}),
                 res("cf", Tags=[{"Key": "owner", "Value": "ada"}])) == []


def test_a_tag_known_only_after_apply_cannot_be_checked_and_never_blocks() -> None:
    policy = "rules: [{severity: block, required_tags: [owner]}]"
    assert check(policy, res("a", tags={"owner": None}, unknown=("tags", "tags.owner"))) == [
        "warn: rules[0]: a: tag owner is known only after apply: cannot check it"]
    assert check(policy, res("b", unknown=("tags",))) == [  # a plan: some tag is unknown, which is not said
        "warn: rules[0]: b: tag owner is known only after apply: cannot check it"]
    # code says which tag is unknown (tags.env): a tag that is not there is missing
    assert check(policy, res("c", tags={"env": None}, unknown=("tags", "tags.env"))) == [
        "block: rules[0]: c: tag owner is missing"]


def test_cloudformation_tags_are_read(tmp_path: Path) -> None:
    pytest.importorskip("cfnlint", reason="CloudFormation templates need costlib[cloudformation] (cfn-lint)")
    from costlib.estimate import estimate
    from costlib.inputs.cloudformation import load_template

    template = tmp_path / "template.yaml"
    template.write_text("Resources:\n  Web:\n    Type: AWS::EC2::Instance\n    Properties:\n"
                        "      InstanceType: t3.small\n      Tags:\n        - {Key: team, Value: web}\n"
                        "        - {Key: owner, Value: !GetAtt Other.Arn}\n")
    (spec,) = load_template(template, region="us-east-1")
    assert dict(spec.attributes["tags"]) == {"team": "web"} and "tags.owner" in spec.unknown
    est = estimate([spec], findings=False)
    policy = parse_policy("rules: [{severity: block, required_tags: [team, owner, cost-centre]}]", where="p.yml")
    assert [v.line() for v in evaluate_policy(est, policy)] == [
        "warn: rules[0]: Web: tag owner is known only after apply: cannot check it",
        "block: rules[0]: Web: tag cost-centre is missing"]


def test_rules_check_billable_resources_unless_types_say_otherwise() -> None:
    free = res("aws_security_group.web", None, rtype="aws_security_group", status=Status.FREE)
    assert check("rules: [{required_tags: [owner]}]", free) == []
    assert check("rules: [{types: [aws_security_group], required_tags: [owner]}]", free) == [
        "warn: rules[0]: aws_security_group.web: tag owner is missing"]
    assert check("rules: [{exclude_types: [aws_*], required_tags: [owner]}]", res("a")) == []


def test_a_ttl_tag_required_for_pr_environments_named_by_tag_or_module() -> None:
    policy = "rules: [{name: ttl, severity: block, environments: ['pr-*'], required_tags: [ttl]}]"
    assert check(policy, res("a", tags={"environment": "pr-42"}), res('module.env["pr-7"].aws_instance.b'),
                 res("module.prod.aws_instance.c"), res("d", tags={"environment": "pr-9", "ttl": "7d"})) == [
        "block: ttl: a: tag ttl is missing (environment pr-42)",
        'block: ttl: module.env["pr-7"].aws_instance.b: tag ttl is missing (environment pr-7)']


def test_the_environment_naming_is_configurable() -> None:
    policy = ("environment: {tags: [stage], from_module: false}\n"
              "rules: [{environments: ['pr-*'], required_tags: [ttl]}]")
    assert check(policy, res("module.pr-1.aws_instance.a"), res("b", tags={"stage": "pr-2"})) == [
        "warn: rules[0]: b: tag ttl is missing (environment pr-2)"]


def test_allowed_tag_values() -> None:
    policy = "rules: [{allowed_tag_values: {environment: [dev, prod, 'pr-*']}}]"
    assert check(policy, res("a", tags={"environment": "pr-3"}), res("b", tags={"Environment": "Prod"}),
                 res("c"), res("d", tags={"environment": "qa"})) == [
        "warn: rules[0]: d: tag environment='qa' is not allowed (allowed: dev, prod, pr-*)"]


def test_max_monthly_cost_per_resource_says_what_it_cannot_tell() -> None:
    policy = "rules: [{name: cap, severity: block, max_monthly_cost: {resource: 100 USD}}]"
    usage = res("s3", None, rtype="aws_s3_bucket", status=Status.USAGE_BASED)
    assert check(policy, res("small", "99.99"), res("big", "150"), usage) == [
        "block: cap: big: $150.00/month is above the limit of $100.00",
        "warn: cap: cannot tell whether 1 resource(s) are within $100.00: not (fully) priced: s3 (a usage file "
        "fills usage-based costs)"]


def test_max_monthly_cost_in_another_currency_is_converted_with_the_estimates_fx_table() -> None:
    fx = FxTable(base="USD", rates={"GBP": Decimal("0.8")}, as_of=date(2026, 11, 1), source="test table")
    policy = "rules: [{max_monthly_cost: {resource: £100}}]"
    # £100 = $125 at 0.8 GBP per USD
    assert check(policy, res("a", "120"), res("b", "130"), fx=fx) == [
        "warn: rules[0]: b: $130.00/month is above the limit of £100.00 (= $125.00 at the FX rates of 2026-11-01, "
        "test table)"]
    no_rate = FxTable(base="USD", rates={}, as_of=date(2026, 11, 1), source="empty")
    with pytest.raises(ConfigError, match=r"rules\[0\]\.max_monthly_cost\.resource: £100\.00 cannot be compared"):
        check(policy, res("a"), fx=no_rate)


def test_max_monthly_cost_per_environment_sums_its_resources() -> None:
    policy = "rules: [{environments: ['pr-*'], severity: block, max_monthly_cost: {environment: 500 USD}}]"
    found = check(policy, res("module.pr-1.aws_instance.a", "300"), res("module.pr-1.aws_db_instance.b", "250"),
                  res("module.pr-2.aws_instance.c", "100"), res("module.prod.aws_instance.d", "5000"))
    assert found == ["block: rules[0]: environment pr-1: $550.00/month for 2 resource(s) is above the limit of "
                     "$500.00; the largest: module.pr-1.aws_instance.a $300.00, module.pr-1.aws_db_instance.b "
                     "$250.00"]


def test_a_diff_checks_what_it_changes_and_the_environments_those_are_in() -> None:
    policy = ("rules:\n  - {required_tags: [owner]}\n"
              "  - {max_monthly_cost: {environment: 500 USD}}\n")
    resources = [res("module.pr-1.aws_instance.a", "300"), res("module.pr-1.aws_instance.b", "250"),
                 res("module.pr-2.aws_instance.c", "600")]
    assert check(policy, *resources, changed=["module.pr-1.aws_instance.b"]) == [
        "warn: rules[0]: module.pr-1.aws_instance.b: tag owner is missing",
        "warn: rules[1]: environment pr-1: $550.00/month for 2 resource(s) is above the limit of $500.00; the "
        "largest: module.pr-1.aws_instance.a $300.00, module.pr-1.aws_instance.b $250.00"]


def test_allowed_sizes_per_environment_by_family_or_glob() -> None:
    policy = ("rules: [{name: small, severity: block, environments: [dev], "
              "allowed_sizes: {families: [t3, t4g, db.t4g, e2, Bs], sizes: ['*.large']}}]")
    dev = {"tags": {"environment": "dev"}}
    found = check(policy,
                  res("ok1", instance_type="t3.xlarge", **dev), res("ok2", instance_type="m5.large", **dev),
                  res("db", rtype="aws_db_instance", instance_class="db.r6g.2xlarge", **dev),
                  res("vm", rtype="azurerm_linux_virtual_machine", provider="azure", size="Standard_B2s", **dev),
                  res("gce", rtype="google_compute_instance", provider="gcp", machine_type="n2-standard-8", **dev),
                  res("nodes", rtype="aws_eks_node_group", instance_types=["c5.4xlarge"], **dev),
                  res("prod", instance_type="x2idn.metal", tags={"environment": "prod"}),
                  res("bucket", rtype="aws_s3_bucket", **dev))
    assert found == [
        "block: small: db: instance_class db.r6g.2xlarge is not allowed in environment dev (allowed: family t3, "
        "family t4g, family db.t4g, family e2, family Bs, *.large)",
        "block: small: gce: machine_type n2-standard-8 is not allowed in environment dev (allowed: family t3, "
        "family t4g, family db.t4g, family e2, family Bs, *.large)",
        "block: small: nodes: instance_types[0] c5.4xlarge is not allowed in environment dev (allowed: family t3, "
        "family t4g, family db.t4g, family e2, family Bs, *.large)"]


def test_violations_carry_the_location_and_severity() -> None:
    est = Estimate.of([res("a", location="infra/main.tf:12")], "USD")
    (v,) = evaluate_policy(est, parse_policy("rules: [{severity: block, required_tags: [owner]}]", where="p"))
    assert v == Violation(rule="rules[0]", check="required_tags", severity="block", message="tag owner is missing",
                          address="a", location="infra/main.tf:12", environment=None)
    assert v.blocking


def test_partly_priced_resources_count_at_their_priced_part() -> None:
    from costlib.models import CostComponent

    comp = CostComponent(name="Data processed", unit="GB", query=None, unmodelled="not modelled")
    partly = ResourceEstimate(spec=ResourceSpec(address="nat", type="aws_nat_gateway", provider="aws"),
                              status=Status.PRICED, monthly_cost=Money("150", "USD"),
                              components=(PricedComponent(component=comp, status=Status.USAGE_BASED),))
    assert check("rules: [{max_monthly_cost: {resource: 100 USD}}]", partly) == [
        "warn: rules[0]: nat: $150.00/month is above the limit of $100.00 (and more: not all of it is priced)"]
