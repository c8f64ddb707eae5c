"""Directory views (to be filled)."""
