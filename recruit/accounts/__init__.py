"""Accounts: users of the four roles, sign-in and sessions."""
