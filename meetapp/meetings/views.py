"""Meeting views (to be filled)."""
