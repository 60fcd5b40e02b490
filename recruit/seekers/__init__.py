"""Seekers: registration, profile, consent."""
