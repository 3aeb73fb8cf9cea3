"""Actual-spend sources normalised to FOCUS-shaped records."""
