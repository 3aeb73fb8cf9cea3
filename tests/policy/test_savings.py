"""Savings findings: one test per rule, priced from the embedded catalog (whose rows are the providers' own price
files and pages: the figures below are those list prices x 730 hours). Where the embedded catalog cannot price both
sides of a rule, an InMemoryCatalog holds prices stated here as test data, and an embedded-catalog test shows that
no finding is made without both prices.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from costlib.catalog import InMemoryCatalog
from costlib.catalog.default import embedded_catalog_path
from costlib.catalog.store import SQLiteCatalog
from costlib.estimate import estimate
from costlib.inputs.typed import parse
from costlib.models import Estimate, Finding, Price, ResourceSpec
from costlib.money import Money
from costlib.policy.savings import candidates, is_nonproduction

EMBEDDED = SQLiteCatalog(embedded_catalog_path())


def spec(address: str, rtype: str, provider: str, region: str, usage: Mapping[str, Any] | None = None,
         **attributes: Any) -> ResourceSpec:
    return ResourceSpec(address=address, type=rtype, provider=provider, region=region, attributes=attributes,
                        usage=usage or {})


def findings(*specs: ResourceSpec, catalog: Any = EMBEDDED) -> list[Finding]:
    return list(estimate(list(specs), catalog=catalog).findings)


def one(found: list[Finding], rule: str) -> Finding:
    hits = [f for f in found if f.rule == rule]
    assert len(hits) == 1, [(f.rule, f.address, f.change_text()) for f in found]
    return hits[0]


def shown(f: Finding) -> tuple[str, str, str, str]:
    return (f.change_text(), f.monthly_cost.display(), f.monthly_cost_after.display(), f.monthly_saving.display())


# --- EBS -------------------------------------------------------------------------------------------------
def test_gp2_volume_to_gp3_keeps_gp2s_baseline_performance() -> None:
    # us-east-1: gp2 $0.10/GB-month; gp3 $0.08/GB-month, IOPS above 3,000 $0.005, throughput above 125 MiB/s
    # $0.04 per MiB/s-month. 2,000 GB gp2 = $200 with 6,000 IOPS baseline and 250 MiB/s; the gp3 twin:
    # $160 + 3,000 x $0.005 + 125 x $0.04 = $180.
    f = one(findings(spec("aws_ebs_volume.logs", "aws_ebs_volume", "aws", "us-east-1", type="gp2", size=2000)),
            "ebs-gp2-to-gp3")
    assert shown(f) == ("type: gp2 -> gp3; iops: not set -> 6000; throughput: not set -> 250", "$200.00", "$180.00",
                        "$20.00")
    assert f.address == "aws_ebs_volume.logs" and f.condition is None


def test_a_small_gp2_volume_needs_no_extra_iops() -> None:
    f = one(findings(spec("v", "aws_ebs_volume", "aws", "us-east-1", type="gp2", size=100)), "ebs-gp2-to-gp3")
    assert shown(f) == ("type: gp2 -> gp3", "$10.00", "$8.00", "$2.00")  # 100 GB x $0.10 and x $0.08


def test_io1_to_io2_saves_on_iops_above_32000_only() -> None:
    # io1: 100 GB x $0.125 + 40,000 IOPS x $0.065 = $2,612.50; io2: $12.50 + 32,000 x $0.065 + 8,000 x $0.0455
    f = one(findings(spec("v", "aws_ebs_volume", "aws", "us-east-1", type="io1", size=100, iops=40000)),
            "ebs-io1-to-io2")
    assert shown(f) == ("type: io1 -> io2", "$2,612.50", "$2,456.50", "$156.00")
    # at 10,000 IOPS io2 costs what io1 does: no saving, no finding
    assert findings(spec("v", "aws_ebs_volume", "aws", "us-east-1", type="io1", size=100, iops=10000)) == []


def test_instance_root_and_block_devices_get_their_own_findings() -> None:
    found = findings(spec("aws_instance.app", "aws_instance", "aws", "us-east-1", instance_type="m6g.large",
                          root_block_device=[{"volume_type": "gp2", "volume_size": 100}],
                          ebs_block_device=[{"device_name": "/dev/sdf", "volume_type": "gp3", "volume_size": 10},
                                            {"device_name": "/dev/sdg", "volume_type": "io1", "volume_size": 50,
                                             "iops": 50000}]))
    assert sorted(f.change_text() for f in found) == [
        "ebs_block_device[1].volume_type: io1 -> io2", "root_block_device[0].volume_type: gp2 -> gp3"]
    root = next(f for f in found if f.change_text().startswith("root"))
    assert root.monthly_saving == Money("2.00", "USD")  # 100 GB x ($0.10 - $0.08)
    io = next(f for f in found if "io2" in f.change_text())
    assert io.monthly_saving == Money("351.0000", "USD")  # 18,000 IOPS above 32,000 x ($0.065 - $0.0455)


def test_a_root_volume_the_plan_does_not_describe_gets_no_finding() -> None:
    """Without root_block_device the AMI decides the type: there is nothing in the code to change."""
    found = findings(spec("aws_instance.app", "aws_instance", "aws", "us-east-1", instance_type="m6g.large"))
    assert found == []


# --- instance families -----------------------------------------------------------------------------------
def test_ec2_previous_generation_to_the_current_family_of_the_same_size() -> None:
    # m4.large $0.10/h, m5.large $0.096/h (and m6i.large $0.096/h): 730 x $0.004 = $2.92; the 8 GB gp2 root both
    f = one(findings(spec("aws_instance.old", "aws_instance", "aws", "us-east-1", instance_type="m4.large")),
            "ec2-previous-generation")
    assert shown(f) == ("instance_type: m4.large -> m5.large", "$73.80", "$70.88", "$2.92")
    # c4.xlarge $0.199/h -> c5.xlarge $0.17/h
    c4 = one(findings(spec("c", "aws_instance", "aws", "us-east-1", instance_type="c4.xlarge")),
             "ec2-previous-generation")
    assert shown(c4)[0] == "instance_type: c4.xlarge -> c5.xlarge" and c4.monthly_saving == Money("21.17", "USD")
    # t2.micro $0.0116/h -> t3.micro $0.0104/h
    t2 = one(findings(spec("t", "aws_instance", "aws", "us-east-1", instance_type="t2.micro")),
             "ec2-previous-generation")
    assert t2.monthly_saving == Money("0.876", "USD")


def test_ec2_x86_to_graviton_picks_the_cheaper_of_m6g_and_m7g_and_says_the_condition() -> None:
    # m5.large $0.096/h; m6g.large $0.077/h; m7g.large $0.0816/h: m6g saves 730 x $0.019 = $13.87
    found = findings(spec("aws_instance.web", "aws_instance", "aws", "us-east-1", instance_type="m5.large",
                          ami="ami-0abcdef"))
    f = one(found, "ec2-graviton")
    assert shown(f) == ("instance_type: m5.large -> m6g.large", "$70.88", "$57.01", "$13.87")
    assert f.condition == ("the workload must run on arm64: the AMI ami-0abcdef is built for one architecture: use "
                           "its arm64 build, and software built for arm64")
    t3 = one(findings(spec("t", "aws_instance", "aws", "us-east-1", instance_type="t3.medium")), "ec2-graviton")
    assert t3.change_text() == "instance_type: t3.medium -> t4g.medium"
    assert t3.monthly_saving == Money("5.840", "USD")  # t3.medium $0.0416/h, t4g.medium $0.0336/h


def test_no_graviton_for_windows_or_where_an_attribute_says_x86_only() -> None:
    windows = spec("w", "aws_instance", "aws", "us-east-1", instance_type="m5.large", operating_system="windows")
    pinned = spec("x", "compute.instance", "aws", "us-east-1", size="m5.large", arch="x86_64")
    assert [f for f in findings(windows, pinned) if f.rule == "ec2-graviton"] == []
    x86_nodes = spec("aws_eks_node_group.x86", "aws_eks_node_group", "aws", "us-east-1", instance_types=["m5.large"],
                     ami_type="AL2_x86_64", scaling_config=[{"desired_size": 2}])
    assert [f for f in findings(x86_nodes) if f.rule == "ec2-graviton"] == []


def test_eks_node_groups_move_to_graviton_with_multi_arch_images() -> None:
    # 3 x (m5.large $0.096/h -> m6g.large $0.077/h) = 3 x $13.87
    f = one(findings(spec("aws_eks_node_group.workers", "aws_eks_node_group", "aws", "us-east-1",
                          instance_types=["m5.large"], scaling_config=[{"desired_size": 3}])), "ec2-graviton")
    assert f.change_text() == "instance_types[0]: m5.large -> m6g.large"
    assert f.monthly_saving == Money("41.610", "USD")
    assert f.condition == "the pods' container images must be built for arm64 (multi-arch)"


def test_generic_compute_instances_change_their_own_size_attribute() -> None:
    f = one(findings(spec("web", "compute.instance", "aws", "us-east-1", size="m4.large")),
            "ec2-previous-generation")
    assert f.change_text() == "size: m4.large -> m5.large"
    assert f.monthly_saving == Money("2.920", "USD")


def test_rds_previous_generation_and_graviton() -> None:
    # PostgreSQL Single-AZ: db.m4.large $0.182/h, db.m5.large $0.178/h, db.m6g.large $0.159/h
    old = one(findings(spec("aws_db_instance.old", "aws_db_instance", "aws", "us-east-1",
                            instance_class="db.m4.large", engine="postgres")), "rds-previous-generation")
    assert shown(old) == ("instance_class: db.m4.large -> db.m5.large", "$135.16", "$132.24", "$2.92")
    arm = one(findings(spec("aws_db_instance.db", "aws_db_instance", "aws", "us-east-1", instance_class="db.m5.large",
                            engine="postgres", storage_type="gp3")), "rds-graviton")
    assert arm.change_text() == "instance_class: db.m5.large -> db.m6g.large"
    assert arm.monthly_saving == Money("13.870", "USD")
    assert arm.condition is not None and "engine version" in arm.condition
    # Oracle and SQL Server do not run on Graviton: no finding
    oracle = spec("o", "aws_db_instance", "aws", "us-east-1", instance_class="db.m5.large", engine="oracle-se2")
    assert [f for f in findings(oracle) if f.rule == "rds-graviton"] == []


def _book(specs: list[ResourceSpec], prices: Mapping[str, str]) -> InMemoryCatalog:
    """An InMemoryCatalog pricing every component of ``specs`` (and nothing else) at ``prices``, by component name
    prefix: the queries come from the cost functions, the prices are the test's own data."""
    book = InMemoryCatalog()
    for s in specs:
        for part in parse(s).parts:
            for comp in part.rtype.price(part.inputs, part.usage):
                if comp.query is None:
                    continue
                match = [v for k, v in prices.items() if comp.name.startswith(k)]
                assert match, comp.name
                book.add(comp.query, Price(unit_price=Money(match[0], "USD"), unit="u", effective_date=date(2026, 1, 1),
                                           source="test data"))
    return book


