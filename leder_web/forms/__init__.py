"""Form classes by feature, with shared GOV.UK wording helpers."""
