"""Postings: the openings employers offer at events."""
