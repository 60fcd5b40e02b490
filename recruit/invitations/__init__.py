"""Invitations: an employer asks a recommended seeker to apply, the seeker accepts or declines."""
