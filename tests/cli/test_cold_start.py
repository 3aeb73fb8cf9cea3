"""``costlib estimate plan.json`` imports what it needs and nothing else: the table renderer, YAML, DuckDB, HTTP
clients, the daemon's stack and the readers of code without a plan come in on first use (a cold start pays for
every module it imports; the figures are in BENCHMARKS.md, measured by benchmarks/bench_cold.py)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]

#: never imported to print a plan's estimate as JSON (top-level packages, and costlib modules by prefix)
NOT_NEEDED = ["rich", "yaml", "duckdb", "httpx", "fastapi", "starlette", "uvicorn", "jinja2", "prometheus_client",
              "apscheduler", "tfparse", "cfnlint", "hcl2", "pydantic_settings", "boto3", "botocore", "ijson",
              "costlib.daemon", "costlib.spend.", "costlib.inputs.hcl", "costlib.inputs.cloudformation",
              "costlib.inputs.terragrunt", "costlib.policy.guardrails", "costlib.policy.budgets", "costlib.policy.ttl",
              "costlib.catalog.refresh", "costlib.catalog.ingest.", "difflib", "gzip", "html"]

CHILD = """
import contextlib, io, json, sys
from costlib.cli.main import main
out = io.StringIO()
with contextlib.redirect_stdout(out):
    try:
        main(sys.argv[2:])
    except SystemExit as exc:
        code = exc.code
doc = json.loads(out.getvalue())
with open(sys.argv[1], "w") as fh:
    json.dump({"code": code, "modules": sorted(sys.modules), "total": doc["total_monthly_cost"]}, fh)
"""


def _modules(tmp_path: Path, *args: str) -> dict[str, object]:
    result = tmp_path / "modules.json"
    proc = subprocess.run([sys.executable, "-c", CHILD, str(result), *args], cwd=REPO, capture_output=True,
                          text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    found: dict[str, object] = json.loads(result.read_text())
    return found


def _unneeded(modules: object) -> list[str]:
    assert isinstance(modules, list)
    return sorted(m for m in modules for prefix in NOT_NEEDED
                  if m == prefix or m.startswith(prefix if prefix.endswith(".") else prefix + "."))


def test_estimating_a_plan_as_json_imports_only_the_estimate_path(tmp_path: Path) -> None:
    found = _modules(tmp_path, "estimate", "examples/plan.json", "--format", "json")
    assert found["code"] == 0 and found["total"]
    assert _unneeded(found["modules"]) == []


def test_a_policy_file_brings_its_reader_in_when_there_is_one(tmp_path: Path) -> None:
    """The lazy imports keep each feature: with a policy, its YAML reader is imported and the policy applied."""
    found = _modules(tmp_path, "estimate", "examples/plan.json", "--format", "json", "--policy",
                     "examples/policy.yml")
    assert "costlib.policy.guardrails" in found["modules"] and "yaml" in found["modules"]  # type: ignore[operator]


def test_the_package_names_are_imported_on_first_use_and_stay_the_functions(tmp_path: Path) -> None:
    code = ("import sys, costlib\n"
            "assert 'costlib.models' not in sys.modules and 'pydantic' not in sys.modules, sorted(sys.modules)\n"
            "import costlib.estimate, costlib.diff, costlib.policy, costlib.spend\n"
            "assert callable(costlib.estimate) and callable(costlib.diff), (costlib.estimate, costlib.diff)\n"
            "from costlib.estimate import price_specs\n"
            "assert costlib.estimate.__module__ == 'costlib.estimate' and costlib.Money.__name__ == 'Money'\n"
            "assert costlib.policy.Budget.__name__ == 'Budget' and costlib.spend.SpendRecord.__name__ == 'SpendRecord'\n"
            "assert set(costlib.__all__) <= set(dir(costlib))\n"
            "try:\n    costlib.nothing\nexcept AttributeError:\n    pass\nelse:\n    raise SystemExit('no error')\n")
    proc = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
