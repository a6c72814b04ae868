"""Batch intake: spreadsheets of applicants collected by village committees and communities."""
