"""GCP types that cost nothing by themselves: their cost, if any, is in the resources they configure.

Pricing pages that say so: https://cloud.google.com/vpc/pricing (VPC networks, subnets, routes and firewall
rules carry no charge; traffic, NAT and IPs are priced), IAM has no charge (https://cloud.google.com/iam).
"""

from costlib.resources.registry import free

free("IAM bindings and service accounts have no charge",
     "google_project_iam_member", "google_project_iam_binding", "google_project_iam_policy",
     "google_project_iam_custom_role", "google_service_account", "google_service_account_iam_member",
     "google_service_account_iam_binding", "google_service_account_key", "google_storage_bucket_iam_member",
     "google_storage_bucket_iam_binding", "google_organization_iam_member", "google_folder_iam_member",
     "google_kms_crypto_key_iam_member", "google_kms_key_ring_iam_member", "google_secret_manager_secret_iam_member",
     "google_pubsub_topic_iam_member", "google_pubsub_subscription_iam_member", "google_cloud_run_service_iam_member",
     "google_cloud_run_v2_service_iam_member", "google_artifact_registry_repository_iam_member")
free("VPC networking objects carry no charge (traffic, NAT and IPs are priced where they are)",
     "google_compute_network", "google_compute_subnetwork", "google_compute_firewall", "google_compute_router",
     "google_compute_route", "google_compute_network_peering", "google_compute_shared_vpc_host_project",
     "google_compute_shared_vpc_service_project", "google_compute_subnetwork_iam_member")
free("project and API settings have no charge",
     "google_project_service", "google_project", "google_folder", "google_kms_key_ring")
free("database configuration: the instance is priced",
     "google_sql_database", "google_sql_user", "google_sql_ssl_cert")
free("configuration of priced resources",
     "google_compute_instance_template", "google_compute_region_instance_template", "google_compute_health_check",
     "google_compute_region_health_check", "google_compute_url_map", "google_compute_region_url_map",
     "google_compute_backend_bucket", "google_compute_ssl_certificate", "google_compute_managed_ssl_certificate",
     "google_compute_resource_policy", "google_compute_disk_resource_policy_attachment",
     "google_storage_bucket_object", "google_storage_notification", "google_dns_policy",
     "google_compute_autoscaler", "google_compute_region_autoscaler")
free("a load balancer is billed on its forwarding rule (rule-hours, data processed, or proxy instances for "
     "INTERNAL_MANAGED rules): target proxies and target pools have no charge of their own "
     "(https://cloud.google.com/load-balancing/pricing)",
     "google_compute_target_grpc_proxy", "google_compute_target_http_proxy", "google_compute_target_https_proxy",
     "google_compute_target_ssl_proxy", "google_compute_target_tcp_proxy", "google_compute_region_target_http_proxy",
     "google_compute_region_target_https_proxy", "google_compute_region_target_tcp_proxy",
     "google_compute_target_pool", "google_compute_target_instance")
free("stateful configuration of one instance of a managed group: the instance is priced on its group",
     "google_compute_per_instance_config", "google_compute_region_per_instance_config")
free("Cloud Router and its BGP sessions have no charge (https://cloud.google.com/network-connectivity/docs/router/"
     "pricing); traffic is billed on the VPN tunnel or Interconnect attachment",
     "google_compute_router_peer", "google_compute_router_interface")
free("DNS configuration: zones and queries are priced on google_dns_managed_zone and google_dns_record_set",
     "google_dns_response_policy", "google_dns_response_policy_rule")
free("Secret Manager, KMS and logging configuration of priced resources",
     "google_logging_project_exclusion", "google_logging_metric", "google_kms_crypto_key_iam_binding",
     "google_secret_manager_secret_iam_binding")
