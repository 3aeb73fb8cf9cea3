"""AWS WAF web ACLs: WAF (v2) and WAF Classic (global, for CloudFront).

Pricing: https://aws.amazon.com/waf/pricing/ — a web ACL is billed per month, each rule in it per month
(a rule that references a rule group counts as one rule here; the rules inside your own rule groups are
usage ``rule_group_rules``), and requests per million. Intelligent threat mitigation managed rule groups
(Bot Control, Fraud Control account takeover and account creation) add their own subscription and request
fees, and AWS Marketplace rule groups their seller's fees: named as not modelled when the web ACL uses them.
Requests inspecting more than the default web ACL capacity (1,500 WCUs) are billed extra, not modelled.
"""

from __future__ import annotations

from decimal import Decimal

from costlib.models import CostComponent
from costlib.resources._q import aws, monthly, unmodelled, usage_based
from costlib.resources.registry import resource
from costlib.resources.schema import AwsInputs, Block, Blocks, Count, Model, Quantity, Usage, usage_key

__all__ = ["aws_waf_web_acl", "aws_wafv2_web_acl"]

#: AWS managed rule groups with fees of their own (intelligent threat mitigation)
PAID_MANAGED = ("AWSManagedRulesBotControlRuleSet", "AWSManagedRulesATPRuleSet", "AWSManagedRulesACFPRuleSet",
                "AWSManagedRulesAntiDDoSRuleSet")


class ManagedRuleGroup(Model):
    name: str | None = None
    vendor_name: str | None = None


class Statement(Model):
    managed_rule_group_statement: Block[ManagedRuleGroup] = None


class Rule(Model):
    name: str | None = None
    statement: Block[Statement] = None


class WebAcl(AwsInputs):
    rule: Blocks[Rule] = ()


class WebAclUsage(Usage):
    monthly_requests: Quantity | None = usage_key("Web requests the web ACL inspects a month", unit="requests")
    rule_group_rules: Count | None = usage_key("Rules inside your own rule groups that the web ACL uses",
                                               unit="rules")


def _acl(region: str, kinds: tuple[str, str, str], rules: tuple[Rule, ...], u: WebAclUsage) -> list[CostComponent]:
    acl, rule, request = kinds
    count = Decimal(len(rules) + (u.rule_group_rules or 0))
    out = [monthly("Web ACL", aws("awswaf", region, usagetype=acl), Decimal(1), unit="months")]
    if count:
        out.append(monthly(f"Rules ({count})", aws("awswaf", region, usagetype=rule), count, unit="rules"))
    out.append(usage_based("Requests", aws("awswaf", region, usagetype=request), u.monthly_requests,
                           unit="requests", usage_key="monthly_requests"))
    for r in rules:
        group = r.statement.managed_rule_group_statement if r.statement is not None else None
        if group is None:
            continue
        if group.vendor_name not in (None, "AWS"):
            out.append(unmodelled(f"Marketplace rule group {group.name} ({group.vendor_name})",
                                  "AWS Marketplace rule groups carry their seller's fees"))
        elif group.name in PAID_MANAGED:
            out.append(unmodelled(f"Managed rule group {group.name}",
                                  "intelligent threat mitigation rule groups have subscription and request fees "
                                  "not priced yet"))
    return out


@resource("aws_wafv2_web_acl", example={"name": "web", "scope": "REGIONAL",
                                        "rule": [{"name": "common", "statement": [{"managed_rule_group_statement": [
                                            {"name": "AWSManagedRulesCommonRuleSet", "vendor_name": "AWS"}]}]}]})
def aws_wafv2_web_acl(i: WebAcl, u: WebAclUsage) -> list[CostComponent]:
    """A WAF web ACL: the ACL per month, each ``rule`` per month (plus usage ``rule_group_rules``), requests per
    million (usage ``monthly_requests``). Scope CLOUDFRONT is billed in us-east-1.

    Pricing: https://aws.amazon.com/waf/pricing/
    """
    return _acl(i.region, ("WebACLV2", "RuleV2", "RequestV2-Tier1"), i.rule, u)


class ClassicWebAcl(AwsInputs):
    rules: Blocks[Rule] = ()


@resource("aws_waf_web_acl", example={"name": "web", "metric_name": "web", "rules": [{"priority": 1}]})
def aws_waf_web_acl(i: ClassicWebAcl, u: WebAclUsage) -> list[CostComponent]:
    """A WAF Classic web ACL (global, for CloudFront): the ACL, its rules (``rules`` blocks) and requests, at
    the WAF Classic rates. Pricing: https://aws.amazon.com/waf/pricing/ (AWS WAF Classic)
    """
    return _acl("global", ("WebACL", "Rule", "Request"), i.rules, u)
