"""AWS types that cost nothing by themselves: their cost, if any, is in the resources they configure.

Pricing pages that say so: https://aws.amazon.com/iam/faqs/ (IAM is free), https://aws.amazon.com/vpc/pricing/
(VPCs, subnets, route tables, security groups and internet gateways carry no charge).
"""

from costlib.resources.registry import free

free("IAM identities and policies are free",
     "aws_iam_role", "aws_iam_policy", "aws_iam_role_policy", "aws_iam_role_policy_attachment",
     "aws_iam_instance_profile", "aws_iam_user", "aws_iam_group", "aws_iam_policy_attachment",
     "aws_iam_user_policy", "aws_iam_user_policy_attachment", "aws_iam_group_policy",
     "aws_iam_group_policy_attachment", "aws_iam_group_membership", "aws_iam_openid_connect_provider",
     "aws_iam_saml_provider", "aws_iam_service_linked_role", "aws_iam_access_key", "aws_iam_account_alias",
     "aws_iam_account_password_policy", "aws_iam_user_login_profile")
free("VPC networking objects carry no charge (traffic and gateways are priced where they are)",
     "aws_vpc", "aws_subnet", "aws_route_table", "aws_route", "aws_route_table_association",
     "aws_internet_gateway", "aws_egress_only_internet_gateway", "aws_network_acl", "aws_network_acl_rule",
     "aws_vpc_dhcp_options", "aws_vpc_dhcp_options_association", "aws_default_vpc", "aws_default_subnet",
     "aws_default_security_group", "aws_default_route_table", "aws_default_network_acl",
     "aws_security_group", "aws_security_group_rule", "aws_vpc_security_group_ingress_rule",
     "aws_vpc_security_group_egress_rule", "aws_network_interface", "aws_network_interface_attachment",
     "aws_network_interface_sg_attachment", "aws_vpc_endpoint_route_table_association",
     "aws_vpc_endpoint_subnet_association", "aws_vpc_ipv4_cidr_block_association", "aws_main_route_table_association",
     "aws_vpc_peering_connection_accepter", "aws_vpc_peering_connection_options", "aws_placement_group",
     "aws_ec2_transit_gateway_route", "aws_ec2_transit_gateway_route_table",
     "aws_ec2_transit_gateway_route_table_association", "aws_ec2_transit_gateway_route_table_propagation")
free("launch configuration only: the instances it launches are priced",
     "aws_key_pair", "aws_launch_template", "aws_launch_configuration", "aws_autoscaling_group_tag",
     "aws_autoscaling_policy", "aws_autoscaling_schedule", "aws_autoscaling_lifecycle_hook",
     "aws_autoscaling_attachment", "aws_autoscaling_notification", "aws_appautoscaling_policy",
     "aws_appautoscaling_scheduled_action")
free("load balancer configuration: the load balancer itself is priced",
     "aws_lb_target_group", "aws_lb_listener", "aws_lb_listener_rule", "aws_lb_target_group_attachment",
     "aws_lb_listener_certificate", "aws_alb_target_group", "aws_alb_listener", "aws_alb_listener_rule",
     "aws_alb_target_group_attachment", "aws_lb_cookie_stickiness_policy", "aws_load_balancer_policy",
     "aws_elb_attachment")
free("database configuration: the instances and storage are priced",
     "aws_db_subnet_group", "aws_db_parameter_group", "aws_db_option_group", "aws_rds_cluster_parameter_group",
     "aws_elasticache_subnet_group", "aws_elasticache_parameter_group", "aws_elasticache_user",
     "aws_elasticache_user_group", "aws_docdb_subnet_group", "aws_docdb_cluster_parameter_group",
     "aws_neptune_subnet_group", "aws_neptune_parameter_group", "aws_neptune_cluster_parameter_group",
     "aws_redshift_subnet_group", "aws_redshift_parameter_group", "aws_dms_replication_subnet_group",
     "aws_memorydb_subnet_group", "aws_memorydb_parameter_group", "aws_memorydb_acl", "aws_memorydb_user")
