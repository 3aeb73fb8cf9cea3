"""Infrastructure code without a plan: a Terraform / OpenTofu directory (or one ``.tf`` file of it), a Terragrunt
unit, a CloudFormation template. :func:`load_code` picks the reader; :class:`SourceOptions` carries what each
reader may take from the command line (variables, parameters, region).

>>> is_code("pyproject.toml"), is_code("costlib")
(False, False)
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from costlib.errors import InputError
from costlib.inputs.readers import Limits, resolve_limits
from costlib.models import ResourceSpec

__all__ = ["SourceOptions", "is_cloudformation", "is_code", "load_code"]


@dataclass(frozen=True, kw_only=True)
class SourceOptions:
    """What a code reader takes besides the path: Terraform ``var_files`` and ``variables`` (``--var-file``,
    ``--var k=v``), CloudFormation ``parameters`` (``--parameter Key=Value``) and ``region``; ``env`` (default:
    the process environment) for ``TF_VAR_*``, ``TF_WORKSPACE``, ``AWS_REGION``; ``display`` names the path in
    locations (a temporary git worktree shows as the user's own path).

    >>> SourceOptions(variables={"n": "2"}).variables["n"]
    '2'
    """

    var_files: tuple[Path, ...] = ()
    variables: Mapping[str, str] = field(default_factory=dict)
    parameters: Mapping[str, str] = field(default_factory=dict)
    region: str | None = None
    env: Mapping[str, str] | None = None
    display: str | None = None


def is_code(path: str | Path) -> bool:
    """True for what :func:`load_code` reads: a Terraform directory or ``.tf`` file, a ``terragrunt.hcl`` (or its
    directory), a CloudFormation template. The readers of code are imported only for code (a plan's JSON does
    not need them).

    >>> is_code("main.tf"), is_code("pyproject.toml")
    (True, False)
    """
    p = Path(path)
    if p.suffix == ".tf" or p.name == "terragrunt.hcl":
        return True
    if p.is_dir():
        from costlib.inputs.hcl import is_terraform_dir

        return is_terraform_dir(p)
    return p.is_file() and is_cloudformation(p)


def is_cloudformation(path: str | Path) -> bool:
    """True for a JSON/YAML file that reads as a CloudFormation template (``AWSTemplateFormatVersion``, or
    ``Resources`` whose entries have an ``AWS::`` ``Type``); spec files use lowercase ``resources``.

    >>> is_cloudformation("pyproject.toml")
    False
    """
    p = Path(path)
    if p.suffix.lower() not in (".json", ".yaml", ".yml", ".template") or not p.is_file():
        return False
    try:
        with p.open("rb") as fh:  # the head only: a huge file is refused by the reader, not read here
            head = fh.read(200_000).decode("utf-8", errors="replace")
    except OSError:
        return False
    if re.search(r'^\s*"?AWSTemplateFormatVersion"?\s*:', head, re.M):
        return True
    return bool(re.search(r'^\s*"?Resources"?\s*:', head, re.M)
                and re.search(r'"?Type"?\s*:\s*"?(AWS|Custom)::', head))



def load_code(path: str | Path, options: SourceOptions | None = None, *, limits: Limits | None = None
              ) -> list[ResourceSpec]:
    """Specs from infrastructure code at ``path`` (see the module docstring), read within ``limits``."""
    opts = options or SourceOptions()
    lim = resolve_limits(limits)
    p = Path(path)
    display = opts.display if opts.display is not None else str(path)
    if (p.is_dir() and (p / "terragrunt.hcl").is_file() and not any(p.glob("*.tf"))) or p.name == "terragrunt.hcl":
        from costlib.inputs.terragrunt import load_terragrunt

        tg_display = display if p.is_dir() else str(Path(display).parent)
        return load_terragrunt(p, var_files=opts.var_files, variables=opts.variables, env=opts.env, display=tg_display,
                               limits=lim)
    if p.is_dir() or p.suffix == ".tf":
        from costlib.inputs.hcl import load_directory

        if p.suffix == ".tf" and not p.is_file():
            raise InputError("file not found", where=display)
        directory = p if p.is_dir() else p.parent
        shown = display if p.is_dir() else str(Path(display).parent)
        return load_directory(directory, var_files=opts.var_files, variables=opts.variables, env=opts.env,
                              display=shown, only_file=None if p.is_dir() else p, limits=lim)
    from costlib.inputs.cloudformation import load_template

    if opts.variables or opts.var_files:
        raise InputError("--var and --var-file are Terraform variables; a CloudFormation template takes "
                         "--parameter Key=Value", where=display)
    return load_template(p, parameters=opts.parameters, region=opts.region, env=opts.env, display=display, limits=lim)
