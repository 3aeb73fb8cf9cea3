"""What a resource says about itself, read the same way by the savings rules and the policy file: its tags, the
environment it belongs to, and its size (instance type, DB class, VM size, machine type). Pure: a spec in, data out.

- **Tags**: ``tags_all`` (a plan's tags with the provider's ``default_tags``) overlaid by ``tags``; GCP's
  ``labels``; CloudFormation's ``Tags`` list of ``{Key, Value}``. A tag whose value is known only after apply
  (``tags.owner`` in the spec's ``unknown``) reads as :data:`UNKNOWN`.
- **Environment**: the first of the naming tags (``environment``, ``env`` by default; keys match in any case),
  else the first module of the address (``module.preview.aws_instance.web`` -> ``preview``; a module instance's
  ``for_each`` key wins: ``module.env["pr-42"]`` -> ``pr-42``), else none.
- **Size**: for the types that have one, the attribute that holds it (:data:`SIZE_PATHS`) and its value.

>>> from costlib.models import ResourceSpec
>>> spec = ResourceSpec(address='module.env["pr-42"].aws_instance.web', type="aws_instance", provider="aws",
...                     region="us-east-1", attributes={"instance_type": "m5.large", "tags": {"Team": "web"}})
>>> tags_of(spec), environment_of(spec), size_of(spec), size_family("aws", "m5.large")
({'Team': 'web'}, 'pr-42', ('instance_type', 'm5.large'), 'm5')
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from costlib.models import ResourceSpec

__all__ = ["SIZE_PATHS", "UNKNOWN", "EnvironmentNaming", "environment_of", "get_path", "set_path", "size_family", "size_of",
           "tag_value", "tags_of", "tags_unknown"]

#: The value of a tag known only after apply.
UNKNOWN = "(known after apply)"

#: type -> the attribute path of its size (instance type, DB class, node type, VM size, machine type).
SIZE_PATHS: Mapping[str, str] = {
    "aws_instance": "instance_type",
    "aws_spot_instance_request": "instance_type",
    "aws_eks_node_group": "instance_types[0]",
    "aws_db_instance": "instance_class",
    "aws_rds_cluster_instance": "instance_class",
    "aws_elasticache_cluster": "node_type",
    "aws_elasticache_replication_group": "node_type",
    "azurerm_linux_virtual_machine": "size",
    "azurerm_windows_virtual_machine": "size",
    "azurerm_linux_virtual_machine_scale_set": "sku",
    "azurerm_windows_virtual_machine_scale_set": "sku",
    "azurerm_kubernetes_cluster": "default_node_pool[0].vm_size",
    "azurerm_kubernetes_cluster_node_pool": "vm_size",
    "azurerm_virtual_machine": "vm_size",
    "google_compute_instance": "machine_type",
    "google_container_node_pool": "node_config[0].machine_type",
    "google_container_cluster": "node_config[0].machine_type",
    "compute.instance": "size",
    "database.instance": "size",
    "kubernetes.cluster": "size",
}

_PATH = re.compile(r"([A-Za-z_][A-Za-z0-9_]*)(?:\[(\d+)\])?")


def _segments(path: str) -> list[tuple[str, int | None]]:
    out: list[tuple[str, int | None]] = []
    for part in path.split("."):
        m = _PATH.fullmatch(part)
        if m is None:
            raise ValueError(f"not an attribute path: {path!r}")
        out.append((m.group(1), None if m.group(2) is None else int(m.group(2))))
    return out


def get_path(attributes: Mapping[str, Any], path: str) -> Any:
    """The value at ``path`` (``root_block_device[0].volume_type``); a block written as one object (a spec file)
    is its own element 0; None where any part is missing.

    >>> get_path({"root_block_device": [{"volume_type": "gp2"}]}, "root_block_device[0].volume_type")
    'gp2'
    >>> get_path({"root_block_device": {"volume_type": "gp2"}}, "root_block_device[0].volume_type")
    'gp2'
    >>> get_path({}, "root_block_device[0].volume_type") is None
    True
    """
    node: Any = attributes
    for name, index in _segments(path):
        if not isinstance(node, Mapping):
            return None
        node = node.get(name)
        if index is not None:
            if isinstance(node, Mapping) and index == 0:
                continue
            if not isinstance(node, list | tuple) or index >= len(node):
                return None
            node = node[index]
    return node


def set_path(attributes: Mapping[str, Any], path: str, value: Any) -> dict[str, Any]:
    """A copy of ``attributes`` with ``value`` at ``path``; the blocks on the way are copied (the input is left as
    it is) or made where missing, and a block written as one object stays one object.

    >>> set_path({"root_block_device": [{"volume_size": 30}]}, "root_block_device[0].volume_type", "gp3")
    {'root_block_device': [{'volume_size': 30, 'volume_type': 'gp3'}]}
    >>> set_path({}, "instance_types[0]", "m6g.large")
    {'instance_types': ['m6g.large']}
    """
    segments = _segments(path)

    def put(node: Any, depth: int) -> Any:
        name, index = segments[depth]
        last = depth == len(segments) - 1
        out = dict(node) if isinstance(node, Mapping) else {}
        if index is None:
            out[name] = value if last else put(out.get(name), depth + 1)
            return out
        current = out.get(name)
        if isinstance(current, Mapping) and index == 0:  # one object standing for a list of one block
            out[name] = value if last else put(current, depth + 1)
            return out
        items = list(current) if isinstance(current, list | tuple) else []
        while len(items) <= index:
            items.append(None if last else {})
        items[index] = value if last else put(items[index], depth + 1)
        out[name] = items
        return out

    result: dict[str, Any] = put(attributes, 0)
    return result


def _words(value: Any) -> dict[str, Any]:
    if isinstance(value, Mapping):
        return {str(k): v for k, v in value.items()}
    if isinstance(value, list | tuple):  # CloudFormation: [{Key: owner, Value: ada}]
        return {str(t["Key"]): t.get("Value") for t in value if isinstance(t, Mapping) and "Key" in t}
    return {}


#: where a resource's tags are, merged in this order (a later one wins)
_TAG_KEYS = ("tags_all", "tags", "Tags", "labels")


def tags_of(spec: ResourceSpec) -> dict[str, str]:
    """The resource's tags (labels on GCP), values as text; a value known only after apply is :data:`UNKNOWN`.

    >>> s = ResourceSpec(address="a", type="aws_instance", provider="aws", attributes={
    ...     "tags_all": {"team": "web", "env": "dev"}, "tags": {"env": "pr-7", "owner": None}},
    ...     unknown=("tags.owner",))
    >>> tags_of(s)
    {'team': 'web', 'env': 'pr-7', 'owner': '(known after apply)'}
    """
    a = spec.attributes
    if not spec.unknown and not any(key in a for key in _TAG_KEYS):
        return {}  # most resources of a large plan: nothing to merge
    merged: dict[str, Any] = {}
    for key in _TAG_KEYS:
        merged.update(_words(a.get(key)))
    later = {u.split(".", 1)[1] for u in spec.unknown if u.startswith(("tags.", "tags_all.", "labels."))}
    out: dict[str, str] = {}
    for key, value in merged.items():
        if value is None:
            if key in later:
                out[key] = UNKNOWN
            continue
        out[key] = value if isinstance(value, str) else str(value).lower() if isinstance(value, bool) else str(value)
    for key in later - set(out):  # a reader that leaves out a value known only after apply names it in unknown
        out[key] = UNKNOWN
    return out


def tags_unknown(spec: ResourceSpec) -> bool:
    """Whether some tags are known only after apply without saying which (a plan's ``after_unknown`` names just
    ``tags``; the code readers name each one, ``tags.owner``): then a tag that is not there may be one of them.

    >>> s = ResourceSpec(address="a", type="aws_instance", provider="aws", unknown=("tags",))
    >>> tags_unknown(s), tags_unknown(ResourceSpec(address="a", type="aws_instance", provider="aws",
    ...                                            unknown=("tags", "tags.owner")))
    (True, False)
    """
    named = ("tags.", "tags_all.", "labels.")
    return any(u in ("tags", "tags_all", "labels") for u in spec.unknown) and not any(
        u.startswith(named) for u in spec.unknown)


def tag_value(tags: Mapping[str, str], name: str) -> tuple[str, str] | None:
    """(key as written, value) of the tag ``name``, keys matched in any case.

    >>> tag_value({"Environment": "dev"}, "environment")
    ('Environment', 'dev')
    """
    if name in tags:
        return name, tags[name]
    low = name.lower()
    for key, value in tags.items():
        if key.lower() == low:
            return key, value
    return None


@dataclass(frozen=True, slots=True)
class EnvironmentNaming:
    """How a resource's environment is named: the first of ``tags`` it has, else (``from_module``) its first
    module in the address."""

    tags: tuple[str, ...] = ("environment", "env")
    from_module: bool = True


_MODULE = re.compile(r'^module\.([A-Za-z0-9_-]+)(?:\[(?:"([^"]+)"|(\d+))\])?')


def environment_of(spec: ResourceSpec, naming: EnvironmentNaming = EnvironmentNaming(),
                   tags: Mapping[str, str] | None = None) -> str | None:
    """The environment ``spec`` belongs to (see the module's docstring), or None.

    >>> environment_of(ResourceSpec(address="module.staging.aws_db_instance.db", type="aws_db_instance",
    ...                             provider="aws"))
    'staging'
    """
    found = tags if tags is not None else tags_of(spec)
    for name in naming.tags:
        hit = tag_value(found, name)
        if hit is not None and hit[1] and hit[1] != UNKNOWN:
            return hit[1]
    if naming.from_module:
        m = _MODULE.match(spec.address)
        if m is not None:
            return m.group(2) or m.group(1)
    return None


def size_of(spec: ResourceSpec) -> tuple[str, str] | None:
    """(attribute path, size) of a resource whose type has a size (:data:`SIZE_PATHS`), where it is set.

    >>> size_of(ResourceSpec(address="db", type="aws_db_instance", provider="aws",
    ...                      attributes={"instance_class": "db.t3.large"}))
    ('instance_class', 'db.t3.large')
    """
    path = SIZE_PATHS.get(spec.type)
    if path is None:
        return None
    value = get_path(spec.attributes, path)
    return (path, value) if isinstance(value, str) and value else None


_AZURE_SERIES = re.compile(r"^(?:Standard|Basic)_([A-Z]+)\d+(?:-\d+)?([a-z]*)(?:_v(\d+))?(?:_|$)")


def size_family(provider: str, size: str) -> str:
    """The family of a size: AWS drops the size after the last dot (``db.r6g.large`` -> ``db.r6g``); Azure is the
    series (``Standard_D4ps_v5`` -> ``Dpsv5``, ``Standard_B2ms`` -> ``Bms``); GCP the machine series
    (``n2d-standard-4`` -> ``n2d``).

    >>> size_family("aws", "db.r6g.large"), size_family("azure", "Standard_D4ps_v5"), size_family("gcp", "e2-micro")
    ('db.r6g', 'Dpsv5', 'e2')
    """
    if provider == "aws":
        return size.rsplit(".", 1)[0] if "." in size else size
    if provider == "azure":
        m = _AZURE_SERIES.match(size)
        if m is None:
            return size
        return f"{m.group(1)}{m.group(2)}{'v' + m.group(3) if m.group(3) else ''}"
    return size.split("-", 1)[0]

