"""Operators, roles, password hashing and the audit trail."""
