"""Inputs: Terraform plan JSON, Terraform directories, CloudFormation templates, resource spec files and usage
files -> resource specs. Every one is read through the guarded readers of :mod:`costlib.inputs.readers`, within
one :class:`~costlib.inputs.readers.Limits` (size, nesting, expanded resources).

- :func:`load_resources` — any supported file (plan JSON or spec YAML/JSON), by content, or infrastructure code
  (a Terraform directory or ``.tf`` file, a ``terragrunt.hcl``, a CloudFormation template: :mod:`costlib.inputs.code`).
- :func:`~costlib.inputs.terraform.plan_specs`, :func:`~costlib.inputs.terraform.plan_changes`
- :func:`~costlib.inputs.specfile.load_spec_file`
- :class:`~costlib.inputs.usage.Usage`, :func:`~costlib.inputs.usage.load_usage`
- for request bodies and documents something else parsed: :func:`~costlib.inputs.readers.read_document`,
  :func:`~costlib.inputs.terraform.load_plan_document`, :func:`~costlib.inputs.specfile.load_spec_document`,
  :func:`~costlib.inputs.specfile.spec_resource_count`, :func:`~costlib.inputs.readers.check_document`
"""

from __future__ import annotations

from pathlib import Path

from costlib.errors import InputError
from costlib.inputs.code import SourceOptions, is_code, load_code
from costlib.inputs.readers import Limits, check_document, parse_json, read_document, read_text, resolve_limits
from costlib.inputs.specfile import load_spec_document, load_spec_file, parse_spec_text, spec_resource_count
from costlib.inputs.terraform import load_plan, load_plan_document, plan_changes, plan_specs
from costlib.inputs.usage import Usage, load_usage
from costlib.models import ResourceSpec

__all__ = ["Limits", "SourceOptions", "Usage", "check_document", "load_code", "load_plan", "load_plan_document",
           "load_resources", "load_spec_document", "load_spec_file", "load_usage", "plan_changes", "plan_specs",
           "read_document", "spec_resource_count"]


def load_resources(path: str | Path, options: SourceOptions | None = None, *, limits: Limits | None = None
                   ) -> list[ResourceSpec]:
    """Specs from a Terraform plan or state JSON (``terraform show -json``: has ``format_version``), a spec file
    (has ``resources``), or code (:func:`~costlib.inputs.code.load_code`, which ``options`` are for), read within
    ``limits`` (default: the environment's, else :class:`~costlib.inputs.readers.Limits`' defaults)."""
    path = Path(path)
    lim = resolve_limits(limits)
    if is_code(path):
        return load_code(path, options, limits=lim)
    if path.suffix == ".json":
        text = read_text(path, limits=lim)
        head = parse_json(text, where=str(path), limits=lim)
        is_state = "serial" in head or "terraform_version" in head if isinstance(head, dict) else False
        if isinstance(head, dict) and "format_version" not in head and is_state:
            raise InputError("this is a Terraform state file, not a plan (the raw terraform.tfstate): for what a change will "
                             "cost, estimate `terraform show -json plan.out > plan.json`; for what runs now, "
                             "`terraform show -json > state.json`", where=str(path))
        if isinstance(head, dict) and "resources" in head and "format_version" not in head:
            return parse_spec_text(text, where=str(path), limits=lim, format="json")
        return plan_specs(head, where=str(path), limits=lim)  # checked there; the file is parsed once
    return load_spec_file(path, limits=lim)
