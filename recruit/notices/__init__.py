"""Notices: the in-app messages that tell people what happened to their applications, postings and company."""
