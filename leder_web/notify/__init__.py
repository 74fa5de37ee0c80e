"""Notify a death: the public form, which staff use too."""
