"""Usage files as users of other tools write them, and the template costlib writes for a plan."""

from __future__ import annotations

import re
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import yaml

import costlib
from costlib.inputs import load_resources, load_usage
from costlib.inputs.usage_template import usage_template

REPO = Path(__file__).resolve().parents[2]
PLAN = REPO / "examples" / "plan.json"


def test_nested_sections_words_booleans_monthly_hrs_and_wildcards(tmp_path: Path) -> None:
    usage = tmp_path / "usage.yml"
    usage.write_text("""
version: 0.1
resource_type_default_usage:
  aws_instance:
    operating_system: windows          # a word
    monthly_hrs: 365                   # half the month
resource_usage:
  "aws_instance.web[*]":
    reserved_instance_type: standard
    reserved_instance_term: 1_year
    reserved_instance_payment_option: no_upfront
    root_block_device:                  # a nested section
      monthly_standard_io_requests: 1000
  aws_s3_bucket.assets:
    standard:                           # per storage class
      storage_gb: 100
    glacier_flexible_retrieval:
      storage_gb: 1000
  aws_eks_cluster.main:
    extended_support: true              # a boolean
  aws_nat_gateway.egress:
    monthly_data_processed_gb: 10
    montly_data_processed_gb: 20        # a typo: a warning, never a refusal of the file
""")
    est = costlib.estimate([PLAN], usage=usage)
    by = {r.address: r for r in est.resources}
    web = by["aws_instance.web[0]"]
    names = [c.name for c in web.components]
    assert any("Windows, reserved 1 year no upfront" in n for n in names), names
    assert web.components[0].component.monthly_quantity == Decimal(365)
    s3 = [c.name for c in by["aws_s3_bucket.assets"].components]
    assert "Storage (STANDARD)" in s3 and "Storage (GLACIER)" in s3
    assert any("montly_data_processed_gb" in w and "aws_nat_gateway.egress" in w for w in est.warnings), est.warnings
    assert not any("monthly_data_processed_gb'" in w for w in est.warnings)


def test_a_word_where_a_number_belongs_is_named_with_the_file_and_key(tmp_path: Path) -> None:
    import pytest

    from costlib.errors import InputError

    usage = tmp_path / "usage.yml"
    usage.write_text("resource_usage:\n  aws_lambda_function.api:\n    monthly_requests: lots\n")
    with pytest.raises(InputError, match=r"usage.yml: resource_usage.aws_lambda_function.api.monthly_requests: "
                                         r"'lots' is not a number"):
        load_usage(usage)
    usage.write_text("resource_usage:\n  aws_lambda_function.api:\n    monthly_requests: 1e999999\n")
    with pytest.raises(InputError, match="monthly_requests"):
        load_usage(usage)


def test_template_lists_real_keys_and_changes_nothing_until_filled(tmp_path: Path) -> None:
    specs = load_resources(PLAN)
    text = usage_template(specs)
    doc = yaml.safe_load(text)
    assert set(doc) == {"version", "resource_usage"}
    assert "aws_instance.web[*]" in doc["resource_usage"] or "aws_instance.web[*]" in text
    path = tmp_path / "template.yml"
    path.write_text(text)
    base = costlib.estimate([PLAN])
    same = costlib.estimate([PLAN], usage=path)
    assert same.total_monthly_cost == base.total_monthly_cost
    # every commented top-level key, filled in, is a key its type reads: no "is not used" warning
    filled = re.sub(r"^(    )# ([a-z0-9_]+): (0|~)(  #.*)?$",
                    lambda m: f"{m.group(1)}{m.group(2)}: {1 if m.group(3) == '0' else 'null'}", text, flags=re.M)
    path.write_text(filled)
    est = costlib.estimate([PLAN], usage=path)
    assert [w for w in est.warnings if "is not used" in w] == []
    assert est.summary["usage_based"] == 0 < base.summary["usage_based"]  # usage-based components now have figures


def test_cli_writes_the_template_and_never_overwrites(tmp_path: Path) -> None:
    out = tmp_path / "usage.yml"
    cmd = [sys.executable, "-m", "costlib", "usage", "template", str(PLAN), "--output", str(out)]
    first = subprocess.run(cmd, capture_output=True, text=True, check=False)
    assert first.returncode == 0, first.stderr
    assert "aws_nat_gateway.egress:" in out.read_text()
    again = subprocess.run(cmd, capture_output=True, text=True, check=False)
    assert again.returncode == 1 and "exists" in again.stderr
