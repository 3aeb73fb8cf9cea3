"""AWS Directory Service directories: Simple AD, AD Connector and AWS Managed Microsoft AD.

Pricing: https://aws.amazon.com/directoryservice/pricing/ — Simple AD and AD Connector are billed per
directory-hour by ``size`` (Small or Large); AWS Managed Microsoft AD per domain controller-hour by ``edition``
(Standard or Enterprise), two domain controllers at least (``desired_number_of_domain_controllers``, or usage
``additional_domain_controllers`` on top of the two), and each account the directory is shared with per hour.
Usage types (AWSDirectoryService): ``<Size>-SimpleAD-Usage``, ``<Size>-Directory-Usage`` (AD Connector),
``MicrosoftAD-DC-Usage`` / ``Enterprise-MicrosoftAD-DC-Usage``, ``SharedMsftAD-Usage``.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated

from costlib.models import CostComponent
from costlib.resources._q import aws, hourly
from costlib.resources.registry import resource
from costlib.resources.schema import AwsInputs, Count, Usage, choice, usage_key

__all__ = ["aws_directory_service_directory"]


class Directory(AwsInputs):
    type: Annotated[str, choice("SimpleAD", "ADConnector", "MicrosoftAD", what="directory type")] = "SimpleAD"
    size: Annotated[str, choice("Small", "Large")] = "Small"
    edition: Annotated[str, choice("Standard", "Enterprise")] = "Enterprise"
    desired_number_of_domain_controllers: Count | None = None


class DirectoryUsage(Usage):
    additional_domain_controllers: Count | None = usage_key(
        "Domain controllers beyond the two every Managed Microsoft AD directory has", unit="controllers")
    shared_accounts: Count | None = usage_key("Accounts the Managed Microsoft AD directory is shared with",
                                              unit="accounts")


@resource("aws_directory_service_directory", example={"name": "corp.example.com", "type": "MicrosoftAD",
                                                      "edition": "Standard", "password": "x"})
def aws_directory_service_directory(i: Directory, u: DirectoryUsage) -> list[CostComponent]:
    """A directory by ``type``: SimpleAD (default) and ADConnector per hour by ``size``; MicrosoftAD per domain
    controller-hour by ``edition`` (Enterprise default) for each of its domain controllers (2 at least), plus
    shared accounts (usage ``shared_accounts``). Pricing: https://aws.amazon.com/directoryservice/pricing/
    """
    if i.type == "SimpleAD":
        return [hourly(f"Simple AD ({i.size})", aws("AWSDirectoryService", i.region,
                                                    usagetype=f"{i.size}-SimpleAD-Usage"))]
    if i.type == "ADConnector":
        return [hourly(f"AD Connector ({i.size})", aws("AWSDirectoryService", i.region,
                                                       usagetype=f"{i.size}-Directory-Usage"))]
    controllers = max(2, i.desired_number_of_domain_controllers or 2) + (u.additional_domain_controllers or 0)
    usagetype = "MicrosoftAD-DC-Usage" if i.edition == "Standard" else "Enterprise-MicrosoftAD-DC-Usage"
    out = [hourly(f"Managed Microsoft AD {i.edition} domain controllers ({controllers})",
                  aws("AWSDirectoryService", i.region, usagetype=usagetype), Decimal(controllers),
                  unit="controller-hours")]
    if u.shared_accounts:
        out.append(hourly(f"Directory sharing ({u.shared_accounts} accounts)",
                          aws("AWSDirectoryService", i.region, usagetype="SharedMsftAD-Usage"),
                          Decimal(u.shared_accounts), unit="account-hours"))
    return out
