"""The family-contact log: the log for the case team, the summary for panel members, the
"Do not contact" warning on every case page and follow-ups on the reviewer's home page."""
