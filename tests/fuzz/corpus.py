"""The seed corpus: every crash issue 18 lists, written as the file that caused it (by this module, at test time:
no fixture is copied from anywhere). ``PLANS``, ``SPECS``, ``USAGE``, ``CONFIGS`` and ``FOCUS`` map a case name
to its bytes; ``dev.py fuzz`` and the Hypothesis tests start from the same shapes."""

from __future__ import annotations

import codecs
import gzip
import io
import json
import zipfile
from typing import Any

_AWS = "registry.terraform.io/hashicorp/aws"


def plan(*resources: dict[str, Any], region: str = "us-east-1") -> dict[str, Any]:
    """A plan of ``resources`` (each needs address, type, values; provider_name defaults to hashicorp/aws)."""
    out = [{"mode": "managed", "name": r["address"].rsplit(".", 1)[-1], "provider_name": _AWS, **r} for r in resources]
    return {"format_version": "1.2", "planned_values": {"root_module": {"resources": out}},
            "configuration": {"provider_config": {"aws": {"name": "aws", "expressions": {
                "region": {"constant_value": region}}}}}}


def _j(doc: Any) -> bytes:
    return json.dumps(doc, allow_nan=True).encode()


def _zip() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("tfplan", b"\x0a\x05plan")
    return buf.getvalue()


_VOLUME = {"address": "aws_ebs_volume.data", "type": "aws_ebs_volume",
           "values": {"type": "gp3", "size": 100, "availability_zone": "us-east-1a"}}
_INSTANCE = {"address": "aws_instance.web", "type": "aws_instance", "values": {"instance_type": "t3.micro"}}


def _with(base: dict[str, Any], **values: Any) -> dict[str, Any]:
    return {**base, "values": {**base["values"], **values}}


def _deep_values(depth: int) -> bytes:
    text = _j(plan(_VOLUME)).decode()
    return text.replace('"size": 100', '"size": ' + '{"a": ' * depth + "1" + "}" * depth).encode()


#: plan and state JSON files -> bytes
PLANS: dict[str, bytes] = {
    "deeply nested JSON": b"[" * 100_000 + b"]" * 100_000,
    "deeply nested values": _deep_values(5_000),
    "latin-1 plan": json.dumps(plan(_with(_INSTANCE, tags={"team": "caf\u00e9"})), ensure_ascii=False).encode("latin-1"),
    "NaN literal": _j(plan(_VOLUME)).replace(b'"size": 100', b'"size": NaN'),
    "Infinity literal": _j(plan(_VOLUME)).replace(b'"size": 100', b'"size": -Infinity'),
    "1e999 float": _j(plan(_VOLUME)).replace(b'"size": 100', b'"size": 1e999'),
    "5000-digit integer": _j(plan(_VOLUME)).replace(b'"size": 100', b'"size": ' + b"9" * 5000),
    "binary plan (zip)": _zip(),
    "gzip archive": gzip.compress(_j(plan(_VOLUME))),
    "UTF-32 text": _j(plan(_VOLUME)).decode().encode("utf-32"),
    "empty file": b"",
    "a JSON array": b"[1, 2, 3]",
}

