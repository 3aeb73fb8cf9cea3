"""Hypothesis strategies for what people (and attackers) feed costlib: plans, spec files, usage files, FOCUS rows
and daemon configs, as documents and as the bytes of files (encodings, truncation, nesting, literals JSON and
YAML should not carry).

The shapes are the documented ones: a plan as ``terraform show -json`` writes it (planned_values with child
modules, resource_changes, configuration.provider_config), a spec and a usage file as README.md documents them,
FOCUS 1.0 columns, ``config.example.yaml``. The values are whatever fits worst: words where numbers go, lists
where blocks go, 1e30, NaN, negative, unicode and markup, and provider names as they are found in the wild.
"""

from __future__ import annotations

import codecs
import json
import math
from decimal import Decimal
from typing import Any

import yaml
from hypothesis import strategies as st

from costlib.resources import registry

TYPES = registry.supported_types()
FREE_TYPES = sorted(registry.free_types()) if hasattr(registry, "free_types") else []
OTHER_TYPES = ["random_id", "null_resource", "kubernetes_namespace", "helm_release", "tls_private_key",
               "time_sleep", "local_file"]
GENERIC = ["compute.instance", "storage.block", "storage.object", "database.instance", "network.nat",
           "network.load_balancer", "kubernetes.cluster", "serverless.function"]
CLOUD_PREFIXES = ("aws_", "awscc_", "azurerm_", "azapi_", "google_")
CLOUD_PROVIDERS = {"aws", "awscc", "azurerm", "azapi", "google", "google-beta"}
REGIONS = {"aws": ["us-east-1", "eu-west-1", "ap-south-1"], "azure": ["westeurope", "eastus", "West Europe"],
           "gcp": ["us-central1", "europe-west1", "us-central1-a"]}
PROVIDER_OF = {"aws": "aws", "azure": "azurerm", "gcp": "google"}

#: words, numbers and text that break readers and renderers
NASTY_TEXT = ["", " ", "two", "huge", "NaN", "nan", "Infinity", "-Infinity", "1e999999", "-1", "1e30", "0x10",
              "日本語", "Ünïcödé", "emoji 🚀", "<script>alert(1)</script>", "</td></tr>", "| pipe | cell |",
              "`backtick`", "**bold**", "[link](javascript:alert(1))", "line\nbreak", "tab\tstop", "\u202eRTL",
              "\x00nul", "${var.x}", "%s%n", "' OR 1=1 --", "a" * 300, "[0]", "[/]", "{{ jinja }}",
              "2024-13-45", "0001-01-01", "9999-12-31", "true", "null", "~"]

def rare(n: int) -> st.SearchStrategy[bool]:
    """True about once in ``n`` draws (Hypothesis favours small integers and first choices, so ``integers(0, n) ==
    0`` would be true far more often)."""
    return st.sampled_from([False] * (n - 1) + [True])


scalars = st.one_of(
    st.none(), st.booleans(), st.integers(min_value=-(10**40), max_value=10**40),
    st.floats(allow_nan=False, allow_infinity=False), st.text(max_size=12), st.sampled_from(NASTY_TEXT),
    st.sampled_from([0, 1, -1, 10**30, 10**18, 2**63, -(2**63), 1e30, 1e-30, 0.5, 1.5e308]),
)
values = st.recursive(scalars, lambda inner: st.one_of(st.lists(inner, max_size=3),
                                                       st.dictionaries(st.text(max_size=8), inner, max_size=3)),
                      max_leaves=8)


def _fields(model: Any) -> list[str]:
    return [info.alias or name for name, info in model.model_fields.items() if name != "region"]


@st.composite
def attributes(draw: st.DrawFn, rtype: str) -> dict[str, Any]:
    """A registered type's example attributes with some replaced by hostile values."""
    if not registry.registered(rtype):
        return draw(st.dictionaries(st.text(max_size=8), values, max_size=3))
    rt = registry.lookup(rtype)
    attrs: dict[str, Any] = dict(rt.example)
    keys = _fields(rt.inputs) or ["x"]
    for key in draw(st.lists(st.sampled_from(keys), max_size=3)):
        attrs[key] = draw(values)
    return attrs


