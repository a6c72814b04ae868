"""Cold start: process start to the login window shown (offscreen). Aim: under 1.5 s.

The login window shows before the database opens (that happens on a worker thread while
staff type), so this measures what staff wait for, not the database.
"""

import os
import subprocess
import sys

from tests.benchmarks.budget import within_budget


def start_until_login_shown(env):
    subprocess.run([sys.executable, "-m", "counter_app", "gui", "--exit-when-shown"],
                   env=env, check=True, timeout=60)


def test_cold_start_to_login_window(benchmark, tmp_path):
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen",
           "COUNTER_DATA_DIR": str(tmp_path / "data"),
           "COUNTER_CONFIG_DIR": str(tmp_path / "config")}
    start_until_login_shown(env)  # first run compiles the translations into the cache
    benchmark.pedantic(start_until_login_shown, args=(env,), rounds=5, iterations=1)
    within_budget(benchmark.stats["median"], 1.5, "cold start to login window (median)",
                  unit="s")