#: plans that are read: (bytes, {address: (status, a word its message has)}); every address must come out
PLANS_READ: dict[str, tuple[bytes, dict[str, tuple[str, str]]]] = {
    "UTF-16 with a BOM (PowerShell 5)": (_j(plan(_INSTANCE)).decode().encode("utf-16"),
                                         {"aws_instance.web": ("priced", "")}),
    "UTF-8 with a BOM": (codecs.BOM_UTF8 + _j(plan(_INSTANCE)), {"aws_instance.web": ("priced", "")}),
    "words in numeric attributes": (_j(plan(
        _with(_VOLUME, size="huge"),
        {"address": "aws_elasticache_cluster.c", "type": "aws_elasticache_cluster",
         "values": {"node_type": "cache.t3.micro", "engine": "redis", "num_cache_nodes": "two"}})),
        {"aws_ebs_volume.data": ("price_not_found", "size"),
         "aws_elasticache_cluster.c": ("price_not_found", "num_cache_nodes")}),
    "a number or a word where a list or a block belongs": (_j(plan(
        _with(_INSTANCE, root_block_device=5, ebs_block_device=3.5),
        {"address": "aws_eks_node_group.g", "type": "aws_eks_node_group",
         "values": {"instance_types": 7, "scaling_config": "three"}},
        {"address": "aws_db_instance.d", "type": "aws_db_instance",
         "values": {"instance_class": ["db.t3.micro"], "engine": {"x": 1}, "allocated_storage": [20]}})),
        {"aws_instance.web": ("price_not_found", "root_block_device"),
         "aws_eks_node_group.g": ("price_not_found", ""), "aws_db_instance.d": ("price_not_found", "")}),
    "a 1e30 GB disk": (_j(plan(_with(_VOLUME, size=1e30))), {"aws_ebs_volume.data": ("price_not_found", "size")}),
    "provider_name null": (_j(plan({**_INSTANCE, "provider_name": None})), {"aws_instance.web": ("priced", "")}),
    "provider_name .../AWS (another letter case)": (_j(plan({**_INSTANCE, "provider_name": _AWS.replace("aws", "AWS")})),
                                                    {"aws_instance.web": ("priced", "")}),
    "provider_name with a trailing space": (_j(plan({**_INSTANCE, "provider_name": _AWS + " "})),
                                            {"aws_instance.web": ("unsupported", "provider not read")}),
    "provider_name of an unknown namespace (acme/aws)": (
        _j(plan({**_INSTANCE, "provider_name": "registry.terraform.io/acme/aws"})),
        {"aws_instance.web": ("unsupported", "acme/aws")}),
    "provider_name that is a number": (_j(plan({**_INSTANCE, "provider_name": 5})),
                                       {"aws_instance.web": ("unsupported", "provider not read")}),
    "an AWS type under the kubernetes provider": (
        _j(plan({**_INSTANCE, "provider_name": "registry.terraform.io/hashicorp/kubernetes"})),
        {"aws_instance.web": ("unsupported", "kubernetes")}),
    "mode null": (_j(plan({**_INSTANCE, "mode": None})), {"aws_instance.web": ("priced", "")}),
    "OpenTofu's registry": (_j(plan({**_INSTANCE, "provider_name": "registry.opentofu.org/hashicorp/aws"})),
                            {"aws_instance.web": ("priced", "")}),
}

#: resources of providers that are not clouds stay out of an estimate (nothing to price), as before
NOT_BILLABLE = _j(plan({"address": "random_id.x", "type": "random_id", "values": {},
                        "provider_name": "registry.terraform.io/hashicorp/random"},
                       {"address": "kubernetes_namespace.n", "type": "kubernetes_namespace", "values": {},
                        "provider_name": "registry.terraform.io/hashicorp/kubernetes"}, _INSTANCE))


def _laughs(tail: str) -> bytes:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 9)]
    return ("\n".join(lines) + "\n" + tail).encode()


_SPEC = "resources:\n  - {name: web, type: compute.instance, provider: aws, region: us-east-1, size: t3.micro}\n"

