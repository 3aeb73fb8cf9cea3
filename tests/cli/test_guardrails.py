"""``costlib estimate`` and ``costlib diff`` with savings findings and a policy file, run as a user's shell would.

Exit codes (README): 6 when a blocking policy rule is broken, checked before --confirm asks and before
--fail-above (4, 5); ``--policy none`` turns the policy off; a policy file that is wrong is exit 1 naming its key.
"""

from __future__ import annotations

import json
from pathlib import Path

from costlib.cli.main import EXIT_ERROR, EXIT_POLICY
from tests.cli.conftest import run

POLICY = """\
rules:
  - name: owner
    severity: block
    required_tags: [owner|team]
  - name: pr-ttl
    environments: ["pr-*"]
    required_tags: [ttl]
"""

ENV = """\
resources:
  - name: web
    type: aws_instance
    provider: aws
    region: us-east-1
    attributes: {instance_type: m5.large, tags: {team: web, environment: pr-7}}
  - name: data
    type: aws_ebs_volume
    provider: aws
    region: us-east-1
    attributes: {type: gp2, size: 100}
"""


def repo(tmp_path: Path, policy: str = POLICY, env: str = ENV) -> Path:
    """A repository (its root holds .git and costlib.yml) with the environment in a folder below the root."""
    (tmp_path / ".git").mkdir()
    (tmp_path / "costlib.yml").write_text(policy)
    (tmp_path / "envs").mkdir()
    (tmp_path / "envs" / "preview.yaml").write_text(env)
    return tmp_path


def test_a_blocking_violation_exits_6_and_names_the_line(tmp_path: Path) -> None:
    root = repo(tmp_path)
    r = run("estimate", "envs/preview.yaml", cwd=root)
    assert r.code == EXIT_POLICY == 6, r.err
    assert "costlib: 1 blocking policy violation (" in r.err and "costlib.yml):" in r.err
    assert "  block: owner: data: tag owner or team is missing" in r.err
    # the table is shown in full first: the policy section lists every violation, blocking first, with its line
    assert "Policy " in r.out and ": 2 violations (1 blocking)" in r.out
    assert "  block: owner: data: tag owner or team is missing envs/preview.yaml:7" in r.out
    assert "  warn: pr-ttl: web: tag ttl is missing (environment pr-7) envs/preview.yaml:2" in r.out


def test_policy_none_turns_it_off_and_warnings_alone_pass(tmp_path: Path) -> None:
    root = repo(tmp_path)
    assert run("estimate", "envs/preview.yaml", "--policy", "none", cwd=root).code == 0
    warn_only = tmp_path / "warn.yml"
    warn_only.write_text("rules: [{required_tags: [cost-centre]}]\n")
    r = run("estimate", "envs/preview.yaml", "--policy", str(warn_only), "--format", "json", cwd=root)
    assert r.code == 0, r.err
    doc = json.loads(r.out)
    assert doc["policy"] == str(warn_only)
    assert [(v["severity"], v["address"], v["location"]) for v in doc["violations"]] == [
        ("warn", "web", "envs/preview.yaml:2"), ("warn", "data", "envs/preview.yaml:7")]


def test_no_policy_file_outside_the_repository_is_read(tmp_path: Path) -> None:
    (tmp_path / "costlib.yml").write_text(POLICY.replace("warn", "block"))
    inner = tmp_path / "project"
    inner.mkdir()
    (inner / ".git").mkdir()
    (inner / "env.yaml").write_text(ENV)
    r = run("estimate", "env.yaml", "--format", "json", cwd=inner)
    assert r.code == 0 and json.loads(r.out)["policy"] is None


def test_a_wrong_policy_file_is_exit_1_naming_the_key(tmp_path: Path) -> None:
    root = repo(tmp_path, policy="rules:\n  - {required_tags: [owner], severity: fatal}\n")
    r = run("estimate", "envs/preview.yaml", cwd=root)
    assert r.code == EXIT_ERROR
    assert "costlib.yml: rules[0].severity: 'fatal' is not warn or block" in r.err
    assert run("estimate", "envs/preview.yaml", "--policy", "missing.yml", cwd=root).code == EXIT_ERROR


def test_the_policy_gate_comes_before_fail_above_and_confirm(tmp_path: Path) -> None:
    root = repo(tmp_path)
    assert run("estimate", "envs/preview.yaml", "--fail-above", "1", cwd=root).code == EXIT_POLICY
    r = run("estimate", "envs/preview.yaml", "--confirm", cwd=root, input="y\n")
    assert r.code == EXIT_POLICY and "Continue?" not in r.err


def test_markdown_lists_savings_and_violations_with_their_lines(tmp_path: Path) -> None:
    root = repo(tmp_path)
    r = run("estimate", "envs/preview.yaml", "--format", "markdown", "--link-base",
            "https://github.com/o/r/blob/abc", cwd=root)
    assert r.code == EXIT_POLICY
    assert "#### Savings: $15.87 / month" in r.out  # m5.large -> m6g.large $13.87; 100 GB gp2 -> gp3 $2.00
    assert ("| `data` [envs/preview.yaml#L7](https://github.com/o/r/blob/abc/envs/preview.yaml#L7) | ebs-gp2-to-gp3 | "
            "type: gp2 -> gp3 | $2.00 |") in r.out
    assert "#### Policy: 2 violations, 1 blocking" in r.out
    assert ("- ⛔ block **owner**: `data` [envs/preview.yaml#L7](https://github.com/o/r/blob/abc/envs/preview.yaml#L7)"
            ": tag owner or team is missing") in r.out


