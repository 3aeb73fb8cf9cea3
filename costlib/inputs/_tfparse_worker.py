"""A child process that runs tfparse (the Cloud Custodian team's HCL evaluator) for :mod:`costlib.inputs.hcl`.

tfparse is a Go library loaded into the process: it reads ``TF_VAR_*`` from the environment the process started
with (Terraform applies those to the root module only, and costlib reads them itself, with their types), and a Go
panic would end the whole process. So it runs here, in a child started with a clean environment, and answers
one JSON request per line on stdin with one JSON line on stdout::

    {"dir": "/abs/dir", "vars_paths": ["../x.tfvars"], "workspace": "default"}
    -> {"ok": {...tfparse output...}}  or  {"error": "main.tf:3,1-2: ..."}

>>> import json, subprocess, sys
>>> out = subprocess.run([sys.executable, "-m", "costlib.inputs._tfparse_worker"], input="", text=True,
...                      capture_output=True, check=True)
>>> out.stdout
''
"""

from __future__ import annotations

import json
import sys
from typing import Any

__all__ = ["main"]


def _answer(request: dict[str, Any]) -> dict[str, Any]:
    try:
        import tfparse
    except ImportError:  # pragma: no cover - the parent checks the extra first
        return {"error": "tfparse is not installed; install it with: pip install 'costlib[hcl]'"}
    try:
        out = tfparse.load_from_path(request["dir"], stop_on_hcl_error=True, allow_downloads=False,
                                     workspace_name=request.get("workspace") or "default",
                                     vars_paths=list(request.get("vars_paths") or []))
    except tfparse.ParseError as exc:
        return {"error": str(exc)}
    return {"ok": out}


def main() -> None:
    """Answer requests until stdin closes."""
    for line in sys.stdin:
        if not line.strip():
            continue
        try:
            answer = _answer(json.loads(line))
        except Exception as exc:
            answer = {"error": f"{type(exc).__name__}: {exc}"}
        sys.stdout.write(json.dumps(answer) + "\n")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
