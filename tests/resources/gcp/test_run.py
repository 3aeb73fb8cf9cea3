"""Table tests: costlib.resources.gcp.run (https://cloud.google.com/run/pricing)."""

from tests.resources.table import Case, table_test

REQ_CPU = "Cloud Run billing=request resource=cpu"
REQ_MEM = "Cloud Run billing=request resource=memory"
INST_CPU = "Cloud Run billing=instance resource=cpu"
INST_MEM = "Cloud Run billing=instance resource=memory"


def v2(resources: dict[str, object] | None = None, **template: object) -> dict[str, object]:
    container = {"resources": [resources]} if resources is not None else {}
    return {"template": [{"containers": [container], **template}]}


CASES = [
    Case("request-based: 1M requests of 200 ms, 80 at once: 2,500 instance-seconds", "google_cloud_run_v2_service",
         v2({"limits": {"cpu": "1", "memory": "512Mi"}, "cpu_idle": True}), [
        ("CPU (request-based, 1 vCPU)", "2500 vCPU-seconds", REQ_CPU),
        ("Memory (request-based, 0.5 GiB)", "1250 GiB-seconds", REQ_MEM),
        ("Requests", "1 1M requests", "Cloud Run resource=requests"),
    ], usage={"monthly_requests": 1_000_000, "request_duration_ms": 200}),
    Case("no template: 1 vCPU, 512Mi, request-based, usage-based", "google_cloud_run_v2_service", {}, [
        ("CPU (request-based, 1 vCPU)", "? vCPU-seconds", REQ_CPU),
        ("Memory (request-based, 0.5 GiB)", "? GiB-seconds", REQ_MEM),
        ("Requests", "? 1M requests", "Cloud Run resource=requests"),
    ]),
    Case("request-based with 2 minimum instances: idle instances billed all month", "google_cloud_run_v2_service",
         v2(scaling=[{"min_instance_count": 2}]), [
        ("CPU (request-based, 1 vCPU)", "? vCPU-seconds", REQ_CPU),
        ("Memory (request-based, 0.5 GiB)", "? GiB-seconds", REQ_MEM),
        ("Idle minimum instances CPU (2 x 1 vCPU)", "5256000 vCPU-seconds", "Cloud Run billing=idle resource=cpu"),
        ("Idle minimum instances memory (2 x 0.5 GiB)", "2628000 GiB-seconds",
         "Cloud Run billing=idle resource=memory"),
        ("Requests", "? 1M requests", "Cloud Run resource=requests"),
    ]),
    Case("instance-based (cpu_idle false), 1 minimum instance of 2 vCPU / 1Gi: the whole month",
         "google_cloud_run_v2_service",
         v2({"limits": {"cpu": "2", "memory": "1Gi"}, "cpu_idle": False}, scaling=[{"min_instance_count": 1}]), [
        ("CPU (instance-based, 2 vCPU)", "5256000 vCPU-seconds", INST_CPU),
        ("Memory (instance-based, 1 GiB)", "2628000 GiB-seconds", INST_MEM),
    ]),
    Case("resources set without cpu_idle: the provider's default is instance-based", "google_cloud_run_v2_service",
         v2({"limits": {"cpu": "1", "memory": "512Mi"}}), [
        ("CPU (instance-based, 1 vCPU)", "? vCPU-seconds", INST_CPU),
        ("Memory (instance-based, 0.5 GiB)", "? GiB-seconds", INST_MEM),
    ]),
    Case("instance-based with usage instances 1.5", "google_cloud_run_v2_service",
         v2({"limits": {"cpu": "1000m", "memory": "2Gi"}, "cpu_idle": False}), [
        ("CPU (instance-based, 1 vCPU)", "3942000 vCPU-seconds", INST_CPU),
        ("Memory (instance-based, 2 GiB)", "7884000 GiB-seconds", INST_MEM),
    ], usage={"instances": 1.5}),
    Case("a job: 30 executions x 2 tasks x 120 s", "google_cloud_run_v2_job", {"template": [{"task_count": 2}]}, [
        ("Task CPU (2 task(s) x 1 vCPU)", "7200 vCPU-seconds", INST_CPU),
        ("Task memory (2 task(s) x 0.5 GiB)", "3600 GiB-seconds", INST_MEM),
    ], usage={"monthly_executions": 30, "task_duration_seconds": 120}),
    Case("a job without usage", "google_cloud_run_v2_job", {}, [
        ("Task CPU (1 task(s) x 1 vCPU)", "? vCPU-seconds", INST_CPU),
        ("Task memory (1 task(s) x 0.5 GiB)", "? GiB-seconds", INST_MEM),
    ]),
    Case("v1: cpu-throttling false and minScale 1, 2000m / 1Gi", "google_cloud_run_service", {"template": [{
        "metadata": [{"annotations": {"run.googleapis.com/cpu-throttling": "false",
                                      "autoscaling.knative.dev/minScale": "1"}}],
        "spec": [{"containers": [{"resources": [{"limits": {"cpu": "2000m", "memory": "1Gi"}}]}]}]}]}, [
        ("CPU (instance-based, 2 vCPU)", "5256000 vCPU-seconds", INST_CPU),
        ("Memory (instance-based, 1 GiB)", "2628000 GiB-seconds", INST_MEM),
    ]),
    Case("v1 default: request-based, concurrency 10 from the spec", "google_cloud_run_service",
         {"template": [{"spec": [{"container_concurrency": 10}]}]}, [
        ("CPU (request-based, 1 vCPU)", "10000 vCPU-seconds", REQ_CPU),
        ("Memory (request-based, 0.5 GiB)", "5000 GiB-seconds", REQ_MEM),
        ("Requests", "0.5 1M requests", "Cloud Run resource=requests"),
    ], usage={"monthly_requests": 500_000, "request_duration_ms": 200}),
]

test_table = table_test(CASES)
