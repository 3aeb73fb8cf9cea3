"""Shutdown of expired, opted-in environments: EC2 on moto, Azure and GCE against a loopback receiver."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import boto3
import pytest
from moto import mock_aws

from costlib.daemon.config import load_config
from costlib.daemon.service import Daemon
from costlib.daemon.shutdown import plan_targets, stop_targets
from costlib.policy.alerts import TtlKey
from tests.daemon.receivers import HttpReceiver

AZURE_VM = "/subscriptions/0000-1111/resourceGroups/dev-rg/providers/Microsoft.Compute/virtualMachines/dev-vm-1"
GCE_VM = "//compute.googleapis.com/projects/acme-dev/zones/europe-west1-b/instances/worker-3"


@pytest.fixture
def aws(monkeypatch: pytest.MonkeyPatch) -> Iterator[Any]:
    for key, value in {"AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing",
                       "AWS_DEFAULT_REGION": "eu-west-1"}.items():
        monkeypatch.setenv(key, value)
    with mock_aws():
        yield boto3.client("ec2", region_name="eu-west-1")


def _instances(ec2: Any, n: int) -> list[str]:
    image = ec2.describe_images()["Images"][0]["ImageId"]
    resp = ec2.run_instances(ImageId=image, MinCount=n, MaxCount=n, InstanceType="t3.micro")
    return [i["InstanceId"] for i in resp["Instances"]]


def _state(ec2: Any, instance_id: str) -> str:
    return str(ec2.describe_instances(InstanceIds=[instance_id])["Reservations"][0]["Instances"][0]["State"]["Name"])


@pytest.mark.parametrize(("resource", "expected"), [
    ("arn:aws:ec2:eu-west-1:123456789012:instance/i-0abc12345", ("aws", "i-0abc12345", "eu-west-1")),
    ("arn:aws-us-gov:ec2:us-gov-west-1:1:instance/i-0abc12345", ("aws", "i-0abc12345", "us-gov-west-1")),
    (AZURE_VM, ("azure", "dev-vm-1", None)),
    (GCE_VM, ("gcp", "worker-3", "europe-west1-b")),
    ("projects/acme-dev/zones/us-east1-c/instances/w", ("gcp", "w", "us-east1-c")),
    ("arn:aws:rds:eu-west-1:1:db:orders", None),
    ("i-0abc12345", None),
    ("/subscriptions/s/resourceGroups/rg/providers/Microsoft.Sql/servers/x", None),
])
def test_plan_targets(resource: str, expected: tuple[str, str, str | None] | None) -> None:
    targets, skipped = plan_targets([resource])
    if expected is None:
        assert not targets and skipped[0][0] == resource and skipped[0][1]
    else:
        assert [(t.provider, t.name, t.region) for t in targets] == [expected]


def test_ec2_stop_on_moto(aws: Any) -> None:
    ids = _instances(aws, 2)
    targets, _ = plan_targets([f"arn:aws:ec2:eu-west-1:123456789012:instance/{i}" for i in ids])
    results = stop_targets(targets)
    assert all(r.ok for r in results) and len(results) == 2
    assert {_state(aws, i) for i in ids} <= {"stopping", "stopped"}


def test_ec2_stop_of_a_missing_instance_is_a_clear_failure(aws: Any) -> None:
    targets, _ = plan_targets(["arn:aws:ec2:eu-west-1:123456789012:instance/i-0123456789abcdef0"])
    [result] = stop_targets(targets)
    assert not result.ok and "InvalidInstanceID" in result.message and not result.transient


def test_azure_deallocate_and_gce_stop() -> None:
    r = HttpReceiver().start()
    try:
        targets, _ = plan_targets([AZURE_VM, GCE_VM])
        results = stop_targets(targets, azure_token=lambda: "az-token", gcp_token=lambda: "gcp-token",
                               azure_endpoint=r.url, gcp_endpoint=r.url)
        assert [x.ok for x in results] == [True, True]
        azure, gce = r.received
        assert azure.path == AZURE_VM + "/deallocate?api-version=2024-07-01"
        assert azure.headers["authorization"] == "Bearer az-token"
        assert gce.path == "/compute/v1/projects/acme-dev/zones/europe-west1-b/instances/worker-3/stop"
        assert gce.headers["authorization"] == "Bearer gcp-token"
        r.script = [(503, {}), (403, {})]
        failed = stop_targets(targets, azure_token=lambda: "t", gcp_token=lambda: "t", azure_endpoint=r.url,
                              gcp_endpoint=r.url)
        assert [(x.ok, x.transient) for x in failed] == [(False, True), (False, False)]
        assert "stop permission" in failed[1].message and "t" not in failed[1].message.split(": ")[0][-2:]
    finally:
        r.stop()


INVENTORY = """
environments:
  - name: old-preview
    team: web
    owner: ana
    created_at: 2026-11-01
    tags: {{expires-at: "2026-11-10"{protect}}}
    resource_ids: {ids}
