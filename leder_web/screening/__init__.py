"""Screening new notifications: the LAC's queue and decision."""