def test_rds_gp2_storage_to_gp3_where_gp3_is_cheaper() -> None:
    # the embedded catalog prices RDS gp2 and gp3 alike ($0.115/GB-month in us-east-1): no saving, no finding
    db = spec("aws_db_instance.db", "aws_db_instance", "aws", "us-east-1", instance_class="db.t3.large",
              engine="postgres", allocated_storage=500)
    assert [f for f in findings(db) if f.rule == "rds-gp2-to-gp3"] == []
    # test data: the instance $0.145/h, gp2 $0.115/GB-month, gp3 $0.095/GB-month
    gp3 = spec("aws_db_instance.db", "aws_db_instance", "aws", "us-east-1", instance_class="db.t3.large",
               engine="postgres", allocated_storage=500, storage_type="gp3")
    book = _book([db, gp3], {"Database instance": "0.145", "Storage (gp2": "0.115", "Storage (gp3": "0.095"})
    f = one(findings(db, catalog=book), "rds-gp2-to-gp3")
    assert shown(f) == ("storage_type: not set (gp2) -> gp3", "$163.35", "$153.35", "$10.00")  # 500 x $0.02


def test_elasticache_previous_generation_and_graviton() -> None:
    # Redis: cache.m3.large $0.182/h -> cache.m5.large $0.156/h; cache.m5.large -> cache.m6g.large $0.149/h
    old = one(findings(spec("aws_elasticache_cluster.c", "aws_elasticache_cluster", "aws", "us-east-1",
                            node_type="cache.m3.large", engine="redis")), "elasticache-previous-generation")
    assert shown(old) == ("node_type: cache.m3.large -> cache.m5.large", "$132.86", "$113.88", "$18.98")
    arm = one(findings(spec("aws_elasticache_replication_group.r", "aws_elasticache_replication_group", "aws",
                            "us-east-1", node_type="cache.m5.large", num_cache_clusters=2)), "elasticache-graviton")
    assert arm.change_text() == "node_type: cache.m5.large -> cache.m6g.large"
    assert arm.monthly_saving == Money("10.220", "USD")  # 2 nodes x 730 x $0.007


