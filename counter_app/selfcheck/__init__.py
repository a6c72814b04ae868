"""The counter's self-check: what it can tell about itself before staff start a queue.

Each check takes plain inputs (a folder, a measured time, a probe's answer) and returns an
`Item`: its state (ok, warning, blocking) and a reason in words staff understand, as an
English template marked QT_TRANSLATE_NOOP("messages", ...) and its parameters, translated
where it is shown. Nothing here imports Qt, the services or the window: the printer's
probe (QPrinterInfo) is the window's, and the service (services/selfcheck.py) puts the
inputs together, keeps the last results and gates new applications.

- `items`: states, check names, Item and Report.
- `disk`: free space on the data folder's filesystem.
- `clock`: this computer's clock against the central server's (PostgreSQL now()).
- `backlog`: the last successful sync and the oldest application not yet sent.
- `devices`: printer, cameras, ID-card reader present.
- `version`: this version against the published one.
"""

from counter_app.selfcheck.items import CHECK_NAMES, GATES, Check, Item, Report, State

__all__ = ["CHECK_NAMES", "GATES", "Check", "Item", "Report", "State"]
