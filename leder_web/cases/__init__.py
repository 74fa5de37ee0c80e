"""A case: its overview and history tabs, and the lists of cases with their clock."""
