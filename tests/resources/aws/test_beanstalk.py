"""Table tests: costlib.resources.aws.beanstalk (https://aws.amazon.com/elasticbeanstalk/pricing/)."""

from tests.resources.table import Case, table_test

LINUX = "licenseModel=No License required operatingSystem=Linux preInstalledSw=NA tenancy=Shared"


def s(ns: str, name: str, value: str) -> dict[str, str]:
    return {"namespace": ns, "name": name, "value": value}


CASES = [
    Case("load-balanced web server: 2 x t3.small and a classic load balancer (the default)",
         "aws_elastic_beanstalk_environment",
         {"setting": [s("aws:autoscaling:launchconfiguration", "InstanceType", "t3.small"),
                      s("aws:autoscaling:asg", "MinSize", "2")]}, [
             ("Instance usage (Linux, on-demand, t3.small)", "1460 hours",
              f"AmazonEC2 [Compute Instance] instanceType=t3.small {LINUX}"),
             ("Root volumes (EBS gp2)", "16 GB", "AmazonEC2 [Storage] volumeApiName=gp2"),
             ("Classic load balancer", "730 hours", "AWSELB [Load Balancer] usagetype=LoadBalancerUsage"),
             ("Load balancer data processed", "? GB", "AWSELB [Load Balancer] usagetype=DataProcessing-Bytes"),
         ]),
    Case("application load balancer, gp3 root, RDS MySQL and streamed logs with usage sections",
         "aws_elastic_beanstalk_environment",
         {"setting": [s("aws:ec2:instances", "InstanceTypes", "m5.large, m5a.large"),
                      s("aws:autoscaling:launchconfiguration", "RootVolumeType", "gp3"),
                      s("aws:autoscaling:launchconfiguration", "RootVolumeSize", "20"),
                      s("aws:elasticbeanstalk:environment", "LoadBalancerType", "application"),
                      s("aws:rds:dbinstance", "DBInstanceClass", "db.t3.medium"),
                      s("aws:rds:dbinstance", "DBAllocatedStorage", "50"),
                      s("aws:elasticbeanstalk:cloudwatch:logs", "StreamLogs", "true")]}, [
             ("Instance usage (Linux, on-demand, m5.large)", "730 hours",
              f"AmazonEC2 [Compute Instance] instanceType=m5.large {LINUX}"),
             ("Root volumes (EBS gp3)", "20 GB", "AmazonEC2 [Storage] volumeApiName=gp3"),
             ("Application load balancer", "730 hours",
              "AWSELB [Load Balancer-Application] usagetype=LoadBalancerUsage"),
             ("Load balancer capacity units (LCU)", "1460 LCU-hours",
              "AWSELB [Load Balancer-Application] usagetype=LCUUsage"),
             ("Database instance (MySQL, Single-AZ, db.t3.medium)", "730 hours",
              "AmazonRDS [Database Instance] databaseEngine=MySQL deploymentOption=Single-AZ "
              "instanceType=db.t3.medium licenseModel=No license required"),
             ("Storage (gp2, Single-AZ)", "50 GB",
              "AmazonRDS [Database Storage] deploymentOption=Single-AZ volumeType=General Purpose"),
             ("CloudWatch logs ingested", "10 GB", "AmazonCloudWatch usagetype=DataProcessing-Bytes"),
             ("CloudWatch logs stored", "? GB", "AmazonCloudWatch usagetype=TimedStorage-ByteHrs"),
         ], usage={"lb": {"monthly_lcu_hours": 1460}, "cloudwatch": {"monthly_data_ingested_gb": 10}}),
    Case("single instance: an Elastic IP instead of a load balancer", "aws_elastic_beanstalk_environment",
         {"setting": [s("aws:autoscaling:launchconfiguration", "InstanceType", "t3.micro"),
                      s("aws:elasticbeanstalk:environment", "EnvironmentType", "SingleInstance")]}, [
             ("Instance usage (Linux, on-demand, t3.micro)", "730 hours",
              f"AmazonEC2 [Compute Instance] instanceType=t3.micro {LINUX}"),
             ("Root volumes (EBS gp2)", "8 GB", "AmazonEC2 [Storage] volumeApiName=gp2"),
             ("Public IPv4 address", "730 hours", "AmazonVPC usagetype=PublicIPv4:InUseAddress"),
         ]),
    Case("worker tier without an instance type: no load balancer, the instances named as not modelled",
         "aws_elastic_beanstalk_environment", {"tier": "Worker"}, [
             ("Instances", "?", "not modelled"),
             ("Root volumes (EBS gp2)", "8 GB", "AmazonEC2 [Storage] volumeApiName=gp2"),
         ]),
]

test_table = table_test(CASES)
