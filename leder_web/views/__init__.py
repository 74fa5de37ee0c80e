"""Blueprints by audience and feature. Views parse the request, call services and render."""
