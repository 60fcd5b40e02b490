"""Importing seekers, employers and postings from XLSX or CSV files, row by row through the services."""
