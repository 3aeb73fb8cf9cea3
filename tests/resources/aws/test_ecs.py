"""Table tests: costlib.resources.aws.ecs (Fargate rates: https://aws.amazon.com/fargate/pricing/)."""

from tests.resources.table import Case, table_test

X86_CPU = "AmazonECS usagetype=Fargate-vCPU-Hours:perCPU"
X86_MEM = "AmazonECS usagetype=Fargate-GB-Hours"

CASES = [
    Case("two 0.5 vCPU / 1 GB Fargate tasks all month", "aws_ecs_service",
         {"launch_type": "FARGATE", "desired_count": 2, "cpu": "512", "memory": "1024"}, [
             ("Fargate vCPU (Linux/x86)", "730 vCPU-hours", X86_CPU),  # 2 tasks x 0.5 vCPU x 730 h
             ("Fargate memory (Linux/x86)", "1460 GB-hours", X86_MEM),  # 2 x 1 GB x 730 h
         ]),
    Case("ARM (Graviton) tasks with 50 GB ephemeral storage", "aws_ecs_service",
         {"launch_type": "FARGATE", "desired_count": 1, "cpu": "1 vCPU", "memory": "2 GB",
          "runtime_platform": [{"cpu_architecture": "ARM64", "operating_system_family": "LINUX"}],
          "ephemeral_storage": [{"size_in_gib": 50}]}, [
             ("Fargate vCPU (Linux/ARM)", "730 vCPU-hours", "AmazonECS usagetype=Fargate-ARM-vCPU-Hours:perCPU"),
             ("Fargate memory (Linux/ARM)", "1460 GB-hours", "AmazonECS usagetype=Fargate-ARM-GB-Hours"),
             # 20 GB is included: 30 GB x 730 h billed
             ("Fargate ephemeral storage above 20 GB", "21900 GB-hours",
              "AmazonECS usagetype=Fargate-EphemeralStorage-GB-Hours"),
         ]),
    Case("ephemeral storage of exactly 20 GB is free", "aws_ecs_service",
         {"launch_type": "FARGATE", "desired_count": 1, "cpu": "256", "memory": "512",
          "ephemeral_storage": [{"size_in_gib": 20}]}, [
             ("Fargate vCPU (Linux/x86)", "182.5 vCPU-hours", X86_CPU),
             ("Fargate memory (Linux/x86)", "365 GB-hours", X86_MEM),
         ]),
    Case("Windows tasks pay the OS licence per vCPU-hour", "aws_ecs_service",
         {"launch_type": "FARGATE", "desired_count": 1, "cpu": "1024", "memory": "2048",
          "runtime_platform": [{"operating_system_family": "WINDOWS_SERVER_2022_CORE"}]}, [
             ("Fargate vCPU (Windows)", "730 vCPU-hours", "AmazonECS usagetype=Fargate-Windows-vCPU-Hours:perCPU"),
             ("Fargate memory (Windows)", "1460 GB-hours", "AmazonECS usagetype=Fargate-Windows-GB-Hours"),
             ("Fargate Windows OS licence", "730 vCPU-hours", "AmazonECS usagetype=Fargate-Windows-OS-Hours:perCPU"),
         ]),
    Case("capacity providers: base on FARGATE, the rest 1:3 on FARGATE_SPOT", "aws_ecs_service",
         {"desired_count": 10, "cpu": "1024", "memory": "2048",
          "capacity_provider_strategy": [{"capacity_provider": "FARGATE", "base": 2, "weight": 1},
                                         {"capacity_provider": "FARGATE_SPOT", "weight": 3}]}, [
             ("Fargate vCPU (Linux/x86)", "2920 vCPU-hours", X86_CPU),  # 2 + 8/4 = 4 tasks
             ("Fargate memory (Linux/x86)", "5840 GB-hours", X86_MEM),
             ("Fargate vCPU (Linux/x86, Spot)", "4380 vCPU-hours",
              "AmazonECS usagetype=SpotUsage-Fargate-vCPU-Hours:perCPU"),  # 6 tasks
             ("Fargate memory (Linux/x86, Spot)", "8760 GB-hours", "AmazonECS usagetype=SpotUsage-Fargate-GB-Hours"),
         ]),
    Case("the task size from usage, as a plan does not carry it on the service", "aws_ecs_service",
         {"launch_type": "FARGATE", "desired_count": 3}, [
             ("Fargate vCPU (Linux/x86)", "1095 vCPU-hours", X86_CPU),
             ("Fargate memory (Linux/x86)", "4380 GB-hours", X86_MEM),
         ], usage={"task_vcpu": 0.5, "task_memory_gb": 2, "monthly_hrs": 730}),
    Case("task size unknown: usage-based, naming the key", "aws_ecs_service",
         {"launch_type": "FARGATE", "desired_count": 3}, [
             ("Fargate vCPU (Linux/x86)", "? vCPU-hours", X86_CPU),
             ("Fargate memory (Linux/x86)", "? GB-hours", X86_MEM),
         ]),
    Case("EC2 launch type: the instances are billed", "aws_ecs_service",
         {"launch_type": "EC2", "desired_count": 4}, [
             ("Tasks on EC2 container instances", "4 tasks", "fixed 0 USD"),
         ]),
    Case("Terraform's default desired_count is 0", "aws_ecs_service",
         {"launch_type": "FARGATE", "cpu": "256", "memory": "512"}, [
             ("Fargate vCPU (Linux/x86)", "0 vCPU-hours", X86_CPU),
             ("Fargate memory (Linux/x86)", "0 GB-hours", X86_MEM),
         ]),
    Case("task set: 50 percent of a 5-task service, rounded up", "aws_ecs_task_set",
         {"launch_type": "FARGATE", "cpu": "256", "memory": "512", "scale": [{"unit": "PERCENT", "value": 50}]}, [
             ("Fargate vCPU (Linux/x86)", "547.5 vCPU-hours", X86_CPU),  # 3 tasks x 0.25 x 730
             ("Fargate memory (Linux/x86)", "1095 GB-hours", X86_MEM),
         ], usage={"service_desired_count": 5}),
    Case("task set without usage", "aws_ecs_task_set",
         {"launch_type": "FARGATE", "cpu": "256", "memory": "512"}, [
             ("Fargate vCPU (Linux/x86)", "? vCPU-hours", X86_CPU),
             ("Fargate memory (Linux/x86)", "? GB-hours", X86_MEM),
         ]),
]

CASES += [
    Case("daemon service on EC2 instances", "aws_ecs_service", {"scheduling_strategy": "DAEMON"}, [
        ("Daemon tasks on EC2 container instances (one per instance)", "1 service", "fixed 0 USD"),
    ]),
    Case("a custom capacity provider (an Auto Scaling group) beside FARGATE", "aws_ecs_service",
         {"desired_count": 4, "cpu": "256", "memory": "512",
          "capacity_provider_strategy": [{"capacity_provider": "FARGATE", "weight": 1},
                                         {"capacity_provider": "asg-provider", "weight": 1}]}, [
             ("Fargate vCPU (Linux/x86)", "365 vCPU-hours", X86_CPU),
             ("Fargate memory (Linux/x86)", "730 GB-hours", X86_MEM),
             ("Tasks on EC2 container instances", "2 tasks", "fixed 0 USD"),
         ]),
]

test_table = table_test(CASES)