#: spec files (name.yaml unless the case says .json) -> (bytes, a word the clean error has)
SPECS: dict[str, tuple[bytes, str]] = {
    "count: 100000000 in 150 bytes": (
        b"resources:\n  - {name: w, type: compute.instance, provider: aws, region: us-east-1, size: t3.micro, "
        b"count: 100000000}\n", "100,000,000 resources, over the limit of 100,000"),
    "count: 200000 (over the default limit)": (
        b"resources:\n  - {name: w, type: compute.instance, provider: aws, size: t3.micro, count: 200000}\n",
        "over the limit of 100,000"),
    "a negative count": (b"resources:\n  - {name: w, type: compute.instance, provider: aws, count: -1}\n",
                         "whole number"),
    "a count in words": (b"resources:\n  - {name: w, type: compute.instance, provider: aws, count: '3'}\n",
                         "whole number"),
    "a fractional count": (b"resources:\n  - {name: w, type: compute.instance, provider: aws, count: 1.5}\n",
                           "whole number"),
    "deeply nested YAML (flow)": (b"resources: " + b"[" * 100_000 + b"]" * 100_000 + b"\n", "nested deeper than 64"),
    "deeply nested YAML (block)": (("resources:\n" + "".join("  " * i + "-\n" for i in range(1, 3000))).encode(),
                                   "nested deeper than 64"),
    "billion laughs": (_laughs(_SPEC), "billion laughs"),
    "a recursive alias": (b"resources: &r\n  - *r\n", "recursive"),
    "latin-1 spec": (_SPEC.replace("web", "caf\u00e9").encode("latin-1"), "not UTF-8 text"),
    "a .nan": (_SPEC.replace("size: t3.micro", "vcpu: .nan").encode(), ".nan is not a number"),
    "a 1.0e+999": (_SPEC.replace("size: t3.micro", "vcpu: 1.0e+999").encode(), "is not a number"),
    "a key that is a number": (b"resources: []\n1: x\n", "quote it"),
    "a key that YAML reads as a boolean (on:)": (b"resources: []\non: x\n", "quote it"),
    "a key given twice": (_SPEC.encode() + b"resources: []\n", "given twice"),
    "two YAML documents": (_SPEC.encode() + b"---\nresources: []\n", "one YAML document"),
    "a Python tag": (b"resources: !!python/object/apply:os.system [echo hi]\n", "not valid YAML"),
    "a !!binary value": (_SPEC.replace("size: t3.micro", "size: !!binary aGk=").encode(), "binary"),
    "resources that is a number": (b"resources: 5\n", "'resources' list"),
    "a name that is a list": (b"resources:\n  - {name: [1, 2], type: compute.instance, provider: aws}\n", "word"),
    "an unknown provider": (b"resources:\n  - {name: w, type: compute.instance, provider: oracle}\n",
                            "unknown provider 'oracle'"),
}

#: spec files that are read: (bytes, {address: status})
SPECS_READ: dict[str, tuple[bytes, dict[str, str]]] = {
    "dates stay text": (b"resources:\n  - {name: b, type: aws_s3_bucket, provider: aws, region: us-east-1, "
                        b"attributes: {created: 2024-13-45, expires: 0001-01-01}}\n", {"b": "usage_based"}),
    "words where a size goes": (b"resources:\n  - {name: w, type: compute.instance, provider: aws, region: us-east-1, "
                                b"vcpu: lots, memory_gb: 16}\n", {"w": "price_not_found"}),
    "a 1e30 GB disk": (b"resources:\n  - {name: d, type: storage.block, provider: aws, region: us-east-1, "
                       b"attributes: {size_gb: 1.0e+30}}\n", {"d": "price_not_found"}),
    "count: 3": (b"resources:\n  - {name: w, type: compute.instance, provider: aws, region: us-east-1, size: t3.micro, "
                 b"count: 3}\n", {"w[0]": "priced", "w[1]": "priced", "w[2]": "priced"}),
}

_USAGE = "resource_usage:\n  aws_lambda_function.api:\n    monthly_requests: 1000\n"

#: usage files -> (bytes, a word the clean error has)
USAGE: dict[str, tuple[bytes, str]] = {
    "latin-1 usage file": ((_USAGE + "# caf\u00e9\n").encode("latin-1"), "not UTF-8 text"),
    "deeply nested usage": (("resource_usage:\n  x:\n" + "".join("  " * i + "    a:\n" for i in range(1, 200))).encode(),
                            "nested deeper than 64"),
    "a .nan figure": (_USAGE.replace("1000", ".nan").encode(), "not a number"),
    "the string 1e999999": (_USAGE.replace("1000", "'1e999999'").encode(), "beyond any real bill"),
    "a negative figure": (_USAGE.replace("1000", "-5").encode(), "non-negative"),
    "a 1e30 figure": (_USAGE.replace("1000", "1.0e+30").encode(), "beyond any real bill"),
    "a word where a number goes": (_USAGE.replace("1000", "lots").encode(), "monthly_requests"),
    "a list where a section goes": (b"resource_usage:\n  aws_instance.web: [1, 2]\n", "mapping"),
    "a key given twice": (_USAGE.encode() + b"resource_usage: {}\n", "given twice"),
    "a key that is a number": (b"resource_usage:\n  5: {}\n", "quote it"),
    "billion laughs": (_laughs("resource_usage: {}\n"), "billion laughs"),
}

