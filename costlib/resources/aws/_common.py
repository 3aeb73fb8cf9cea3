"""AWS helpers shared by the cost functions: operating systems of EC2 prices, purchase options from usage."""

from __future__ import annotations

from typing import Annotated

from costlib.resources.schema import choice

__all__ = ["LINUX", "OS_ATTRS", "OS_LABELS", "OperatingSystem"]

LINUX = {"operatingSystem": "Linux", "tenancy": "Shared", "preInstalledSw": "NA",
         "licenseModel": "No License required"}

#: usage/attribute ``operating_system`` -> the Price List attributes of its instance-hour price
OS_ATTRS = {
    "linux": LINUX,
    "windows": {**LINUX, "operatingSystem": "Windows"},
    "rhel": {**LINUX, "operatingSystem": "RHEL"},
    "suse": {**LINUX, "operatingSystem": "SUSE"},
}

OS_LABELS = {"linux": "Linux", "windows": "Windows", "rhel": "RHEL", "suse": "SUSE"}

#: an operating system name as usage files write it (any case)
OperatingSystem = Annotated[str, choice("linux", "windows", "rhel", "suse",
                                        aliases={"Linux/UNIX": "linux", "red hat enterprise linux": "rhel"})]
