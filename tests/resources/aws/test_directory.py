"""Table tests: costlib.resources.aws.directory (https://aws.amazon.com/directoryservice/pricing/)."""

from tests.resources.table import Case, table_test

DS = "AWSDirectoryService"

CASES = [
    Case("a Simple AD (the default type), small", "aws_directory_service_directory", {"name": "corp"}, [
        ("Simple AD (Small)", "730 hours", f"{DS} usagetype=Small-SimpleAD-Usage"),
    ]),
    Case("a large AD Connector", "aws_directory_service_directory", {"type": "ADConnector", "size": "Large"}, [
        ("AD Connector (Large)", "730 hours", f"{DS} usagetype=Large-Directory-Usage"),
    ]),
    Case("Managed Microsoft AD Standard: two domain controllers", "aws_directory_service_directory",
         {"type": "MicrosoftAD", "edition": "Standard"}, [
             ("Managed Microsoft AD Standard domain controllers (2)", "1460 controller-hours",
              f"{DS} usagetype=MicrosoftAD-DC-Usage"),
         ]),
    Case("Managed Microsoft AD Enterprise (the default edition) with three more DCs, shared with 8 accounts",
         "aws_directory_service_directory", {"type": "MicrosoftAD"}, [
             ("Managed Microsoft AD Enterprise domain controllers (5)", "3650 controller-hours",
              f"{DS} usagetype=Enterprise-MicrosoftAD-DC-Usage"),
             ("Directory sharing (8 accounts)", "5840 account-hours", f"{DS} usagetype=SharedMsftAD-Usage"),
         ], usage={"additional_domain_controllers": 3, "shared_accounts": 8}),
    Case("desired_number_of_domain_controllers", "aws_directory_service_directory",
         {"type": "MicrosoftAD", "edition": "Standard", "desired_number_of_domain_controllers": 4}, [
             ("Managed Microsoft AD Standard domain controllers (4)", "2920 controller-hours",
              f"{DS} usagetype=MicrosoftAD-DC-Usage"),
         ]),
]

test_table = table_test(CASES)
