"""The card centre's work on the central database: production, dispatch, notices, the
30-day promise. Qt-free; the console (counter_app/qt/) and the CLI call these."""
