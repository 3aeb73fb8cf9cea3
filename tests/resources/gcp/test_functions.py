"""Table tests: costlib.resources.gcp.functions (https://cloud.google.com/functions/pricing-1stgen)."""

from tests.resources.table import Case, table_test

CASES = [
    Case("1st gen, 256 MB default: 10M invocations of 250 ms round up to 300 ms", "google_cloudfunctions_function",
         {}, [
        ("Invocations", "10 1M invocations", "Cloud Functions resource=invocations"),
        ("Memory time (256 MB)", "750000 GB-seconds", "Cloud Functions resource=memory"),
        ("CPU time (0.4 GHz)", "1200000 GHz-seconds", "Cloud Functions resource=cpu"),
        ("Outbound data", "? GB", "Cloud Functions resource=egress"),
    ], usage={"monthly_function_invocations": 10_000_000, "request_duration_ms": 250}),
    Case("1st gen, 2 GB: 2.4 GHz; no usage", "google_cloudfunctions_function", {"available_memory_mb": 2048}, [
        ("Invocations", "? 1M invocations", "Cloud Functions resource=invocations"),
        ("Memory time (2048 MB)", "? GB-seconds", "Cloud Functions resource=memory"),
        ("CPU time (2.4 GHz)", "? GHz-seconds", "Cloud Functions resource=cpu"),
        ("Outbound data", "? GB", "Cloud Functions resource=egress"),
    ]),
    Case("1st gen, 16 GB is not a 1st gen size", "google_cloudfunctions_function", {"available_memory_mb": 16384}, [
        ("Invocations", "? 1M invocations", "Cloud Functions resource=invocations"),
        ("Compute time (16384 MB)", "?", "not modelled"),
        ("Outbound data", "50 GB", "Cloud Functions resource=egress"),
    ], usage={"monthly_outbound_data_gb": 50}),
    Case("2nd gen, 512Mi gets 0.333 vCPU, one request at a time", "google_cloudfunctions2_function",
         {"service_config": [{"available_memory": "512Mi"}]}, [
        ("CPU (request-based, 0.333 vCPU)", "33300 vCPU-seconds", "Cloud Run billing=request resource=cpu"),
        ("Memory (request-based, 0.5 GiB)", "50000 GiB-seconds", "Cloud Run billing=request resource=memory"),
        ("Requests", "1 1M requests", "Cloud Run resource=requests"),
    ], usage={"monthly_function_invocations": 1_000_000, "request_duration_ms": 100}),
    Case("2nd gen, 1Gi with available_cpu 1 and a minimum instance",
         "google_cloudfunctions2_function",
         {"service_config": [{"available_memory": "1Gi", "available_cpu": "1", "min_instance_count": 1}]}, [
        ("CPU (request-based, 1 vCPU)", "? vCPU-seconds", "Cloud Run billing=request resource=cpu"),
        ("Memory (request-based, 1 GiB)", "? GiB-seconds", "Cloud Run billing=request resource=memory"),
        ("Idle minimum instances CPU (1 x 1 vCPU)", "2628000 vCPU-seconds", "Cloud Run billing=idle resource=cpu"),
        ("Idle minimum instances memory (1 x 1 GiB)", "2628000 GiB-seconds",
         "Cloud Run billing=idle resource=memory"),
        ("Requests", "? 1M requests", "Cloud Run resource=requests"),
    ]),
]

test_table = table_test(CASES)