def provider_names(rtype: str) -> st.SearchStrategy[Any]:
    """``provider_name`` as plans carry it, and as broken plans do."""
    short = rtype.split("_", 1)[0]
    name = {"aws": "aws", "awscc": "awscc", "azurerm": "azurerm", "azapi": "azapi", "google": "google"}.get(short, short)
    ns = "azure" if name == "azapi" else "hashicorp"
    canonical = f"registry.terraform.io/{ns}/{name}"
    return st.one_of(
        st.just(canonical), st.just(canonical), st.just(canonical),
        st.sampled_from([None, "", name, name.upper(), canonical.upper(), canonical + " ", " " + canonical,
                         f"registry.opentofu.org/{ns}/{name}", f"registry.terraform.io/acme/{name}",
                         f"registry.terraform.io/-/{name}", "registry.terraform.io/hashicorp/random",
                         "registry.terraform.io/hashicorp/kubernetes", "a/b/c/d/" + name, "/" + name, name + "/",
                         "registry.terraform.io/hashicorp/google-beta", 5, ["aws"], {"name": "aws"}, True]),
    )


@st.composite
def plan_resource(draw: st.DrawFn, index: int, module: str) -> dict[str, Any]:
    rtype = draw(st.one_of(st.sampled_from(TYPES), st.sampled_from(TYPES), st.sampled_from(OTHER_TYPES),
                           st.sampled_from(FREE_TYPES or TYPES),
                           st.sampled_from(["aws_made_up", "azurerm_not_a_type", "google_nope", "awscc_ec2_instance"])))
    name = f"r{index}"
    address = f"{module}{rtype}.{name}"
    if draw(rare(10)):
        address = draw(st.sampled_from([f"{address}[0]", f'{address}["k"]', f"{address}[\"{NASTY_TEXT[13]}\"]",
                                        f"{address} <b>x</b>", f"{address}|`md`"]))
    res: dict[str, Any] = {"address": address, "type": rtype, "name": name, "values": draw(attributes(rtype))}
    mode = draw(st.sampled_from(["managed"] * 6 + ["data", None, "MANAGED", "Data ", "weird", 3]))
    if mode is not None or draw(st.booleans()):
        res["mode"] = mode
    provider = draw(provider_names(rtype))
    if provider is not None or draw(st.booleans()):
        res["provider_name"] = provider
    if draw(rare(20)):
        res["values"] = draw(st.sampled_from([None, [], "x", 5, [1, 2]]))
    if draw(rare(10)):
        region = draw(st.sampled_from([*REGIONS["aws"], *REGIONS["azure"], *REGIONS["gcp"], "mars-1", "", 7]))
        if isinstance(res["values"], dict):
            res["values"] = {**res["values"], "region": region, "location": region}
    return res


@st.composite
def plans(draw: st.DrawFn) -> dict[str, Any]:
    """A Terraform plan (or the JSON of a state) with cloud and non-cloud resources, modules, provider configs."""
    n = draw(st.integers(0, 6))
    resources = [draw(plan_resource(i, "")) for i in range(n)]
    children = []
    for m in range(draw(st.integers(0, 2))):
        prefix = f"module.m{m}."
        kids = [draw(plan_resource(100 * (m + 1) + i, prefix)) for i in range(draw(st.integers(0, 3)))]
        children.append({"address": f"module.m{m}", "resources": kids})
    root: dict[str, Any] = {"resources": resources}
    if children:
        root["child_modules"] = children
    state = draw(rare(6))
    doc: dict[str, Any] = {"format_version": draw(st.sampled_from(["1.2"] * 8 + ["0.1", "1.0", None, "2.0", 1]))}
    doc["values" if state else "planned_values"] = {"root_module": root}
    config: dict[str, Any] = {"provider_config": {}}
    for key, region in draw(st.dictionaries(st.sampled_from(["aws", "aws.west", "azurerm", "google", "module.m0:aws"]),
                                            st.sampled_from([*REGIONS["aws"], *REGIONS["gcp"], None, 5, "x"]),
                                            max_size=3)).items():
        config["provider_config"][key] = {"name": key.split(":")[-1].split(".")[0],
                                          "expressions": {"region": {"constant_value": region}}}
    doc["configuration"] = config
    if not state and draw(st.booleans()):
        every = [*resources, *(k for c in children for k in c["resources"])]
        doc["resource_changes"] = [
            {"address": r["address"], "type": r["type"], "mode": r.get("mode", "managed"),
             "provider_name": r.get("provider_name"),
             "change": {"actions": draw(st.sampled_from([["create"], ["update"], ["delete"], ["no-op"],
                                                         ["delete", "create"], "create", []])),
                        "before": draw(st.sampled_from([None, r.get("values")])), "after": r.get("values"),
                        "after_unknown": draw(st.sampled_from([{}, {"size": True}, None, [1]]))}}
            for r in every]
    return doc


