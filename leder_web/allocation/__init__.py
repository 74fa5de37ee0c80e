"""Allocating cases to reviewers, and holds."""
