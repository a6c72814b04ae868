"""The counter's side of the sync: the outbox push, the pull, the audit anchors."""
