"""GCP Cloud Load Balancing and Cloud Armor.

Which piece carries the charge: the **forwarding rule**. Google bills a load balancer by its forwarding rules
(per rule-hour) and the data it processes (per GiB, in the region where it is processed); target proxies, URL
maps, target pools and backend services have no charge of their own (they are listed free with that reason).
Two kinds differ: a rule with ``load_balancing_scheme = INTERNAL_MANAGED`` (internal Application and proxy
Network Load Balancers) is billed by its **proxy instances** and data processed instead of rule-hours, and a
Private Service Connect endpoint (a rule whose target is a service attachment or a Google APIs bundle) by
endpoint-hours and data processed.

Forwarding-rule hours are tiered **per project and region** (the first 5 rules at one rate, each additional
rule at a lower one): a single rule cannot know its rank, so it is priced at the first-5 rate and says so.

Pricing: https://cloud.google.com/load-balancing/pricing (read 2026-12-01: global forwarding rules, first 5
$0.025/h, each additional $0.01/h; inbound and outbound data processed per GiB by region),
https://cloud.google.com/vpc/pricing#psc-forwarding-rules, https://cloud.google.com/armor/pricing.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated

from costlib.models import CostComponent
from costlib.resources._q import gcp, hourly, monthly, unmodelled, usage_based
from costlib.resources.gcp._common import no_charge
from costlib.resources.registry import resource
from costlib.resources.schema import GB, Blocks, GcpInputs, Model, Quantity, Rate, Usage, choice, usage_key

__all__ = ["google_compute_backend_service", "google_compute_forwarding_rule", "google_compute_global_forwarding_rule",
           "google_compute_region_backend_service", "google_compute_security_policy", "rule_components"]

_SCHEMES = ("EXTERNAL", "EXTERNAL_MANAGED", "INTERNAL", "INTERNAL_MANAGED", "INTERNAL_SELF_MANAGED", "")


class ForwardingRule(GcpInputs):
    load_balancing_scheme: Annotated[str, choice(*_SCHEMES, what="load balancing scheme")] = "EXTERNAL"
    target: str | None = None
    backend_service: str | None = None


class ForwardingRuleUsage(Usage):
    monthly_ingress_data_gb: GB | None = usage_key("Inbound data processed by the load balancer a month", unit="GB")
    monthly_egress_data_gb: GB | None = usage_key("Outbound data processed by the load balancer a month", unit="GB")
    monthly_proxy_instances: Rate | None = usage_key(
        "Average proxy instances a month (INTERNAL_MANAGED load balancers)", unit="instances")
    monthly_data_processed_gb: GB | None = usage_key(
        "Data processed a month (INTERNAL_MANAGED load balancers and Private Service Connect endpoints)", unit="GB")


def _psc(target: str | None) -> bool:
    t = (target or "").lower()
    return "serviceattachments/" in t or t in ("all-apis", "vpc-sc")


def rule_components(i: ForwardingRule, u: ForwardingRuleUsage, scope: str) -> list[CostComponent]:
    """The charges a forwarding rule carries: rule-hours and data processed, or proxy instances, or a PSC endpoint."""
    reg = i.region
    if _psc(i.target):
        return [hourly("Private Service Connect endpoint",
                       gcp("Networking", reg, "Network", resource="psc-endpoint")),
                usage_based("PSC data processed", gcp("Networking", reg, "Network", resource="psc-data"),
                            u.monthly_data_processed_gb, unit="GB", usage_key="monthly_data_processed_gb")]
    if i.load_balancing_scheme == "INTERNAL_SELF_MANAGED":
        return [no_charge("Forwarding rule (Traffic Director)",
                          "INTERNAL_SELF_MANAGED rules route service-mesh traffic and carry no load-balancer charge")]
    if i.load_balancing_scheme == "INTERNAL_MANAGED":
        proxies = u.monthly_proxy_instances
        return [usage_based("Proxy instances", gcp("Compute Engine", reg, "Network", resource="lb-proxy-instance"),
                            None if proxies is None else proxies * 730, unit="hours",
                            usage_key="monthly_proxy_instances"),
                usage_based("Data processed (internal)",
                            gcp("Compute Engine", reg, "Network", resource="lb-data-processed", scheme="internal"),
                            u.monthly_data_processed_gb, unit="GB", usage_key="monthly_data_processed_gb")]
    return [
        hourly(f"Forwarding rule ({scope}, first 5 of a project)",
               gcp("Compute Engine", reg, "Network", resource="forwarding-rule", scope=scope, tier="first-5"),
               note="rules beyond the 5th of a project in a region are billed at the lower additional-rule rate"),
        usage_based("Inbound data processed",
                    gcp("Compute Engine", reg, "Network", resource="lb-data-processed", direction="inbound"),
                    u.monthly_ingress_data_gb, unit="GB", usage_key="monthly_ingress_data_gb"),
        usage_based("Outbound data processed",
                    gcp("Compute Engine", reg, "Network", resource="lb-data-processed", direction="outbound"),
                    u.monthly_egress_data_gb, unit="GB", usage_key="monthly_egress_data_gb"),
    ]


@resource("google_compute_forwarding_rule", example={"load_balancing_scheme": "EXTERNAL", "region": "us-central1"})
def google_compute_forwarding_rule(i: ForwardingRule, u: ForwardingRuleUsage) -> list[CostComponent]:
    """A regional forwarding rule: the load balancer's charge (see the module: rule-hours at the first-5 rate and
    data processed; INTERNAL_MANAGED: proxy instances and data; a PSC endpoint: endpoint-hours and data).

    Pricing: https://cloud.google.com/load-balancing/pricing
    """
    return rule_components(i, u, "regional")


@resource("google_compute_global_forwarding_rule", example={"load_balancing_scheme": "EXTERNAL_MANAGED"})
def google_compute_global_forwarding_rule(i: ForwardingRule, u: ForwardingRuleUsage) -> list[CostComponent]:
    """A global forwarding rule: rule-hours at the first-5 rate ($0.025/h on the pricing page) and data processed
    in the region where it is processed (the provider's region here); INTERNAL_MANAGED (cross-region internal
    load balancer): proxy instances and data; a PSC endpoint for Google APIs: endpoint-hours and data.

    Pricing: https://cloud.google.com/load-balancing/pricing
    """
    return rule_components(i, u, "global")


class BackendService(GcpInputs):
    enable_cdn: bool = False
    load_balancing_scheme: str = "EXTERNAL"


def _backend(i: BackendService) -> list[CostComponent]:
    out = [no_charge("Backend service", "the load balancer is billed on its forwarding rule")]
    if i.enable_cdn:
        out.append(unmodelled("Cloud CDN (enable_cdn)", "cache egress per GiB by client location, cache fill and "
                                                         "lookups are not priced yet"))
    return out


@resource("google_compute_backend_service", example={"load_balancing_scheme": "EXTERNAL_MANAGED"})
def google_compute_backend_service(i: BackendService) -> list[CostComponent]:
    """A global backend service: no charge of its own (the forwarding rule carries the load balancer's charge);
    with ``enable_cdn`` the Cloud CDN traffic is billable and named as not priced yet.

    Pricing: https://cloud.google.com/load-balancing/pricing, https://cloud.google.com/cdn/pricing
    """
    return _backend(i)


@resource("google_compute_region_backend_service", example={"region": "us-central1"})
def google_compute_region_backend_service(i: BackendService) -> list[CostComponent]:
    """A regional backend service: no charge of its own (the forwarding rule carries the load balancer's charge);
    with ``enable_cdn`` the Cloud CDN traffic is named as not priced yet.

    Pricing: https://cloud.google.com/load-balancing/pricing
    """
    return _backend(i)


class SecurityRule(Model):
    priority: int | None = None
    action: str | None = None


class SecurityPolicy(GcpInputs):
    type: Annotated[str, choice("CLOUD_ARMOR", "CLOUD_ARMOR_EDGE", "CLOUD_ARMOR_INTERNAL_SERVICE",
                                "CLOUD_ARMOR_NETWORK")] = "CLOUD_ARMOR"
    rule: Blocks[SecurityRule] = ()


class SecurityPolicyUsage(Usage):
    monthly_requests: Quantity | None = usage_key("Requests evaluated by the policy a month", unit="requests")


@resource("google_compute_security_policy", example={"rule": [{"priority": 1000, "action": "deny(403)"},
                                                               {"priority": 2147483647, "action": "allow"}]})
def google_compute_security_policy(i: SecurityPolicy, u: SecurityPolicyUsage) -> list[CostComponent]:
    """A Cloud Armor Standard policy: a monthly charge per policy and per rule (each ``rule`` block; a policy always
    has its default rule, so at least one), and requests evaluated per million (usage ``monthly_requests``).
    Cloud Armor Enterprise (a subscription per project) and network edge policies are not priced here.

    Pricing: https://cloud.google.com/armor/pricing
    """
    if i.type in ("CLOUD_ARMOR_NETWORK", "CLOUD_ARMOR_INTERNAL_SERVICE"):
        return [unmodelled(f"Cloud Armor policy ({i.type})", "advanced network DDoS and internal-service policies "
                                                           "are billed through Cloud Armor Enterprise")]
    rules = max(1, len(i.rule))
    reg = i.region
    return [
        monthly("Security policy", gcp("Networking", reg, "Cloud Armor", resource="policy"), Decimal(1),
                unit="policies"),
        monthly("Security policy rules", gcp("Networking", reg, "Cloud Armor", resource="rule"), Decimal(rules),
                unit="rules"),
        usage_based("Requests", gcp("Networking", reg, "Cloud Armor", resource="requests"),
                    None if u.monthly_requests is None else u.monthly_requests / Decimal(1_000_000),
                    unit="1M requests", usage_key="monthly_requests"),
    ]
