"""Dashboards: the programme's key figures for an ICB, a region or England, for a period."""
