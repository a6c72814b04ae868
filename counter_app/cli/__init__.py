"""`counter-app`'s command line: one module per command group, `main` the entry point."""

from counter_app.cli.main import main

__all__ = ["main"]
