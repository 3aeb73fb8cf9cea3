"""Table tests: costlib.resources.gcp.lb (https://cloud.google.com/load-balancing/pricing)."""

from tests.resources.table import Case, table_test

FREE = "fixed 0 USD"
CASES = [
    Case("an external regional rule: rule-hours at the first-5 rate, data processed by usage",
         "google_compute_forwarding_rule", {}, [
        ("Forwarding rule (regional, first 5 of a project)", "730 hours",
         "Compute Engine [Network] resource=forwarding-rule scope=regional tier=first-5"),
        ("Inbound data processed", "? GB", "Compute Engine [Network] direction=inbound resource=lb-data-processed"),
        ("Outbound data processed", "? GB", "Compute Engine [Network] direction=outbound resource=lb-data-processed"),
    ]),
    Case("a global rule with 100 GB in and 300 GB out", "google_compute_global_forwarding_rule",
         {"load_balancing_scheme": "EXTERNAL_MANAGED"}, [
        ("Forwarding rule (global, first 5 of a project)", "730 hours",
         "Compute Engine [Network] resource=forwarding-rule scope=global tier=first-5"),
        ("Inbound data processed", "100 GB", "Compute Engine [Network] direction=inbound resource=lb-data-processed"),
        ("Outbound data processed", "300 GB",
         "Compute Engine [Network] direction=outbound resource=lb-data-processed"),
    ], usage={"monthly_ingress_data_gb": 100, "monthly_egress_data_gb": 300}),
    Case("an internal passthrough rule is billed like an external one", "google_compute_forwarding_rule",
         {"load_balancing_scheme": "INTERNAL"}, [
        ("Forwarding rule (regional, first 5 of a project)", "730 hours",
         "Compute Engine [Network] resource=forwarding-rule scope=regional tier=first-5"),
        ("Inbound data processed", "? GB", "Compute Engine [Network] direction=inbound resource=lb-data-processed"),
        ("Outbound data processed", "? GB", "Compute Engine [Network] direction=outbound resource=lb-data-processed"),
    ]),
    Case("INTERNAL_MANAGED: proxy instances (2.5 on average) and data processed", "google_compute_forwarding_rule",
         {"load_balancing_scheme": "internal_managed"}, [
        ("Proxy instances", "1825 hours", "Compute Engine [Network] resource=lb-proxy-instance"),
        ("Data processed (internal)", "50 GB", "Compute Engine [Network] resource=lb-data-processed scheme=internal"),
    ], usage={"monthly_proxy_instances": 2.5, "monthly_data_processed_gb": 50}),
    Case("a Private Service Connect endpoint to a service attachment", "google_compute_forwarding_rule",
         {"target": "projects/p/regions/us-central1/serviceAttachments/sa", "load_balancing_scheme": ""}, [
        ("Private Service Connect endpoint", "730 hours", "Networking [Network] resource=psc-endpoint"),
        ("PSC data processed", "? GB", "Networking [Network] resource=psc-data"),
    ]),
    Case("a PSC endpoint for Google APIs", "google_compute_global_forwarding_rule",
         {"target": "all-apis", "load_balancing_scheme": ""}, [
        ("Private Service Connect endpoint", "730 hours", "Networking [Network] resource=psc-endpoint"),
        ("PSC data processed", "10 GB", "Networking [Network] resource=psc-data"),
    ], usage={"monthly_data_processed_gb": 10}),
    Case("Traffic Director rules carry no charge", "google_compute_global_forwarding_rule",
         {"load_balancing_scheme": "INTERNAL_SELF_MANAGED"}, [
        ("Forwarding rule (Traffic Director)", "1 months", FREE),
    ]),
    Case("a backend service is free (billed on the rule)", "google_compute_backend_service", {}, [
        ("Backend service", "1 months", FREE),
    ]),
    Case("a backend service with Cloud CDN names CDN as not priced", "google_compute_backend_service",
         {"enable_cdn": True}, [
        ("Backend service", "1 months", FREE),
        ("Cloud CDN (enable_cdn)", "?", "not modelled"),
    ]),
    Case("a regional backend service", "google_compute_region_backend_service", {}, [
        ("Backend service", "1 months", FREE),
    ]),
    Case("a Cloud Armor policy with two rules and 5M requests", "google_compute_security_policy",
         {"rule": [{"priority": 1000, "action": "deny(403)"}, {"priority": 2147483647, "action": "allow"}]}, [
        ("Security policy", "1 policies", "Networking [Cloud Armor] resource=policy"),
        ("Security policy rules", "2 rules", "Networking [Cloud Armor] resource=rule"),
        ("Requests", "5 1M requests", "Networking [Cloud Armor] resource=requests"),
    ], usage={"monthly_requests": 5_000_000}),
    Case("a policy without rule blocks still has its default rule", "google_compute_security_policy", {}, [
        ("Security policy", "1 policies", "Networking [Cloud Armor] resource=policy"),
        ("Security policy rules", "1 rules", "Networking [Cloud Armor] resource=rule"),
        ("Requests", "? 1M requests", "Networking [Cloud Armor] resource=requests"),
    ]),
    Case("a network edge policy is Cloud Armor Enterprise", "google_compute_security_policy",
         {"type": "CLOUD_ARMOR_NETWORK"}, [
        ("Cloud Armor policy (CLOUD_ARMOR_NETWORK)", "?", "not modelled"),
    ]),
]

test_table = table_test(CASES)
