"""Azure Functions apps (the legacy type, Linux and Windows).

Pricing: https://azure.microsoft.com/pricing/details/functions/ - on the Consumption plan, executions (per
million) and execution time (GB-seconds: memory rounded up to the next 128 MB, at least 100 ms per execution).
The monthly grant (1 million executions and 400,000 GB-s) is per subscription, so it is not applied to one app.
On Premium (EP) and Dedicated (App Service) plans the app has no charge of its own: the plan is priced (the app
does not say which plan it runs on; give no execution usage then).
"""

from __future__ import annotations

import math
from decimal import Decimal

from costlib.models import CostComponent
from costlib.resources._q import azure, usage_based
from costlib.resources.registry import resource
from costlib.resources.schema import MB, AzureInputs, Milliseconds, Quantity, Usage, usage_key

__all__ = ["azurerm_function_app", "azurerm_linux_function_app", "azurerm_windows_function_app",
           "consumption_components"]

_GRANT = ("the monthly grant of 1M executions and 400,000 GB-s is per subscription: not applied to one app")


class FunctionUsage(Usage):
    """Infracost's keys for a function app on the Consumption plan."""

    monthly_executions: Quantity | None = usage_key("Executions a month (Consumption plan)", unit="executions")
    execution_duration_ms: Milliseconds | None = usage_key("Average duration of an execution (Consumption plan)",
                                                           unit="ms")
    memory_mb: MB | None = usage_key("Average memory of an execution (Consumption plan; rounded up to 128 MB)",
                                     unit="MB", default=Decimal(128))


def consumption_components(region: str, u: FunctionUsage) -> list[CostComponent]:
    """Executions (billed per 10) and GB-seconds of a Consumption-plan app.

    >>> [c.monthly_quantity for c in consumption_components("eastus", FunctionUsage(monthly_executions=1_000_000,
    ...     execution_duration_ms=50, memory_mb=200))]
    [Decimal('100000'), Decimal('25000.000')]
    """
    execs = u.monthly_executions
    gb_s: Decimal | None = None
    if execs is not None and u.execution_duration_ms is not None:
        memory = Decimal(max(1, math.ceil((u.memory_mb or Decimal(128)) / 128)) * 128) / Decimal(1024)
        seconds = max(Decimal(100), Decimal(math.ceil(u.execution_duration_ms))) / Decimal(1000)
        gb_s = execs * seconds * memory
    return [
        usage_based("Executions", azure("Functions", region, productName="Functions",
                                        meterName="Standard Total Executions"),
                    None if execs is None else execs / Decimal(10), unit="10 executions",
                    usage_key="monthly_executions", note=_GRANT),
        usage_based("Execution time", azure("Functions", region, productName="Functions",
                                            meterName="Standard Execution Time"),
                    gb_s, unit="GB-seconds", usage_key="execution_duration_ms", note=_GRANT),
    ]


class FunctionApp(AzureInputs):
    pass


@resource("azurerm_function_app", example={})
def azurerm_function_app(i: FunctionApp, u: FunctionUsage) -> list[CostComponent]:
    """A function app (legacy type): Consumption-plan executions and GB-seconds from usage; on a Premium or
    Dedicated plan the plan is billed instead.

    Pricing: https://azure.microsoft.com/pricing/details/functions/
    """
    return consumption_components(i.region, u)


@resource("azurerm_linux_function_app", example={})
def azurerm_linux_function_app(i: FunctionApp, u: FunctionUsage) -> list[CostComponent]:
    """A Linux function app: as azurerm_function_app.

    Pricing: https://azure.microsoft.com/pricing/details/functions/
    """
    return consumption_components(i.region, u)


@resource("azurerm_windows_function_app", example={})
def azurerm_windows_function_app(i: FunctionApp, u: FunctionUsage) -> list[CostComponent]:
    """A Windows function app: as azurerm_function_app.

    Pricing: https://azure.microsoft.com/pricing/details/functions/
    """
    return consumption_components(i.region, u)
