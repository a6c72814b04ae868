"""A card encoder that writes nothing, for tests, the demo and `counter-app card issue`.

    SimulatedEncoder(fail_next=0, delay_s=0.0)
        .personalise(card)   waits delay_s, then fails (EncodingFailed) while fail_next > 0
                             (each failure counts it down), else records the card
        .fail_next           may be set at any time: the next N cards fail
        .personalised        the cards written, in order

It checks the data as the PC/SC encoder's default script does (a name too long for the
chip fails here too), so the demo meets what a real encoder would refuse.
"""

from __future__ import annotations

import threading
import time

from counter_app.encoders.base import REASON_SIMULATED, CardData, EncodingFailed
from counter_app.encoders.pcsc import chip_records


class SimulatedEncoder:
    def __init__(self, fail_next: int = 0, delay_s: float = 0.0) -> None:
        if fail_next < 0 or delay_s < 0:
            raise ValueError("fail_next and delay_s must not be negative")
        self.fail_next = fail_next
        self.delay_s = delay_s
        self.personalised: list[CardData] = []
        self._lock = threading.Lock()  # one card in the encoder at a time

    def personalise(self, card: CardData) -> None:
        with self._lock:
            if self.delay_s:
                time.sleep(self.delay_s)
            if self.fail_next > 0:
                self.fail_next -= 1
                raise EncodingFailed(REASON_SIMULATED)
            chip_records(card)
            self.personalised.append(card)
