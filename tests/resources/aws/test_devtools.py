"""Table tests: ECR, CodeBuild, Transfer Family, Managed Grafana and CloudFormation."""

from tests.resources.table import Case, table_test

CASES = [
    Case("an ECR repository holding 25 GB", "aws_ecr_repository", {"name": "app"}, [
        ("Storage", "25 GB", "AmazonECR usagetype=TimedStorage-ByteHrs"),
    ], usage={"storage_gb": 25}),
    Case("an ECR repository without usage", "aws_ecr_repository", {}, [
        ("Storage", "? GB", "AmazonECR usagetype=TimedStorage-ByteHrs"),
    ]),
    Case("a CodeBuild project with the defaults (small Linux)", "aws_codebuild_project", {}, [
        ("Build minutes (Linux, g1.small)", "10000 minutes", "CodeBuild usagetype=Build-Min:Linux:g1.small"),
    ], usage={"monthly_build_mins": 10000}),
    Case("a large Arm build environment", "aws_codebuild_project", {"environment": [
        {"compute_type": "BUILD_GENERAL1_LARGE", "type": "ARM_CONTAINER"}]}, [
        ("Build minutes (ARM, g1.large)", "? minutes", "CodeBuild usagetype=Build-Min:ARM:g1.large"),
    ]),
    Case("a Windows medium build environment", "aws_codebuild_project", {"environment": [
        {"compute_type": "BUILD_GENERAL1_MEDIUM", "type": "WINDOWS_SERVER_2019_CONTAINER"}]}, [
        ("Build minutes (Windows, g1.medium)", "? minutes", "CodeBuild usagetype=Build-Min:Windows:g1.medium"),
    ]),
    Case("Lambda compute", "aws_codebuild_project", {"environment": [
        {"compute_type": "BUILD_LAMBDA_2GB", "type": "LINUX_LAMBDA_CONTAINER"}]}, [
        ("Build minutes (Linux, lambda.2GB)", "? minutes", "CodeBuild usagetype=Build-Min:Linux:lambda.2GB"),
    ]),
    Case("a project on a reserved-capacity fleet", "aws_codebuild_project", {"environment": [
        {"compute_type": "BUILD_GENERAL1_SMALL", "fleet": [{"fleet_arn": "arn:aws:codebuild:x:fleet/f"}]}]}, [
        ("Builds on a reserved-capacity fleet", "1 months", "fixed 0 USD"),
    ]),
    Case("an SFTP server (the default protocol) with uploads and downloads", "aws_transfer_server", {}, [
        ("SFTP protocol", "730 hours", "AWSTransfer usagetype=ProtocolHours"),
        ("Data uploaded", "10 GB", "AWSTransfer usagetype=UploadBytes"),
        ("Data downloaded", "50 GB", "AWSTransfer usagetype=DownloadBytes"),
    ], usage={"monthly_data_uploaded_gb": 10, "monthly_data_downloaded_gb": 50}),
    Case("two protocols bill two protocol-hours; AS2 messages named", "aws_transfer_server",
         {"protocols": ["sftp", "AS2"]}, [
             ("SFTP protocol", "730 hours", "AWSTransfer usagetype=ProtocolHours"),
             ("AS2 protocol", "730 hours", "AWSTransfer usagetype=ProtocolHours"),
             ("Data uploaded", "? GB", "AWSTransfer usagetype=UploadBytes"),
             ("Data downloaded", "? GB", "AWSTransfer usagetype=DownloadBytes"),
             ("AS2 messages", "?", "not modelled"),
         ]),
    Case("a Grafana workspace with 3 editors and 20 viewers", "aws_grafana_workspace", {}, [
        ("Editors", "3 users", "AmazonGrafana usagetype=Grafana:EditorUser"),
        ("Viewers", "20 users", "AmazonGrafana usagetype=Grafana:ViewerUser"),
    ], usage={"editors": 3, "viewers": 20}),
    Case("a Grafana Enterprise workspace names the licence", "aws_grafana_workspace", {"license_type": "ENTERPRISE"}, [
        ("Editors", "? users", "AmazonGrafana usagetype=Grafana:EditorUser"),
        ("Viewers", "? users", "AmazonGrafana usagetype=Grafana:ViewerUser"),
        ("Grafana Enterprise licence", "?", "not modelled"),
    ]),
    Case("a stack of AWS resource types: no charge", "aws_cloudformation_stack", {"name": "net"}, [
        ("Stack (AWS resource types)", "1 months", "fixed 0 USD"),
    ]),
    Case("a stack with third-party resource types", "aws_cloudformation_stack", {}, [
        ("Handler operations", "10000 operations", "AWSCloudFormation usagetype=HandlerOperations"),
        ("Handler operation duration beyond 30 s", "? seconds", "AWSCloudFormation usagetype=HandlerDuration"),
    ], usage={"monthly_handler_operations": 10000}),
    Case("a stack set with third-party operations and long handlers", "aws_cloudformation_stack_set", {}, [
        ("Handler operations", "5000 operations", "AWSCloudFormation usagetype=HandlerOperations"),
        ("Handler operation duration beyond 30 s", "600 seconds", "AWSCloudFormation usagetype=HandlerDuration"),
    ], usage={"monthly_handler_operations": 5000, "monthly_duration_secs": 600}),
]

test_table = table_test(CASES)
