"""Outbox push to the central database (pull, fencing and the full protocol: issue 6)."""
