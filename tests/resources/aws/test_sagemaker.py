"""Table tests: costlib.resources.aws.sagemaker (https://aws.amazon.com/sagemaker/pricing/)."""

from tests.resources.table import Case, table_test

CASES = [
    Case("two ml.m5.large instances of one variant", "aws_sagemaker_endpoint_configuration",
         {"production_variants": [{"variant_name": "main", "instance_type": "ml.m5.large",
                                   "initial_instance_count": 2}]}, [
             ("Endpoint instances (main, ml.m5.large)", "1460 hours", "AmazonSageMaker usagetype=Host:ml.m5.large"),
         ]),
    Case("two variants deployed by two endpoints, 300 hours", "aws_sagemaker_endpoint_configuration",
         {"production_variants": [{"instance_type": "ml.g5.xlarge"}, {"instance_type": "ml.c5.large",
                                                                      "initial_instance_count": 3}]}, [
             ("Endpoint instances (variant 1, ml.g5.xlarge)", "600 hours",
              "AmazonSageMaker usagetype=Host:ml.g5.xlarge"),
             ("Endpoint instances (variant 2, ml.c5.large)", "1800 hours", "AmazonSageMaker usagetype=Host:ml.c5.large"),
         ], usage={"endpoints": 2, "monthly_hrs": 300}),
    Case("a configuration no endpoint deploys", "aws_sagemaker_endpoint_configuration",
         {"production_variants": [{"instance_type": "ml.m5.large"}]}, [], usage={"endpoints": 0}),
    Case("serverless variant of 2 GB", "aws_sagemaker_endpoint_configuration",
         {"production_variants": [{"variant_name": "sls", "serverless_config": [{"memory_size_in_mb": 2048,
                                                                                 "max_concurrency": 5}]}]}, [
             ("Serverless inference (sls, 2048 MB)", "100000 seconds",
              "AmazonSageMaker usagetype=ServerlessInf:Mem-2GB"),
             ("Serverless data processed (sls)", "? GB", "AmazonSageMaker usagetype=ServerlessInf:Data-Bytes-In"),
         ], usage={"monthly_serverless_inference_seconds": 100000}),
    Case("notebook instance with the default 5 GB volume", "aws_sagemaker_notebook_instance",
         {"instance_type": "ml.t3.medium"}, [
             ("Notebook instance (ml.t3.medium)", "730 hours", "AmazonSageMaker usagetype=Notebk:ml.t3.medium"),
             ("ML storage", "5 GB", "AmazonSageMaker usagetype=Notebk:VolumeUsage.gp2"),
         ]),
    Case("notebook for 160 hours with 50 GB", "aws_sagemaker_notebook_instance",
         {"instance_type": "ml.m5.xlarge", "volume_size": 50}, [
             ("Notebook instance (ml.m5.xlarge)", "160 hours", "AmazonSageMaker usagetype=Notebk:ml.m5.xlarge"),
             ("ML storage", "50 GB", "AmazonSageMaker usagetype=Notebk:VolumeUsage.gp2"),
         ], usage={"monthly_hrs": 160}),
]

test_table = table_test(CASES)
