"""Employers: company registration, review by the bureau."""
