"""The TTL alert and ``costlib env list`` say the time left the same way (one formatter, rounded down): the list
showed ``0d0h`` while the alert said ``expires in 1d`` (its warning stage, not the time left)."""

from __future__ import annotations

from pathlib import Path

from tests.cli.conftest import run

CONFIG = """state_dir: state
as_of: 2026-11-20
sources:
  - {name: f, type: focus_file, paths: [spend.csv], tag_keys: [team]}
environments:
  inventory:
    - {type: file, path: envs.yaml}
  warn_before: [3d, 1d]
  idle_days: null
notify:
  channels: [{name: box, type: outbox_dir, path: outbox}]
  fallback: [box]
"""
ENVS = """environments:
  - {name: pr-1, team: web, owner: ana, created_at: "2026-11-18T00:00:00Z", tags: {ttl: 3d}}
  - {name: pr-2, team: web, owner: ana, created_at: "2026-11-19T12:00:00Z", tags: {ttl: 3d}}
"""


def test_alert_and_env_list_say_the_same_time_left(tmp_path: Path) -> None:
    (tmp_path / "spend.csv").write_text("BilledCost,BillingCurrency,ChargePeriodStart,ChargePeriodEnd,ProviderName,Tags\n"
                                        '1,USD,2026-11-19 00:00:00,2026-11-20 00:00:00,AWS,"{""team"": ""web""}"\n')
    (tmp_path / "envs.yaml").write_text(ENVS)
    config = tmp_path / "c.yaml"
    config.write_text(CONFIG)
    cycle = run("daemon", "run", "--config", str(config), "--once")
    assert cycle.code == 0, cycle.err + cycle.out
    # the evaluation moment is the end of as_of (23:59): pr-1 expires at midnight, pr-2 a day and a half later
    assert "web: pr-1 expires in 1m (2026-11-21)" in cycle.out
    assert "web: pr-2 expires in 1d 12h (2026-11-22)" in cycle.out
    listing = run("env", "list", "--config", str(config))
    assert listing.code == 0, listing.err
    rows = {line.split()[0]: line.split() for line in listing.out.splitlines()[1:]}
    assert rows["pr-1"][-1] == "1m" and rows["pr-2"][-2:] == ["1d", "12h"]
