"""Account administration views (to be filled)."""
