"""Escalations from a LAC to the regional coordinator, and transfers between regions."""
