"""Azure types that cost nothing by themselves: their cost, if any, is in the resources they configure.

Pricing pages that say so: https://azure.microsoft.com/pricing/details/virtual-network/ (a virtual network
and its subnets are free; traffic and gateways are priced), resource groups and role assignments have no charge.
"""

from costlib.resources.registry import free

free("organising and access-control objects have no charge",
     "azurerm_resource_group", "azurerm_role_assignment", "azurerm_role_definition", "azurerm_user_assigned_identity",
     "azurerm_management_lock", "azurerm_federated_identity_credential", "azurerm_policy_assignment",
     "azurerm_resource_group_policy_assignment", "azurerm_subscription_policy_assignment")
free("virtual network objects carry no charge (traffic, gateways and IPs are priced where they are)",
     "azurerm_virtual_network", "azurerm_subnet", "azurerm_network_security_group", "azurerm_network_security_rule",
     "azurerm_network_interface", "azurerm_subnet_network_security_group_association",
     "azurerm_network_interface_security_group_association", "azurerm_route_table", "azurerm_route",
     "azurerm_subnet_route_table_association", "azurerm_subnet_nat_gateway_association",
     "azurerm_nat_gateway_public_ip_association", "azurerm_application_security_group",
     "azurerm_network_interface_application_security_group_association",
     "azurerm_network_interface_backend_address_pool_association", "azurerm_lb_backend_address_pool",
     "azurerm_lb_probe", "azurerm_lb_nat_rule", "azurerm_lb_nat_pool", "azurerm_private_dns_zone_virtual_network_link")
free("database configuration: servers, databases and storage are priced",
     "azurerm_mssql_firewall_rule", "azurerm_mssql_server", "azurerm_mssql_virtual_network_rule",
     "azurerm_postgresql_flexible_server_database", "azurerm_postgresql_flexible_server_configuration",
     "azurerm_postgresql_flexible_server_firewall_rule", "azurerm_mysql_flexible_database",
     "azurerm_mysql_flexible_server_configuration", "azurerm_mysql_flexible_server_firewall_rule",
     "azurerm_sql_server", "azurerm_sql_firewall_rule")
free("storage configuration: capacity and operations are priced on the account",
     "azurerm_storage_container", "azurerm_storage_blob", "azurerm_storage_account_network_rules")
free("attachments and settings of priced resources",
     "azurerm_virtual_machine_data_disk_attachment", "azurerm_virtual_machine_extension",
     "azurerm_key_vault_access_policy", "azurerm_key_vault_secret", "azurerm_app_service_virtual_network_swift_connection",
     "azurerm_monitor_diagnostic_categories", "azurerm_kubernetes_cluster_extension")
free("customer-managed keys: Azure Storage encryption has no charge; the key's operations are billed on the key vault",
     "azurerm_storage_account_customer_managed_key")
free("firewall policy rules are configuration of the policy: the firewall and its policy are priced",
     "azurerm_firewall_policy_rule_collection_group")
free("a Recovery Services vault has no charge: protected items and their backup storage are priced "
     "(https://azure.microsoft.com/pricing/details/backup/)",
     "azurerm_recovery_services_vault")
free("Microsoft Sentinel ingests Office 365 audit logs and Microsoft Defender alerts at no charge "
     "(https://azure.microsoft.com/pricing/details/microsoft-sentinel/)",
     "azurerm_sentinel_data_connector_office_365", "azurerm_sentinel_data_connector_azure_security_center",
     "azurerm_sentinel_data_connector_azure_advanced_threat_protection",
     "azurerm_sentinel_data_connector_microsoft_defender_advanced_threat_protection")
free("Front Door endpoints, routes and origins have no charge: traffic is priced on the azurerm_cdn_frontdoor_profile",
     "azurerm_cdn_frontdoor_endpoint", "azurerm_cdn_frontdoor_origin_group", "azurerm_cdn_frontdoor_origin",
     "azurerm_cdn_frontdoor_route")
free("a CDN profile has no charge: its endpoints are priced (https://azure.microsoft.com/pricing/details/cdn/)",
     "azurerm_cdn_profile")
