"""GCP Vertex AI endpoints: the nodes of the models deployed to them.

Pricing: https://cloud.google.com/vertex-ai/pricing#prediction-prices - an endpoint has no charge of its own; each
model deployed to it is billed per node-hour by machine type (at Vertex AI prediction rates, not Compute Engine's)
for as long as it is deployed, at least its minimum replica count. A plan does not carry the deployed models, so
the machine type and node count come from usage.
"""

from __future__ import annotations

from decimal import Decimal

from costlib.models import CostComponent
from costlib.resources._q import gcp, running, usage_based
from costlib.resources.registry import resource
from costlib.resources.schema import HOURS_IN_MONTH, Count, GcpInputs, Usage, usage_key

__all__ = ["google_vertex_ai_endpoint"]


class Endpoint(GcpInputs):
    location: str | None = None


class EndpointUsage(Usage):
    machine_type: str | None = usage_key("Machine type of the deployed model's nodes", unit="word")
    nodes: Count | None = usage_key("Nodes serving the deployed models (at least the minimum replicas)",
                                    unit="nodes")
    monthly_hrs: HOURS_IN_MONTH | None = usage_key("Hours a month the model is deployed (default 730)",
                                                   unit="hours")


@resource("google_vertex_ai_endpoint", example={"location": "us-central1"})
def google_vertex_ai_endpoint(i: Endpoint, u: EndpointUsage) -> list[CostComponent]:
    """An endpoint: usage ``nodes`` (default 1) x ``machine_type`` prediction node-hours (``monthly_hrs``).

    Pricing: https://cloud.google.com/vertex-ai/pricing#prediction-prices
    """
    if u.machine_type is None:
        return [usage_based("Prediction nodes", gcp("Vertex AI", i.region, resource="prediction-node",
                                                    machineType="n1-standard-2"), None, unit="node-hours",
                            usage_key="machine_type",
                            note="set usage machine_type and nodes for the deployed model (n1-standard-2 shown)")]
    nodes = Decimal(u.nodes if u.nodes is not None else 1)
    return [running(f"Prediction nodes ({nodes} x {u.machine_type})",
                    gcp("Vertex AI", i.region, resource="prediction-node", machineType=u.machine_type), nodes,
                    u.monthly_hrs, unit="node-hours")]
