"""Counter: social-security-card intake at the window."""

__version__ = "0.1.0"