# --- Azure -----------------------------------------------------------------------------------------------
def test_azure_dsv5_to_ampere_dpsv5_for_linux_only() -> None:
    # westeurope Linux: Standard_D4s_v5 $0.23/h, Standard_D4ps_v5 $0.184/h; the OS disk (P4) is the same
    vm = spec("azurerm_linux_virtual_machine.app", "azurerm_linux_virtual_machine", "azure", "westeurope",
              size="Standard_D4s_v5",
              source_image_reference=[{"publisher": "Canonical", "offer": "ubuntu-24_04-lts", "sku": "server"}])
    f = one(findings(vm), "azure-vm-ampere")
    assert f.change_text() == "size: Standard_D4s_v5 -> Standard_D4ps_v5"
    assert f.monthly_saving == Money("33.580", "USD")
    assert f.condition is not None and "arm64 sku" in f.condition
    windows = spec("w", "azurerm_windows_virtual_machine", "azure", "westeurope", size="Standard_D4s_v5")
    x64 = spec("x", "azurerm_linux_virtual_machine", "azure", "westeurope", size="Standard_D4s_v5",
               source_image_reference=[{"publisher": "Canonical", "offer": "ubuntu", "sku": "22_04-lts-x64"}])
    assert [f for f in findings(windows, x64) if f.rule == "azure-vm-ampere"] == []


