"""Table tests: costlib.resources.aws.opensearch (https://aws.amazon.com/opensearch-service/pricing/)."""

from tests.resources.table import Case, table_test

INST = "AmazonES [Amazon OpenSearch Service Instance] usagetype=ESInstance:"
VOL = "AmazonES [Amazon OpenSearch Service Volume] usagetype="

CASES = [
    Case("two m6g.large data nodes with 100 GB gp3 each", "aws_opensearch_domain",
         {"cluster_config": [{"instance_type": "m6g.large.search", "instance_count": 2}],
          "ebs_options": [{"ebs_enabled": True, "volume_type": "gp3", "volume_size": 100}]}, [
             ("Data nodes (m6g.large.search)", "1460 hours", INST + "m6g.large"),
             ("EBS storage (gp3)", "200 GB", VOL + "ES:GP3-Storage"),
         ]),
    Case("dedicated masters, UltraWarm and gp3 above the included IOPS and throughput", "aws_opensearch_domain",
         {"cluster_config": [{"instance_type": "r6g.xlarge.search", "instance_count": 3,
                              "dedicated_master_enabled": True, "dedicated_master_type": "m6g.large.search",
                              "warm_enabled": True, "warm_type": "ultrawarm1.medium.search", "warm_count": 2}],
          "ebs_options": [{"volume_type": "gp3", "volume_size": 500, "iops": 6000, "throughput": 250}]}, [
             ("Data nodes (r6g.xlarge.search)", "2190 hours", INST + "r6g.xlarge"),
             ("Dedicated master nodes (m6g.large.search)", "2190 hours", INST + "m6g.large"),
             ("UltraWarm nodes (ultrawarm1.medium.search)", "1460 hours", INST + "ultrawarm1.medium"),
             ("UltraWarm managed storage", "? GB", "AmazonES usagetype=ES:ManagedStorage"),
             ("EBS storage (gp3)", "1500 GB", VOL + "ES:GP3-Storage"),
             ("gp3 IOPS above the included amount", "9000 IOPS", "AmazonES usagetype=ES:GP3-PIOPS"),
             ("gp3 throughput above the included amount", "375 MiBps", "AmazonES usagetype=ES:GP3-Throughput"),
         ]),
    Case("Elasticsearch domain: gp2 default, one node", "aws_elasticsearch_domain",
         {"cluster_config": [{"instance_type": "m5.large.elasticsearch"}],
          "ebs_options": [{"ebs_enabled": True, "volume_size": 20}]}, [
             ("Data nodes (m5.large.elasticsearch)", "730 hours", INST + "m5.large"),
             ("EBS storage (gp2)", "20 GB", VOL + "ES:GP2-Storage"),
         ]),
    Case("io1 volumes bill their IOPS", "aws_elasticsearch_domain",
         {"cluster_config": [{"instance_type": "i3.large.elasticsearch", "instance_count": 2}],
          "ebs_options": [{"volume_type": "io1", "volume_size": 100, "iops": 2000}]}, [
             ("Data nodes (i3.large.elasticsearch)", "1460 hours", INST + "i3.large"),
             ("EBS storage (io1)", "200 GB", VOL + "ES:PIOPS-Storage"),
             ("Provisioned IOPS (io1)", "4000 IOPS", "AmazonES usagetype=ES:PIOPS"),
         ]),
    Case("serverless collection from usage", "aws_opensearch_serverless_collection", {"type": "SEARCH"}, [
        ("Indexing compute", "1460 OCU-hours", "AmazonES usagetype=IndexingOCU"),
        ("Search compute", "? OCU-hours", "AmazonES usagetype=SearchOCU"),
        ("Managed storage", "50 GB", "AmazonES usagetype=ES:ManagedStorage"),
    ], usage={"monthly_indexing_ocu_hours": 1460, "storage_gb": 50}),
]

test_table = table_test(CASES)
