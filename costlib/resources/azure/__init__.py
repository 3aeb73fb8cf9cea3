"""Azure cost functions, one module per service family."""