def test_azure_dv3_to_dv5_says_when_the_temporary_disk_goes() -> None:
    # Standard_D4s_v3 $0.24/h; Standard_D4s_v5 $0.23/h (no temporary disk); Standard_D4ds_v5 $0.272/h (costs more)
    f = one(findings(spec("vm", "azurerm_windows_virtual_machine", "azure", "westeurope", size="Standard_D4s_v3")),
            "azure-vm-previous-generation")
    assert f.change_text() == "size: Standard_D4s_v3 -> Standard_D4s_v5"
    assert f.condition == "Dsv5 has no temporary disk (Dsv3 has one): move what the VM keeps on it"


def _disk(usage: Mapping[str, Any] | None = None, kind: str = "Standard_LRS") -> ResourceSpec:
    return spec("azurerm_managed_disk.scratch", "azurerm_managed_disk", "azure", "westeurope", usage=usage,
                storage_account_type=kind, disk_size_gb=16)


def test_azure_standard_hdd_to_ssd_needs_both_prices() -> None:
    """The embedded catalog holds the 16 GiB Standard SSD disk (E3, $1.20/month) but not its operations meter:
    the SSD side cannot be priced, so there is no finding, however much cheaper its disk looks."""
    assert findings(_disk()) == []


def test_azure_standard_hdd_to_ssd_with_transactions() -> None:
    # test data (westeurope's disk prices; the E3 operations at the $0.002 per 10K of the other E tiers):
    # S4 $1.536/month + $0.0005 per 10K operations; E3 $1.20/month + $0.002 per 10K
    book = _book([_disk(), _disk(kind="StandardSSD_LRS")],
                 {"Managed disk (S4": "1.536", "Managed disk operations (S4": "0.0005",
                  "Managed disk (E3": "1.20", "Managed disk operations (E3": "0.002"})
    f = one(findings(_disk(), catalog=book), "azure-disk-hdd-to-ssd")
    assert shown(f) == ("storage_account_type: Standard_LRS -> StandardSSD_LRS", "$1.54", "$1.20", "$0.34")
    # without the usage, the SSD's dearer operations make it cheaper only below $0.336 / $0.0015 = 224 x 10K
    assert f.condition == ("saves while Managed disk operations (E3 LRS) stay below 224 10K operations a month (its "
                           "usage is not given; it costs 0.002 per unit after, 0.0005 now)")
    # 1M operations (100 x 10K): $1.586 -> $1.40; 5M: $1.786 -> $2.20, no finding
    light = one(findings(_disk({"monthly_disk_operations": 1_000_000}), catalog=book), "azure-disk-hdd-to-ssd")
    assert light.monthly_saving == Money("0.1860", "USD") and light.condition is None
    assert findings(_disk({"monthly_disk_operations": 5_000_000}), catalog=book) == []


