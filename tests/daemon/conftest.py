"""A small self-contained daemon setup: a FOCUS file, a config with budgets, TTLs and a local outbox."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.daemon.receivers import HttpReceiver

ROWS = [
    # day, cost, tags
    *[(f"2026-11-{d:02d}", "10", '{"team": "web", "app": "shop", "env": "dev"}') for d in range(1, 21)],
    *[(f"2026-11-{d:02d}", "1", '{"team": "data", "app": "etl", "env": "prod"}') for d in range(1, 11)],
]

CONFIG = """
state_dir: state
as_of: 2026-11-20
sources:
  - name: files
    type: focus_file
    paths: [spend.csv]
    tag_keys: [team, app, env]
attribution:
  team_tags: [team]
budgets:
  - name: web-monthly
    team: web
    amount: 250
    thresholds: [{percent: 50}, {percent: 100, kind: forecast}]
environments:
  inventory:
    - {type: spend_tags, name_tags: [app, env], kind_tag: env, team_tag: team}
  default_ttl: {dev: 14d}
  warn_before: [3d]
  idle_days: 5
notify:
  channels: [{name: box, type: outbox_dir, path: outbox}]
  fallback: [box]
"""


def write_focus(folder: Path) -> None:
    lines = ["BilledCost,BillingCurrency,ChargePeriodStart,ChargePeriodEnd,ChargeCategory,ProviderName,ServiceName,Tags"]
    for day, cost, tags in ROWS:
        lines.append(f'{cost},USD,{day} 00:00:00,{day} 23:00:00,Usage,AWS,EC2,"{tags.replace(chr(34), chr(34) * 2)}"')
    (folder / "spend.csv").write_text("\n".join(lines) + "\n")


@pytest.fixture
def workdir(tmp_path: Path) -> Path:
    write_focus(tmp_path)
    (tmp_path / "config.yaml").write_text(CONFIG)
    return tmp_path


@pytest.fixture
def receiver() -> Iterator[HttpReceiver]:
    r = HttpReceiver().start()
    yield r
    r.stop()
