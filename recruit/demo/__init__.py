"""Demo data for the two events of the seed report."""
