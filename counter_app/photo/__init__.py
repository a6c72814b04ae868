"""Photos: frame sources, checks to the card photo standard, cropping and encoding."""
