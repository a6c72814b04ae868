"""Instant issuance (即时制卡) as plain values, without a database: card-number blocks and
the runs counters reserve of them, the rules section that governs it, and the stock of
blank cards. The central side (counter_app.central.device_instant), the counter's sync
(counter_app.sync.card_stock) and the service (counter_app.services.issuance) build on
these; the card's face and chip are counter_app.cardface and counter_app.encoders."""
