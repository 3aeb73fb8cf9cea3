"""AWS helpers: the region of a spec, EC2 instance attributes."""

from __future__ import annotations

from costlib.errors import InputError
from costlib.models import ResourceSpec

__all__ = ["LINUX", "OS_ATTRS", "region"]

LINUX = {"operatingSystem": "Linux", "tenancy": "Shared", "preInstalledSw": "NA",
         "licenseModel": "No License required"}

OS_ATTRS = {
    "linux": LINUX,
    "windows": {"operatingSystem": "Windows", "tenancy": "Shared", "preInstalledSw": "NA",
                "licenseModel": "No License required"},
    "rhel": {**LINUX, "operatingSystem": "RHEL"},
    "suse": {**LINUX, "operatingSystem": "SUSE"},
}


def region(spec: ResourceSpec) -> str:
    """The spec's region (availability zones like ``us-east-1a`` are mapped to their region)."""
    reg = spec.region
    if not reg:
        az = spec.attributes.get("availability_zone")
        if isinstance(az, str) and az:
            reg = az[:-1]
    if not reg:
        raise InputError("no region: set the provider region or the resource's availability_zone", where=spec.address)
    return reg
