"""Which price-query shapes each ingester produces: the contract between ingest and cost functions.

A :class:`Shape` says: rows of this vendor, service (or any), product family (or any) carry exactly these
attribute keys, for these purchase options, from this source. A query is *produced* when some shape has its
vendor and service, its family (or the query names none), its purchase option, and every attribute key the
query names (a query may name a subset: the catalog matches subsets, see ``pricing/CONVENTIONS.md``).
``live`` shapes come from a source ``costlib pricing refresh`` can fetch; the others only from the embedded
tables (and curated rows, which can carry any shape and are not listed here).

>>> from costlib.models import PriceQuery
>>> produces(PriceQuery(vendor="aws", service="AWSLambda", region="us-west-2", attributes={"usagetype": "Request"}))
True
>>> produces(PriceQuery(vendor="aws", service="AmazonEC2", region="us-west-2", product_family="Storage",
...                     attributes={"usagetype": "EBS:VolumeUsage.gp3"}))
False
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from costlib.catalog.ingest.aws import COLLAPSED_VIEWS, FAMILY_KEYS, USAGE_KEYS
from costlib.catalog.ingest.gcp import SKU_FAMILIES
from costlib.models import PriceQuery, PurchaseOption

__all__ = ["SHAPES", "Shape", "produces", "shapes_for"]

_AWS_OPTIONS = frozenset({PurchaseOption.ON_DEMAND, PurchaseOption.RESERVED})
_AZURE_OPTIONS = frozenset(PurchaseOption)
_GCP_OPTIONS = frozenset({PurchaseOption.ON_DEMAND, PurchaseOption.SPOT})


@dataclass(frozen=True, slots=True)
class Shape:
    """Rows an ingester produces: ``service``/``family`` None means any; ``except_families`` are (service, family)
    pairs a wildcard shape does not cover (they have their own shape)."""

    vendor: str
    service: str | None
    family: str | None
    keys: frozenset[str]
    options: frozenset[str]
    source: str
    live: bool = True
    except_families: frozenset[tuple[str, str]] = frozenset()

    def matches(self, query: PriceQuery) -> bool:
        if query.vendor != self.vendor or query.purchase_option not in self.options:
            return False
        if self.service is not None and query.service != self.service:
            return False
        if self.family is not None and query.product_family is not None and query.product_family != self.family:
            return False
        if query.product_family is not None and (query.service, query.product_family) in self.except_families:
            return False
        return set(query.attrs) <= self.keys


def _aws_shapes() -> list[Shape]:
    out = [Shape("aws", svc, fam, frozenset(keys), _AWS_OPTIONS, "aws-bulk, aws-query-api")
           for (svc, fam), keys in FAMILY_KEYS.items()]
    out += [Shape("aws", svc, fam, frozenset(keys), _AWS_OPTIONS, "aws-bulk (one price for all products)")
            for (svc, fam), views in COLLAPSED_VIEWS.items() for keys in views]
    out.append(Shape("aws", None, None, frozenset(USAGE_KEYS), _AWS_OPTIONS, "aws-bulk, aws-query-api",
                     except_families=frozenset(FAMILY_KEYS)))
    out.append(Shape("aws", None, None, frozenset(USAGE_KEYS), frozenset({PurchaseOption.SAVINGS_PLAN}),
                     "aws-savings-plans"))
    ec2 = FAMILY_KEYS[("AmazonEC2", "Compute Instance")]
    out.append(Shape("aws", "AmazonEC2", "Compute Instance", frozenset(ec2), frozenset({PurchaseOption.SPOT}),
                     "ec2instances-opszero (average spot; embedded only)", live=False))
    return out


def _azure_shapes() -> list[Shape]:
    return [Shape("azure", "Virtual Machines", None, frozenset({"armSkuName", "os"}), _AZURE_OPTIONS, "azure-retail"),
            Shape("azure", None, None, frozenset({"productName", "skuName", "meterName"}), _AZURE_OPTIONS,
                  "azure-retail", except_families=frozenset())]


def _gcp_shapes() -> list[Shape]:
    out = [Shape("gcp", f.service, f.family, frozenset(f.keys), _GCP_OPTIONS, f"gcp-catalog ({f.catalog_service})")
           for f in SKU_FAMILIES]
    out.append(Shape("gcp", "Compute Engine", "Compute Instance", frozenset({"machineType"}), _GCP_OPTIONS,
                     "gcp-catalog (core + RAM SKUs x machine-type sizes)"))
    out.append(Shape("gcp", None, None, frozenset({"description"}), _GCP_OPTIONS,
                     "gcp-catalog (any other SKU, by its description)"))
    out.append(Shape("gcp", "Compute Engine", "Network", frozenset({"resource", "destination"}), _GCP_OPTIONS,
                     "cyclenerd-gcp (internet egress tiers; embedded only)", live=False))
    out.append(Shape("gcp", "Compute Engine", "Network", frozenset({"resource"}), _GCP_OPTIONS,
                     "cyclenerd-gcp (VPN tunnel; embedded only)", live=False))
    out.append(Shape("gcp", "Cloud Storage", "Data Retrieval", frozenset({"storageClass", "locationType"}),
                     _GCP_OPTIONS, "cyclenerd-gcp (retrieval; embedded only)", live=False))
    return out


#: Every shape the ingesters produce.
SHAPES: tuple[Shape, ...] = (*_aws_shapes(), *_azure_shapes(), *_gcp_shapes())


def shapes_for(query: PriceQuery, *, live: bool = False, shapes: Iterable[Shape] = SHAPES) -> list[Shape]:
    """The shapes that produce ``query`` (only live ones with ``live=True``).

    >>> q = PriceQuery(vendor="gcp", service="Cloud SQL", region="europe-west4", attributes={"resource": "vcpu"})
    >>> [s.source for s in shapes_for(q)]
    ['gcp-catalog (Cloud SQL)']
    """
    return [s for s in shapes if s.matches(query) and (s.live or not live)]


def produces(query: PriceQuery, *, live: bool = False) -> bool:
    """True where some ingester produces rows ``query`` can match (with ``live=True``: a refresh can fetch them).

    >>> produces(PriceQuery(vendor="azure", service="Storage", region="eastus", attributes={"skuName": "P10 LRS"}))
    True
    """
    return bool(shapes_for(query, live=live))
