"""List prices from a FOCUS export: the real FOCUS 1.0 sample (CC-BY-4.0, read in place from ../shared/data) and
rows written here in its shape for each refusal (a price its description contradicts, another region's row, two
prices for one product, a tiered rate)."""

from __future__ import annotations

import io
from decimal import Decimal
from pathlib import Path

import pytest

from costlib.catalog.ingest.focus import parse_focus_csv

HEAD = ("ProviderName,ServiceName,ChargeCategory,ChargeDescription,ListUnitPrice,PricingUnit,RegionId,"
        "BillingCurrency,ChargePeriodStart,SkuId\n")
GP3 = "$0.08 per GB-month of General Purpose (gp3) provisioned storage - US West (Oregon)"


def _rows(*lines: str) -> tuple[list[tuple[str, str, str, str]], list[str]]:
    refused: list[str] = []
    rows = list(parse_focus_csv(io.StringIO(HEAD + "".join(line + "\n" for line in lines)), source="t",
                                refused=refused.append))
    return [(r.service, r.region, str(r.price), r.unit) for r in rows], refused


def test_the_real_sample_gives_the_per_region_rates_it_bills(shared_data: Path) -> None:
    with (shared_data / "focus" / "focus_1_0_sample_1000_real.csv").open(encoding="utf-8", newline="") as fh:
        refused: list[str] = []
        rows = {(r.service, r.region, r.product_family, tuple(sorted(r.attributes.items()))): r
                for r in parse_focus_csv(fh, source="focus-sample-2024-09", refused=refused.append)}
    gp3 = ("volumeApiName", "gp3"),
    # the figures each row's own ChargeDescription states, in the regions the sample bills them in
    assert rows[("AmazonEC2", "us-west-2", "Storage", gp3)].price == Decimal("0.08")
    assert rows[("AmazonEC2", "eu-central-1", "Storage", gp3)].price == Decimal("0.0952")
    assert rows[("AmazonEC2", "ap-southeast-2", "Storage", gp3)].price == Decimal("0.096")
    assert rows[("AmazonEC2", "eu-central-1", "Provisioned Throughput", gp3)].price == Decimal("48.7424")
    assert rows[("AmazonEC2", "us-west-2", "NAT Gateway", (("usagetype", "NatGateway-Hours"),))].price == Decimal("0.045")
    assert rows[("AmazonEC2", "ap-northeast-1", "NAT Gateway", (("usagetype", "NatGateway-Hours"),))].price == \
        Decimal("0.062")
    alb = rows[("AWSELB", "us-west-2", "Load Balancer-Application", (("usagetype", "LoadBalancerUsage"),))]
    assert alb.price == Decimal("0.0225") and alb.unit == "Hrs" and alb.sku == "7AKU6NT3G9ZEJTB5"
    assert rows[("AmazonS3", "us-west-2", "", (("usagetype", "Requests-Tier1"),))].price == Decimal("0.000005")
    assert all(r.currency == "USD" and r.effective_date.isoformat().startswith("2024-09") for r in rows.values())
    assert len(rows) >= 50 and refused == []


def test_a_price_its_description_contradicts_is_refused() -> None:
    rows, refused = _rows(f'AWS,Amazon Elastic Compute Cloud,Usage,"{GP3}",0.8,GB-Months,us-west-2,USD,'
                          "2024-09-01 00:00:00,BB8")
    assert rows == [] and "states $0.08, ListUnitPrice 0.8" in refused[0]


def test_a_row_whose_description_names_another_region_is_refused() -> None:
    rows, refused = _rows(f'AWS,Amazon Elastic Compute Cloud,Usage,"{GP3}",0.08,GB-Months,eu-west-1,USD,'
                          "2024-09-01 00:00:00,BB8")
    assert rows == [] and "names 'US West (Oregon)'" in refused[0] and "eu-west-1" in refused[0]


def test_one_product_at_two_prices_keeps_neither() -> None:
    nat = "AWS,Amazon Elastic Compute Cloud,Usage,$0.045 per NAT Gateway Hour,{p},Hours,us-west-2,USD,{d},X"
    rows, refused = _rows(nat.format(p="0.045", d="2024-09-01 00:00:00"), nat.format(p="0.045", d="2024-09-02 00:00:00"))
    assert rows == [("AmazonEC2", "us-west-2", "0.045", "Hrs")] and refused == []
    other = "AWS,Amazon Elastic Compute Cloud,Usage,$0.05 per NAT Gateway Hour,0.05,Hours,us-west-2,USD,2024-09-03,X"
    rows, refused = _rows(nat.format(p="0.045", d="2024-09-01"), other)
    assert rows == [] and "listed at 0.045 and at 0.05" in refused[0]


@pytest.mark.parametrize("line", [
    # a tiered rate: the other tiers are not in the export, and a flat row would price past the tier
    'AWS,AWS Lambda,Usage,AWS Lambda - Total Requests - first tier,0.0000002,Requests,us-east-2,USD,2024-09-01,L',
    # not a usage row, another provider, no region, a zero or unreadable price
    'AWS,AWS Lambda,Credit,AWS Lambda - Total Requests - US East (Ohio),0.0000002,Requests,us-east-2,USD,2024-09-01,L',
    'Microsoft,AWS Lambda,Usage,AWS Lambda - Total Requests - US East (Ohio),0.0000002,Requests,us-east-2,USD,2024-09-01,L',
    'AWS,AWS Lambda,Usage,AWS Lambda - Total Requests - US East (Ohio),0.0000002,Requests,NULL,USD,2024-09-01,L',
    'AWS,AWS Lambda,Usage,AWS Lambda - Total Requests - US East (Ohio),0,Requests,us-east-2,USD,2024-09-01,L',
    'AWS,AWS Lambda,Usage,AWS Lambda - Total Requests - US East (Ohio),two,Requests,us-east-2,USD,2024-09-01,L',
    'AWS,AWS Lambda,Usage,AWS Lambda - Total Requests - US East (Ohio),0.0000002,Requests,us-east-2,USD,NULL,L',
])
def test_rows_that_are_no_flat_list_price_are_left_out(line: str) -> None:
    rows, _ = _rows(line)
    assert rows == []
