"""Azure Retail Prices API: items and pages into rows.

Normalisation (``pricing/CONVENTIONS.md``): service = ``serviceName``; family = ``serviceFamily``;
attributes = ``productName``, ``skuName``, ``meterName`` — except Virtual Machines, which are selected by
``armSkuName`` and the derived ``os`` (``Windows`` when the product name ends in "Windows").
``type`` Consumption -> on_demand (Spot SKUs -> spot; Low Priority SKUs are dropped: retired product),
DevTestConsumption -> dev_test (Dev/Test Spot meters are dropped), Reservation -> reserved with term
"1 Year"/"3 Years" and unit ``Term``: the API's reservation price is the total for the whole term. Cloud
Services and Dedicated Host meters of the Virtual Machines service are dropped: they reuse VM size names at
other prices. ``savingsPlan`` prices on an item become
``savings_plan`` rows with their own terms. ``tierMinimumUnits`` makes tiers.

>>> row = next(rows_from_items([{"currencyCode": "USD", "tierMinimumUnits": 0, "retailPrice": 0.096,
...     "unitPrice": 0.096, "armRegionName": "eastus", "effectiveStartDate": "2024-01-01T00:00:00Z",
...     "meterName": "D2s v5", "productName": "Virtual Machines Dsv5 Series", "skuName": "D2s v5",
...     "serviceName": "Virtual Machines", "serviceFamily": "Compute", "unitOfMeasure": "1 Hour",
...     "type": "Consumption", "armSkuName": "Standard_D2s_v5"}], source="azure-retail"))
>>> row.attributes, row.purchase_option, row.price
({'armSkuName': 'Standard_D2s_v5', 'os': 'Linux'}, 'on_demand', Decimal('0.096'))
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from datetime import date
from decimal import Decimal
from typing import Any

from costlib.catalog.ingest._common import Refused, dec, implausible
from costlib.catalog.rows import PriceRow
from costlib.errors import InputError
from costlib.models import PurchaseOption

__all__ = ["PRICE_TYPES", "arm_sku_name", "parse_page", "price_type", "rows_from_items", "vm_os"]

#: The Retail Prices API ``priceType`` that carries each costlib purchase option (savings-plan prices come on
#: the Consumption items, in their ``savingsPlan`` list, from api-version 2023-01-01-preview on).
PRICE_TYPES = {PurchaseOption.ON_DEMAND: "Consumption", PurchaseOption.SPOT: "Consumption",
               PurchaseOption.SAVINGS_PLAN: "Consumption", PurchaseOption.DEV_TEST: "DevTestConsumption",
               PurchaseOption.RESERVED: "Reservation"}


def price_type(purchase_option: str) -> str:
    """The ``priceType`` to filter on for a purchase option.

    >>> price_type("reserved"), price_type("spot")
    ('Reservation', 'Consumption')
    """
    return PRICE_TYPES[PurchaseOption(purchase_option)]


def vm_os(product_name: str) -> str:
    """``Windows`` or ``Linux`` from a Virtual Machines product name."""
    return "Windows" if product_name.rstrip().endswith("Windows") else "Linux"


def _plain_vm(product_name: str) -> bool:
    """A virtual machine product (not Cloud Services or Dedicated Host, which share the VM size names).

    >>> _plain_vm("Virtual Machines Bsv2 Series"), _plain_vm("Virtual Machines Bsv2 Series Cloud Services")
    (True, False)
    """
    name = product_name.strip()
    return not name.endswith(("Cloud Services", "CloudServices", "Dedicated Host")) and "Dedicated Host" not in name


def arm_sku_name(sku_name: str) -> str:
    """The ARM size name of a VM meter's sku name: ``D2s v5 Spot`` -> ``Standard_D2s_v5``.

    >>> arm_sku_name("D2s v5 Spot"), arm_sku_name("Standard_D16as_v5")
    ('Standard_D2s_v5', 'Standard_D16as_v5')
    """
    base = sku_name.removesuffix(" Spot").removesuffix(" Low Priority").strip()
    if base.startswith(("Standard_", "Basic_")):
        return base.replace(" ", "_")
    return "Standard_" + base.replace(" ", "_")


def _option(item: Mapping[str, Any]) -> tuple[str, str] | None:
    kind = str(item.get("type", "Consumption"))
    sku = str(item.get("skuName", ""))
    if sku.endswith(" Low Priority"):
        return None
    if kind == "Consumption":
        return (PurchaseOption.SPOT if sku.endswith(" Spot") else PurchaseOption.ON_DEMAND), ""
    if kind == "DevTestConsumption":  # a Dev/Test Spot meter is not the Spot price (no licence charge): dropped
        return None if sku.endswith(" Spot") else (PurchaseOption.DEV_TEST, "")
    if kind == "Reservation":
        return PurchaseOption.RESERVED, str(item.get("reservationTerm", ""))
    return None


def _attributes(item: Mapping[str, Any]) -> dict[str, str]:
    service = str(item.get("serviceName", ""))
    if service == "Virtual Machines":
        arm = str(item.get("armSkuName") or "") or arm_sku_name(str(item.get("skuName", "")))
        return {"armSkuName": arm, "os": vm_os(str(item.get("productName", "")))}
    return {k: str(item[k]) for k in ("productName", "skuName", "meterName") if item.get(k)}


def rows_from_items(items: Iterable[Mapping[str, Any]], *, source: str, source_url: str = "",
                    service: str | None = None, default_date: date | None = None,
                    where: str = "azure retail prices", refused: Refused | None = None) -> Iterator[PriceRow]:
    """Rows from Retail Prices API items; tiers (``tierMinimumUnits``) of one meter are merged into one row.

    ``service`` and ``default_date`` fill in fields missing from reduced item tables. Prices that cannot be real
    (negative, above the plausible bound, $0 on a meter without a free tier) are left out and passed to
    ``refused`` with the meter named.
    """

    def refuse(here: str, item: Mapping[str, Any], why: str) -> None:
        if refused is not None:
            refused(f"{here} (skuId {item.get('skuId', '?')}, meterId {item.get('meterId', '?')}, "
                    f"{item.get('productName', '')} {item.get('meterName', '')}): {why}")

    pending: dict[tuple[str, ...], list[tuple[Decimal, PriceRow]]] = {}
    for n, item in enumerate(items):
        here = f"{where} item {n}"
        option = _option(item)
        if option is None:
            continue
        purchase, term = option
        region = str(item.get("armRegionName") or "")
        if not region:
            continue  # global meters without a region are not priced per region here
        full = {**item, "serviceName": item.get("serviceName") or service or ""}
        if not full["serviceName"]:
            raise InputError("item has no serviceName", where=here)
        if full["serviceName"] == "Virtual Machines" and not _plain_vm(str(item.get("productName", ""))):
            continue  # Cloud Services and Dedicated Host meters share VM sizes but are other products
        eff_text = str(item.get("effectiveStartDate") or "")[:10]
        eff = date.fromisoformat(eff_text) if eff_text else default_date
        if eff is None:
            raise InputError("item has no effectiveStartDate", where=here)
        currency = str(item.get("currencyCode") or "USD")
        unit = "Term" if purchase == PurchaseOption.RESERVED else str(item.get("unitOfMeasure", ""))
        price_value = item.get("unitPrice", item.get("retailPrice"))
        if price_value is None:
            raise InputError("item has no unitPrice", where=here)
        amount = dec(price_value, where=here)
        why = implausible([amount], free_ok=True)
        if why is not None:
            refuse(here, item, why)
            continue
        row = PriceRow(vendor="azure", service=str(full["serviceName"]), region=region,
                       product_family=str(item.get("serviceFamily") or ""), attributes=_attributes(full), unit=unit,
                       price=amount, currency=currency, effective_date=eff, source=source,
                       purchase_option=purchase, term=term, sku=str(item.get("skuId") or ""),
                       description=f"{item.get('productName', '')} {item.get('meterName', '')}".strip(),
                       source_url=source_url)
        tier = dec(item.get("tierMinimumUnits", 0) or 0, where=here)
        pending.setdefault((*row.key, str(item.get("meterId", ""))), []).append((tier, row))
        for plan in item.get("savingsPlan") or []:
            plan_price = dec(plan.get("unitPrice", plan.get("retailPrice")), where=f"{here} savingsPlan")
            why = implausible([plan_price], free_ok=False)
            if why is not None:
                refuse(f"{here} savingsPlan {plan.get('term', '')}", item, why)
                continue
            yield PriceRow(vendor="azure", service=row.service, region=region, product_family=row.product_family,
                           attributes=row.attributes, unit=row.unit, price=plan_price,
                           currency=currency, effective_date=eff, source=source,
                           purchase_option=PurchaseOption.SAVINGS_PLAN, term=str(plan.get("term", "")),
                           sku=row.sku, description=row.description, source_url=source_url)
    for group_key, group in pending.items():
        newest: dict[Decimal, PriceRow] = {}
        clash = False
        for start, candidate in group:  # the same meter listed twice (price history): the newest date wins
            known = newest.get(start)
            if known is not None and known.effective_date == candidate.effective_date and known.price != candidate.price:
                clash = True  # two products on one key at the same date (a table without meter ids): neither is used
            if known is None or candidate.effective_date >= known.effective_date:
                newest[start] = candidate
        if clash:
            continue
        bands = sorted(newest.items(), key=lambda b: b[0])
        base = bands[0][1]
        if len(bands) > 1:
            tiers = tuple((start, bands[i + 1][0] if i + 1 < len(bands) else None, r.price)
                          for i, (start, r) in enumerate(bands))
            base = PriceRow(**{**{f: getattr(base, f) for f in base.__dataclass_fields__}, "tiers": tiers})
        if base.price == 0 and not base.tiers and base.purchase_option != PurchaseOption.DEV_TEST:
            # a $0 meter is only kept when it is a real free allowance, which comes as a tier
            if refused is not None:
                refused(f"{where} ({base.service} {base.region} skuId {base.sku or '?'}, meterId {group_key[-1] or '?'}, "
                        f"{dict(base.attributes)}): price 0 on a meter that is not free")
            continue
        yield base


def parse_page(doc: Mapping[str, Any], *, where: str) -> tuple[list[Mapping[str, Any]], str | None]:
    """``(items, next_page_link)`` of one API page; raises InputError on a page of another shape."""
    items = doc.get("Items", doc.get("items"))
    if not isinstance(items, list):
        raise InputError("not a Retail Prices API page (no Items list)", where=where)
    link = doc.get("NextPageLink")
    return items, (str(link) if link else None)
