"""Pure cost functions, one module per service family per cloud, registered by resource type."""
