"""Table tests: costlib.resources.aws.glue (https://aws.amazon.com/glue/pricing/)."""

from tests.resources.table import Case, table_test

CASES = [
    Case("catalog objects and requests above the free million", "aws_glue_catalog_database", {"name": "db"}, [
        ("Objects stored", "1 100k objects", "AWSGlue usagetype=Catalog-Storage"),
        ("Requests", "0.1 1M requests", "AWSGlue usagetype=Catalog-Request"),
    ], usage={"monthly_objects": 100000, "monthly_requests": 100000}),
    Case("catalog without usage", "aws_glue_catalog_database", {}, [
        ("Objects stored", "? 100k objects", "AWSGlue usagetype=Catalog-Storage"),
        ("Requests", "? 1M requests", "AWSGlue usagetype=Catalog-Request"),
    ]),
    Case("crawler: 60 hours on 2 DPUs", "aws_glue_crawler", {}, [
        ("Crawler DPU-hours", "120 DPU-hours", "AWSGlue usagetype=Crawler-DPU-Hour"),
    ], usage={"monthly_hours": 60, "dpus": 2}),
    Case("crawler hours without its DPUs: usage-based on dpus", "aws_glue_crawler", {}, [
        ("Crawler DPU-hours", "? DPU-hours", "AWSGlue usagetype=Crawler-DPU-Hour"),
    ], usage={"monthly_hours": 60}),
    Case("Spark job on 10 G.1X workers for 60 hours", "aws_glue_job",
         {"command": [{"name": "glueetl"}], "number_of_workers": 10, "worker_type": "G.1X"}, [
             ("Job DPU-hours (Spark, 10 DPUs)", "600 DPU-hours", "AWSGlue usagetype=ETL-DPU-Hour"),
         ], usage={"monthly_hours": 60}),
    Case("Flex job on 4 G.2X workers", "aws_glue_job",
         {"number_of_workers": 4, "worker_type": "G.2X", "execution_class": "FLEX"}, [
             ("Job DPU-hours (Spark, Flex, 8 DPUs)", "80 DPU-hours", "AWSGlue usagetype=ETL-Flex-DPU-Hour"),
         ], usage={"monthly_hours": 10}),
    Case("Python shell job defaults to 0.0625 DPU", "aws_glue_job", {"command": [{"name": "pythonshell"}]}, [
        ("Job DPU-hours (Python shell, 0.0625 DPUs)", "10 DPU-hours", "AWSGlue usagetype=PythonShell-DPU-Hour"),
    ], usage={"monthly_hours": 160}),
    Case("max_capacity without usage", "aws_glue_job", {"max_capacity": 5}, [
        ("Job DPU-hours (Spark, 5 DPUs)", "? DPU-hours", "AWSGlue usagetype=ETL-DPU-Hour"),
    ]),
]

test_table = table_test(CASES)