# --- GCP -------------------------------------------------------------------------------------------------
def test_gcp_n1_to_e2_of_the_same_shape_counts_the_sustained_use_discount() -> None:
    # us-central1: n1-highcpu-8 $0.2833944/h less N1's 30% full-month sustained-use discount = $144.81;
    # e2-highcpu-8 $0.19788096/h (no discount) = $144.45; the 10 GB pd-standard boot disk $0.40 both
    f = one(findings(spec("google_compute_instance.batch", "google_compute_instance", "gcp", "us-central1",
                          machine_type="n1-highcpu-8", zone="us-central1-a")), "gcp-n1-to-n2d-e2")
    assert shown(f) == ("machine_type: n1-highcpu-8 -> e2-highcpu-8", "$145.21", "$144.85", "$0.36")
    # n1-standard-4 with its discount ($97.09) is cheaper than e2-standard-4 ($97.84): no finding
    n1 = spec("n", "google_compute_instance", "gcp", "us-central1", machine_type="n1-standard-4", zone="us-central1-a")
    assert [f for f in findings(n1) if f.rule == "gcp-n1-to-n2d-e2"] == []


def test_gcp_x86_to_arm_t2a_and_axion_c4a() -> None:
    # t2d-standard-4 $0.168984/h -> t2a-standard-4 $0.154/h; c3-standard-4 $0.201608/h -> c4a-standard-4 $0.1796/h
    t2d = one(findings(spec("a", "google_compute_instance", "gcp", "us-central1", machine_type="t2d-standard-4",
                            zone="us-central1-a",
                            boot_disk=[{"initialize_params": [{"image": "debian-cloud/debian-12"}]}])), "gcp-arm")
    assert t2d.change_text() == "machine_type: t2d-standard-4 -> t2a-standard-4"
    assert t2d.monthly_saving == Money("10.938320", "USD")
    assert t2d.condition is not None and "debian-cloud/debian-12 must be an arm64 one" in t2d.condition
    c3 = one(findings(spec("b", "google_compute_instance", "gcp", "us-central1", machine_type="c3-standard-4",
                           zone="us-central1-a")), "gcp-arm")
    assert c3.change_text() == "machine_type: c3-standard-4 -> c4a-standard-4"
    windows = spec("w", "google_compute_instance", "gcp", "us-central1", machine_type="t2d-standard-4",
                   zone="us-central1-a",
                   boot_disk=[{"initialize_params": [{"image": "windows-cloud/windows-2022"}]}])
    assert [f for f in findings(windows) if f.rule == "gcp-arm"] == []


# --- NAT gateways ----------------------------------------------------------------------------------------
def test_nat_gateway_per_zone_in_a_nonproduction_environment() -> None:
    nats = [spec(f"module.dev_vpc.aws_nat_gateway.this[{n}]", "aws_nat_gateway", "aws", "us-east-1") for n in range(3)]
    found = findings(*nats)
    assert [f.address for f in found] == ["module.dev_vpc.aws_nat_gateway.this[1]",
                                          "module.dev_vpc.aws_nat_gateway.this[2]"]
    f = found[0]
    assert f.rule == "nat-gateway-per-zone-nonprod"
    assert shown(f)[1:] == ("$32.85", "$0.00", "$32.85")  # $0.045/h x 730: its hours go, nothing else
    assert "module.dev_vpc.aws_nat_gateway.this[0]" in f.change_text()
    assert f.condition is not None and "crosses zones" in f.condition


