"""Azure types known to cost money that costlib does not price yet, each with the reason an estimate shows."""

from costlib.resources.registry import not_yet

not_yet("not priced yet: Azure AI services bill per transaction of each kind and per token of each model, and "
        "their meters are named per model and deployment type (no rule derives them); provisioned throughput "
        "units are not mapped either",
        "azurerm_cognitive_account",
        "azurerm_cognitive_deployment",
        )
not_yet("an App Service certificate bills a yearly fee by product type (Standard or WildCard); its Retail Prices "
        "meter is not mapped yet",
        "azurerm_app_service_certificate_order")