#: daemon configs -> (a change to config.example.yaml: (old, new) text, a word the ConfigError has)
CONFIGS: dict[str, tuple[tuple[str, str] | bytes, str]] = {
    "latin-1 config": ("# caf\u00e9\n".encode("latin-1"), "not UTF-8 text"),
    "deeply nested config": (b"budgets: " + b"[" * 50_000 + b"]" * 50_000 + b"\n", "nested deeper than 64"),
    "a .nan": (("poll_interval: 6h", "poll_interval: .nan"), "not a number"),
    "billion laughs": (_laughs("state_dir: st\n"), "billion laughs"),
    "a date YAML cannot read": (("as_of: ", "as_of: 2024-13-45 #"), "month must be in 1..12"),
    "a list, not a mapping": (b"- 1\n- 2\n", "mapping"),
    # durations and dates out of range: ConfigErrors naming the key (an OverflowError or accepted before)
    "grace: 10000000000000w": (("grace: 1d", "grace: 10000000000000w"), "grace"),
    "warn_before: [999999999999999d]": (("warn_before: [3d, 1d]", "warn_before: [999999999999999d]"), "warn_before"),
    "deadline: 999999999999999d": (("deadline: 24h", "deadline: 999999999999999d"), "deadline"),
    "default_ttl dev: 10000000000000w": (("dev: 30d", "dev: 10000000000000w"), "dev"),
    "poll_interval: 10000000000000w": (("poll_interval: 6h", "poll_interval: 10000000000000w"), "poll_interval"),
    "as_of: 0001-01-01": (("as_of: ", "as_of: 0001-01-01 #"), "as_of"),
    "a superscript port": (("listen: 127.0.0.1:9847", "listen: 127.0.0.1:\u00b2"), "listen is host:port"),
}

_FOCUS_HEAD = ("BilledCost,EffectiveCost,ListCost,BillingCurrency,ChargePeriodStart,ChargePeriodEnd,ChargeCategory,"
               "ProviderName,ServiceName\n")


def focus(*rows: str) -> bytes:
    return (_FOCUS_HEAD + "".join(r + "\n" for r in rows)).encode()


_ROW = "{cost},{cost},{cost},USD,{start},2024-09-02 00:00:00,Usage,AWS,EC2"

#: FOCUS files -> (bytes, a word the clean error has)
FOCUS: dict[str, tuple[bytes, str]] = {
    "a NaN cost": (focus(_ROW.format(cost="NaN", start="2024-09-01 00:00:00")), "malformed row"),
    "a 1e30 cost": (focus(_ROW.format(cost="1e30", start="2024-09-01 00:00:00")), "malformed row"),
    "a cost in words": (focus(_ROW.format(cost="ten", start="2024-09-01 00:00:00")), "malformed row"),
}

#: FOCUS rows main dropped or counted as $0 without a word before the FOCUS fix (issue 18, FOCUS rows)
FOCUS_SPEND: dict[str, bytes] = {
    "a blank ChargePeriodStart": focus(_ROW.format(cost="5", start="2024-09-01 00:00:00"),
                                       _ROW.format(cost="7", start="")),
    "a blank BilledCost": focus(_ROW.format(cost="5", start="2024-09-01 00:00:00"),
                                "," + _ROW.format(cost="7", start="2024-09-01 00:00:00").split(",", 1)[1]),
    "a NULL BilledCost": focus(_ROW.format(cost="5", start="2024-09-01 00:00:00"),
                               "NULL," + _ROW.format(cost="7", start="2024-09-01 00:00:00").split(",", 1)[1]),
}