free("bucket configuration: storage and requests are priced on the bucket",
     "aws_s3_bucket_policy", "aws_s3_bucket_versioning", "aws_s3_bucket_public_access_block",
     "aws_s3_bucket_server_side_encryption_configuration", "aws_s3_bucket_acl", "aws_s3_bucket_ownership_controls",
     "aws_s3_bucket_lifecycle_configuration", "aws_s3_bucket_cors_configuration", "aws_s3_bucket_website_configuration",
     "aws_s3_bucket_logging", "aws_s3_bucket_notification", "aws_s3_bucket_replication_configuration",
     "aws_s3_object", "aws_s3_bucket_object", "aws_s3_account_public_access_block",
     "aws_s3_bucket_request_payment_configuration",
     "aws_s3_bucket_accelerate_configuration", "aws_s3_bucket_object_lock_configuration")
free("permissions, aliases and policies on other resources have no charge",
     "aws_kms_alias", "aws_kms_grant", "aws_lambda_permission", "aws_lambda_alias", "aws_lambda_event_source_mapping",
     "aws_lambda_layer_version", "aws_lambda_function_url", "aws_sqs_queue_policy", "aws_sqs_queue_redrive_policy",
     "aws_sns_topic_policy", "aws_ecr_repository_policy", "aws_ecr_lifecycle_policy", "aws_cloudwatch_log_stream",
     "aws_cloudwatch_log_resource_policy", "aws_cloudwatch_log_subscription_filter", "aws_cloudwatch_log_metric_filter",
     "aws_eip_association", "aws_volume_attachment", "aws_secretsmanager_secret_version",
     "aws_secretsmanager_secret_policy", "aws_secretsmanager_secret_rotation", "aws_api_gateway_deployment",
     "aws_api_gateway_resource", "aws_api_gateway_method", "aws_api_gateway_integration",
     "aws_api_gateway_method_response", "aws_api_gateway_integration_response", "aws_api_gateway_model",
     "aws_api_gateway_authorizer", "aws_api_gateway_base_path_mapping", "aws_api_gateway_account",
     "aws_apigatewayv2_route", "aws_apigatewayv2_integration", "aws_apigatewayv2_stage",
     "aws_apigatewayv2_deployment", "aws_apigatewayv2_authorizer", "aws_apigatewayv2_api_mapping",
     "aws_route53_zone_association", "aws_route53_query_log", "aws_acm_certificate_validation",
     "aws_cloudwatch_event_rule", "aws_iot_policy", "aws_ssm_document", "aws_ssm_association",
     "aws_ecs_account_setting_default",
     "aws_efs_mount_target", "aws_efs_access_point", "aws_efs_file_system_policy", "aws_efs_backup_policy",
     "aws_backup_selection", "aws_backup_vault_policy", "aws_sfn_activity", "aws_codepipeline_webhook",
     "aws_wafv2_web_acl_association", "aws_wafv2_ip_set", "aws_wafv2_regex_pattern_set",
     "aws_cloudfront_origin_access_identity", "aws_cloudfront_origin_access_control",
     "aws_cloudfront_cache_policy", "aws_cloudfront_origin_request_policy", "aws_cloudfront_response_headers_policy")
free("Kubernetes add-ons and access entries have no charge of their own",
     "aws_eks_addon", "aws_eks_identity_provider_config", "aws_eks_access_entry", "aws_eks_access_policy_association",
     "aws_eks_pod_identity_association")
free("Amazon ECS has no charge of its own (https://aws.amazon.com/ecs/pricing/): tasks are billed on the "
     "aws_ecs_service (Fargate) or on the EC2 instances; Container Insights, when enabled, bills CloudWatch metrics",
     "aws_ecs_cluster", "aws_ecs_cluster_capacity_providers", "aws_ecs_capacity_provider", "aws_ecs_task_definition")
free("billed on its aws_sagemaker_endpoint_configuration, whose production variants say the instances (the "
     "endpoint only names its configuration)",
     "aws_sagemaker_endpoint")
free("a scaling target has no charge; the capacity it scales (an ECS service's tasks, DynamoDB capacity, Lambda "
     "provisioned concurrency, Aurora replicas ...) is priced on that resource",
     "aws_appautoscaling_target")
free("a transit gateway has no charge of its own: its attachments are billed (hours and GB processed)",
     "aws_ec2_transit_gateway")
