"""Blank cards at a site: received from the card centre, issued, spoiled (a failed print or
chip), and in the printer now (taken, outcome not yet known). What should be in the
drawer is the rest."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Stock:
    received: int = 0     # blanks the card centre delivered to the site
    issued: int = 0       # cards handed over
    spoiled: int = 0      # blanks a failed print or chip spoiled
    pending: int = 0      # blanks in the printer: taken, outcome not yet recorded

    @property
    def used(self) -> int:
        return self.issued + self.spoiled + self.pending

    @property
    def expected(self) -> int:
        """Blanks that should be in stock: received − issued − spoiled (− in the printer)."""
        return self.received - self.used

    def plus(self, *, issued: int = 0, spoiled: int = 0, pending: int = 0) -> Stock:
        return Stock(self.received, self.issued + issued, self.spoiled + spoiled,
                     self.pending + pending)
