"""Who has seen and changed a case's record, and the national team's search of the audit log."""
