"""Pure decisions: budgets, forecasts, TTL and idle rules. Time is passed in, never read."""
