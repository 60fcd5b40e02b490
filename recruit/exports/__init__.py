"""Exports: seekers (ID numbers masked), postings and applications as XLSX or CSV, each one audited."""
