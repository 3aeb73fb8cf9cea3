"""Savings rules: pure. A resource (its spec and typed inputs) in, candidate alternatives out; an estimate of both
in, a finding out. No price is written here: every alternative is a :class:`~costlib.models.ResourceSpec` that
:mod:`costlib.guard` prices through the same cost functions and the same catalog as the resource itself, and a
finding is made only when both sides are priced and the alternative costs less.

Rules (ids as shown in findings):

- ``ebs-gp2-to-gp3``: EBS gp2 -> gp3 (volumes, instance root and block devices), with the IOPS and throughput
  that keep gp2's baseline (3 IOPS per GB up to 16,000; 250 MiB/s above 170 GB).
- ``ebs-io1-to-io2``: EBS io1 -> io2, same IOPS (io2's IOPS are cheaper above 32,000).
- ``rds-gp2-to-gp3``: RDS storage gp2 -> gp3 (up to 4,000 GB, where gp3's baseline is at least gp2's).
- ``ec2-previous-generation``, ``rds-previous-generation``, ``elasticache-previous-generation``,
  ``azure-vm-previous-generation``, ``gcp-n1-to-n2d-e2``: a previous-generation family -> the current family of
  the same size (:data:`EC2_PREVIOUS`, :data:`RDS_PREVIOUS`, :data:`CACHE_PREVIOUS`, :data:`AZURE_PREVIOUS`,
  :data:`GCP_PREVIOUS`).
- ``ec2-graviton``, ``rds-graviton``, ``elasticache-graviton``, ``azure-vm-ampere``, ``gcp-arm``: x86 -> Arm of
  the same size (:data:`EC2_ARM`, :data:`RDS_ARM`, :data:`CACHE_ARM`, :data:`AZURE_ARM`, :data:`GCP_ARM`), never for
  Windows or where an attribute says x86 only (an EKS ``ami_type`` ``*_x86_64*``, an image named ``x86_64`` or
  ``amd64``); the finding says what must hold (an arm64 image, multi-arch containers).
- ``azure-disk-hdd-to-ssd``: Azure Standard HDD -> Standard SSD of the same size, where it is cheaper (small disks
  are: Standard HDD bills at least the 32 GiB S4 tier; with transactions, while they stay below the break-even).
- ``nat-gateway-per-zone-nonprod``: several AWS NAT gateways of one non-production environment (its name, tags or
  module say dev, test, qa, sandbox, preview or pr-N) -> one (:func:`nat_findings`).

Where the catalog knows the vCPU and memory of both sizes (``shapes``), an alternative must have as many vCPUs (the
same number for Arm) and at least the memory.

>>> from costlib.inputs.typed import parse
>>> from costlib.models import ResourceSpec
>>> spec = ResourceSpec(address="aws_ebs_volume.logs", type="aws_ebs_volume", provider="aws",
...                     region="us-east-1", attributes={"type": "gp2", "size": 2000})
>>> [(c.rule, c.change_text()) for c in candidates(spec, parse(spec).parts)]
[('ebs-gp2-to-gp3', 'type: gp2 -> gp3; iops: not set -> 6000; throughput: not set -> 250')]
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from costlib.inputs.typed import Part
from costlib.models import AttributeChange, Finding, ResourceEstimate, ResourceSpec, Status
from costlib.policy.facts import EnvironmentNaming, environment_of, get_path, set_path, tag_value, tags_of

__all__ = [
    "AZURE_ARM",
    "AZURE_PREVIOUS",
    "CACHE_ARM",
    "CACHE_PREVIOUS",
    "EC2_ARM",
    "EC2_PREVIOUS",
    "GCP_ARM",
    "GCP_PREVIOUS",
    "RDS_ARM",
    "RDS_PREVIOUS",
    "RULE_TYPES",
    "UNREAD_BY_RULES",
    "Candidate",
    "Shapes",
    "candidates",
    "compare",
    "is_nonproduction",
    "keep_best",
    "nat_findings",
]

#: size name -> (vCPUs, memory GiB, architecture), per provider: the catalog's size table.
Shapes = Mapping[str, Mapping[str, tuple[Decimal, Decimal, str]]]

# --- the tables: one line per family ---------------------------------------------------------------------
#: EC2 previous-generation family -> current families with the same size names.
EC2_PREVIOUS: Mapping[str, tuple[str, ...]] = {
    "m3": ("m5",),
    "m4": ("m5", "m6i"),
    "c3": ("c5",),
    "c4": ("c5", "c6i"),
    "r3": ("r5",),
    "r4": ("r5", "r6i"),
    "t2": ("t3",),
    "i2": ("i3",),
    "d2": ("d3",),
}
#: EC2 x86 family -> Graviton families with the same size names.
EC2_ARM: Mapping[str, tuple[str, ...]] = {
    "m5": ("m6g", "m7g"),
    "m5a": ("m6g", "m7g"),
    "m6i": ("m6g", "m7g"),
    "m6a": ("m6g", "m7g"),
    "m7i": ("m7g",),
    "m7a": ("m7g",),
    "m5d": ("m6gd",),
    "m6id": ("m6gd", "m7gd"),
    "c5": ("c6g", "c7g"),
    "c5a": ("c6g", "c7g"),
    "c6i": ("c6g", "c7g"),
    "c6a": ("c6g", "c7g"),
    "c7i": ("c7g",),
    "c5d": ("c6gd",),
    "r5": ("r6g", "r7g"),
    "r5a": ("r6g", "r7g"),
    "r6i": ("r6g", "r7g"),
    "r6a": ("r6g", "r7g"),
    "r7i": ("r7g",),
    "r5d": ("r6gd",),
    "t3": ("t4g",),
    "t3a": ("t4g",),
}
#: RDS previous-generation class family -> current ones.
RDS_PREVIOUS: Mapping[str, tuple[str, ...]] = {
    "db.m3": ("db.m5",),
    "db.m4": ("db.m5", "db.m6i"),
    "db.r3": ("db.r5",),
    "db.r4": ("db.r5", "db.r6i"),
    "db.t2": ("db.t3",),
}
#: RDS x86 class family -> Graviton ones (MySQL, MariaDB, PostgreSQL and Aurora; not Oracle or SQL Server).
RDS_ARM: Mapping[str, tuple[str, ...]] = {
    "db.m5": ("db.m6g", "db.m7g"),
    "db.m6i": ("db.m6g", "db.m7g"),
    "db.r5": ("db.r6g", "db.r7g"),
    "db.r6i": ("db.r6g", "db.r7g"),
    "db.t3": ("db.t4g",),
}
#: ElastiCache previous-generation node family -> current ones.
CACHE_PREVIOUS: Mapping[str, tuple[str, ...]] = {
    "cache.m3": ("cache.m5",),
    "cache.m4": ("cache.m5",),
    "cache.r3": ("cache.r5",),
    "cache.r4": ("cache.r5",),
    "cache.t2": ("cache.t3",),
}
#: ElastiCache x86 node family -> Graviton ones.
CACHE_ARM: Mapping[str, tuple[str, ...]] = {
    "cache.m5": ("cache.m6g", "cache.m7g"),
    "cache.r5": ("cache.r6g", "cache.r7g"),
    "cache.t3": ("cache.t4g",),
}
#: Azure previous-generation series -> current ones (v3 had a temporary disk: the ``d`` twin keeps one; the
#: other has none, which the finding says).
AZURE_PREVIOUS: Mapping[str, tuple[str, ...]] = {
    "Dv3": ("Ddv5", "Dv5"),
    "Dsv3": ("Ddsv5", "Dsv5"),
    "Ev3": ("Edv5", "Ev5"),
    "Esv3": ("Edsv5", "Esv5"),
    "Dv4": ("Dv5",),
    "Dsv4": ("Dsv5",),
    "Ddv4": ("Ddv5",),
    "Ddsv4": ("Ddsv5",),
    "Dasv4": ("Dasv5",),
    "Ev4": ("Ev5",),
    "Esv4": ("Esv5",),
    "Edv4": ("Edv5",),
    "Edsv4": ("Edsv5",),
    "Easv4": ("Easv5",),
}
#: Azure x86 series -> Arm (Ampere Altra v5, Cobalt 100 v6) series with the same sizes.
AZURE_ARM: Mapping[str, tuple[str, ...]] = {
    "Dv5": ("Dpsv5",),
    "Dsv5": ("Dpsv5",),
    "Dasv5": ("Dpsv5",),
    "Ddv5": ("Dpdsv5",),
    "Ddsv5": ("Dpdsv5",),
    "Dadsv5": ("Dpdsv5",),
    "Dlsv5": ("Dplsv5",),
    "Dldsv5": ("Dpldsv5",),
    "Ev5": ("Epsv5",),
    "Esv5": ("Epsv5",),
    "Easv5": ("Epsv5",),
    "Edv5": ("Epdsv5",),
    "Edsv5": ("Epdsv5",),
    "Dsv6": ("Dpsv6",),
    "Dasv6": ("Dpsv6",),
    "Ddsv6": ("Dpdsv6",),
    "Dlsv6": ("Dplsv6",),
    "Esv6": ("Epsv6",),
    "Edsv6": ("Epdsv6",),
}
#: GCP previous-generation series -> current ones with the same shapes (``n1-standard-4`` -> ``e2-standard-4``).
GCP_PREVIOUS: Mapping[str, tuple[str, ...]] = {
    "n1": ("e2", "n2d"),
}
#: GCP x86 series -> Arm (Ampere T2A, Axion C4A and N4A) series with the same shapes.
GCP_ARM: Mapping[str, tuple[str, ...]] = {
    "t2d": ("t2a",),
    "n2d": ("t2a",),
    "n2": ("t2a",),
    "c3": ("c4a",),
    "c4": ("c4a",),
    "n4": ("n4a",),
}

#: a generic type's attribute for a native one (the vocabulary of :mod:`costlib.inputs.generic`)
_GENERIC_PATHS: Mapping[tuple[str, str], str] = {
    ("compute.instance", "instance_type"): "size",
    ("compute.instance", "size"): "size",
    ("compute.instance", "machine_type"): "size",
    ("database.instance", "instance_class"): "size",
    ("storage.block", "type"): "type",
    ("storage.block", "storage_account_type"): "type",
    ("storage.block", "iops"): "iops",
    ("storage.block", "throughput"): "throughput",
}

_NO_SHAPES: Shapes = {}


@dataclass(frozen=True, slots=True)
class Candidate:
    """An alternative to a resource: the rule, what changes, the changed spec (same address) and what must hold."""

    rule: str
    summary: str
    changes: tuple[AttributeChange, ...]
    spec: ResourceSpec
    condition: str | None = None

    def change_text(self) -> str:
        """The changes on one line."""
        return "; ".join(c.line() for c in self.changes)


Edit = tuple[str, str, Any]  # native path, shown before, new value


def _shown(value: Any) -> str:
    if value is None:
        return "not set"
    if isinstance(value, Decimal):
        return f"{value.normalize():f}"
    return str(value)


def _make(rule: str, summary: str, spec: ResourceSpec, edits: Sequence[Edit], condition: str | None = None
          ) -> Candidate | None:
    generic = "." in spec.type
    attrs: Mapping[str, Any] = spec.attributes
    changes: list[AttributeChange] = []
    for path, before, after in edits:
        if generic:
            mapped = _GENERIC_PATHS.get((spec.type, path))
            if mapped is None:
                return None  # the vocabulary cannot say it: no finding rather than a change nobody can write
            path = mapped
        attrs = set_path(attrs, path, after)
        changes.append(AttributeChange(path=path, before=before, after=_shown(after)))
    alt = dataclasses.replace(spec, attributes=attrs, notes=())
    return Candidate(rule, summary, tuple(changes), alt, condition)


# --- EBS and RDS storage ---------------------------------------------------------------------------------
_GP2_IOPS_PER_GB, _GP3_IOPS, _GP2_MAX_IOPS = Decimal(3), Decimal(3000), Decimal(16000)
_GP2_FAST_GB, _GP2_MAX_MIBPS = Decimal(170), Decimal(250)


def _volume(spec: ResourceSpec, path: str, vtype: str, size: Decimal, iops: Decimal | None,
            throughput: Decimal | None, label: str) -> Candidate | None:
    """gp2 -> gp3 or io1 -> io2 for one EBS volume whose type is at ``path`` (its ``iops`` and ``throughput``
    beside it)."""
    block = path.rsplit(".", 1)[0] + "." if "." in path else ""
    before = vtype if get_path(spec.attributes, path) else f"not set ({vtype})"
    if vtype == "gp2":
        edits: list[Edit] = [(path, before, "gp3")]
        need_iops = min(_GP2_MAX_IOPS, size * _GP2_IOPS_PER_GB)
        if need_iops > _GP3_IOPS and (iops is None or iops < need_iops):
            edits.append((block + "iops", _shown(iops), need_iops.quantize(Decimal(1))))
        if size > _GP2_FAST_GB and (throughput is None or throughput < _GP2_MAX_MIBPS):
            edits.append((block + "throughput", _shown(throughput), _GP2_MAX_MIBPS))
        return _make("ebs-gp2-to-gp3", f"{label}: gp2 -> gp3 with gp2's baseline IOPS and throughput", spec, edits)
    if vtype == "io1":
        return _make("ebs-io1-to-io2", f"{label}: io1 -> io2, same IOPS (more durable, cheaper IOPS above 32,000)",
                     spec, [(path, before, "io2")])
    return None


def _ebs_volume(spec: ResourceSpec, part: Part, shapes: Shapes) -> list[Candidate | None]:
    i: Any = part.inputs
    return [_volume(spec, "type", i.type, i.size, i.iops, i.throughput, "volume")]


def _instance_volumes(spec: ResourceSpec, i: Any) -> list[Candidate | None]:
    out: list[Candidate | None] = []
    root = i.root_block_device
    if root is not None:  # not written: the AMI decides its type (costlib prices gp2), so nothing to change
        out.append(_volume(spec, "root_block_device[0].volume_type", root.volume_type, root.volume_size, root.iops,
                           root.throughput, "root volume"))
    for n, dev in enumerate(i.ebs_block_device):
        out.append(_volume(spec, f"ebs_block_device[{n}].volume_type", dev.volume_type, dev.volume_size, dev.iops,
                           dev.throughput, f"block device {dev.device_name or n}"))
    return out


_RDS_GP3_MAX_EQUAL_GB = Decimal(4000)


def _rds_storage(spec: ResourceSpec, i: Any) -> Candidate | None:
    storage = i.storage_type or ("io1" if getattr(i, "iops", None) else "gp2")
    if storage != "gp2" or i.allocated_storage > _RDS_GP3_MAX_EQUAL_GB:
        return None
    before = "gp2" if i.storage_type else "not set (gp2)"
    return _make("rds-gp2-to-gp3", "storage: gp2 -> gp3 (a baseline of 3,000 IOPS, 12,000 from 400 GB)", spec,
                 [("storage_type", before, "gp3")])


# --- sizes -----------------------------------------------------------------------------------------------
def _aws_family(size: str) -> tuple[str, str] | None:
    family, sep, rest = size.rpartition(".")
    return (family, rest) if sep and family else None


def _shape_ok(shapes: Shapes, provider: str, old: str, new: str, same_vcpu: bool) -> bool:
    known = shapes.get(provider, {})
    a, b = known.get(old.removeprefix("db.").removeprefix("cache.")), known.get(
        new.removeprefix("db.").removeprefix("cache."))
    if a is None or b is None:
        return True  # the catalog has no size table here: the tables are of same-sized families
    return (b[0] == a[0] if same_vcpu else b[0] >= a[0]) and b[1] >= a[1]


def _aws_sizes(spec: ResourceSpec, path: str, size: str, table: Mapping[str, tuple[str, ...]], rule: str,
               shapes: Shapes, arm: bool, condition: str | None = None) -> list[Candidate | None]:
    split = _aws_family(size)
    if split is None or split[0] not in table:
        return []
    family, rest = split
    out: list[Candidate | None] = []
    for new_family in table[family]:
        new = f"{new_family}.{rest}"
        if _shape_ok(shapes, "aws", size, new, arm):
            kind = "Graviton (Arm)" if arm else "current generation"
            out.append(_make(rule, f"{family} -> {new_family} ({kind}, same size)", spec, [(path, size, new)],
                             condition))
    return out


_X86_WORDS = re.compile(r"x86_64|x86-64|amd64|\bx64\b|_x86_|x86$", re.IGNORECASE)


def _says_x86(*values: Any) -> bool:
    return any(isinstance(v, str) and _X86_WORDS.search(v) for v in values)


def _aws_instance(spec: ResourceSpec, part: Part, shapes: Shapes) -> list[Candidate | None]:
    i: Any = part.inputs
    out = [] if "." in spec.type else _instance_volumes(spec, i)
    out += _aws_sizes(spec, "instance_type", i.instance_type, EC2_PREVIOUS, "ec2-previous-generation", shapes, False)
    os_name = getattr(part.usage, "operating_system", None) or i.operating_system or "linux"
    arch = spec.attributes.get("arch") or spec.attributes.get("architecture")
    if os_name != "windows" and not _says_x86(arch):
        ami = spec.attributes.get("ami")
        image = f"the AMI {ami} is built for one architecture: use its arm64 build" if isinstance(ami, str) and ami \
            else "an arm64 AMI"
        out += _aws_sizes(spec, "instance_type", i.instance_type, EC2_ARM, "ec2-graviton", shapes, True,
                          condition=f"the workload must run on arm64: {image}, and software built for arm64")
    return out


def _eks_node_group(spec: ResourceSpec, part: Part, shapes: Shapes) -> list[Candidate | None]:
    i: Any = part.inputs
    size = i.instance_types[0] if i.instance_types else None
    if size is None:
        return []
    out = _aws_sizes(spec, "instance_types[0]", size, EC2_PREVIOUS, "ec2-previous-generation", shapes, False)
    ami_type = (i.ami_type or "").upper()
    if not ami_type.startswith("WINDOWS") and not _says_x86(i.ami_type):
        out += _aws_sizes(spec, "instance_types[0]", size, EC2_ARM, "ec2-graviton", shapes, True,
                          condition="the pods' container images must be built for arm64 (multi-arch)"
                                    + ("" if not ami_type else f", and ami_type {i.ami_type} an ARM_64 one"))
    return out


_GRAVITON_ENGINES = ("mysql", "postgres", "mariadb", "aurora", "aurora-mysql", "aurora-postgresql")


def _db_instance(spec: ResourceSpec, part: Part, shapes: Shapes) -> list[Candidate | None]:
    i: Any = part.inputs
    out: list[Candidate | None] = [_rds_storage(spec, i)] if part.rtype.name == "aws_db_instance" else []
    out += _aws_sizes(spec, "instance_class", i.instance_class, RDS_PREVIOUS, "rds-previous-generation", shapes,
                      False)
    if i.engine in _GRAVITON_ENGINES:
        out += _aws_sizes(spec, "instance_class", i.instance_class, RDS_ARM, "rds-graviton", shapes, True,
                          condition=f"the {i.engine} engine version must be one RDS offers on Graviton "
                                    "(a modify-instance with a restart)")
    return out


def _cache(spec: ResourceSpec, part: Part, shapes: Shapes) -> list[Candidate | None]:
    i: Any = part.inputs
    out = _aws_sizes(spec, "node_type", i.node_type, CACHE_PREVIOUS, "elasticache-previous-generation", shapes,
                     False)
    out += _aws_sizes(spec, "node_type", i.node_type, CACHE_ARM, "elasticache-graviton", shapes, True,
                      condition="the engine version must run on Graviton (Redis OSS 5.0.6 or later, Valkey, "
                                "Memcached 1.5.16 or later)")
    return out


_AZURE_SIZE = re.compile(r"^Standard_([A-Z])(\d+)([a-z]*)_v(\d+)$")
_AZURE_SERIES_NAME = re.compile(r"^([A-Z])([a-z]*)v(\d+)$")


def _azure_sizes(spec: ResourceSpec, path: str, size: str, table: Mapping[str, tuple[str, ...]], rule: str,
                 arm: bool, condition: str | None = None) -> list[Candidate | None]:
    m = _AZURE_SIZE.match(size)
    if m is None:
        return []
    letter, vcpus, features, version = m.groups()
    series = f"{letter}{features}v{version}"
    out: list[Candidate | None] = []
    for new_series in table.get(series, ()):
        n = _AZURE_SERIES_NAME.match(new_series)
        assert n is not None, new_series  # the tables are written so
        new = f"Standard_{n.group(1)}{vcpus}{n.group(2)}_v{n.group(3)}"
        kind = "Arm" if arm else "current generation"
        lost = version == "3" and "d" not in n.group(2)  # every v3 size has a temporary disk
        why = "; ".join(w for w in (condition, f"{new_series} has no temporary disk ({series} has one): move "
                                               "what the VM keeps on it" if lost else None) if w) or None
        out.append(_make(rule, f"{series} -> {new_series} ({kind}, same size)", spec, [(path, size, new)], why))
    return out


def _azure_image(spec: ResourceSpec) -> tuple[bool, str]:
    """(says x86 only, what the image must be) for an Azure VM or scale set."""
    ref = get_path(spec.attributes, "source_image_reference[0]")
    if isinstance(ref, Mapping):
        sku, offer = ref.get("sku"), ref.get("offer")
        if _says_x86(sku, offer):
            return True, ""
        return False, f"an Arm64 image (the image {offer or ''} {sku or ''} must have an arm64 sku, such as " \
                      "Canonical's 22_04-lts-arm64)".replace("  ", " ")
    if spec.attributes.get("source_image_id"):
        return False, "an Arm64 build of the custom image (source_image_id)"
    return False, "an Arm64 image"


_AZURE_SIZE_PATHS = {"azurerm_kubernetes_cluster": "default_node_pool[0].vm_size",
                     "azurerm_kubernetes_cluster_node_pool": "vm_size",
                     "azurerm_linux_virtual_machine_scale_set": "sku",
                     "azurerm_windows_virtual_machine_scale_set": "sku"}


def _azure_vm(spec: ResourceSpec, part: Part, shapes: Shapes) -> list[Candidate | None]:
    i: Any = part.inputs
    name = part.rtype.name
    path = _AZURE_SIZE_PATHS.get(name, "size")
    pool = getattr(i, "default_node_pool", None)
    size = pool.vm_size if name == "azurerm_kubernetes_cluster" and pool is not None else getattr(i, path, None)
    if not isinstance(size, str):
        return []
    out = _azure_sizes(spec, path, size, AZURE_PREVIOUS, "azure-vm-previous-generation", False)
    windows = "windows" in name or getattr(i, "os_type", "Linux") == "Windows"
    if not windows:
        x86, image = _azure_image(spec)
        if not x86:
            what = ("the node images are Arm64 by the size; the pods' container images must be built for arm64"
                    if "kubernetes" in name else f"the workload must run on arm64: {image}")
            out += _azure_sizes(spec, path, size, AZURE_ARM, "azure-vm-ampere", True, condition=what)
    for n, disk in enumerate([getattr(i, "os_disk", None)] if name.endswith("_virtual_machine") else []):
        if disk is not None and disk.storage_account_type.lower() == "standard_lrs":
            out.append(_make("azure-disk-hdd-to-ssd", "OS disk: Standard HDD -> Standard SSD, same size", spec,
                             [(f"os_disk[{n}].storage_account_type", disk.storage_account_type, "StandardSSD_LRS")]))
    return out


def _azure_disk(spec: ResourceSpec, part: Part, shapes: Shapes) -> list[Candidate | None]:
    i: Any = part.inputs
    if i.storage_account_type.lower() != "standard_lrs":
        return []
    return [_make("azure-disk-hdd-to-ssd", "disk: Standard HDD -> Standard SSD, same size", spec,
                  [("storage_account_type", i.storage_account_type, "StandardSSD_LRS")])]


def _gcp_sizes(spec: ResourceSpec, path: str, size: str, table: Mapping[str, tuple[str, ...]], rule: str,
               shapes: Shapes, arm: bool, condition: str | None = None) -> list[Candidate | None]:
    series, sep, shape = size.partition("-")
    if not sep or series not in table:
        return []
    out: list[Candidate | None] = []
    for new_series in table[series]:
        new = f"{new_series}-{shape}"
        if _shape_ok(shapes, "gcp", size, new, arm):
            kind = "Arm" if arm else "current generation"
            out.append(_make(rule, f"{series} -> {new_series} ({kind}, same shape)", spec, [(path, size, new)],
                             condition))
    return out


def _gcp_instance(spec: ResourceSpec, part: Part, shapes: Shapes) -> list[Candidate | None]:
    i: Any = part.inputs
    name = part.rtype.name
    if name == "google_compute_instance":
        path, size = "machine_type", i.machine_type
        boot = i.boot_disk.initialize_params if i.boot_disk is not None else None
        image = boot.image if boot is not None else ""
    else:
        config = i.node_config
        path, size, image = "node_config[0].machine_type", config.machine_type if config else "e2-medium", ""
        if config is None:
            return []
    out = _gcp_sizes(spec, path, size, GCP_PREVIOUS, "gcp-n1-to-n2d-e2", shapes, False)
    windows = "windows" in image.lower() or "sql-" in image.lower()
    if not windows and not _says_x86(image):
        if name == "google_compute_instance":
            what = (f"the workload must run on arm64: the boot image {image} must be an arm64 one (public families "
                    "have one: debian-12-arm64, ubuntu-2404-lts-arm64)" if image and "arm64" not in image
                    else "the workload must run on arm64 with an arm64 boot image")
        else:
            what = "the pods' container images must be built for arm64 (GKE taints Arm nodes kubernetes.io/arch)"
        out += _gcp_sizes(spec, path, size, GCP_ARM, "gcp-arm", shapes, True,
                          condition=what + "; the zone must offer the series")
    return out


#: native type -> its rule (one function per family of types)
_RULES: Mapping[str, Callable[[ResourceSpec, Part, Shapes], list[Candidate | None]]] = {
    "aws_ebs_volume": _ebs_volume,
    "aws_instance": _aws_instance,
    "aws_spot_instance_request": _aws_instance,
    "aws_eks_node_group": _eks_node_group,
    "aws_db_instance": _db_instance,
    "aws_rds_cluster_instance": _db_instance,
    "aws_elasticache_cluster": _cache,
    "aws_elasticache_replication_group": _cache,
    "azurerm_linux_virtual_machine": _azure_vm,
    "azurerm_windows_virtual_machine": _azure_vm,
    "azurerm_linux_virtual_machine_scale_set": _azure_vm,
    "azurerm_windows_virtual_machine_scale_set": _azure_vm,
    "azurerm_kubernetes_cluster": _azure_vm,
    "azurerm_kubernetes_cluster_node_pool": _azure_vm,
    "azurerm_managed_disk": _azure_disk,
    "google_compute_instance": _gcp_instance,
    "google_container_node_pool": _gcp_instance,
    "google_container_cluster": _gcp_instance,
}

#: every type a savings rule reads (the generic types through their native parts)
RULE_TYPES = frozenset({*_RULES, "compute.instance", "database.instance", "storage.block"})

#: Attributes the rules of :func:`candidates` never read (the NAT rule reads tags, per resource, on its own):
#: resources that differ only in these share their candidates (:mod:`costlib.guard` groups them). A test keeps
#: the rules off them.
UNREAD_BY_RULES = frozenset({"tags", "tags_all", "labels", "Tags"})


def candidates(spec: ResourceSpec, parts: Sequence[Part], shapes: Shapes = _NO_SHAPES) -> list[Candidate]:
    """The alternatives the rules see for one resource (``parts``: its typed inputs, :func:`costlib.inputs.typed.parse`).

    A provider-agnostic resource (``compute.instance``) gets the rules of its native type, changing its own
    attributes (``size``); a change the vocabulary cannot say is left out.
    """
    if len(parts) != 1:  # several native parts (a generic Kubernetes cluster): no single attribute to change
        return []
    rule = _RULES.get(parts[0].rtype.name)
    if rule is None:
        return []
    return [c for c in rule(spec, parts[0], shapes) if c is not None]


# --- comparing the two estimates -------------------------------------------------------------------------
def _open(r: ResourceEstimate) -> dict[tuple[str, str], tuple[str, Decimal]]:
    """Usage-based components without their usage: (usage key or name, unit) -> (name, unit price)."""
    return {(c.component.usage_key or c.name, c.component.unit): (c.name, c.unit_price.amount)
            for c in r.components if c.monthly_cost is None and c.status is Status.USAGE_BASED
            and c.unit_price is not None}


def compare(candidate: Candidate, current: ResourceEstimate, alternative: ResourceEstimate) -> Finding | None:
    """The finding of ``candidate`` when both sides are priced and the alternative costs less, else None.

    A usage-based part without its usage is left out of both figures: where it costs no more per unit after the
    change the saving stands (and the finding says what it leaves out); where one such part costs more per unit,
    the finding says the break-even quantity below which the change still saves; with more than one, no finding.
    """
    if current.status is not Status.PRICED or alternative.status is not Status.PRICED:
        return None
    before, after = current.monthly_cost, alternative.monthly_cost
    if before is None or after is None or before.currency != after.currency or after.amount >= before.amount:
        return None
    saving = before.amount - after.amount
    now, then = _open(current), _open(alternative)
    if set(then) - set(now):
        return None  # the alternative bills something usage-based the resource does not: cannot tell
    dearer = [(key, then[key], now[key]) for key in then if then[key][1] > now[key][1]]
    notes: list[str] = []
    if len(dearer) > 1:
        return None
    if dearer:
        (_, unit), (name, price_after), (_, price_now) = dearer[0]
        limit = saving / (price_after - price_now)
        notes.append(f"saves while {name} stay below {limit:,.0f} {unit} a month (its usage is not given; it "
                     f"costs {price_after.normalize():f} per unit after, {price_now.normalize():f} now)")
    elif then:
        notes.append(f"not counting {', '.join(sorted(n for n, _ in then.values()))} (usage not given), which "
                     "cost no more after the change")
    if candidate.condition:
        notes.insert(0, candidate.condition)
    return Finding(rule=candidate.rule, address=current.address, location=current.spec.location,
                   summary=candidate.summary, changes=candidate.changes, monthly_cost=before,
                   monthly_cost_after=after, condition="; ".join(notes) or None)


def keep_best(findings: Sequence[Finding]) -> list[Finding]:
    """One finding per attribute of a resource (the largest saving: ``m6g`` or ``m7g``, not both), so that the
    findings kept add up; in the order of the resources, then the largest saving first."""
    order = {f.address: n for n, f in reversed(list(enumerate(findings)))}
    taken: set[tuple[str, str]] = set()
    kept: list[Finding] = []
    for f in sorted(findings, key=lambda f: -f.monthly_saving.amount):
        paths = {(f.address, c.path) for c in f.changes}
        if paths & taken:
            continue
        taken |= paths
        kept.append(f)
    return sorted(kept, key=lambda f: (order[f.address], -f.monthly_saving.amount))


# --- NAT gateways ----------------------------------------------------------------------------------------
_NONPROD = re.compile(r"(?:^|[^a-z0-9])(?:dev|devel|develop|development|test|testing|qa|sandbox|preview|"
                      r"pr[-_]?\d+)(?:[^a-z]|$)")


def is_nonproduction(*names: str | None) -> bool:
    """Whether any of ``names`` (an environment, a resource name, a Name tag) says dev, test, qa, sandbox,
    preview or pr-N.

    >>> is_nonproduction("pr-1842"), is_nonproduction("module.dev_vpc"), is_nonproduction("prod", "devops")
    (True, True, False)
    """
    return any(n and _NONPROD.search(n.lower()) for n in names)


def _module_prefix(address: str) -> str:
    head, sep, _ = address.rpartition("aws_nat_gateway.")
    return head if sep else ""


def nat_findings(resources: Sequence[ResourceEstimate], naming: EnvironmentNaming | None = None) -> list[Finding]:
    """Several public NAT gateways (one per zone) of one non-production environment: keep one (the first by
    address), remove the others. The saving is each removed gateway's hours; what it processed moves to the one
    kept (the same price per GB in the region), and traffic from the other zones then crosses zones."""
    groups: dict[tuple[str, str], list[tuple[ResourceEstimate, str | None, dict[str, str]]]] = {}
    for r in resources:
        if r.type != "aws_nat_gateway" or r.status is not Status.PRICED or r.monthly_cost is None:
            continue
        if r.spec.attributes.get("connectivity_type") == "private":
            continue
        tags = tags_of(r.spec)
        env = environment_of(r.spec, naming or EnvironmentNaming(), tags)
        key = (r.region or "", f"env:{env}" if env else f"module:{_module_prefix(r.address)}")
        groups.setdefault(key, []).append((r, env, tags))

    def nonprod(r: ResourceEstimate, env: str | None, tags: dict[str, str]) -> bool:
        name_tag = tag_value(tags, "Name")
        return is_nonproduction(env, r.address.rpartition("aws_nat_gateway.")[2], name_tag[1] if name_tag else None,
                                _module_prefix(r.address))

    out: list[Finding] = []
    for members in groups.values():
        if len(members) < 2 or not all(nonprod(*m) for m in members):
            continue
        ordered = sorted((r for r, _, _ in members), key=lambda r: r.address)
        kept = ordered[0]
        for r in ordered[1:]:
            assert r.monthly_cost is not None
            hours = [c.monthly_cost for c in r.components if c.component.usage_key is None and c.monthly_cost]
            if not hours:
                continue
            saving = hours[0]
            for extra in hours[1:]:
                saving = saving + extra
            out.append(Finding(
                rule="nat-gateway-per-zone-nonprod", address=r.address, location=r.spec.location,
                summary=f"one NAT gateway for a non-production environment: route through {kept.address}",
                changes=(AttributeChange(path="resource", before="one NAT gateway per zone",
                                         after=f"removed: route through {kept.address}"),),
                monthly_cost=r.monthly_cost, monthly_cost_after=r.monthly_cost - saving,
                condition=f"what it processed moves to {kept.address} at the same price per GB; traffic from "
                          "the other zones then crosses zones (inter-zone data transfer, billed per GB) and one "
                          "zone's outage stops egress: fine for a non-production environment"))
    return out