def billable_addresses(doc: Any) -> set[str]:
    """What must come out of an estimate of ``doc``: every managed resource whose type or provider is a cloud's
    (the oracle, written from the issue's rule, not from the reader's code)."""
    out: set[str] = set()
    if not isinstance(doc, dict):
        return out
    top = doc.get("values") if "values" in doc and "planned_values" not in doc and "resource_changes" not in doc \
        else doc.get("planned_values")
    if not isinstance(top, dict):
        return out
    stack = [top.get("root_module")]
    while stack:
        module = stack.pop()
        if not isinstance(module, dict):
            continue
        for res in module.get("resources") or []:
            if not isinstance(res, dict):
                continue
            rtype, address, mode = res.get("type"), res.get("address"), res.get("mode")
            if not isinstance(rtype, str) or not isinstance(address, str):
                continue
            if (isinstance(mode, str) and mode.strip().lower() == "data") or (
                    mode is None and (address.startswith("data.") or ".data." in address)):
                continue
            name = res.get("provider_name")
            short = name.rsplit("/", 1)[-1].strip().lower() if isinstance(name, str) else ""
            if rtype.startswith(CLOUD_PREFIXES) or short in CLOUD_PROVIDERS:
                out.add(address)
        stack.extend(module.get("child_modules") or [])
    return out


# -- bytes ------------------------------------------------------------------------------------------------------

def encodings(text: str) -> st.SearchStrategy[bytes]:
    """The text as a file might hold it: UTF-8 with a BOM, UTF-16 with a BOM, latin-1, UTF-32, truncated, or with
    a NaN literal or a deep nesting spliced in."""
    utf8 = text.encode("utf-8")
    return st.one_of(
        st.just(codecs.BOM_UTF8 + utf8), st.just(text.encode("utf-16")),
        st.just((text + "\n# café\n").encode("latin-1", errors="replace")),
        st.just(text.encode("utf-32")),
        st.integers(0, max(len(utf8) - 1, 0)).map(lambda n: utf8[:n]),
        st.just(utf8.replace(b"1", b"NaN", 1)), st.just(utf8.replace(b"0", b"-Infinity", 1)),
        st.just(utf8.replace(b"1", b"1e999", 1)),
        st.integers(60, 3000).map(lambda d: utf8.replace(b"{", b"[" * d + b"{", 1) + b"]" * d),
    )


def _mostly_plain(plain: bytes, hazards: st.SearchStrategy[bytes]) -> st.SearchStrategy[bytes]:
    """``plain`` three times in four, else one of the ``hazards``."""
    return rare(4).flatmap(lambda hazard: hazards if hazard else st.just(plain))


def json_bytes(doc: Any) -> st.SearchStrategy[bytes]:
    text = json.dumps(doc, default=str, allow_nan=True)
    return _mostly_plain(text.encode(), encodings(text))