def test_nat_gateways_keep_their_processing_cost_and_production_keeps_one_per_zone() -> None:
    tagged = [spec(f"aws_nat_gateway.z{n}", "aws_nat_gateway", "aws", "eu-west-1",
                   usage={"monthly_data_processed_gb": 100}, tags={"environment": "pr-1842"}) for n in range(2)]
    (f,) = findings(*tagged)
    assert f.address == "aws_nat_gateway.z1"
    assert f.monthly_saving == f.monthly_cost - f.monthly_cost_after
    assert f.monthly_cost_after.amount > 0  # what it processed moves to the kept gateway: not a saving
    prod = [spec(f"aws_nat_gateway.z{n}", "aws_nat_gateway", "aws", "eu-west-1", tags={"environment": "prod"})
            for n in range(2)]
    assert findings(*prod) == []
    assert findings(tagged[0]) == []  # one gateway: nothing to consolidate


def test_nonproduction_names() -> None:
    assert [is_nonproduction(n) for n in ("dev", "pr-7", "module.preview", "test_env", "staging", "prod",
                                          "devops", "protest")] == [True, True, True, True, False, False, False,
                                                                     False]


# --- across rules ----------------------------------------------------------------------------------------
def test_findings_add_up_and_appear_in_the_estimate_json() -> None:
    from costlib.report import estimate_json

    est = estimate([spec("v", "aws_ebs_volume", "aws", "us-east-1", type="gp2", size=100),
                    spec("i", "aws_instance", "aws", "us-east-1", instance_type="m4.large")], catalog=EMBEDDED)
    assert est.total_monthly_saving == Money("4.92", "USD")  # $2.00 + $2.92
    doc = estimate_json(est)
    assert doc["total_monthly_saving"] == "4.920"
    assert doc["findings"][0] == {
        "rule": "ebs-gp2-to-gp3", "address": "v", "location": None, "summary": "volume: gp2 -> gp3 with gp2's "
        "baseline IOPS and throughput", "changes": [{"attribute": "type", "from": "gp2", "to": "gp3"}],
        "monthly_cost": "10.00", "monthly_cost_after": "8.00", "monthly_saving": "2.00", "condition": None}


def test_no_findings_when_turned_off_or_when_the_resource_is_not_priced() -> None:
    v = spec("v", "aws_ebs_volume", "aws", "us-east-1", type="gp2", size=100)
    assert estimate([v], catalog=EMBEDDED, findings=False).findings == ()
    nowhere = spec("v", "aws_ebs_volume", "aws", "ap-east-2", type="gp2", size=100)  # a region the catalog lacks
    assert estimate([nowhere], catalog=EMBEDDED).findings == ()


def test_same_resources_share_their_alternatives_and_each_gets_its_finding() -> None:
    vols = [spec(f"aws_ebs_volume.v[{n}]", "aws_ebs_volume", "aws", "us-east-1", type="gp2", size=100)
            for n in range(3)]
    assert [f.address for f in findings(*vols)] == [s.address for s in vols]


def test_candidates_are_pure_and_name_their_changes() -> None:
    s = spec("aws_instance.x", "aws_instance", "aws", "us-east-1", instance_type="m5.large")
    cands = candidates(s, parse(s).parts)
    assert [(c.rule, c.change_text()) for c in cands] == [
        ("ec2-graviton", "instance_type: m5.large -> m6g.large"),
        ("ec2-graviton", "instance_type: m5.large -> m7g.large")]
    assert s.attributes["instance_type"] == "m5.large"  # the resource is left as it is
    assert cands[0].spec.attributes["instance_type"] == "m6g.large" and cands[0].spec.address == s.address


def test_an_estimate_json_without_findings_says_so() -> None:
    from costlib.report import estimate_json

    doc = estimate_json(Estimate.of([], "USD"))
    assert doc["findings"] == [] and doc["total_monthly_saving"] == "0" and doc["violations"] == []
    assert doc["policy"] is None


