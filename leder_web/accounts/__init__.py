"""Signing in and out, and the ICB LeDeR team's contact details its LAC keeps."""
