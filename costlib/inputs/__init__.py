"""Inputs: Terraform plan JSON, Terraform directories, CloudFormation templates, resource spec files and usage
files -> resource specs.

- :func:`load_resources` — any supported file (plan JSON or spec YAML/JSON), by content, or infrastructure code
  (a Terraform directory or ``.tf`` file, a ``terragrunt.hcl``, a CloudFormation template: :mod:`costlib.inputs.code`).
- :func:`~costlib.inputs.terraform.plan_specs`, :func:`~costlib.inputs.terraform.plan_changes`
- :func:`~costlib.inputs.specfile.load_spec_file`
- :class:`~costlib.inputs.usage.Usage`, :func:`~costlib.inputs.usage.load_usage`
"""

from __future__ import annotations

import json
from pathlib import Path

from costlib.errors import InputError
from costlib.inputs._files import read_input
from costlib.inputs.code import SourceOptions, is_code, load_code
from costlib.inputs.specfile import load_spec_file
from costlib.inputs.terraform import load_plan, plan_changes, plan_specs
from costlib.inputs.usage import Usage, load_usage
from costlib.models import ResourceSpec

__all__ = ["SourceOptions", "Usage", "load_code", "load_plan", "load_resources", "load_spec_file", "load_usage",
           "plan_changes", "plan_specs"]


def load_resources(path: str | Path, options: SourceOptions | None = None) -> list[ResourceSpec]:
    """Specs from a Terraform plan or state JSON (``terraform show -json``: has ``format_version``), a spec file
    (has ``resources``), or code (:func:`~costlib.inputs.code.load_code`, which ``options`` are for)."""
    path = Path(path)
    if is_code(path):
        return load_code(path, options)
    if path.suffix == ".json":
        try:
            head = json.loads(read_input(path))
        except json.JSONDecodeError as exc:
            raise InputError(f"not valid JSON: {exc.msg}", where=f"{path}:{exc.lineno}:{exc.colno}") from None
        is_state = "serial" in head or "terraform_version" in head if isinstance(head, dict) else False
        if isinstance(head, dict) and "format_version" not in head and is_state:
            raise InputError("this is a Terraform state file, not a plan (the raw terraform.tfstate): for what a change will "
                             "cost, estimate `terraform show -json plan.out > plan.json`; for what runs now, "
                             "`terraform show -json > state.json`", where=str(path))
        if isinstance(head, dict) and "resources" in head and "format_version" not in head:
            return load_spec_file(path)
        return plan_specs(head, where=str(path))  # checked there; the file is parsed once
    return load_spec_file(path)