def yaml_bytes(doc: Any) -> st.SearchStrategy[bytes]:
    text = yaml.safe_dump(doc, allow_unicode=True, sort_keys=False)
    hazards = st.one_of(
        encodings(text),
        st.just(text.replace(": 1\n", ": .nan\n", 1).encode()),
        st.just(text.replace(": 1\n", ": 1.0e+999\n", 1).encode()),
        st.just(("x: &a [1, 2]\n" + "".join(f"a{i}: &a{i} [" + ",".join([f"*a{i - 1}" if i else "*a"] * 9) + "]\n"
                                           for i in range(8)) + text).encode()),
        st.just(("dup: 1\ndup: 2\n" + text).encode()),
        st.just((text + "---\nsecond: doc\n").encode()),
        st.integers(65, 3000).map(lambda d: ("deep:\n" + "".join("  " * i + "-\n" for i in range(1, d)) + text).encode()),
        st.just(("when: 2024-13-45\n" + text).encode()),
        st.just(("1: int key\non: bool key\n" + text).encode()),
    )
    return _mostly_plain(text.encode(), hazards)


# -- spec files --------------------------------------------------------------------------------------------------

@st.composite
def spec_item(draw: st.DrawFn, index: int) -> dict[str, Any]:
    kind = draw(st.sampled_from(["generic", "terraform", "junk"]))
    provider = draw(st.sampled_from(["aws", "azure", "gcp"]))
    item: dict[str, Any] = {"name": f"s{index}"}
    if kind == "generic":
        item["type"] = draw(st.sampled_from(GENERIC))
        item["provider"] = provider
        for key in draw(st.lists(st.sampled_from(["size", "vcpu", "memory_gb"]), max_size=2, unique=True)):
            item[key] = draw(st.one_of(values, st.sampled_from(["m5.large", "Standard_D2s_v5", "e2-standard-2", 4,
                                                                16, 10**30])))
        if draw(st.booleans()):
            item["attributes"] = draw(st.dictionaries(st.sampled_from(["size_gb", "disk_gb", "engine", "nodes", "os",
                                                                      "memory_mb", "storage_gb", "kind"]),
                                                      values, max_size=3))
    elif kind == "terraform":
        rtype = draw(st.sampled_from(TYPES))
        rt = registry.lookup(rtype)
        item["type"] = rtype
        item["provider"] = rt.provider
        item["attributes"] = draw(attributes(rtype))
        provider = rt.provider
    else:
        item["type"] = draw(st.one_of(st.sampled_from(NASTY_TEXT), values))
        item["provider"] = draw(st.one_of(st.sampled_from(["aws", "AWS ", "azure", "gcp", "oracle", ""]), values))
    item["region"] = draw(st.one_of(st.sampled_from(REGIONS.get(provider, ["us-east-1"])),
                                    st.sampled_from([None, "mars-1", 5, ""])))
    if draw(rare(4)):
        item["count"] = draw(st.one_of(st.integers(0, 4), st.sampled_from([100_000_000, 200_000, 10**30, -1, "3", 1.5,
                                                                            True, None, [2]])))
    if draw(rare(5)):
        item["usage"] = draw(st.dictionaries(st.sampled_from(["monthly_requests", "storage_gb", "monthly_hrs",
                                                             "data_processed_gb"]), values, max_size=2))
    if draw(rare(15)):
        item[draw(st.sampled_from(["unknown_key", "Name", "tags"]))] = draw(values)
    return item


@st.composite
def specs(draw: st.DrawFn) -> dict[str, Any]:
    doc: dict[str, Any] = {"resources": [draw(spec_item(i)) for i in range(draw(st.integers(0, 5)))]}
    if draw(rare(15)):
        doc = draw(st.sampled_from([{"resources": 5}, {"resource": []}, {"resources": None}, {}]))
    return doc


def spec_addresses(doc: Any) -> set[str]:
    """Every address a spec document expands to (the oracle: names and counts as README.md documents them)."""
    out: set[str] = set()
    items = doc.get("resources") if isinstance(doc, dict) else None
    for i, item in enumerate(items if isinstance(items, list) else []):
        if not isinstance(item, dict):
            continue
        name = str(item.get("name") or item.get("address") or f"{item.get('type')}.{i}")
        count = item.get("count", 1)
        if "count" not in item:
            out.add(name)
        elif isinstance(count, int) and not isinstance(count, bool) and 0 <= count < 1000:
            out.update(f"{name}[{n}]" for n in range(count))
    return out


