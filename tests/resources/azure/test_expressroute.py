"""Table tests: costlib.resources.azure.expressroute (https://azure.microsoft.com/pricing/details/virtual-wan/)."""

import pytest

from costlib.errors import InputError
from tests.resources.azure.queries import components_of
from tests.resources.table import Case, table_test

VW = "Virtual WAN meterName={s} productName=Virtual WAN skuName={s}"

CASES = [
    Case("one scale unit", "azurerm_express_route_gateway", {"scale_units": 1}, [
        ("ExpressRoute scale units (1)", "730 unit-hours", VW.format(s="ExpressRoute Scale Unit")),
    ]),
    Case("seven scale units: two at the additional rate", "azurerm_express_route_gateway", {"scale_units": 7}, [
        ("ExpressRoute scale units (5)", "3650 unit-hours", VW.format(s="ExpressRoute Scale Unit")),
        ("ExpressRoute additional scale units (2)", "1460 unit-hours",
         VW.format(s="ExpressRoute Additional Scale Unit")),
    ]),
    Case("connection", "azurerm_express_route_connection", {"routing_weight": 0}, [
        ("ExpressRoute connection unit", "730 hours", VW.format(s="ExpressRoute Connection Unit")),
    ]),
]

test_table = table_test(CASES)


def test_scale_units_beyond_ten_are_refused() -> None:
    with pytest.raises(InputError, match="1 to 10 scale units"):
        components_of("azurerm_express_route_gateway", {"scale_units": 11})
