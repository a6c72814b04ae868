"""The frozen program's entry point: the same `counter-app` command as the wheel's."""

import sys

from counter_app.cli import main

if __name__ == "__main__":
    sys.exit(main())
