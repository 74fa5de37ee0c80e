"""The review journey: the task list, its sections and submission for quality assurance."""
