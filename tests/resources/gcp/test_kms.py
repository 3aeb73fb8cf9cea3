"""Table tests: costlib.resources.gcp.kms (https://cloud.google.com/kms/pricing)."""

from tests.resources.table import Case, table_test

SVC = "Cloud Key Management Service (KMS)"
CASES = [
    Case("a software key: one active version", "google_kms_crypto_key", {}, [
        ("Key versions (software)", "1 versions", f"{SVC} algorithm=any protection=SOFTWARE resource=key-version"),
        ("Key operations (software)", "? 10k operations",
         f"{SVC} algorithm=any protection=SOFTWARE resource=operations"),
    ]),
    Case("an HSM AES key: 3 versions, 1M operations", "google_kms_crypto_key",
         {"version_template": [{"algorithm": "GOOGLE_SYMMETRIC_ENCRYPTION", "protection_level": "HSM"}]}, [
        ("Key versions (hsm, simple)", "3 versions", f"{SVC} algorithm=simple protection=HSM resource=key-version"),
        ("Key operations (hsm)", "100 10k operations", f"{SVC} algorithm=simple protection=HSM resource=operations"),
    ], usage={"key_versions": 3, "monthly_key_operations": 1_000_000}),
    Case("an HSM elliptic-curve signing key is the advanced class", "google_kms_crypto_key",
         {"version_template": [{"algorithm": "EC_SIGN_P256_SHA256", "protection_level": "hsm"}]}, [
        ("Key versions (hsm, advanced)", "1 versions",
         f"{SVC} algorithm=advanced protection=HSM resource=key-version"),
        ("Key operations (hsm)", "? 10k operations", f"{SVC} algorithm=advanced protection=HSM resource=operations"),
    ]),
    Case("an external (EKM via VPC) key", "google_kms_crypto_key",
         {"version_template": [{"algorithm": "EXTERNAL_SYMMETRIC_ENCRYPTION", "protection_level": "EXTERNAL_VPC"}]}, [
        ("Key versions (external)", "1 versions", f"{SVC} algorithm=any protection=EXTERNAL resource=key-version"),
        ("Key operations (external)", "? 10k operations",
         f"{SVC} algorithm=any protection=EXTERNAL resource=operations"),
    ]),
    Case("skip_initial_version_creation: no version yet", "google_kms_crypto_key",
         {"skip_initial_version_creation": True}, [
        ("Key versions (software)", "0 versions", f"{SVC} algorithm=any protection=SOFTWARE resource=key-version"),
        ("Key operations (software)", "? 10k operations",
         f"{SVC} algorithm=any protection=SOFTWARE resource=operations"),
    ]),
]

test_table = table_test(CASES)
