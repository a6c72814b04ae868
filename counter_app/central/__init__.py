"""What the counter's sync and the card centre share of the central database."""
