"""The daemon end to end: a cycle, exactly-once delivery across crashes, the single-daemon lock, the CLI."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner

from costlib.cli.main import cli
from costlib.daemon.checkpoints import CHECKPOINTS
from costlib.daemon.config import load_config
from costlib.daemon.service import Daemon
from costlib.daemon.snapshot import View
from costlib.daemon.state import StateStore
from costlib.errors import StateError
from costlib.money import Money


def view_json(daemon: Daemon) -> dict[str, Any]:
    view = daemon.view()
    assert view is not None
    return view.to_json()


REPO = Path(__file__).resolve().parents[2]


def run_once(workdir: Path, fault: str | None = None, nth: int = 1) -> subprocess.CompletedProcess[str]:
    """``costlib daemon run --once``; with ``fault``, killed (exit 137) at that checkpoint by the test plugin."""
    cli_args = ["daemon", "run", "--config", str(workdir / "config.yaml"), "--once"]
    command = ["-m", "tests.daemon.crashpoint", fault, str(nth), "--", *cli_args] if fault else ["-m", "costlib", *cli_args]
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    return subprocess.run([sys.executable, *command], capture_output=True, text=True, env=env, cwd=workdir, timeout=120)


def delivered(workdir: Path) -> list[str]:
    return sorted(p.stem for p in (workdir / "outbox").glob("*.json"))


def test_cycle_records_and_delivers_once(workdir: Path) -> None:
    daemon = Daemon(load_config(workdir / "config.yaml"))
    report = daemon.run_cycle()
    kinds = sorted(a.kind.value for a in report.new_alerts)
    assert kinds == ["budget_actual", "budget_forecast", "idle", "ttl_expired"], kinds  # etl-prod idle; shop-dev 14d TTL
    assert report.delivery.sent == 4 and len(delivered(workdir)) == 4
    again = daemon.run_cycle()
    assert again.new_alerts == [] and again.delivery.sent == 0
    snap = daemon.store.snapshot()
    assert snap is not None
    web = next(b for b in snap.budgets if b.name == "web-monthly")
    assert web.actual == Money("200", "USD") and web.crossed == ("actual 50%", "forecast 100%")
    body = json.loads((workdir / "outbox" / f"{delivered(workdir)[0]}.json").read_text())
    assert isinstance(body["figures"]["budget"]["amount"], str)


@pytest.mark.slow
def test_crash_between_recording_and_sending_loses_nothing(workdir: Path) -> None:
    crashed = run_once(workdir, fault="recorded")
    assert crashed.returncode == 137, crashed.stderr
    assert delivered(workdir) == []
    ledger = StateStore(workdir / "state" / "state.db").ledger()
    assert len(ledger) == 4  # recorded before any send
    resumed = run_once(workdir)
    assert resumed.returncode == 0, resumed.stderr
    assert "0 new alerts, 4 messages delivered" in resumed.stdout
    assert len(delivered(workdir)) == 4
    third = run_once(workdir)
    assert "0 new alerts, 0 messages delivered" in third.stdout


@pytest.mark.slow
def test_crash_after_send_before_mark_delivers_once_per_id(workdir: Path) -> None:
    crashed = run_once(workdir, fault="sent")
    assert crashed.returncode == 137
    first = delivered(workdir)
    assert len(first) == 1  # one message went out, then the process died before marking it sent
    resumed = run_once(workdir)
    assert resumed.returncode == 0, resumed.stderr
    ids = delivered(workdir)
    assert len(ids) == 4 and len(set(ids)) == 4  # the re-sent message carried the same id: no duplicate
    with StateStore(workdir / "state" / "state.db").connect() as conn:
        assert conn.execute("SELECT count(*) FROM outbox_messages WHERE status='sent'").fetchone()[0] == 4


@pytest.mark.slow
@pytest.mark.parametrize(("point", "nth"), [(p, 1) for p in CHECKPOINTS] + [("sent", 3), ("marked", 2)])
def test_a_crash_at_any_checkpoint_loses_no_alert_and_sends_none_twice(workdir: Path, point: str, nth: int) -> None:
    """Killed at every checkpoint of a cycle (and mid-way through delivering several messages), the next run
    delivers every recorded alert exactly once: one outbox file per message id, and the ledger's every alert in
    one of them."""
    crashed = run_once(workdir, fault=point, nth=nth)
    assert crashed.returncode == 137, crashed.stdout + crashed.stderr
    for _ in range(2):
        resumed = run_once(workdir)
        assert resumed.returncode == 0, resumed.stderr
    store = StateStore(workdir / "state" / "state.db")
    try:
        ledger = {a["id"] for a in store.ledger()}
        with store.connect() as conn:
            messages = dict(conn.execute("SELECT id, status FROM outbox_messages").fetchall())
    finally:
        store.close()
    files = [json.loads(p.read_text()) for p in (workdir / "outbox").glob("*.json")]
    ids = [f["id"] for f in files]
    assert len(ids) == len(set(ids)) == len(messages), ids  # 0 duplicated
    assert set(messages.values()) == {"sent"}
    assert {a["id"] for f in files for a in f["alerts"]} == ledger and len(ledger) == 4  # 0 lost


@pytest.mark.slow
def test_second_daemon_refuses_to_start(workdir: Path) -> None:
    holder = StateStore(workdir / "state" / "state.db", lock=True)
    try:
        with pytest.raises(StateError, match="another costlib daemon"):
            StateStore(workdir / "state" / "state.db", lock=True)
        other = run_once(workdir)
        assert other.returncode == 1 and "another costlib daemon" in other.stderr
    finally:
        holder.close()
    assert run_once(workdir).returncode == 0


def test_cli_status_list_and_extend(workdir: Path) -> None:
    config = str(workdir / "config.yaml")
    runner = CliRunner()
    first = runner.invoke(cli, ["budgets", "status", "--config", config])
    assert first.exit_code == 1 and "daemon run --once" in first.output
    assert runner.invoke(cli, ["daemon", "run", "--config", config, "--once"]).exit_code == 0
    status = runner.invoke(cli, ["budgets", "status", "--config", config, "--format", "json"])
    assert status.exit_code == 0 and json.loads(status.output)["budgets"][0]["name"] == "web-monthly"
    envs = runner.invoke(cli, ["env", "list", "--cost", "--config", config])
    assert envs.exit_code == 0 and "shop-dev" in envs.output and "spend run-rate" in envs.output
    extended = runner.invoke(cli, ["env", "extend", "shop-dev", "7d", "--config", config])
    assert extended.exit_code == 0 and "now expires 2026-11-27" in extended.output
    runner.invoke(cli, ["daemon", "run", "--config", config, "--once"])
    after = json.loads(runner.invoke(cli, ["env", "list", "--config", config, "--format", "json"]).output)
    shop = next(e for e in after["environments"] if e["name"] == "shop-dev")
    assert shop["expiry_source"] == "extended"
    missing = runner.invoke(cli, ["env", "extend", "nope", "7d", "--config", config])
    assert missing.exit_code == 1 and "no environment named 'nope'" in missing.output


def test_extensions_add_up_never_shorten_and_show_at_once(workdir: Path) -> None:
    config = str(workdir / "config.yaml")
    runner = CliRunner()
    assert runner.invoke(cli, ["daemon", "run", "--config", config, "--once"]).exit_code == 0

    def expiry() -> str:
        out = runner.invoke(cli, ["env", "list", "--config", config, "--format", "json"]).output
        return str(next(e for e in json.loads(out)["environments"] if e["name"] == "shop-dev")["expires_at"])

    first = runner.invoke(cli, ["env", "extend", "shop-dev", "7d", "--config", config])
    assert "now expires 2026-11-27" in first.output and expiry().startswith("2026-11-27")  # no new cycle needed
    second = runner.invoke(cli, ["env", "extend", "shop-dev", "7d", "--config", config])
    assert "now expires 2026-12-04" in second.output and expiry().startswith("2026-12-04")
    shorter = runner.invoke(cli, ["env", "extend", "shop-dev", "1d", "--config", config])
    assert "now expires 2026-12-05" in shorter.output  # from the latest expiry, never back from the snapshot's
    for bad in ("0d", "forever"):
        refused = runner.invoke(cli, ["env", "extend", "shop-dev", bad, "--config", config])
        assert refused.exit_code == 1 and "a positive, finite duration" in refused.output, refused.output
    assert runner.invoke(cli, ["daemon", "run", "--config", config, "--once"]).exit_code == 0
    assert expiry().startswith("2026-12-05")  # the next evaluation agrees
    snooze = runner.invoke(cli, ["env", "snooze", "nonexistent", "1d", "--config", config])
    assert snooze.exit_code == 1 and "no environment named 'nonexistent'" in snooze.output


def test_a_running_daemon_picks_up_a_cli_extension(workdir: Path) -> None:
    running = Daemon(load_config(workdir / "config.yaml"))
    running.run_cycle()

    def shop(view: View | None) -> str:
        assert view is not None
        return str(next(e for e in view.to_json()["environments"] if e["name"] == "shop-dev")["expires_at"])

    before = shop(running.view())
    cli_side = Daemon(load_config(workdir / "config.yaml"))  # what `costlib env extend` builds
    until = cli_side.extend("shop-dev", "7d")
    assert shop(running.view()) == before  # the running daemon's view is from before the change...
    running.deliver()  # ...until its next minute tick sees the revision move
    assert shop(running.view()) == until.isoformat()
    cli_side.store.close()
    running.store.close()


def test_cli_and_api_list_the_alert_ledger(workdir: Path) -> None:
    config = str(workdir / "config.yaml")
    runner = CliRunner()
    assert runner.invoke(cli, ["alerts", "list", "--config", config]).output == "no alerts recorded yet\n"
    assert runner.invoke(cli, ["daemon", "run", "--config", config, "--once"]).exit_code == 0
    table = runner.invoke(cli, ["alerts", "list", "--config", config]).output.splitlines()
    assert table[0].split() == ["when", "(UTC)", "severity", "team", "alert"] and len(table) == 5
    assert table[1].startswith("2026-11-20 23:59  ")

    def ids(*args: str) -> list[str]:
        out = runner.invoke(cli, ["alerts", "list", "--config", config, "--format", "json", *args])
        assert out.exit_code == 0, out.output
        return [a["id"] for a in json.loads(out.output)["alerts"]]

    assert ids("--team", "web") == ["budget:web-monthly:2026-11-01:actual:50%#1",
                                    "budget:web-monthly:2026-11-01:forecast:100%#1",
                                    "ttl:shop-dev:2026-11-15T00:00:00+00:00:expired"]
    assert ids("--kind", "idle") == ["idle:etl-prod:2026-11-11"]
    assert ids("--limit", "1") == ["ttl:shop-dev:2026-11-15T00:00:00+00:00:expired"]  # the newest
    assert ids("--team", "nobody") == []
    assert runner.invoke(cli, ["alerts", "list", "--config", config, "--limit", "0"]).exit_code == 2
    assert runner.invoke(cli, ["alerts", "list", "--config", config, "--kind", "idel"]).exit_code == 2  # typo
    nobody = runner.invoke(cli, ["budgets", "status", "--config", config, "--team", "nobody"])
    assert nobody.output == "no budget for team 'nobody'; budgets exist for: web\n"

    from fastapi.testclient import TestClient

    from costlib.daemon.api import create_app

    daemon = Daemon(load_config(workdir / "config.yaml"))
    api = TestClient(create_app(daemon))
    assert [a["id"] for a in api.get("/v1/alerts", params={"kind": "idle"}).json()["alerts"]] == ids("--kind", "idle")
    assert len(api.get("/v1/alerts").json()["alerts"]) == 4
    assert api.get("/v1/alerts", params={"limit": 0}).status_code == 422
    daemon.store.close()


def test_failed_source_is_health_not_a_crash(workdir: Path) -> None:
    (workdir / "spend.csv").unlink()
    daemon = Daemon(load_config(workdir / "config.yaml"))
    report = daemon.run_cycle()
    assert report.polled == {"files": "invalid_config"} and not report.ok
    polls = daemon.store.polls()
    assert polls[0].errors_total == 1 and "no file matches" in str(polls[0].message)


def test_failed_poll_reaches_the_view_without_an_evaluation(workdir: Path) -> None:
    daemon = Daemon(load_config(workdir / "config.yaml"))
    daemon.run_cycle()
    assert [s["errors_total"] for s in view_json(daemon)["sources"]] == [0]
    (workdir / "spend.csv").unlink()
    assert daemon.poll_source("files") == "invalid_config"
    source = view_json(daemon)["sources"][0]
    assert source["errors_total"] == 1 and "no file matches" in source["message"]


def test_per_provider_month_to_date_adds_up_to_the_team_total_with_credits(workdir: Path) -> None:
    rows = [("12.40", "Usage", "AWS", "2026-11-03"), ("-30.00", "Credit", "AWS", "2026-11-04"),
            ("7.15", "Usage", "Microsoft", "2026-11-05"), ("-2.15", "Adjustment", "Microsoft", "2026-11-06"),
            ("99.00", "Usage", "Google Cloud", "2026-10-31"),  # last month: in neither figure
            ("-0.01", "Credit", "Google Cloud", "2026-11-20"), ("5.00", "Usage", "AWS", "2026-11-21")]  # 21st: future
    lines = ["BilledCost,BillingCurrency,ChargePeriodStart,ChargePeriodEnd,ChargeCategory,ProviderName,ServiceName,Tags"]
    lines += [f'{c},USD,{d} 00:00:00,{d} 23:00:00,{cat},{p},Svc,"{{""team"": ""lab""}}"' for c, cat, p, d in rows]
    (workdir / "spend.csv").write_text("\n".join(lines) + "\n")
    daemon = Daemon(load_config(workdir / "config.yaml"))
    daemon.run_cycle()
    lab = next(t for t in view_json(daemon)["teams"] if t["team"] == "lab")
    assert {p: Decimal(v) for p, v in lab["by_provider"].items()} == {
        "AWS": Decimal("-17.60"), "Google Cloud": Decimal("-0.01"), "Microsoft": Decimal("5.00")}
    assert sum(Decimal(v) for v in lab["by_provider"].values()) == Decimal(lab["month_to_date"]) == Decimal("-12.61")
    assert Decimal(lab["credits"]) == Decimal("-32.16")


def test_two_clouds_billing_in_two_currencies_add_up_in_the_config_currency(workdir: Path) -> None:
    lines = ["BilledCost,BillingCurrency,ChargePeriodStart,ChargePeriodEnd,ChargeCategory,ProviderName,ServiceName,Tags",
             "100,USD,2026-11-03 00:00:00,2026-11-03 23:00:00,Usage,AWS,EC2,NULL",
             "50,EUR,2026-11-04 00:00:00,2026-11-04 23:00:00,Usage,Microsoft,VMs,NULL"]  # both untagged
    (workdir / "spend.csv").write_text("\n".join(lines) + "\n")
    daemon = Daemon(load_config(workdir / "config.yaml"))
    assert daemon.run_cycle().polled == {"files": "ok"}
    team = next(t for t in view_json(daemon)["teams"] if t["team"] == "unallocated")
    eur = daemon.fx.convert(Money("50", "EUR"), "USD").amount
    assert Decimal(team["month_to_date"]) == Decimal(100) + eur and team["currency"] == "USD"
    assert Decimal(team["by_provider"]["Microsoft"]) == eur


def test_an_environment_found_in_spend_keeps_its_first_seen_time(workdir: Path) -> None:
    """The polled window moves on; the creation time (and so the expiry and its alert keys) must not."""
    daemon = Daemon(load_config(workdir / "config.yaml"))
    daemon.poll_source("files")
    records = daemon.poller.records["files"]
    first = {e.name: e.created_at for e in daemon.environments(date(2026, 11, 20))}
    assert first["shop-dev"] == datetime(2026, 11, 1, tzinfo=UTC)
    daemon.poller.keep("files", [r for r in records if r.charge_date.day >= 10])  # a later window
    later = {e.name: e.created_at for e in daemon.environments(date(2026, 11, 20))}
    assert later["shop-dev"] == datetime(2026, 11, 1, tzinfo=UTC)
    daemon.store.close()


def test_a_budget_in_another_currency_is_evaluated_on_converted_spend(workdir: Path) -> None:
    cfg = workdir / "config.yaml"
    cfg.write_text(cfg.read_text().replace(
        "budgets:\n", "budgets:\n  - name: web-eur\n    team: web\n    amount: 150\n    currency: EUR\n"
        "    thresholds: [{percent: 50}]\n"))
    daemon = Daemon(load_config(cfg))
    report = daemon.run_cycle()  # one EUR budget used to stop every alert of the cycle
    keys = {a.id for a in report.new_alerts}
    assert "budget:web-eur:2026-11-01:actual:50%#1" in keys and "budget:web-monthly:2026-11-01:actual:50%#1" in keys
    eur = next(b for b in view_json(daemon)["budgets"] if b["name"] == "web-eur")
    expected = daemon.fx.convert(Money("200", "USD"), "EUR").amount  # converted per day: equal to 20 places
    # the snapshot writes it as JSON amounts are written: at most 12 decimal places (money.PLAIN_PLACES)
    assert eur["currency"] == "EUR" and abs(Decimal(eur["actual"]) - expected) <= Decimal("0.5e-12")
    daemon.store.close()


def test_environment_budgets_watch_that_environment_only(workdir: Path) -> None:
    cfg = workdir / "config.yaml"
    cfg.write_text(cfg.read_text().replace("budgets:\n", (
        "budgets:\n"
        "  - {name: shop-dev-env, team: web, environment: shop-dev, amount: 150, thresholds: [{percent: 100}]}\n"
        "  - {name: etl-env, team: data, environment: etl-prod, amount: 100, thresholds: [{percent: 50}]}\n"
        "  - {name: typo-env, team: data, environment: no-such-env, amount: 100, thresholds: [{percent: 50}]}\n")))
    daemon = Daemon(load_config(cfg))
    alerts = {a.id: a for a in daemon.run_cycle().new_alerts}
    shop = alerts["budget:shop-dev-env:2026-11-01:actual:100%#1"]  # shop-dev spent 200 of 150
    assert shop.team == "web" and shop.title.startswith("environment shop-dev: spend is above 100%")
    assert not any(k.startswith(("budget:etl-env", "budget:typo-env")) for k in alerts)  # 10 of 100; nothing
    by_name = {b["name"]: b for b in view_json(daemon)["budgets"]}
    assert Decimal(by_name["shop-dev-env"]["actual"]) == 200 and by_name["shop-dev-env"]["environment"] == "shop-dev"
    assert Decimal(by_name["etl-env"]["actual"]) == 10 and Decimal(by_name["typo-env"]["actual"]) == 0
    daemon.store.close()


def test_on_the_live_clock_today_is_never_a_complete_day(workdir: Path) -> None:
    config = load_config(workdir / "config.yaml")
    pinned = Daemon(config)
    pinned.poll_source("files")
    assert pinned.complete_through(date(2026, 11, 20)) == date(2026, 11, 20)  # pinned: the data's last day
    live = Daemon(config.model_copy(update={"as_of": None}), store=pinned.store)
    live.poller.keep("files", pinned.poller.records["files"])
    today = datetime.now(UTC).date()
    assert live.complete_through(today) == min(date(2026, 11, 20), today - timedelta(days=1))
    pinned.store.close()


def test_aws_tagging_inventory_with_moto() -> None:
    import boto3
    from moto import mock_aws

    from costlib.daemon.inventory import from_aws_tagging

    with mock_aws():
        ec2 = boto3.client("ec2", region_name="eu-west-1")
        image = ec2.describe_images()["Images"][0]["ImageId"]
        for env_name in ("pr-1", "pr-1", "pr-2"):
            ec2.run_instances(ImageId=image, MinCount=1, MaxCount=1, InstanceType="t3.micro",
                              TagSpecifications=[{"ResourceType": "instance", "Tags": [
                                  {"Key": "environment", "Value": env_name}, {"Key": "team", "Value": "web"},
                                  {"Key": "owner", "Value": "ana"}, {"Key": "ttl", "Value": "3d"}]}])
        envs = from_aws_tagging(region="eu-west-1")
    assert [(e.name, len(e.resources), e.team, e.owner) for e in envs] == [("pr-1", 2, "web", "ana"),
                                                                          ("pr-2", 1, "web", "ana")]


@pytest.mark.shared_data
def test_the_example_config_runs_and_warns(shared_data: Path, tmp_path: Path) -> None:
    """config.example.yaml on the real FOCUS sample instead of the demo's spend (its own copy: the sample's teams,
    tags, date and amounts, state in a temp folder): one cycle finds real budgets crossed, TTL and idle warnings,
    and writes them to the outbox folder."""
    repo = Path(__file__).resolve().parents[2]
    doc = yaml.safe_load((repo / "config.example.yaml").read_text())
    doc["state_dir"] = str(tmp_path / "state")
    doc["as_of"] = "2024-09-30"  # the sample's month
    doc["sources"][0].update(paths=[str(shared_data / "focus" / "focus_1_0_sample_1000_real.csv")],
                             group_by=["ServiceName", "SubAccountId"],
                             tag_keys=["business_unit", "application", "environment"])
    doc["attribution"] = {"team_tags": ["team", "business_unit"],
                          "rules": [{"team": "platform", "accounts": ["86259583660"]}],
                          "shared": [{"match": {"services": ["Amazon Virtual Private Cloud"]},
                                      "teams": ["platform", "PeoriaData"], "split": "proportional"}]}
    doc["budgets"] = [{"name": "peoria-data-monthly", "team": "PeoriaData", "amount": 12,
                       "thresholds": [{"percent": 80}, {"percent": 100}, {"percent": 100, "kind": "forecast"}]},
                      {"name": "company-monthly", "amount": 25,
                       "thresholds": [{"percent": 50}, {"amount": 40, "kind": "forecast"}]}]
    env = doc["environments"]
    env["inventory"][0].update(name_tags=["application", "environment"], kind_tag="environment", team_tag="business_unit")
    env["inventory"][1]["path"] = str(tmp_path / "inventory.yaml")
    (tmp_path / "inventory.yaml").write_text(
        "environments:\n"
        "  - {name: pr-1842-preview, team: PeoriaData, kind: preview, created_at: 2024-09-28, tags: {ttl: 3d}}\n"
        "  - {name: load-test-sept, team: platform, kind: dev, created_at: 2024-09-02, last_activity: 2024-09-20,\n"
        "     tags: {expires-at: '2024-09-25'}}\n")
    env["default_ttl"] = {"dev": "14d", "preview": "3d", "prod": "forever"}
    env["shutdown"]["teams"] = ["PeoriaData"]
    doc["notify"]["channels"][0]["path"] = str(tmp_path / "outbox")
    config = tmp_path / "config.yaml"
    config.write_text(yaml.safe_dump(doc))
    result = CliRunner().invoke(cli, ["daemon", "run", "--config", str(config), "--once"])
    assert result.exit_code == 0, result.output
    alerts = json.loads(CliRunner().invoke(cli, ["alerts", "list", "--config", str(config), "--format", "json"]).output)
    kinds = {a["kind"] for a in alerts["alerts"]}
    assert {"budget_actual", "budget_forecast", "ttl_warning", "ttl_expired", "idle"} <= kinds, kinds
    assert "shutdown" not in kinds  # the first cycle warns; a shutdown waits for grace after the warning
    assert len(list((tmp_path / "outbox").glob("*.json"))) >= 1
    status = json.loads(CliRunner().invoke(cli, ["budgets", "status", "--config", str(config), "--format",
                                                  "json"]).output)
    assert {b["name"] for b in status["budgets"]} >= {"peoria-data-monthly", "company-monthly"}


def test_a_poll_that_counted_bad_rows_with_a_warning_shows_it_in_the_source_health(workdir: Path) -> None:
    """on_bad_rows: warn (issue 18): a blank BilledCost is counted as 0, and the warning is the source's message."""
    spend = workdir / "spend.csv"
    spend.write_text(spend.read_text() + ',USD,2026-11-20 00:00:00,2026-11-20 23:00:00,Usage,AWS,EC2,"{}"\n')
    config = workdir / "config.yaml"
    config.write_text(config.read_text().replace("    tag_keys: [team, app, env]\n",
                                                 "    tag_keys: [team, app, env]\n    on_bad_rows: warn\n"))
    daemon = Daemon(load_config(config))
    assert daemon.poll_source("files") == "ok"
    (source,) = daemon.store.polls()
    assert source.message == f"1 row with a blank BilledCost counted as 0 (first: {spend}:32)"
