"""Pure decisions: budgets, forecasts, anomalies, TTL and idle rules. Time is passed in, never read.

- :func:`~costlib.policy.budgets.evaluate_budgets`, :func:`~costlib.policy.budgets.evaluate_anomalies`,
  :func:`~costlib.policy.budgets.forecast`
- :func:`~costlib.policy.ttl.evaluate_environments`, :func:`~costlib.policy.ttl.expiry_of`
- :class:`~costlib.policy.alerts.Alert`: what the daemon records and delivers (its key is its id).
- :mod:`~costlib.policy.savings`: savings rules (a resource in, priced alternatives compared, findings out).
- :mod:`~costlib.policy.guardrails`: the policy file (``costlib.yml``) and its evaluation over an estimate.
- :mod:`~costlib.policy.facts`: a resource's tags, environment and size, read the same way by both.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from costlib.lazy import lazy_names

if TYPE_CHECKING:  # imported on first use (``__getattr__`` below): the estimate path needs only savings and facts
    from costlib.policy.alerts import Alert, AlertKind, Severity
    from costlib.policy.budgets import Budget, BudgetStatus, Threshold, evaluate_anomalies, evaluate_budgets
    from costlib.policy.ttl import Environment, EnvState, TtlRules, evaluate_environments, parse_duration

__all__ = ["Alert", "AlertKind", "Budget", "BudgetStatus", "EnvState", "Environment", "Severity", "Threshold",
           "TtlRules", "evaluate_anomalies", "evaluate_budgets", "evaluate_environments", "parse_duration"]

_MODULES = {"Alert": "alerts", "AlertKind": "alerts", "Severity": "alerts", "Budget": "budgets",
            "BudgetStatus": "budgets", "Threshold": "budgets", "evaluate_anomalies": "budgets",
            "evaluate_budgets": "budgets", "Environment": "ttl", "EnvState": "ttl", "TtlRules": "ttl",
            "evaluate_environments": "ttl", "parse_duration": "ttl"}


__getattr__, __dir__ = lazy_names(__name__, {name: f".{module}" for name, module in _MODULES.items()}, globals())
