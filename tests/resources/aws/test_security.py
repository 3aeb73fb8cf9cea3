"""Table tests: costlib.resources.aws.security (ACM, Private CA, CloudHSM, Secrets Manager, KMS)."""

from tests.resources.table import Case, table_test

CASES = [
    Case("a public certificate is free", "aws_acm_certificate", {"domain_name": "example.com"}, [
        ("Public certificate", "1 certificates", "fixed 0 USD"),
    ]),
    Case("an imported certificate is free", "aws_acm_certificate", {"private_key": "-----BEGIN"}, [
        ("Imported certificate", "1 certificates", "fixed 0 USD"),
    ]),
    Case("a private certificate issued by a private CA", "aws_acm_certificate",
         {"certificate_authority_arn": "arn:aws:acm-pca:us-east-1:1:certificate-authority/x"}, [
             ("Private certificate (issued by the private CA)", "1 certificates",
              "AWSCertificateManager usagetype=PrivateCertificatesIssued"),
         ]),
    Case("an exportable public certificate is named as not modelled", "aws_acm_certificate",
         {"options": [{"export": "ENABLED"}]}, [
             ("Exportable public certificate", "?", "not modelled"),
         ]),
    Case("a general-purpose private CA issuing 500 certificates", "aws_acmpca_certificate_authority", {}, [
        ("Private CA (general-purpose mode)", "1 months", "AWSCertificateManager usagetype=PaidPrivateCA"),
        ("Certificates issued", "500 certificates", "AWSCertificateManager usagetype=PrivateCertificatesIssued"),
    ], usage={"monthly_requests": 500}),
    Case("a short-lived certificate CA", "aws_acmpca_certificate_authority",
         {"usage_mode": "SHORT_LIVED_CERTIFICATE"}, [
             ("Private CA (short-lived certificate mode)", "1 months",
              "AWSCertificateManager usagetype=ShortLivedPrivateCA"),
             ("Certificates issued", "? certificates",
              "AWSCertificateManager usagetype=ShortLivedCertificatesIssued"),
         ]),
    Case("an HSM of the default type, all month", "aws_cloudhsm_v2_hsm", {"cluster_id": "c"}, [
        ("CloudHSM (hsm1.medium)", "730 hours", "CloudHSM [Dedicated-Host] usagetype=CloudHSMv2Usage"),
    ]),
    Case("an hsm2m.medium HSM", "aws_cloudhsm_v2_hsm", {"cluster_id": "c"}, [
        ("CloudHSM (hsm2m.medium)", "730 hours", "CloudHSM [Dedicated-Host] usagetype=CloudHSMv2Usage:hsm2m.medium"),
    ], usage={"hsm_type": "hsm2m.medium"}),
    Case("a secret replicated to one more region, with API calls", "aws_secretsmanager_secret",
         {"replica": [{"region": "eu-west-1"}]}, [
             ("Secret", "1 months", "AWSSecretsManager usagetype=AWSSecretsManager-Secrets"),
             ("Replica secret (eu-west-1)", "1 months", "AWSSecretsManager usagetype=AWSSecretsManager-Secrets"),
             ("API requests", "50000 requests", "AWSSecretsManager usagetype=AWSSecretsManagerAPIRequest"),
         ], usage={"monthly_requests": 50000}),
    Case("a KMS key with imported material", "aws_kms_external_key", {}, [
        ("Customer managed key (imported material)", "1 months", "awskms usagetype=KMS-Keys"),
        ("Requests", "? requests", "awskms usagetype=KMS-Requests"),
    ]),
    Case("a multi-Region replica key", "aws_kms_replica_key", {"primary_key_arn": "arn:aws:kms:us-east-1:1:key/mrk"}, [
        ("Customer managed key (multi-Region replica)", "1 months", "awskms usagetype=KMS-Keys"),
        ("Requests", "1000 requests", "awskms usagetype=KMS-Requests"),
    ], usage={"monthly_requests": 1000}),
]

test_table = table_test(CASES)
