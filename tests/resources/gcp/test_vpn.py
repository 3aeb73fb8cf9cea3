"""Table tests: costlib.resources.gcp.vpn (https://cloud.google.com/network-connectivity/docs/vpn/pricing)."""

from tests.resources.table import Case, table_test

FREE = "fixed 0 USD"
CASES = [
    Case("a tunnel is billed per hour", "google_compute_vpn_tunnel", {}, [
        ("VPN tunnel", "730 hours", "Compute Engine [Network] resource=vpn-tunnel"),
    ]),
    Case("an HA VPN gateway has no hour charge", "google_compute_ha_vpn_gateway", {}, [
        ("HA VPN gateway", "1 months", FREE),
        ("VPN (VM-VM data transfer)", "? GB", "Compute Engine [Network] destination=same_region resource=vm-egress"),
    ]),
    Case("an HA VPN gateway with traffic to another continent", "google_compute_ha_vpn_gateway", {}, [
        ("HA VPN gateway", "1 months", FREE),
        ("VPN (VM-VM data transfer, worldwide)", "200 GB",
         "Compute Engine [Network] destination=worldwide resource=vm-egress"),
    ], usage={"monthly_egress_data_transfer_gb": {"worldwide": 200}}),
    Case("a classic VPN gateway", "google_compute_vpn_gateway", {}, [
        ("Classic VPN gateway", "1 months", FREE),
        ("VPN (VM-VM data transfer, us or canada)", "100 GB",
         "Compute Engine [Network] destination=us_or_canada resource=vm-egress"),
    ], usage={"monthly_egress_data_transfer_gb": {"us_or_canada": 100}}),
    Case("an external gateway without usage: internet egress per GB", "google_compute_external_vpn_gateway", {}, [
        ("External VPN gateway", "1 months", FREE),
        ("Internet data transfer to the peer (worldwide)", "? GB",
         "Compute Engine [Network] destination=worldwide resource=egress-internet"),
    ]),
    Case("an external gateway with traffic to China and Australia", "google_compute_external_vpn_gateway", {}, [
        ("External VPN gateway", "1 months", FREE),
        ("Internet data transfer to the peer (china)", "8500 GB",
         "Compute Engine [Network] destination=china resource=egress-internet"),
        ("Internet data transfer to the peer (australia)", "250 GB",
         "Compute Engine [Network] destination=australia resource=egress-internet"),
    ], usage={"monthly_egress_data_transfer_gb": {"china": 8500, "australia": 250}}),
]

test_table = table_test(CASES)
