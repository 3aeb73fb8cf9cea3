"""Reading input files as text, with a clear answer for the files people pass by mistake.

The guarded readers live in :mod:`costlib.inputs.readers`; this module keeps the names the rest of costlib
imported before them. A binary Terraform plan (``terraform plan -out plan.out`` writes a zip archive) is named
as such, with the command that makes its JSON; ``terraform show -json > plan.json`` in Windows PowerShell 5
writes UTF-16 with a byte-order mark, and some editors add a UTF-8 one: both are read.

>>> import tempfile, pathlib, zipfile
>>> from costlib.errors import InputError
>>> plan = pathlib.Path(tempfile.mkdtemp()) / "plan.out"
>>> with zipfile.ZipFile(plan, "w") as z:
...     z.writestr("tfplan", b"...")
>>> try:
...     read_input(plan)
... except InputError as exc:
...     print(exc.message)
this is a binary Terraform plan (a zip archive), not its JSON: run `terraform show -json plan.out > plan.json` and ...
"""

from __future__ import annotations

from pathlib import Path

from costlib.inputs.readers import BINARY_PLAN, Limits, read_text

__all__ = ["BINARY_PLAN", "read_input"]


def read_input(path: str | Path, *, limits: Limits | None = None) -> str:
    """The text of an input file (plan or state JSON, a spec or usage file); errors name the file
    (:func:`costlib.inputs.readers.read_text`)."""
    return read_text(path, limits=limits)
