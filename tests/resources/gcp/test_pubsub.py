"""Table tests: costlib.resources.gcp.pubsub (https://cloud.google.com/pubsub/pricing)."""

from tests.resources.table import Case, table_test

CASES = [
    Case("a topic publishing 2 TB", "google_pubsub_topic", {}, [
        ("Message publishing", "2 TB", "Cloud Pub/Sub resource=throughput"),
    ], usage={"monthly_message_data_tb": 2}),
    Case("a topic retaining messages", "google_pubsub_topic", {"message_retention_duration": "86400s"}, [
        ("Message publishing", "? TB", "Cloud Pub/Sub resource=throughput"),
        ("Retained messages", "? GB", "Cloud Pub/Sub resource=storage"),
    ]),
    Case("a subscription without usage", "google_pubsub_subscription", {}, [
        ("Message delivery", "? TB", "Cloud Pub/Sub resource=throughput"),
    ]),
    Case("a subscription retaining acked messages, with snapshots", "google_pubsub_subscription",
         {"retain_acked_messages": True}, [
        ("Message delivery", "7.416 TB", "Cloud Pub/Sub resource=throughput"),
        ("Retained acknowledged messages", "605 GB", "Cloud Pub/Sub resource=storage"),
        ("Snapshots", "70.6 GB", "Cloud Pub/Sub resource=storage"),
    ], usage={"monthly_message_data_tb": 7.416, "storage_gb": 605, "snapshot_storage_gb": 70.6}),
]

test_table = table_test(CASES)