# -- usage files ----------------------------------------------------------------------------------------------

USAGE_KEYS = ["monthly_requests", "request_duration_ms", "storage_gb", "monthly_hrs", "data_processed_gb",
              "monthly_data_processed_gb", "operating_system", "reserved_instance_type", "capacity_units"]


numbers = st.one_of(st.integers(0, 10**6), st.decimals(min_value=0, max_value=10**6, places=3).map(str),
                    st.floats(min_value=0, max_value=1e6), st.sampled_from([10**30, -5, "1e999999", "1e30", 0]))


@st.composite
def usage_docs(draw: st.DrawFn, addresses: list[str], types: list[str]) -> dict[str, Any]:
    figure = st.one_of(numbers, numbers, numbers, values)
    section = st.dictionaries(st.sampled_from(USAGE_KEYS), st.one_of(figure, figure, st.dictionaries(
        st.sampled_from(["volume_size", "storage_gb", "monthly_hrs"]), figure, max_size=2)), max_size=4)
    doc: dict[str, Any] = {"version": draw(st.sampled_from([0.1, "0.1", None, 2, [1]]))}
    if draw(st.booleans()):
        doc["resource_type_default_usage"] = draw(st.dictionaries(st.sampled_from(types), section, max_size=2))
    if draw(st.booleans()):
        patterns = [*addresses, "*", "aws_*.*", "module.*", "nothing.here", "aws_instance.web[*]"]
        doc["resource_usage"] = draw(st.dictionaries(st.sampled_from(patterns), st.one_of(section, section, values),
                                                     max_size=4))
    if draw(rare(15)):
        doc[draw(st.sampled_from(["unknown", "resource_usages"]))] = draw(values)
    return doc


# -- FOCUS rows -----------------------------------------------------------------------------------------------

FOCUS_COLUMNS = ["BilledCost", "EffectiveCost", "ListCost", "BillingCurrency", "ChargePeriodStart", "ChargePeriodEnd",
                 "ChargeCategory", "ProviderName", "ServiceName", "SubAccountId", "RegionId", "ResourceId", "Tags"]


def _money_text(value: Decimal) -> str:
    return format(value, "f")


@st.composite
def focus_row(draw: st.DrawFn, hostile: bool) -> dict[str, str]:
    """One FOCUS row: well-formed (a cost of up to 6 decimals, a day in September 2024), or with one hostile value."""
    day = draw(st.integers(1, 30))
    cost = Decimal(draw(st.integers(-10**9, 10**9))) / Decimal(10) ** draw(st.integers(0, 6))
    row = {"BilledCost": _money_text(cost), "EffectiveCost": _money_text(cost), "ListCost": _money_text(abs(cost)),
           "BillingCurrency": draw(st.sampled_from(["USD", "USD", "EUR"])),
           "ChargePeriodStart": f"2024-09-{day:02d} 00:00:00",
           "ChargePeriodEnd": f"2024-09-{day:02d} 23:00:00",
           "ChargeCategory": draw(st.sampled_from(["Usage", "Usage", "Purchase", "Tax", "Credit", "Adjustment"])),
           "ProviderName": draw(st.sampled_from(["AWS", "Microsoft", "Google Cloud", "日本", "<b>x</b>"])),
           "ServiceName": draw(st.one_of(st.sampled_from(["EC2", "S3", "", "NULL"]), st.sampled_from(NASTY_TEXT))),
           "SubAccountId": draw(st.sampled_from(["111", "222", ""])),
           "RegionId": draw(st.sampled_from(["us-east-1", "", "NULL"])),
           "ResourceId": draw(st.sampled_from(["i-1", "", "arn:aws:x"])),
           "Tags": draw(st.sampled_from(['{"team": "web"}', "{}", "", "NULL", '{"team": "日本"}']))}
    if hostile:
        column = draw(st.sampled_from(["BilledCost", "EffectiveCost", "ListCost", "BillingCurrency", "ChargeCategory",
                                       "Tags", "ChargePeriodStart"]))
        bad = {"BilledCost": ["two", "NaN", "Infinity", "1e30", "1e999999", "--1", "1,5", "0x10", "", "NULL",
                              "1.0000000000001"],
               "EffectiveCost": ["two", "NaN", "1e999999", "0.1234567890123"], "ListCost": ["two", "-Infinity"],
               "BillingCurrency": ["", "usd", "XXX", "DOLLARS", "NULL"],
               "ChargeCategory": ["Refund", "usage", "日本"], "Tags": ["{not json", "[1, 2]", '"x"'],
               "ChargePeriodStart": ["2024-13-45", "yesterday", "", "0001-01-01", "9999-12-31 00:00:00"]}[column]
        row[column] = draw(st.sampled_from(bad))
    return row


