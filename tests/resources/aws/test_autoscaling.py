"""Table tests: costlib.resources.aws.autoscaling (instances priced as EC2: https://aws.amazon.com/ec2/pricing/)."""

from tests.resources.table import Case, table_test

LINUX = "licenseModel=No License required operatingSystem=Linux preInstalledSw=NA tenancy=Shared"


def m5(itype: str = "m5.large", extra: str = "") -> str:
    return f"AmazonEC2 [Compute Instance] instanceType={itype} {LINUX}{extra}"


GP2 = "AmazonEC2 [Storage] volumeApiName=gp2"

CASES = [
    Case("desired capacity of m5.large with the default 8 GB roots", "aws_autoscaling_group",
         {"desired_capacity": 3, "min_size": 1, "max_size": 5, "instance_type": "m5.large"}, [
             ("Instance usage (Linux, on-demand, m5.large)", "2190 hours", m5()),
             ("Root volumes (EBS gp2)", "24 GB", GP2),
         ]),
    Case("min_size when desired_capacity is not set", "aws_autoscaling_group",
         {"min_size": 2, "instance_type": "t3.small", "root_block_device": [{"volume_type": "gp3", "volume_size": 30}]}, [
             ("Instance usage (Linux, on-demand, t3.small)", "1460 hours", m5("t3.small")),
             ("Root volumes (EBS gp3)", "60 GB", "AmazonEC2 [Storage] volumeApiName=gp3"),
         ]),
    Case("usage instances and a reserved 1-year no-upfront term", "aws_autoscaling_group",
         {"desired_capacity": 2, "instance_type": "c5.large"}, [
             ("Instance usage (Linux, reserved 1 year no upfront, c5.large)", "3650 hours",
              m5("c5.large", " reserved term=1yr No Upfront standard unit=Hrs")),
             ("Root volumes (EBS gp2)", "40 GB", GP2),
         ], usage={"instances": 5, "reserved_instance_term": "1_year", "reserved_instance_payment_option": "no_upfront"}),
    Case("mixed instances: 2 on-demand base, 25% of the other 8 on demand rounded up, the rest Spot",
         "aws_autoscaling_group",
         {"desired_capacity": 10, "launch_template": [{"id": "lt-1"}],
          "mixed_instances_policy": [{
              "instances_distribution": [{"on_demand_base_capacity": 2,
                                          "on_demand_percentage_above_base_capacity": 25}],
              "launch_template": [{"override": [{"instance_type": "m5.xlarge"}, {"instance_type": "m5a.xlarge"}]}]}]},
         [
             ("Instance usage (Linux, on-demand, m5.xlarge)", "2920 hours", m5("m5.xlarge")),  # 4 instances
             ("Instance usage (Linux, spot, m5.xlarge)", "4380 hours", m5("m5.xlarge", " spot")),  # 6 instances
             ("Root volumes (EBS gp2)", "80 GB", GP2),
         ]),
    Case("mixed instances with weighted capacity: 8 units of weight 2 are 4 instances", "aws_autoscaling_group",
         {"desired_capacity": 8,
          "mixed_instances_policy": [{"launch_template": [{"override": [{"instance_type": "m5.2xlarge",
                                                                         "weighted_capacity": 2}]}]}]}, [
             ("Instance usage (Linux, on-demand, m5.2xlarge)", "2920 hours", m5("m5.2xlarge")),
             ("Root volumes (EBS gp2)", "32 GB", GP2),
         ]),
    Case("a launch template the plan does not carry on the group", "aws_autoscaling_group",
         {"desired_capacity": 2, "launch_template": [{"id": "lt-1", "version": "$Latest"}]}, [
             ("Instances", "?", "not modelled"),
         ]),
]

test_table = table_test(CASES)
