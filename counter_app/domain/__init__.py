"""Business types, value objects and rules. Plain Python: no Qt, no database."""
