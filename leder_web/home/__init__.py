"""Each role's home page, made of the sections features add."""