@st.composite
def focus_files(draw: st.DrawFn) -> list[dict[str, str]]:
    n = draw(st.integers(0, 12))
    hostile = draw(rare(4))
    rows = [draw(focus_row(hostile and draw(st.booleans()))) for _ in range(n)]
    return rows


# -- daemon configs ---------------------------------------------------------------------------------------------

DURATIONS = ["10000000000000w", "999999999999999d", "0d", "-1d", "1.5h", "forever", "", "6h", "1y", 5, None,
             "1e400h", "9" * 30 + "m"]
DATES = ["0001-01-01", "9999-12-31", "2024-13-45", "2024-02-30", "yesterday", 20240101, None, "2024-10-01"]


def _paths(doc: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [prefix]
    if isinstance(doc, dict):
        for k, v in doc.items():
            out += _paths(v, (*prefix, k))
    elif isinstance(doc, list):
        for i, v in enumerate(doc):
            out += _paths(v, (*prefix, i))
    return out


def _get(doc: Any, path: tuple[Any, ...]) -> Any:
    for part in path:
        doc = doc[part]
    return doc


def _replace(doc: Any, path: tuple[Any, ...], value: Any) -> Any:
    if not path:
        return value
    head, rest = path[0], path[1:]
    if isinstance(doc, dict):
        return {**doc, head: _replace(doc[head], rest, value)}
    copy = list(doc)
    copy[head] = _replace(copy[head], rest, value)
    return copy


@st.composite
def configs(draw: st.DrawFn, base: dict[str, Any]) -> dict[str, Any]:
    """``config.example.yaml`` with a few values replaced by hostile ones (durations and dates out of range,
    wrong types, deep nesting)."""
    doc = base
    paths = _paths(base)[1:]
    for _ in range(draw(st.integers(0, 2))):
        path = draw(st.sampled_from(paths))
        key = " ".join(str(p) for p in path)
        old = _get(base, path)
        if any(w in key for w in ("interval", "ttl", "before", "grace", "deadline", "window", "after", "period")):
            new = draw(st.one_of(st.sampled_from(DURATIONS), st.sampled_from(DURATIONS), values))
        elif "as_of" in key or "date" in key:
            new = draw(st.sampled_from(DATES))
        elif isinstance(old, bool):
            new = draw(st.one_of(st.booleans(), values))
        elif isinstance(old, int | float):
            new = draw(st.one_of(st.sampled_from([0, -1, 10**30, 1e30, 2**63, 0.5]), st.integers(), values))
        elif isinstance(old, str):
            new = draw(st.one_of(st.sampled_from(NASTY_TEXT), st.text(max_size=10), values))
        else:
            new = draw(values)
        try:
            doc = _replace(doc, path, new)
        except (KeyError, IndexError, TypeError):
            continue
    return doc


def finite(value: Any) -> bool:
    """Whether a float is finite (Hypothesis' floats here are; a helper for the oracles)."""
    return not isinstance(value, float) or math.isfinite(value)
