"""Reading input files as text, with a clear answer for the files people pass by mistake.

A binary Terraform plan (``terraform plan -out plan.out`` writes a zip archive) is named as such, with the
command that makes its JSON; other binary files are refused as not text. ``terraform show -json > plan.json``
in Windows PowerShell 5 writes UTF-16 with a byte-order mark, and some editors add a UTF-8 one: both are read.

>>> import tempfile, pathlib, zipfile
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

import codecs
from pathlib import Path

from costlib.errors import InputError

__all__ = ["BINARY_PLAN", "read_input"]

_ZIP = b"PK\x03\x04"
#: what to say about a binary plan (the API and Slack say it too)
BINARY_PLAN = ("this is a binary Terraform plan (a zip archive), not its JSON: run `terraform show -json {name} > "
               "plan.json` and estimate plan.json")


def read_input(path: str | Path) -> str:
    """The text of an input file (plan or state JSON, a spec or usage file); errors name the file."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError("file not found", where=str(path)) from None
    except IsADirectoryError:
        raise InputError("is a folder, not a file", where=str(path)) from None
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}", where=str(path)) from None
    if data.startswith(_ZIP):
        raise InputError(BINARY_PLAN.format(name=path.name), where=str(path))
    for bom, encoding in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
                          (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError:
                break
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(f"not a UTF-8 text file (byte {exc.start} is not text): costlib reads Terraform plan or "
                         "state JSON and YAML/JSON spec files", where=str(path)) from None
