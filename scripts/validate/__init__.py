"""Validation of records and exports against the schema and its rules."""
