"""Matching: seeker–posting scores with their reasons, recommendations both ways, and placement."""
