"""Table tests: costlib.resources.aws.waf (https://aws.amazon.com/waf/pricing/)."""

from tests.resources.table import Case, table_test

COMMON = {"name": "common", "statement": [{"managed_rule_group_statement": [
    {"name": "AWSManagedRulesCommonRuleSet", "vendor_name": "AWS"}]}]}
BOTS = {"name": "bots", "statement": [{"managed_rule_group_statement": [
    {"name": "AWSManagedRulesBotControlRuleSet", "vendor_name": "AWS"}]}]}

CASES = [
    Case("a web ACL with two rules and 10 million requests", "aws_wafv2_web_acl",
         {"scope": "REGIONAL", "rule": [COMMON, {"name": "rate"}]}, [
             ("Web ACL", "1 months", "awswaf usagetype=WebACLV2"),
             ("Rules (2)", "2 rules", "awswaf usagetype=RuleV2"),
             ("Requests", "10000000 requests", "awswaf usagetype=RequestV2-Tier1"),
         ], usage={"monthly_requests": 10_000_000}),
    Case("an empty web ACL without usage", "aws_wafv2_web_acl", {"scope": "REGIONAL"}, [
        ("Web ACL", "1 months", "awswaf usagetype=WebACLV2"),
        ("Requests", "? requests", "awswaf usagetype=RequestV2-Tier1"),
    ]),
    Case("rules inside your own rule groups add to the count", "aws_wafv2_web_acl", {"rule": [COMMON]}, [
        ("Web ACL", "1 months", "awswaf usagetype=WebACLV2"),
        ("Rules (6)", "6 rules", "awswaf usagetype=RuleV2"),
        ("Requests", "? requests", "awswaf usagetype=RequestV2-Tier1"),
    ], usage={"rule_group_rules": 5}),
    Case("Bot Control names its own fees", "aws_wafv2_web_acl", {"rule": [BOTS]}, [
        ("Web ACL", "1 months", "awswaf usagetype=WebACLV2"),
        ("Rules (1)", "1 rules", "awswaf usagetype=RuleV2"),
        ("Requests", "? requests", "awswaf usagetype=RequestV2-Tier1"),
        ("Managed rule group AWSManagedRulesBotControlRuleSet", "?", "not modelled"),
    ]),
    Case("a WAF Classic web ACL is global", "aws_waf_web_acl", {"rules": [{"priority": 1}, {"priority": 2}]}, [
        ("Web ACL", "1 months", "awswaf usagetype=WebACL"),
        ("Rules (2)", "2 rules", "awswaf usagetype=Rule"),
        ("Requests", "1000000 requests", "awswaf usagetype=Request"),
    ], usage={"monthly_requests": 1_000_000}),
]

test_table = table_test(CASES)
