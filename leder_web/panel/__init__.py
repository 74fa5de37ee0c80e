"""The ICB's local governance group (the panel)."""
