"""Table tests: costlib.resources.azure.functions (Consumption executions and GB-seconds)."""

from tests.resources.table import Case, table_test

CASES = [
    Case(
        "consumption: 1M executions of 50 ms at 200 MB: 100 ms minimum, 256 MB rounding",
        "azurerm_linux_function_app",
        {},
        [
            ("Executions", "100000 10 executions", "Functions meterName=Standard Total Executions productName=Functions"),
            ("Execution time", "25000 GB-seconds", "Functions meterName=Standard Execution Time productName=Functions"),
        ],
        usage={"monthly_executions": 1000000, "execution_duration_ms": 50, "memory_mb": 200},
    ),
    Case(
        "consumption: 3M executions of 1.2 s at the default 128 MB",
        "azurerm_windows_function_app",
        {},
        [
            ("Executions", "300000 10 executions", "Functions meterName=Standard Total Executions productName=Functions"),
            ("Execution time", "450000 GB-seconds", "Functions meterName=Standard Execution Time productName=Functions"),
        ],
        usage={"monthly_executions": 3000000, "execution_duration_ms": 1200},
    ),
    Case(
        "legacy function app without usage: price per unit",
        "azurerm_function_app",
        {},
        [
            ("Executions", "? 10 executions", "Functions meterName=Standard Total Executions productName=Functions"),
            ("Execution time", "? GB-seconds", "Functions meterName=Standard Execution Time productName=Functions"),
        ],
    ),
]

test_table = table_test(CASES)