@pytest.mark.parametrize("size", ["m5.large", "c5.xlarge", "r5.2xlarge", "t3.micro"])
def test_graviton_alternatives_have_the_same_vcpus_and_memory(size: str) -> None:
    shapes = {"aws": EMBEDDED.specs("aws")}
    s = spec("x", "aws_instance", "aws", "us-east-1", instance_type=size)
    for cand in candidates(s, parse(s).parts, shapes):
        new = cand.spec.attributes["instance_type"]
        assert shapes["aws"][new][:2] == (shapes["aws"][size][0], shapes["aws"][new][1])
        assert shapes["aws"][new][1] >= shapes["aws"][size][1] and shapes["aws"][new][2] == "arm64"


def test_quantities_are_decimal_all_the_way() -> None:
    f = one(findings(spec("v", "aws_ebs_volume", "aws", "us-east-1", type="gp2", size=100)), "ebs-gp2-to-gp3")
    assert isinstance(f.monthly_saving.amount, Decimal)


def test_the_rules_never_read_tags_so_resources_tagged_apart_share_their_candidates() -> None:
    """costlib.guard groups resources that differ only in ``UNREAD_BY_RULES`` (tags, labels) and works out their
    candidates once: no rule of :func:`candidates` may read them (only the NAT rule does, per resource)."""
    import ast
    import inspect

    from costlib.policy import savings

    tree = ast.parse(inspect.getsource(savings))
    allowed = {"nat_findings", "is_nonproduction"}
    readers = {"tags_of", "tag_value", "environment_of", "tags_unknown"}
    wrong = []
    for fn in (n for n in tree.body if isinstance(n, ast.FunctionDef) and n.name not in allowed):
        for node in ast.walk(fn):
            if isinstance(node, ast.Name) and node.id in readers:
                wrong.append(f"{fn.name} calls {node.id}")
            if isinstance(node, ast.Constant) and node.value in savings.UNREAD_BY_RULES:
                wrong.append(f"{fn.name} reads {node.value!r}")
    assert wrong == []


def test_resources_that_differ_only_in_tags_get_the_same_findings_each_under_its_own_address() -> None:
    specs = [spec(f"aws_instance.web[{n}]", "aws_instance", "aws", "us-east-1", instance_type="m5.large",
                  tags={"Name": f"web-{n}"}, root_block_device=[{"volume_type": "gp2", "volume_size": 200}])
             for n in range(3)]
    specs.append(spec("aws_instance.other", "aws_instance", "aws", "us-east-1", instance_type="m5.large",
                      tags={"Name": "other"}, arch="x86_64",
                      root_block_device=[{"volume_type": "gp2", "volume_size": 200}]))
    est = estimate(specs, catalog=EMBEDDED)
    by: dict[str, list[tuple[str, Money]]] = {}
    for f in est.findings:
        by.setdefault(f.address, []).append((f.rule, f.monthly_saving))
    assert by["aws_instance.web[0]"] == by["aws_instance.web[1]"] == by["aws_instance.web[2]"]
    assert "ec2-graviton" in {r for r, _ in by["aws_instance.web[0]"]}
    assert "ec2-graviton" not in {r for r, _ in by.get("aws_instance.other", [])}  # its arch: its own group
    assert len(est.findings) == 3 * len(by["aws_instance.web[0]"]) + len(by.get("aws_instance.other", []))


def test_findings_are_the_same_whatever_the_batch_their_alternatives_are_priced_in(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """costlib.guard prices the alternatives in batches (memory stays bounded when nothing repeats): a batch of one
    alternative gives the same findings, in the same order, as one batch for all."""
    from costlib import guard

    specs = [spec(f"aws_ebs_volume.v[{n}]", "aws_ebs_volume", "aws", "us-east-1", type=t, size=100 + n)
             for n, t in enumerate(["gp2", "io1", "gp2", "gp3", "gp2"])]
    specs += [spec(f"aws_instance.i[{n}]", "aws_instance", "aws", "us-east-1", instance_type=size)
              for n, size in enumerate(["m4.large", "m5.large", "c4.xlarge"])]
    whole = estimate(specs, catalog=EMBEDDED).findings
    monkeypatch.setattr(guard, "BATCH", 1)
    one_by_one = estimate(specs, catalog=EMBEDDED).findings
    assert len(whole) >= 6 and one_by_one == whole
