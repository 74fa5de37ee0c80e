"""Pages anyone may read: start, accessibility, privacy, cookies, help."""
