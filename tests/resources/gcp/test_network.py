"""Table tests: costlib.resources.gcp.network (https://cloud.google.com/vpc/network-pricing#ipaddress)."""

from tests.resources.table import Case, table_test

FREE = "fixed 0 USD"
CASES = [
    Case("a reserved external address not in use: the unused rate", "google_compute_address", {}, [
        ("Static external IP address (reserved, unused)", "730 hours",
         "Compute Engine [Network] resource=external-ip state=unused"),
    ]),
    Case("an address used by a VM: the in-use rate", "google_compute_address", {"address_type": "EXTERNAL"}, [
        ("Static external IP address (in use by a VM)", "730 hours",
         "Compute Engine [Network] resource=external-ip state=in-use"),
    ], usage={"in_use_by": "vm"}),
    Case("an address used by a spot VM", "google_compute_address", {}, [
        ("Static external IP address (in use by a spot VM)", "730 hours",
         "Compute Engine [Network] resource=external-ip state=in-use-spot"),
    ], usage={"in_use_by": "spot_vm"}),
    Case("an internal address has no charge", "google_compute_address", {"address_type": "INTERNAL"}, [
        ("Internal IP address", "1 months", FREE),
    ]),
    Case("an address a forwarding rule uses is billed with the load balancer", "google_compute_address",
         {"users": ["https://www.googleapis.com/compute/v1/projects/p/regions/us-central1/forwardingRules/fr"]}, [
        ("External IP address (forwarding rule)", "1 months", FREE),
    ]),
    Case("a global address reserved for private services access", "google_compute_global_address",
         {"purpose": "VPC_PEERING", "address_type": "INTERNAL"}, [
        ("Internal IP address", "1 months", FREE),
    ]),
    Case("a global external address, unused", "google_compute_global_address", {}, [
        ("Static external IP address (reserved, unused)", "730 hours",
         "Compute Engine [Network] resource=external-ip state=unused"),
    ]),
    Case("private services access without usage", "google_service_networking_connection", {}, [
        ("Private services access connection", "1 months", FREE),
        ("Peering (VM-VM data transfer)", "? GB", "Compute Engine [Network] destination=same_region resource=vm-egress"),
    ]),
    Case("private services access with traffic by destination", "google_service_networking_connection", {}, [
        ("Private services access connection", "1 months", FREE),
        ("Peering (VM-VM data transfer, same region)", "250 GB",
         "Compute Engine [Network] destination=same_region resource=vm-egress"),
        ("Peering (VM-VM data transfer, europe)", "70 GB",
         "Compute Engine [Network] destination=europe resource=vm-egress"),
    ], usage={"monthly_egress_data_transfer_gb": {"same_region": 250, "europe": 70}}),
    Case("a partner VLAN attachment of 1 Gbps", "google_compute_interconnect_attachment",
         {"type": "PARTNER", "bandwidth": "BPS_1G"}, [
        ("VLAN attachment (partner, 1G)", "730 hours",
         "Networking [Network] bandwidth=BPS_1G resource=interconnect-attachment type=PARTNER"),
        ("Egress through the attachment", "? GB", "Networking [Network] resource=interconnect-egress type=PARTNER"),
    ]),
    Case("a dedicated VLAN attachment (default 10 Gbps) with egress", "google_compute_interconnect_attachment", {}, [
        ("VLAN attachment (dedicated, 10G)", "730 hours",
         "Networking [Network] bandwidth=BPS_10G resource=interconnect-attachment type=DEDICATED"),
        ("Egress through the attachment", "1000 GB",
         "Networking [Network] resource=interconnect-egress type=DEDICATED"),
    ], usage={"monthly_egress_data_gb": 1000}),
]

test_table = table_test(CASES)
