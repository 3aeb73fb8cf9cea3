"""AWS cost functions, one module per service family."""
