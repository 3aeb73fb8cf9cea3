"""Certificates, keys and secrets: ACM certificates, ACM Private CA, CloudHSM, Secrets Manager, KMS keys with
imported key material and multi-Region replica keys.

Pricing: https://aws.amazon.com/certificate-manager/pricing/ — public ACM certificates have no charge;
exportable public certificates are billed per certificate (not modelled yet); a certificate issued by a private
CA (``certificate_authority_arn``) is billed once when issued and at each renewal, by the CA's monthly volume
tier, and counts here in the month it is issued. A private CA is billed per month by its mode (general-purpose
or short-lived certificates) plus the certificates it issues (usage ``monthly_requests``).
https://aws.amazon.com/cloudhsm/pricing/ — an HSM is billed per hour by the cluster's HSM type.
https://aws.amazon.com/secrets-manager/pricing/ — a secret is billed per month, each replica as a secret in its
region, plus API calls per 10,000. https://aws.amazon.com/kms/pricing/ — a key with imported material or a
replica key is billed per month like any customer managed key, plus requests.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated

from costlib.models import CostComponent
from costlib.resources._q import aws, hourly, monthly, unmodelled, usage_based
from costlib.resources.aws._billing import no_charge
from costlib.resources.registry import resource
from costlib.resources.schema import AwsInputs, Block, Blocks, Model, Quantity, Usage, choice, usage_key

__all__ = ["aws_acm_certificate", "aws_acmpca_certificate_authority", "aws_cloudhsm_v2_hsm", "aws_kms_external_key",
           "aws_kms_replica_key", "aws_secretsmanager_secret"]

_ACM = "AWSCertificateManager"


class CertificateOptions(Model):
    export: Annotated[str, choice("ENABLED", "DISABLED")] = "DISABLED"


class Certificate(AwsInputs):
    certificate_authority_arn: str | None = None
    private_key: str | None = None
    options: Block[CertificateOptions] = None


@resource("aws_acm_certificate", example={"domain_name": "example.com", "validation_method": "DNS"})
def aws_acm_certificate(i: Certificate) -> list[CostComponent]:
    """An ACM certificate: public (no charge), imported (``private_key``, no charge), exportable public
    (``options.export = ENABLED``, billed per certificate, not modelled yet) or private, issued by
    ``certificate_authority_arn`` (billed at issue, in the CA's volume tier).

    Pricing: https://aws.amazon.com/certificate-manager/pricing/
    """
    if i.certificate_authority_arn:
        return [monthly("Private certificate (issued by the private CA)",
                        aws(_ACM, i.region, usagetype="PrivateCertificatesIssued"), Decimal(1), unit="certificates",
                        note="billed once when issued and at each renewal, shown in the month it is issued")]
    if i.options is not None and i.options.export == "ENABLED":
        return [unmodelled("Exportable public certificate", "exportable public certificates are billed per "
                           "certificate and renewal; not priced yet")]
    if i.private_key:
        return [no_charge("Imported certificate", "importing a certificate into ACM has no charge",
                          unit="certificates")]
    return [no_charge("Public certificate", "public ACM certificates have no charge", unit="certificates")]


class CertificateAuthority(AwsInputs):
    usage_mode: Annotated[str, choice("GENERAL_PURPOSE", "SHORT_LIVED_CERTIFICATE", what="CA usage mode")] = \
        "GENERAL_PURPOSE"
    enabled: bool = True


class CertificateAuthorityUsage(Usage):
    monthly_requests: Quantity | None = usage_key("Private certificates the CA issues a month", unit="certificates")


@resource("aws_acmpca_certificate_authority", example={"type": "SUBORDINATE",
                                                       "certificate_authority_configuration": [
                                                           {"key_algorithm": "RSA_4096",
                                                            "signing_algorithm": "SHA512WITHRSA"}]})
def aws_acmpca_certificate_authority(i: CertificateAuthority, u: CertificateAuthorityUsage) -> list[CostComponent]:
    """A private CA: a month of operation by ``usage_mode`` (general-purpose or short-lived certificates), plus
    the certificates it issues (usage ``monthly_requests``, tiered by volume); a CA is billed until it is
    deleted, disabled or not. Pricing: https://aws.amazon.com/private-ca/pricing/
    """
    short = i.usage_mode == "SHORT_LIVED_CERTIFICATE"
    return [
        monthly("Private CA (short-lived certificate mode)" if short else "Private CA (general-purpose mode)",
                aws(_ACM, i.region, usagetype="ShortLivedPrivateCA" if short else "PaidPrivateCA"), Decimal(1),
                unit="months"),
        usage_based("Certificates issued", aws(_ACM, i.region, usagetype="ShortLivedCertificatesIssued" if short
                                               else "PrivateCertificatesIssued"),
                    u.monthly_requests, unit="certificates", usage_key="monthly_requests"),
    ]


class Hsm(AwsInputs):
    cluster_id: str | None = None


class HsmUsage(Usage):
    hsm_type: Annotated[str, choice("hsm1.medium", "hsm2m.medium")] | None = usage_key(
        "The cluster's HSM type (hsm1.medium by default; the plan shows it on aws_cloudhsm_v2_cluster)", unit="")


@resource("aws_cloudhsm_v2_hsm", example={"cluster_id": "cluster-1", "availability_zone": "us-east-1a"})
def aws_cloudhsm_v2_hsm(i: Hsm, u: HsmUsage) -> list[CostComponent]:
    """An HSM in a CloudHSM cluster: billed per hour by the cluster's HSM type (usage ``hsm_type``).

    Pricing: https://aws.amazon.com/cloudhsm/pricing/
    """
    kind = u.hsm_type or "hsm1.medium"
    usagetype = "CloudHSMv2Usage" if kind == "hsm1.medium" else f"CloudHSMv2Usage:{kind}"
    return [hourly(f"CloudHSM ({kind})", aws("CloudHSM", i.region, "Dedicated-Host", usagetype=usagetype))]


class Replica(Model):
    region: str


class Secret(AwsInputs):
    replica: Blocks[Replica] = ()


class SecretUsage(Usage):
    monthly_requests: Quantity | None = usage_key("API calls to the secret a month", unit="requests")


@resource("aws_secretsmanager_secret", example={"name": "db-password"})
def aws_secretsmanager_secret(i: Secret, u: SecretUsage) -> list[CostComponent]:
    """A secret: a secret-month in its region and one in each ``replica`` region, plus API calls (usage
    ``monthly_requests``). Pricing: https://aws.amazon.com/secrets-manager/pricing/
    """
    out = [monthly("Secret", aws("AWSSecretsManager", i.region, usagetype="AWSSecretsManager-Secrets"), Decimal(1),
                   unit="months")]
    for r in i.replica:
        out.append(monthly(f"Replica secret ({r.region})", aws("AWSSecretsManager", r.region,
                                                               usagetype="AWSSecretsManager-Secrets"),
                           Decimal(1), unit="months"))
    out.append(usage_based("API requests", aws("AWSSecretsManager", i.region, usagetype="AWSSecretsManagerAPIRequest"),
                           u.monthly_requests, unit="requests", usage_key="monthly_requests"))
    return out


class KmsKey(AwsInputs):
    enabled: bool = True


class KmsUsage(Usage):
    monthly_requests: Quantity | None = usage_key("API requests a month", unit="requests")


def _kms(region: str, label: str, u: KmsUsage) -> list[CostComponent]:
    return [monthly(label, aws("awskms", region, usagetype="KMS-Keys"), Decimal(1), unit="months"),
            usage_based("Requests", aws("awskms", region, usagetype="KMS-Requests"), u.monthly_requests,
                        unit="requests", usage_key="monthly_requests")]


@resource("aws_kms_external_key", example={"description": "imported key material"})
def aws_kms_external_key(i: KmsKey, u: KmsUsage) -> list[CostComponent]:
    """A KMS key with imported key material: a key-month (disabled keys too) plus requests (usage
    ``monthly_requests``). Pricing: https://aws.amazon.com/kms/pricing/
    """
    return _kms(i.region, "Customer managed key (imported material)", u)


@resource("aws_kms_replica_key", example={"primary_key_arn": "arn:aws:kms:us-east-1:1:key/mrk-1"})
def aws_kms_replica_key(i: KmsKey, u: KmsUsage) -> list[CostComponent]:
    """A multi-Region replica key: billed as a customer managed key in its region, plus requests.

    Pricing: https://aws.amazon.com/kms/pricing/
    """
    return _kms(i.region, "Customer managed key (multi-Region replica)", u)
