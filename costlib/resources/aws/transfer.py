"""AWS Transfer Family servers: protocol hours per enabled protocol, plus data uploaded and downloaded.

Pricing: https://aws.amazon.com/aws-transfer-family/pricing/ — each protocol enabled on a server (SFTP, FTPS,
FTP, AS2) is billed per hour until the server is deleted (stopped servers too), and each GB uploaded or
downloaded over the server. AS2 messages carry their own per-message charges, named as not modelled when AS2
is enabled. Usage types (AWSTransfer): ``ProtocolHours``, ``UploadBytes``, ``DownloadBytes``.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated

from pydantic import BeforeValidator

from costlib.models import CostComponent
from costlib.resources._q import aws, hourly, unmodelled, usage_based
from costlib.resources.registry import resource
from costlib.resources.schema import GB, AwsInputs, Usage, as_list, usage_key

__all__ = ["aws_transfer_server"]


def _protocols(value: object) -> object:
    value = as_list(value)
    if isinstance(value, list | tuple):
        return tuple(str(v).upper() for v in value)
    return value


class Server(AwsInputs):
    protocols: Annotated[tuple[str, ...], BeforeValidator(_protocols)] = ("SFTP",)


class ServerUsage(Usage):
    monthly_data_uploaded_gb: GB | None = usage_key("Data uploaded over the enabled protocols a month", unit="GB")
    monthly_data_downloaded_gb: GB | None = usage_key("Data downloaded over the enabled protocols a month", unit="GB")


@resource("aws_transfer_server", example={"protocols": ["SFTP"], "identity_provider_type": "SERVICE_MANAGED"})
def aws_transfer_server(i: Server, u: ServerUsage) -> list[CostComponent]:
    """A server: an hour per enabled protocol (``protocols``, SFTP by default), plus GB uploaded and downloaded
    (usage ``monthly_data_uploaded_gb``, ``monthly_data_downloaded_gb``).

    Pricing: https://aws.amazon.com/aws-transfer-family/pricing/
    """
    protocols = tuple(dict.fromkeys(i.protocols)) or ("SFTP",)
    out = [hourly(f"{p} protocol", aws("AWSTransfer", i.region, usagetype="ProtocolHours"), Decimal(1))
           for p in protocols]
    out += [usage_based("Data uploaded", aws("AWSTransfer", i.region, usagetype="UploadBytes"),
                        u.monthly_data_uploaded_gb, unit="GB", usage_key="monthly_data_uploaded_gb"),
            usage_based("Data downloaded", aws("AWSTransfer", i.region, usagetype="DownloadBytes"),
                        u.monthly_data_downloaded_gb, unit="GB", usage_key="monthly_data_downloaded_gb")]
    if "AS2" in protocols:
        out.append(unmodelled("AS2 messages", "AS2 messages and their payloads are billed per message; not priced yet"))
    return out