"""


def _daemon(workdir: Path, ids: list[str], *, dry_run: bool, protect: bool = False, extra: list[str] | None = None,
            **shutdown_options: Any) -> Daemon:
    arns = [f"arn:aws:ec2:eu-west-1:123456789012:instance/{i}" for i in ids] + ["arn:aws:s3:::old-preview-logs"]
    arns += extra or []
    (workdir / "envs.yaml").write_text(INVENTORY.format(ids=arns, protect=', do-not-delete: "true"' if protect else ""))
    cfg = workdir / "config.yaml"
    text = cfg.read_text().replace(
        "    - {type: spend_tags, name_tags: [app, env], kind_tag: env, team_tag: team}",
        "    - {type: spend_tags, name_tags: [app, env], kind_tag: env, team_tag: team}\n"
        "    - {type: file, path: envs.yaml}")
    text = text.replace("  idle_days: 5", f"  idle_days: 5\n  shutdown: {{teams: [web], grace: 1d, dry_run: {str(dry_run).lower()}}}")
    cfg.write_text(text)
    return Daemon(load_config(cfg), shutdown_options=shutdown_options)


def _next_day(d: Daemon, days: int = 1) -> None:
    """Move the daemon's pinned evaluation date on (a later cycle)."""
    assert d.config.as_of is not None
    d.config = d.config.model_copy(update={"as_of": d.config.as_of + timedelta(days=days)})


def test_daemon_stops_an_expired_opted_in_environment_once(workdir: Path, aws: Any) -> None:
    ids = _instances(aws, 2)
    d = _daemon(workdir, ids, dry_run=False)
    first = d.run_cycle()  # expired long ago, but first seen now: warn, never stop without a warning
    assert first.shutdowns == [] and {_state(aws, i) for i in ids} == {"running"}
    assert any(isinstance(a.key, TtlKey) and (a.key.environment, a.key.stage) == ("old-preview", "expired")
               for a in first.new_alerts)
    _next_day(d)  # a day later the grace after the warning has passed
    report = d.run_cycle()
    shutdowns = dict(report.shutdowns)
    assert shutdowns["shop-dev"] == []  # the spend-tag environment has no machine ids: nothing to stop, said so
    results = shutdowns["old-preview"]
    assert len(results) == 2 and all(r.ok for r in results)
    assert {_state(aws, i) for i in ids} <= {"stopping", "stopped"}
    actions = {a["environment"]: a for a in d.store.shutdowns()}
    assert actions["shop-dev"]["status"] == "nothing_to_stop"
    action = actions["old-preview"]
    assert action["status"] == "done"
    assert any("not stopped: not a virtual machine" in r["message"] for r in action["results"])  # said out loud
    aws.start_instances(InstanceIds=ids)
    assert d.run_cycle().shutdowns == []  # once per expiry: a restarted environment is not stopped again
    assert {_state(aws, i) for i in ids} <= {"pending", "running"}


