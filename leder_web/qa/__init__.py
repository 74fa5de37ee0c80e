"""Quality assurance of submitted reviews by a senior reviewer."""