def test_the_table_shows_the_savings_after_the_total_and_no_findings_turns_them_off(tmp_path: Path) -> None:
    root = repo(tmp_path, policy="rules: []\n")
    r = run("estimate", "envs/preview.yaml", cwd=root)
    assert r.code == 0
    total = r.out.index("Total monthly cost:")
    savings = r.out.index("Savings (2 findings, priced from the catalog):")
    assert total < savings
    assert "ec2-graviton" in r.out and "instance_type: m5.large -> m6g.large (*)" in r.out
    assert "Total monthly saving: $15.87 if every change is made" in r.out
    assert "(*) ec2-graviton (web): the workload must run on arm64" in r.out
    off = run("estimate", "envs/preview.yaml", "--no-findings", "--format", "json", cwd=root)
    assert json.loads(off.out)["findings"] == []
    assert "Savings" not in run("estimate", "envs/preview.yaml", "--no-findings", cwd=root).out


def test_diff_checks_the_policy_on_what_changes_and_lists_the_after_sides_savings(tmp_path: Path) -> None:
    root = repo(tmp_path, policy="rules: [{name: owner, severity: block, required_tags: [owner|team]}]\n")
    before = root / "envs" / "before.yaml"
    before.write_text(ENV)  # `data` has no owner tag, before and after: the change does not touch it
    after = root / "envs" / "after.yaml"
    after.write_text(ENV + "  - name: cache\n    type: aws_elasticache_cluster\n    provider: aws\n"
                           "    region: us-east-1\n    attributes: {node_type: cache.m5.large, engine: redis}\n")
    r = run("diff", str(before), str(after), "--format", "json", cwd=root)
    assert r.code == EXIT_POLICY, r.err
    doc = json.loads(r.out)
    assert [v["address"] for v in doc["violations"]] == ["cache"]
    assert {f["address"] for f in doc["findings"]} == {"web", "data", "cache"}
    md = run("diff", str(before), str(after), "--format", "markdown", cwd=root)
    assert "#### Savings:" in md.out and "#### Policy: 1 violation, 1 blocking" in md.out
    table = run("diff", str(before), str(after), "--policy", "none", cwd=root)
    assert table.code == 0 and "Savings (3 findings" in table.out


def test_the_help_says_exit_6() -> None:
    r = run("estimate", "--help")
    assert "6 a blocking policy rule is broken" in r.out.replace("\n", " ").replace("  ", " ")
    assert "--policy" in r.out and "--no-findings" in r.out


def test_the_example_policy_file_loads_and_blocks_the_example_environment() -> None:
    from tests.cli.conftest import REPO

    r = run("estimate", "examples/environment.yaml", "--policy", "examples/policy.yml", cwd=REPO)
    assert r.code == EXIT_POLICY
    assert "costlib: 4 blocking policy violations (examples/policy.yml):" in r.err
    assert "  block: owner: preview-nat: tag owner or team is missing" in r.err


def test_one_plans_own_actions_say_what_the_policy_checks(tmp_path: Path) -> None:
    """A plan's no-op resources are not the change's: only the one it updates is checked."""
    from costlib.diff import diff
    from costlib.policy.guardrails import parse_policy
    from tests.cli.conftest import REPO

    plan = json.loads((REPO / "examples" / "plan.json").read_text())
    for change in plan["resource_changes"]:
        body = change["change"]
        if change["address"] == "aws_instance.web[0]":
            body["actions"] = ["update"]
            body["before"] = {**body["after"], "instance_type": "m5.xlarge"}
        else:
            body["actions"], body["before"] = ["no-op"], dict(body["after"] or {})
    (tmp_path / "plan.json").write_text(json.dumps(plan))
    policy = parse_policy("rules: [{severity: block, required_tags: [owner]}]", where="p.yml")
    doc = diff(tmp_path / "plan.json", policy=policy)
    assert [(v["address"], v["severity"]) for v in doc["violations"]] == [("aws_instance.web[0]", "block")]
    assert doc["policy"] == "p.yml"
    assert "aws_instance.web[1]" in {f["address"] for f in doc["findings"]}  # findings: the whole after side


def test_a_policy_that_cannot_be_read_and_compare_clouds_with_a_policy_are_refused(tmp_path: Path) -> None:
    root = repo(tmp_path)
    (root / "folder.yml").mkdir()
    r = run("estimate", "envs/preview.yaml", "--policy", "folder.yml", cwd=root)
    assert r.code == EXIT_ERROR and "folder.yml: cannot read the policy file" in r.err
    compare = root / "compare.yaml"
    compare.write_text("resources:\n  - {name: box, type: compute.instance, provider: aws, vcpu: 2, memory_gb: 8}\n")
    r = run("estimate", "--compare-clouds", str(compare), "--policy", "costlib.yml", cwd=root)
    assert r.code == EXIT_ERROR and "--policy applies to what you provision" in r.err
    assert run("estimate", "--compare-clouds", str(compare), cwd=root).code == 0  # the found file is not applied