def test_dry_run_and_protection_stop_nothing(workdir: Path, aws: Any, caplog: pytest.LogCaptureFixture) -> None:
    ids = _instances(aws, 1)
    caplog.set_level(logging.WARNING, logger="costlib.daemon")
    d = _daemon(workdir, ids, dry_run=True)
    d.run_cycle()
    _next_day(d)
    report = d.run_cycle()
    assert "old-preview" not in dict(report.shutdowns) and _state(aws, ids[0]) == "running"
    assert "old-preview" not in {a["environment"] for a in d.store.shutdowns()}
    assert "would stop old-preview (dry run)" in caplog.text and f"aws {ids[0]}" in caplog.text


def test_protected_environment_is_never_stopped(workdir: Path, aws: Any) -> None:
    ids = _instances(aws, 1)
    d = _daemon(workdir, ids, dry_run=False, protect=True)
    d.run_cycle()
    _next_day(d)
    report = d.run_cycle()
    assert "old-preview" not in dict(report.shutdowns) and _state(aws, ids[0]) == "running"
    assert "old-preview" not in {a["environment"] for a in d.store.shutdowns()}


@pytest.mark.parametrize(("answers", "statuses", "calls"), [
    ([(503, {}), (202, {})], ["pending", "done"], 2),      # a transient failure is retried on the next cycle
    ([(403, {})], ["failed", "failed"], 1),                 # a refusal is final: not retried
])
def test_failed_stop_is_retried_only_when_transient(workdir: Path, answers: list[tuple[int, dict[str, str]]],
                                                    statuses: list[str], calls: int) -> None:
    r = HttpReceiver(script=list(answers)).start()
    try:
        d = _daemon(workdir, [], dry_run=False, extra=[AZURE_VM], azure_token=lambda: "t", azure_endpoint=r.url)
        d.run_cycle()  # the expired warning
        seen = []
        for _ in statuses:
            _next_day(d)
            d.run_cycle()
            seen.append({a["environment"]: a for a in d.store.shutdowns()}["old-preview"]["status"])
        assert seen == statuses and len(r.received) == calls
    finally:
        r.stop()


def test_a_queued_shutdown_is_cancelled_when_the_environment_is_extended(workdir: Path) -> None:
    r = HttpReceiver(script=[(503, {})]).start()
    try:
        d = _daemon(workdir, [], dry_run=False, extra=[AZURE_VM], azure_token=lambda: "t", azure_endpoint=r.url)
        d.run_cycle()
        _next_day(d)
        d.run_cycle()  # the stop got a 503: still pending
        assert {a["environment"]: a for a in d.store.shutdowns()}["old-preview"]["status"] == "pending"
        d.extend("old-preview", "30d")
        _next_day(d)
        d.run_cycle()
        action = {a["environment"]: a for a in d.store.shutdowns()}["old-preview"]
        assert action["status"] == "cancelled" and len(r.received) == 1  # never retried after the extension
    finally:
        r.stop()


def test_one_gone_instance_does_not_keep_the_others_running(aws: Any) -> None:
    (live,) = _instances(aws, 1)
    gone = "i-0123456789abcdef0"
    arn = "arn:aws:ec2:eu-west-1:123456789012:instance/{}"
    targets, _ = plan_targets([arn.format(live), arn.format(gone)])
    results = {r.resource.rsplit("/", 1)[1]: r for r in stop_targets(targets)}
    assert results[live].ok and _state(aws, live) in ("stopping", "stopped")
    assert not results[gone].ok and "InvalidInstanceID" in results[gone].message and not results[gone].transient


def test_an_arn_of_another_account_is_never_sent(aws: Any) -> None:
    (mine,) = _instances(aws, 1)
    targets, _ = plan_targets([f"arn:aws:ec2:eu-west-1:999999999999:instance/{mine}"])
    (result,) = stop_targets(targets)  # moto's caller identity is 123456789012
    assert not result.ok and "account 999999999999 is not the daemon's account 123456789012" in result.message
    assert _state(aws, mine) == "running"

    def no_identity() -> str:
        raise RuntimeError("no credentials")

    targets, _ = plan_targets([f"arn:aws:ec2:eu-west-1:123456789012:instance/{mine}"])
    (result,) = stop_targets(targets, aws_account=no_identity)
    assert not result.ok and "the daemon's AWS account is unknown (RuntimeError)" in result.message
    assert _state(aws, mine) == "running"
